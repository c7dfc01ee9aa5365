"""Who said what: statements and party mentions of an article, as verbatim spans.

Rules over sentences, because the product's promise is precision: a quote given to the wrong
party is worse than a quote left out. The grammar of attribution (reporting verbs, "according
to", pronouns, "the official", experts and media) is code; every party name comes from the
party book. A speaker's party is taken from the speaker as written (its name, an apposition,
a possessive, a nationality adjective); a speaker with no known party keeps party None.
"""

from __future__ import annotations

from bot.attribution.attributor import _Attributor
from bot.attribution.results import Attribution, Mention, Statement
from bot.parties import PartyBook
from bot.segment import Sentence

__all__ = ["Attribution", "Mention", "Statement", "attribute"]


def attribute(text: str, sentences: list[Sentence], book: PartyBook) -> Attribution:
    """Statements in text order; mentions of parties outside the speakers of statements."""
    return _Attributor(text, sentences, book).run()
