"""Whether two statements take the same stance: a transparent rule, not a classifier.

Polarity comes from generic English verbs of acceptance and refusal; nothing here knows any
party. Two statements on a topic agree only when they lean the same way and say nearly the same
thing; otherwise the reader is shown both.
"""

from __future__ import annotations

import re

import numpy as np

_ACCEPT = re.compile(
    r"\b(accept(s|ed|ing)?|agree(s|d|ing)?|approv(e|es|ed|ing)|welcom(e|es|ed|ing)|"
    r"ready|willing(ness)?|open to|keen|confirm(s|ed)? (its|their) participation)\b",
    re.IGNORECASE,
)
_REFUSE = re.compile(
    r"\b(reject(s|ed|ing)?|refus(e|es|ed|ing)|den(y|ies|ied)|declin(e|es|ed|ing)|"
    r"no (need|chance|room|negotiations?)|not (serious|waiting|want|see|stop)|will not|won't|"
    r"cannot|can be no|unwilling|oppos(e|es|ed))\b",
    re.IGNORECASE,
)
SAME_STANCE_SIMILARITY = 0.6


def polarity(text: str) -> int:
    """+1 leaning to accept, -1 to refuse, 0 when the words say neither or both."""
    accept, refuse = bool(_ACCEPT.search(text)), bool(_REFUSE.search(text))
    return int(accept) - int(refuse)


def flipped(before: str, after: str) -> bool:
    """A change of stance: one leaned to accept and the other to refuse."""
    a, b = polarity(before), polarity(after)
    return a != 0 and b != 0 and a != b


def agree(a: str, b: str, va: np.ndarray | None, vb: np.ndarray | None) -> bool:
    """Same lean and nearly the same content; unknown vectors never count as agreement."""
    pa = polarity(a)
    if pa == 0 or pa != polarity(b) or va is None or vb is None:
        return False
    return float(np.dot(va, vb)) >= SAME_STANCE_SIMILARITY
