"""Shape of a speaker phrase read from its words alone: its head, number, kind of body."""

from __future__ import annotations

import re

from bot.attribution.vocabulary import BARE_RELATIVE, MODIFIER_CUTS, ORGANISATION_HEADS, RELATIVE
from bot.segment import APOSTROPHE


def _without_relative(span: str) -> str:
    """ "X, who was not authorised to speak," and "an official who spoke on condition of
    anonymity" describe the speaker; their verbs are not the speaker's."""
    return BARE_RELATIVE.sub("", RELATIVE.sub("", span))


def _head(phrase: str) -> str:
    """The head word of a speaker phrase: "Lina Saadeh, an analyst at the Centre for Studies"
    is headed by "Saadeh", so a later "she" may refer to it, and "they" may not."""
    core = re.split(r",|\s+and\s+", phrase)[0]
    cut = MODIFIER_CUTS.search(core)
    core = core[: cut.start()] if cut else core
    of = re.search(r"\s+of\s", core)
    words = (core[: of.start()] if of else core).split()
    return words[-1].lower().strip(f",.'{APOSTROPHE}") if words else ""


def _is_plural(speaker: str) -> bool:
    """ "Israeli officials", "the sources" are plural; "Brian Hughes" and "Hamas" are names."""
    head = _head(speaker)
    word = next((w for w in reversed(re.findall(r"[\w'-]+", speaker)) if w.lower() == head), "")
    return head.endswith("s") and not head.endswith("ss") and word.islower()


def _is_organisation_name(phrase: str) -> bool:
    """ "The Hostages and Missing Families Forum, which represents ...": a name that ends in
    what kind of body it is (its "and" is part of the name, unlike in `_head`)."""
    core = phrase.split(",")[0]
    cut = MODIFIER_CUTS.search(core)
    words = (core[: cut.start()] if cut else core).split()
    return bool(words) and words[-1].lower() in ORGANISATION_HEADS


def _norm(word: str) -> str:
    return word.lower().rstrip(".,")
