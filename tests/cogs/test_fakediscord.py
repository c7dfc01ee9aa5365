"""The fake Discord's own checks can fail: tests that pass against them mean something."""

from __future__ import annotations

from fakediscord import FakeDiscord, Recorded, check_limits, spec_template


def test_the_fake_rejects_what_discord_would() -> None:
    """The request checks themselves can fail: a test that passes against them means something."""
    too_long = {"content": "x" * 2001, "allowed_mentions": {"parse": []}}
    assert any("2000" in p for p in check_limits(too_long))
    pinging = {"content": "hi", "allowed_mentions": {"parse": ["everyone"]}}
    assert any("ping" in p for p in check_limits(pinging))
    big = {
        "embeds": [{"description": "x" * 4000}, {"description": "y" * 2500}],
        "allowed_mentions": {"parse": []},
    }
    assert any("6000" in p for p in check_limits(big))
    assert spec_template("/channels/123/messages") == "/channels/{channel_id}/messages"
    assert spec_template("/users/@me") == "/users/@me"

    fake = FakeDiscord()
    fake._validate(Recorded("POST", "/channels/1/messages", {}, {"embeds": [{"title": "t" * 300}]}))
    assert any("$.embeds[0].title fails maxLength 256" in p for p in fake.problems), fake.problems
