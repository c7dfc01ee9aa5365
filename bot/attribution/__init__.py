"""Who said what: statements and party mentions of an article, as verbatim spans.

Rules over sentences, because the product's promise is precision: a quote given to the wrong
party is worse than a quote left out. The grammar of attribution (reporting verbs, "according
to", pronouns, "the official", experts and media) is code; every party name comes from the
party book. A speaker's party is taken from the speaker as written (its name, an apposition,
a possessive, a nationality adjective); a speaker with no known party keeps party None.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from bot.attribution.attributor import _Attributor
from bot.attribution.results import Attribution, Issuer, Mention, Statement
from bot.parties import PartyBook
from bot.segment import Sentence

__all__ = ["Attribution", "Issuer", "Mention", "Statement", "attribute", "issuer_of"]


def attribute(
    text: str, sentences: list[Sentence], book: PartyBook, issuer: Issuer | None = None
) -> Attribution:
    """Statements in text order; mentions of parties outside the speakers of statements."""
    return _Attributor(text, sentences, book, issuer).run()


def issuer_of(book: PartyBook, outlet: str | None, url: str | None) -> Issuer | None:
    """The party whose own channel published a page, by its outlet or address."""
    party = book.publisher(outlet, url)
    host = urlsplit(url).hostname if url else None
    return Issuer(party.name, outlet or host or party.name) if party else None
