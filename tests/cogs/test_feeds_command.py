"""/feeds through the real client: what an operator sees of feed addresses and typed text."""

from __future__ import annotations

import re

import pytest
from fakediscord import OWNER_ID, FakeDiscord

from bot.client import NegoBot
from bot.feeds import list_feeds

pytestmark = pytest.mark.asyncio(loop_scope="session")

# Discord's autolink: what is between < and > is a link, shown as typed and never formatted.
AUTOLINK = re.compile(r"<https?://[^\s>]+>")
ODD_URL = "https://example.org/rss>**bold** @everyone"


def feeds(sub: str, **values: str) -> list[dict[str, object]]:
    options = [{"name": k, "type": 3, "value": v} for k, v in values.items()]
    return [{"name": sub, "type": 1, "options": options}]


def outside_links(text: str) -> str:
    return AUTOLINK.sub("<link>", text)


async def test_a_feed_address_is_one_inert_link(bot: NegoBot, fake: FakeDiscord) -> None:
    added = await fake.interact("feeds", feeds("add", url=ODD_URL), user_id=OWNER_ID)
    assert added.ephemeral and added.text().startswith("Following <https://example.org/rss")
    assert [f.url for f in await list_feeds(bot.engine.db)] == [ODD_URL]

    listed = await fake.interact("feeds", feeds("list"), user_id=OWNER_ID)
    text = listed.text()
    assert "**example.org**" in text  # the host stands for a feed without a title yet
    for answer in (added.text(), text):
        (link,) = AUTOLINK.findall(answer)
        assert "bold" in link  # the whole address is one link: nothing of it is formatted
        assert "**bold**" not in outside_links(answer)
        assert "@everyone" not in answer


async def test_typed_text_is_never_formatted(bot: NegoBot, fake: FakeDiscord) -> None:
    answer = await fake.interact(
        "feeds", feeds("remove", url="**gone** @everyone"), user_id=OWNER_ID
    )
    text = answer.text()
    assert answer.ephemeral and text.startswith("I don't follow ")
    assert "**gone**" not in text and "\\*\\*gone\\*\\*" in text
    assert "@everyone" not in text


async def test_only_operators_manage_feeds(bot: NegoBot, fake: FakeDiscord) -> None:
    answer = await fake.interact("feeds", feeds("add", url="https://example.org/rss"))
    assert answer.ephemeral and "only the operators" in answer.text()
    assert await list_feeds(bot.engine.db) == []
