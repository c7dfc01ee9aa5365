"""Who said what: statements and party mentions of an article, as verbatim spans.

Rules over sentences, because the product's promise is precision: a quote given to the wrong
party is worse than a quote left out. The grammar of attribution (reporting verbs, "according
to", pronouns, "the official", experts and media) is code; every party name comes from the
party book. A speaker's party is taken from the speaker as written (its name, an apposition,
a possessive, a nationality adjective); a speaker with no known party keeps party None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from bot.parties import PartyBook
from bot.segment import (
    APOSTROPHE,
    CLOSE_QUOTE,
    OPEN_QUOTE,
    OPENING_QUOTES,
    Sentence,
    quoted_sentence_ends,
)

QUOTE_MARKS = f'{OPEN_QUOTE}{CLOSE_QUOTE}"'

REPORTING = {
    "said", "says", "say", "told", "tells", "stated", "states", "asserted", "asserts", "added",
    "adds", "reiterated", "reiterates", "revealed", "reveals", "argued", "argues", "argue",
    "insisted", "insists", "insist", "claimed", "claims", "claim", "noted", "notes", "warned",
    "warns", "emphasized", "emphasised", "emphasizes", "stressed", "stresses", "cautioned",
    "expressed", "indicated", "indicates", "referenced", "explained", "announced", "announces",
    "confirmed", "confirms", "accused", "accuses", "reported", "reports", "suggested",
    "declared", "affirmed", "reaffirmed", "acknowledged", "wrote", "reiterating", "saying",
    "adding", "insisting", "telling", "warning", "stating", "pointed", "echoed", "believes",
    "denied", "denies", "deny", "dismissed", "dismisses", "urged", "urges", "called",
    "estimate", "estimated", "estimates", "believe", "note", "disputed", "disputes", "dispute",
    "replied", "replies", "responded", "responds", "answered", "described", "describes",
    "acknowledge", "acknowledges", "signaled", "signalled", "signals", "calls", "posted",
    "posts", "tweeted", "tweets",
}  # fmt: skip
# Verbs that report speech only with what follows them: "replied:", "responded that",
# "described the plan as", "pointed out", "called for"; otherwise they tell an act.
ANSWER = r"[^.;,]{0,80}?:|\s+that\b|[\s.]*$"  # "replied:", "replied that", '"No," he replied.'
NEEDS_COMPLEMENT = {
    "replied": ANSWER, "replies": ANSWER, "responded": ANSWER, "responds": ANSWER,
    "answered": ANSWER,
    "described": r"(?:\s+[^\s.;]+){1,8}?\s+as\b", "describes": r"(?:\s+[^\s.;]+){1,8}?\s+as\b",
    "pointed": r"\s+out\b", "called": r"\s+(?:for|on)\b", "calls": r"\s+(?:for|on)\b",
    **dict.fromkeys(("signaled", "signalled", "signals"), r"\s+that\b"),
    # "Magdy reported from Cairo.": a reporter's credit line, not a report of what was said.
    **dict.fromkeys(("reported", "reports"), r"(?!\s+from\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*\.?$)"),
}  # fmt: skip
# "He called the decision \"perplexing\"": a verdict in the speaker's own quoted words.
CALLED_QUOTED = re.compile(
    rf"(?:\s+[^\s.;{OPEN_QUOTE}{CLOSE_QUOTE}\"]+){{1,15}}?\s+[{OPEN_QUOTE}\"]"
)
DENIAL = {"denied", "denies", "deny", "dismissed", "dismisses", "disputed", "disputes", "dispute"}
# "X has echoed this position" / "Hamas refused to ..."; a party's act or stance told as fact.
STANCE = {
    "refused", "refuses", "refuse", "rejected", "rejects", "reject", "approved", "approves",
    "accepted", "accepts", "agreed", "agrees", "wants", "want", "seeks", "seeking", "sought",
    "demands", "demanded", "offered", "offers", "proposed", "proposes", "echoed", "willing",
    "unwilling", "ready", "open", "keen", "determined", "maintains", "maintained", "remains",
    "opposes", "opposed", "supports", "welcomed", "welcomes", "declined", "declines", "stance",
    "position", "met", "continues", "engaged", "insists", "threatened", "threatens", "vowed",
    "vows", "pledged", "pledges", "walked", "suspended", "resumed", "withdrew", "endorsed",
    "endorses", "backed", "backs", "condemned", "condemns", "criticised", "criticized",
    "criticises", "criticizes", "praised", "praises", "hailed", "hails", "blamed", "blames",
    "handed", "hands", "submitted", "submits", "delivered", "delivers", "presented", "presents",
}  # fmt: skip
# "Hamas handed the mediators its response", not "handed out food": passing something on is a
# negotiating act only when what is passed is a negotiating text.
TRANSMISSION = {
    "handed", "hands", "submitted", "submits", "delivered", "delivers", "presented", "presents",
}  # fmt: skip
NEGOTIATION_TEXTS = {
    "response", "reply", "answer", "proposal", "counterproposal", "counter-proposal", "offer",
    "plan", "terms", "demands", "amendments", "conditions", "draft", "text", "list",
}  # fmt: skip
# After "engaged", "met" or "continues", only negotiation acts count ("engaged in talks", not
# "engaged in a war").
NEGOTIATION_WORDS = {
    "talks", "discussions", "negotiations", "consultations", "efforts", "with", "contacts",
}  # fmt: skip
WEAK_STANCE = {"engaged", "met", "continues", "remains"}
# Acts that are a negotiating stance only with what follows them: "recalled its negotiating
# team", not "recalled the war"; "struck a different tone"; "travelled to Doha for talks".
_TALKS = r"(?:talks|negotiations|consultations|discussions|meetings?)\b"
_SOME_WORDS = r"(?:\s+[\w\u2019'-]+){0,5}?"
STANCE_COMPLEMENT = {
    **dict.fromkeys(
        ("recalled", "recalls", "recall"),
        _SOME_WORDS + r"\s+(?:negotiat\w*|team|delegation|envoy|ambassador|mediators)\b",
    ),
    **dict.fromkeys(
        ("issued", "issues", "published", "released"),
        r"(?:\s+[\w-]+){0,3}?\s+(?:statement|list|response|ultimatum|demands|principles"
        r"|conditions|proposal|counterproposal|warning)\b",
    ),
    **dict.fromkeys(("struck", "strikes", "strike"), r"\s+an?\s+(?:[\w-]+\s+){0,2}?tone\b"),
    **dict.fromkeys(
        ("travelled", "traveled", "travels", "flew", "flies", "arrived", "arrives"),
        r"[^.;]{0,60}?\bfor\s+(?:[\w-]+\s+){0,2}?" + _TALKS,
    ),
    **dict.fromkeys(("hosting", "hosts", "hosted"), r"(?:\s+[\w-]+){0,4}?\s+" + _TALKS),
    **dict.fromkeys(("thrown", "threw", "throws"), r"\s+(?:its|their|his|her)\s+weight\s+behind\b"),
    **dict.fromkeys(("see", "sees", "view", "views"), _SOME_WORDS + r"\s+(?:differently|as)\b"),
    **dict.fromkeys(("abstained", "abstains"), r""),
    # "Israel's government declined to comment": saying nothing is no position
    **dict.fromkeys(
        ("declined", "declines", "refused", "refuses"),
        r"(?!\s+(?:to\s+)?(?:comment|respond|answer|confirm|elaborate)\b)",
    ),
    **dict.fromkeys(
        ("preparing", "prepared", "prepares", "drafting", "drafted", "drafts"),
        r"(?:\s+[\w'-]+){0,4}?\s+(?:plan|proposal|response|reply|counterproposal|offer|text)\b",
    ),
    **dict.fromkeys(("voted", "votes"), r"\s+(?:for|against|to)\b"),
    **dict.fromkeys(("signed", "signs"), r"\s+(?:off|on)\b"),
    **dict.fromkeys(
        ("attend", "attended", "attends", "boycotted", "boycotts", "skipped", "skips"),
        _SOME_WORDS + r"\s+" + _TALKS,
    ),
}
VIEW_HEADS = {"experts", "analysts", "observers", "commentators", "critics", "diplomats"}
VIEW_VERBS = {"have", "are", "believe", "expect", "doubt", "fear", "see", "agree", "remain"}
AUXILIARIES = {
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "also", "later",
    "recently", "both", "then", "now", "previously", "earlier", "reportedly", "repeatedly",
    "firmly", "again", "already", "only", "this", "week", "on", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "widely", "believed", "to",
    "appears", "appeared", "seems", "further", "still", "not", "never", "did", "does",
}  # fmt: skip
SUBORDINATORS = {"as", "while", "because", "since", "although", "though", "whereas", "when"}
INTRO_WORDS = {
    "in", "on", "at", "after", "before", "despite", "during", "earlier", "later", "meanwhile",
    "however", "separately", "speaking", "yet", "also", "but", "and", "still", "instead",
    "then", "fearing", "while", "since", "last", "this", "as", "with", "for", "under", "so",
    "moreover", "furthermore", "nevertheless", "elsewhere", "asked", "addressing", "whilst",
    "although", "though", "because", "if", "when", "once", "until", "amid", "among",
}  # fmt: skip
# Speakers who voice no party's position, whatever party they talk about.
NO_PARTY_HEADS = {
    "expert", "experts", "analyst", "analysts", "observer", "observers", "commentator",
    "commentators", "critic", "critics", "researcher", "researchers", "scholar", "scholars",
    "media", "report", "reports", "newspaper", "newspapers", "agency", "press", "outlet",
    "television", "channel", "broadcaster", "museum", "association", "center", "centre",
    "diplomats", "diplomat", "governments", "survey", "poll", "institute", "supporters",
    "opponents", "protesters", "residents", "families", "relatives", "witnesses", "activist",
    "activists", "campaigner", "campaigners", "professor", "historian", "journalist",
    "journalists", "correspondent", "columnist", "pollster", "fellow",
}  # fmt: skip
NO_PARTY_PREFIXES = ("according to", "experts", "analysts", "observers", "some ", "most ")
PRONOUNS = {"he", "she", "they", "it"}
DETERMINERS = {
    "a", "an", "the", "one", "some", "most", "two", "three", "several", "many", "its", "their",
    "his", "her",
}  # fmt: skip
COPULAS = {"is", "are", "was", "were", "there"}
PERSON_HEADS = {
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister", "president",
    "leader", "envoy", "member", "director", "chief", "negotiator", "commander", "secretary",
    "aide", "adviser", "advisor", "ambassador", "mayor", "governor", "chair", "chairman",
}  # fmt: skip
GROUP_HEADS = {"group", "movement", "organization", "organisation", "militia", "faction"}
PLURAL_GROUP_HEADS = {"groups", "movements", "factions", "organizations", "organisations"}
# Bodies a later "the group" or "the organisation" may stand for, when they speak for no party.
ORGANISATION_HEADS = GROUP_HEADS | {
    "forum", "committee", "council", "association", "union", "coalition", "campaign", "network",
    "agency", "alliance", "federation", "institute", "centre", "center", "foundation", "board",
    "charity", "society", "organizations", "organisations", "watch", "initiative",
}  # fmt: skip
ANAPHORIC_HEADS = {
    "official", "spokesman", "spokeswoman", "spokesperson", "source", "statement", "envoy",
    "minister", "leader", "negotiator", "president", "diplomat", "prime", "office", "officials",
}  # fmt: skip
PLURAL_SPEAKERS = {"officials", "mediators", "sources", "diplomats", "negotiators", "analysts"}
MEDIA_WORDS = {
    "daily", "newspaper", "tabloid", "broadcaster", "channel", "television", "tv", "radio",
    "outlet", "website", "news", "magazine",
}  # fmt: skip
SPEAKER_HEADS = {
    "officials", "sources", "spokesmen", "spokespeople", "delegation", "side", "office",
    "movement", "group", "groups", "government", "leader", "leaders", "member", "members",
    "director", "chief", "head", "ministry", "negotiators", "team", "mediators", "house",
    "department", "union", "unions", "company", "management", "workers", "army", "military",
    "police", "authorities", "administration", "council", "committee", "bureau", "embassy",
    "cabinet", "parliament", "organization", "organizations", "organisation", "organisations",
    "federation", "board", "residents", "people", "family", "families", "secretary", "governor",
    "mayor", "ambassador", "general", "broker", "brokers", "trader", "traders", "witness",
    "witnesses", "aide", "aides", "adviser", "advisers", "advisor", "lawyer", "economist",
    "economists", "person", "insider", "insiders", "presidency", "representative",
    "representatives", "negotiator", "mediator", "agencies", "charities", "forum",
} | NO_PARTY_HEADS | ANAPHORIC_HEADS | MEDIA_WORDS  # fmt: skip
MODIFIER_CUTS = re.compile(
    r"\s+(?:familiar with|close to|briefed on|involved in|with knowledge of|who|which|that"
    r"|speaking|for|in|on|at|from|during|led by)\s",
    re.IGNORECASE,
)
# ", a day after Netanyahu dismissed the terms": a clause of its own time, and often its own
# speaker, hung on the sentence.
TIME_CLAUSE = (
    r",\s+(?:(?:(?:a|one|two|three|four|five|several|\d+)\s+)?"
    r"(?:minutes?|days?|hours?|weeks?|months?)\s+)?(?:after|before)\s+"
)
# ", while Hamas insisted ...": a clause with a subject of its own, often another party.
SIDE_CLAUSE = r",\s+(?:while|whereas|but)\s+"
CLAUSE_BREAK = re.compile(
    rf"(?:,\s+(?:but|and|while|with|whereas)\s+|;\s+|:\s+|,?\s+but\s+|{TIME_CLAUSE})"
)
RELATIVE = re.compile(r",\s+(?:which|who|whose|speaking)\b[^,]*(?:,|$)")
BARE_RELATIVE = re.compile(r"\s+(?:who|whose)\s[^,]*")
FORMER = re.compile(r"\b[Ff]ormer((?:\s+[\w.-]+){1,4})")
# An apposition "a spokesman for the group" names whom the role serves.
ROLE_FOR = re.compile(
    r"(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,2}?(?:" + "|".join(sorted(PERSON_HEADS)) + r")\s+for\s"
)
DOCUMENTS = "document|copy|text|statement|letter|draft|proposal|response|reply"
CLAIMED_BY = re.compile(
    r"(?:That|This|These|Those|Such)\s+(?:was|were|is|are)\s+(?:the\s+)?"
    r"(?:message|words|warning|view|verdict|position|assessment|response|reaction)\s+"
    r"(?:from|of)\s+"
)
CLAIMING_SUBJECT = re.compile(
    r"(?P<np>[^,;]{2,80}?)\s+(?:(?:delivered|gave|sent|issued|repeated|conveyed|made|posted)"
    r"\s+(?:that|this|the|those|these)\s+(?:message|warning|remarks?|statement|pledge|threat"
    r"|vow|comments?|words)|(?:said|wrote|posted)\s+(?:this|so))\b"
)
# A foreign ministry named by no country or place ("Gaza's health ministry" is named).
BARE_MINISTRY = re.compile(
    rf"^(?!.*['{APOSTROPHE}]s\b).*?\b(?:[Ff]oreign\s+[Mm]inistry|Ministry\s+of\s+Foreign\s+Affairs)\b"
)
# ", one of the people said.": the attribution that closes a sentence.
_CLOSING_VERB = r"(?:said|says|added|reports|reported|announced|confirmed)"
_WHEN = (
    r"(?:\s+(?:on|in|late|early|last|this)\s+[^,;.]{1,40}|\s+(?:yesterday|today|tonight)"
    r"|\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?"
)
_NOT_A_SPEAKER = (
    "in|on|at|that|to|by|during|after|before|late|early|last|this|it|he|she|they|we|its|his|her"
    "|their|the\\s+(?:deal|agreement|talks|proposal|plan)"
)
FINAL_ATTRIBUTION = re.compile(
    rf",\s+(?:(?P<np>[^,;]{{2,60}}?)\s+{_CLOSING_VERB}{_WHEN}"
    rf"|{_CLOSING_VERB}\s+(?!(?:{_NOT_A_SPEAKER})\b)(?P<after>[^,;]{{2,60}}?))"
    r"(?:,\s+without\s+citing\s+[^,;.]{1,30}|,\s+[a-z]+ing\s[^;]*)?\s*\.?\s*$"
)
PASSIVE_AGENT = re.compile(
    r"\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?"
    r"(?:offered|proposed|rejected|accepted|approved|drafted|drawn\s+up|brokered|mediated"
    r"|paused|suspended|hosted|presented|submitted|put\s+forward|endorsed|backed|blocked"
    r"|vetoed|tabled)\s+by\s+(?P<np>[^,;.]{2,60}?)"
    r"(?=\s+(?:on|in|within|after|before|to|for|at|last|this|as|and\s+(?:is|was))\b|[,;.]|$)"
)
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+$")
CITING = re.compile(r",\s+citing\s+(?P<np>[^,;.]{2,60}?)\s*[,.;]?\s*$")
# "It was reported by the Israeli daily Haaretz that ...": the passive names its source.
PASSIVE_SOURCE = re.compile(
    r"^(?:It|it)\s+(?:was|is|has\s+been|had\s+been)\s+(?:reported|said|announced|claimed)"
    r"\s+by\s+(?P<np>[^,;]{2,60}?)(?:\s+that\b|,)"
)
DOCUMENT_HEADS = set(DOCUMENTS.split("|")) | {"report", "reports", "data", "figures"}
SECOND_CLAUSE = re.compile(rf",\s+(?:as|while|whereas|but)\s+|{TIME_CLAUSE}")
NAME_WORD = rf"[A-Z][\w{APOSTROPHE}'.-]*"
REJOINDER = re.compile(  # ", a claim Kyiv rejects", ", which it denies"
    r",\s+(?:(?:a|an)\s+(?:argument|claim|accusation|charge|allegation|assertion|account|view)"
    rf"\s+(?:that\s+)?|which\s+)(?P<np>{NAME_WORD}(?:\s+{NAME_WORD})*|he|she|it|they)\s+"
    r"(?:rejects|rejected|denies|denied|disputes|disputed|dismisses|dismissed)\b[^,.;]*"
)
POST_QUOTE_TAIL = re.compile(
    r"\s+(.+?)(?:,\s+(?:referring|blaming|adding|speaking|according|saying|calling|noting"
    r"|warning|who|in\s+a|when|after)\b|;|\.?\s*$)",
    re.DOTALL,
)
QUOTE = re.compile(
    rf"{OPEN_QUOTE}[^{OPEN_QUOTE}{CLOSE_QUOTE}]*(?:{CLOSE_QUOTE}|$)|\"[^\"]*(?:\"|$)", re.MULTILINE
)
WORD = re.compile(rf"[\w{APOSTROPHE}'.-]+")
DASHES = "-\u2013\u2014"  # hyphen, en dash, em dash
DATELINE = re.compile(  # "TEHRAN- ", "GAZA: ", "CAIRO, Dec 21 (Wire) - ", "Cairo (AFP) - "
    rf"^[A-Z][A-Z .'/-]{{2,}}(?:\s*\([^)\n]{{1,30}}\))?(?:,[^{DASHES}:\n]{{0,40}})?"
    rf"\s*[{DASHES}:]\s*"
    rf"|^[A-Z]{{3,}}[{DASHES}:]\s*"
    rf"|^[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){{0,2}}\s*\([A-Z][\w .]{{0,20}}\)\s*[{DASHES}:]\s*"
)

WITH_CLAUSE = re.compile(
    rf"(?:^|,\s+)(?P<with>with)\s+(?P<np>(?:the\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})\s+"
    r"(?P<verb>[a-z]+ing)\b"
)
SAYING_PARTICIPLES = {
    "accusing", "saying", "insisting", "demanding", "calling", "urging", "warning", "arguing",
    "claiming", "denying", "blaming", "signalling", "signaling", "vowing", "pledging",
    "threatening",
}  # fmt: skip
ACTING_PARTICIPLES = {
    "rejecting", "refusing", "abstaining", "softening", "pressing", "offering", "proposing",
    "seeking", "backing", "opposing", "welcoming", "accepting", "dropping", "hardening",
}  # fmt: skip
# A transcript line: "Q: ...", "QUESTION: ...", "Al-Ansari: ...", "MR MILLER: ...".
TRANSCRIPT_LABEL = re.compile(rf"(?P<label>{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})\s*:\s+(?=\S)")
REPORTER_LABELS = {"host", "anchor", "presenter", "interviewer"}
REPORTER_INTRO = re.compile(  # "DANIEL ESTRIN, BYLINE:", "STEVE INSKEEP, HOST:"
    r"^(?P<name>[^\W\d][\w.'-]*(?:[ \t]+[\w.'-]+){0,3}),[ \t]*(?:HOST|BYLINE|ANCHOR"
    r"|CORRESPONDENT|REPORTER|PRESENTER)[ \t]*:",
    re.MULTILINE | re.IGNORECASE,
)
REPORTER_MENTION = re.compile(  # "Our presenter Anna Botting spoke to ..."
    r"\b(?:presenter|host|anchor|correspondent|reporter|interviewer)\s+"
    r"(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})"
)
# "Good morning. Thanks for having me.": what a guest says that is nobody's position.
PLEASANTRIES = re.compile(
    r"(?:(?:good\s+(?:morning|afternoon|evening)|thank\s+you|thanks(?:\s+for\s+having\s+me)?"
    r"|you're\s+welcome|my\s+pleasure|hello|good\s+to\s+be\s+(?:here|with\s+you))"
    r"(?:[\s,]+[\w.'-]+){0,3}?[.!]?\s*)+",
    re.IGNORECASE,
)
QUESTION_LABELS = {"q", "question", "questioner", "reporter", "journalist"}
FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|us|[Mm]y|me)\b")
ARTICLES = ("al", "Al", "el", "El")  # the Arabic article as Latin script writes it
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "sheikh", "gen", "general"}


@dataclass(frozen=True)
class Statement:
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    party: str | None
    content_start: int
    content_end: int
    quote_start: int | None
    quote_end: int | None


@dataclass(frozen=True)
class Mention:
    party: str
    start: int
    end: int


@dataclass(frozen=True)
class Attribution:
    statements: list[Statement]
    mentions: list[Mention]


# A party's name inside the proper name of an institution ("the Israel Democracy Institute").
INSIDE_INSTITUTION = re.compile(
    r"(?:\s+[A-Z][\w&-]*){0,4}?\s+(?:Center|Centre|Institute|University|Foundation|Endowment"
    r"|Forum|Society|College|School|Fund|Programme|Program|Project|Studies)\b"
)


@dataclass(frozen=True)
class _Term:
    start: int
    end: int
    party: str
    kind: str  # name | person | phrase | reference


class _Lexicon:
    """Every way the book names a party, matched as whole words."""

    def __init__(self, book: PartyBook) -> None:
        exact: dict[str, tuple[str, str]] = {}
        folded: dict[str, tuple[str, str]] = {}
        self.references: dict[str, list[str]] = {}
        for party in book.parties:
            for name in (party.name, *party.short_names):
                exact[name] = (party.name, "name")
            for person in party.people:
                for name in (person.name, *person.aliases):
                    for spelling in _transliterations(name):
                        exact.setdefault(spelling, (party.name, "person"))
            for phrase in party.phrases:
                folded[phrase.casefold()] = (party.name, "phrase")
                bare = phrase[4:] if phrase.casefold().startswith("the ") else ""
                if bare[:1].isupper():  # "White House press secretary", "Pentagon officials"
                    exact.setdefault(bare, (party.name, "phrase"))
            for ref in party.references:
                self.references.setdefault(ref.casefold(), []).append(party.name)
        self.exact = exact
        self.folded = folded
        self._exact_re = _alternation(exact, 0)
        self._folded_re = _alternation(
            {**folded, **dict.fromkeys(self.references, ("", ""))}, re.IGNORECASE
        )
        heads = sorted({ref.split()[-1] for ref in self.references if ref.startswith("the ")})
        # "the Iran-backed group", "the Lebanese militant group": a reference with modifiers
        self._modified_re = (
            re.compile(
                rf"(?<![\w-])the(?:\s+[\w]+(?:-[\w]+)?){{1,2}}?\s+(?:{'|'.join(heads)})(?![\w-])",
                re.IGNORECASE,
            )
            if heads
            else None
        )

    def reference_key(self, phrase: str) -> str:
        """The book's reference a phrase stands for: itself, or "the group" for "the
        Iran-backed group"."""
        folded = phrase.casefold()
        return folded if folded in self.references else f"the {folded.split()[-1]}"

    def find(self, text: str, start: int, end: int) -> list[_Term]:
        found: list[_Term] = []
        if self._exact_re:
            for m in self._exact_re.finditer(text, start, end):
                if INSIDE_INSTITUTION.match(text, m.end()):
                    continue  # "the Carnegie Russia Eurasia Center" is not Russia
                party, kind = self.exact[m.group(0)]
                found.append(_Term(m.start(), m.end(), party, kind))
        if self._folded_re:
            for m in self._folded_re.finditer(text, start, end):
                key = m.group(0).casefold()
                if key in self.references:
                    found.append(_Term(m.start(), m.end(), "", "reference"))
                else:
                    party, kind = self.folded[key]
                    found.append(_Term(m.start(), m.end(), party, kind))
        if self._modified_re:
            named = [t for t in found if t.kind != "reference"]
            for m in self._modified_re.finditer(text, start, end):
                head = m.group(0).split()[-1]
                if (
                    head.islower()  # "The International Crisis Group" is a name
                    and self.reference_key(m.group(0)) in self.references
                    and not any(m.start() <= t.start < m.end() for t in named)  # "the Hamas group"
                    and not any(  # "the Palestinian group Hamas" names it at once
                        t.start > m.end() and not text[m.end() : t.start].strip() for t in named
                    )
                ):
                    found.append(_Term(m.start(), m.end(), "", "reference"))
        found.sort(key=lambda t: (t.start, -(t.end - t.start)))
        out: list[_Term] = []
        for term in found:
            if out and term.start < out[-1].end:
                continue
            out.append(term)
        return out


def _transliterations(name: str) -> list[str]:
    """ "Abdel Fattah al-Sisi" is also written "el-Sisi" and "El-Sisi": the Arabic article has
    no one Latin spelling, so a person of the book is found under each."""
    parts = re.split(r"\b([AaEe]l)-", name)
    if len(parts) == 1:
        return [name]
    spellings = [parts[0]]
    for i in range(1, len(parts), 2):
        spellings = [f"{s}{article}-{parts[i + 1]}" for s in spellings for article in ARTICLES]
    return [name, *(s for s in spellings if s != name)]


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


def _alternation(names: dict[str, tuple[str, str]], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(n) for n in ordered)
    return re.compile(rf"(?<![\w{APOSTROPHE}'-])(?:{body})(?![\w-])", flags)


@dataclass
class _Unit:
    start: int
    end: int
    first: int  # index of its first sentence
    quotes: list[tuple[int, int]]  # quotation mark spans, marks included


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for m in QUOTE.finditer(text, start, end):
        if m.end() - m.start() > 2:
            spans.append((m.start(), m.end()))
    return spans


def _units(text: str, sentences: list[Sentence]) -> list[_Unit]:
    """Sentences, with a quotation running over several paragraphs grouped into one unit.

    A dateline ("TEHRAN - ") is not part of what anyone said, so units start after it.

    Journalistic convention: a paragraph of a continuing quotation ends without a closing mark
    and the next paragraph opens with a new opening mark.
    """
    units: list[_Unit] = []
    i = 0
    while i < len(sentences):
        s = sentences[i]
        dateline = DATELINE.match(text[s.start : s.end])
        start = (
            s.start + dateline.end() if dateline and dateline.end() < s.end - s.start else s.start
        )
        unit = _Unit(start, s.end, i, _quote_spans(text, start, s.end))
        j = i
        while _ends_open(text, unit) and j + 1 < len(sentences):
            nxt = sentences[j + 1]
            if nxt.paragraph == sentences[j].paragraph or text[nxt.start] not in QUOTE_MARKS:
                break
            unit.end = nxt.end
            unit.quotes += _quote_spans(text, nxt.start, nxt.end)
            j += 1
        units.append(unit)
        i = j + 1
    return units


def _ends_open(text: str, unit: _Unit) -> bool:
    """The unit's last quotation has no closing mark: it continues in the next paragraph."""
    return bool(unit.quotes) and text[unit.quotes[-1][1] - 1] not in QUOTE_MARKS


def _mask_quotes(text: str, unit: _Unit) -> str:
    """The unit's own words with quoted words blanked, offsets kept."""
    chars = list(text[unit.start : unit.end])
    for q_start, q_end in unit.quotes:
        for k in range(q_start, q_end):
            chars[k - unit.start] = " "
    return "".join(chars)


class _Attributor:
    def __init__(self, text: str, sentences: list[Sentence], book: PartyBook) -> None:
        self.text = text
        self.sentences = sentences
        self.lexicon = _Lexicon(book)
        self.statements: list[Statement] = []
        self.recent_party: list[tuple[int, str]] = []  # (position, party) of names seen
        self.recent_people: list[_Term] = []  # people named so far

    # --- speakers -------------------------------------------------------------------------

    def _clean_np(self, start: int, end: int) -> tuple[int, int]:
        """Trim a subject candidate: dateline, introductory phrase, trailing auxiliaries."""
        text = self.text
        while start < end and text[start] in " ,\t\n\xa0":
            start += 1
        dateline = DATELINE.match(text[start:end])
        if dateline:
            start += dateline.end()
        while True:
            first = WORD.match(text, start, end)
            if not first:
                break
            word = _norm(first.group(0))
            comma = text.find(",", start, end)
            if word in {"yet", "but", "and", "so", "however", "meanwhile"} or (
                word in SUBORDINATORS and comma == -1
            ):
                start = first.end()
            elif (word in INTRO_WORDS and comma != -1) or (
                word.endswith("ing") and comma != -1 and word not in {"king"}
            ):
                start = comma + 1
            else:
                break
            while start < end and text[start] in " ,\t\n\xa0":
                start += 1
        words = list(WORD.finditer(text, start, end))
        while words and (
            _norm(words[-1].group(0)) in AUXILIARIES
            or (words[-1].group(0).islower() and words[-1].group(0).endswith("ly"))
        ):
            end = words.pop().start()
        while end > start and text[end - 1] in " ,\t\n\xa0":
            end -= 1
        return start, end

    def _valid_np(self, start: int, end: int, *, after_quote: bool = False) -> bool:
        """A phrase that can name a speaker: a party, a person, a pronoun, a speaking role."""
        span = _without_relative(self.text[start:end])
        words = span.split()
        if not words or len(words) > 22:
            return False
        if words[0].lower() in PRONOUNS:
            return len(words) == 1
        first_ok = (
            words[0][0].isupper()
            or words[0].lower() in DETERMINERS
            or words[0] in PLURAL_SPEAKERS  # ", officials said", "mediators Qatar and Egypt"
        )
        if not (first_ok or after_quote):
            return False
        if len(words) == 1 and words[0].lower() in {"the", "a", "an", "it", "this", "that"}:
            return False
        if {w.strip(",") for w in words[:-1] if w.islower()} & (REPORTING | COPULAS):
            return False
        if self.lexicon.find(self.text, start, end):
            return True
        core = re.split(r",|\s+and\s+", span)[0]
        cut = MODIFIER_CUTS.search(core)
        core_words = (core[: cut.start()] if cut else core).split()
        head = core_words[-1].lower().strip(f",.'{APOSTROPHE}") if core_words else ""
        if head in SPEAKER_HEADS:
            return True
        return any(w[0].isupper() for w in core_words[1:]) or (
            len(core_words) == 1 and core_words[0][0].isupper()
        )

    def _party_of_np(self, start: int, end: int, sentence_start: int) -> tuple[list[str], bool]:
        """Parties a speaker phrase speaks for, and whether it is a back-reference."""
        span = self.text[start:end]
        lower = span.lower()
        cite = lower.find(", citing ")
        if cite != -1:
            return self._party_of_np(start + cite + 9, end, sentence_start)
        first_part_end = start + len(re.split(r",|\s+and\s+", span)[0])
        cut = MODIFIER_CUTS.search(self.text, start, first_part_end)
        core_end = cut.start() if cut else first_part_end
        of = re.search(r"\s+of\s", self.text[start:core_end])
        core_end = start + of.start() if of else core_end
        core_words = self.text[start:core_end].split()
        named = [w for w in core_words if not w.strip(",.").isdigit()]  # "Channel 12" is a channel
        head = named[-1].lower().strip(",.") if named else ""
        head_named = any(
            term.end >= core_end - 1 and term.kind != "reference"
            for term in self.lexicon.find(self.text, start, core_end)
        )
        if (head in NO_PARTY_HEADS and not head_named) or lower.startswith(NO_PARTY_PREFIXES):
            return [], False
        if set(lower.replace(",", " ").split()) & MEDIA_WORDS:
            return [], False  # "the Israeli daily Haaretz", "Channel 12 news": outlets report
        listed = self._listed_parties(start, end)
        if listed:
            return listed, False
        if any(
            set(m.group(1).lower().split()) & (PERSON_HEADS | SPEAKER_HEADS)
            for m in FORMER.finditer(span)
        ):
            return [], False  # a former official speaks for no one now
        words = lower.split()
        if len(words) == 1 and words[0] in PRONOUNS:
            return [], True
        parts = [start]
        for m in re.finditer(r",\s*", span):
            parts.append(start + m.end())
        for part_start in parts:
            part_end = self.text.find(",", part_start, end)
            part_end = end if part_end == -1 else part_end
            cut = MODIFIER_CUTS.search(self.text, part_start, part_end)
            if cut and part_start > start and ROLE_FOR.match(self.text, part_start, cut.end()):
                cut = MODIFIER_CUTS.search(self.text, cut.end() - 1, part_end)
            part_end = cut.start() if cut else part_end
            terms = self.lexicon.find(self.text, part_start, part_end)
            if part_start > start and self._no_party_apposition(part_start, part_end, terms):
                return [], False
            if terms:
                first = terms[0]
                if first.kind == "reference":
                    return self._resolve_reference(first), True
                parties = [first.party]
                between = self.text[first.end : terms[1].start] if len(terms) > 1 else ""
                if (
                    len(terms) > 1
                    and re.fullmatch(r"\s+and\s+", between)
                    and terms[1].party not in parties
                    and terms[1].kind != "reference"
                ):
                    parties.append(terms[1].party)
                return parties, False
        if words[0] in {"his", "her"}:
            person = self._recent_person(start)
            return ([person.party] if person else []), False
        if words[0] in {"its", "their"}:
            return [], True
        if head in PLURAL_GROUP_HEADS and words[0] in {"the", "both"}:
            return self._joint_parties(start), False
        if words[0] == "the" and head in GROUP_HEADS:
            subject = self._sentence_subject_party(sentence_start, start)
            if subject:
                return [subject], False
        if words[0] in {"the", "this"} and head in ANAPHORIC_HEADS | GROUP_HEADS:
            return [], True
        if words[0] in {"an", "a"} and head in ANAPHORIC_HEADS and len(core_words) <= 3:
            subject = self._sentence_subject_party(sentence_start, start)
            return ([subject] if subject else []), False
        if re.fullmatch(rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}", span):
            known = self._labelled_person(span, start)  # "Rashwan said", introduced earlier
            if isinstance(known, str):
                return [known], False
        return self._party_of_place(sentence_start, start, core_words), False

    def _party_of_place(self, sentence_start: int, start: int, core_words: list[str]) -> list[str]:
        """ "In Tehran, Foreign Minister Abbas Araghchi hailed": an official or a named person
        introduced by a party's capital speaks for that party."""
        place = re.fullmatch(r"\s*In\s+([A-Z][\w-]+),\s*", self.text[sentence_start:start])
        if place is None:
            return []
        terms = self.lexicon.find(
            self.text, sentence_start + place.start(1), sentence_start + place.end(1)
        )
        person = {w.lower().strip(",.") for w in core_words} & PERSON_HEADS or (
            len(core_words) >= 2 and all(w[:1].isupper() for w in core_words)
        )
        return [terms[0].party] if terms and terms[0].kind == "name" and person else []

    def _listed_parties(self, start: int, end: int) -> list[str]:
        """ "A joint statement by the US, Qatar and Egypt", "Mediators from Qatar and Egypt": a
        phrase ending in a list of parties speaks for each of them."""
        end = self._cut_relative(start, end)  # "Qatar, which mediated alongside Egypt and the US"
        terms = [t for t in self.lexicon.find(self.text, start, end) if t.kind != "reference"]
        if len(terms) < 2 or self.text[terms[-1].end : end].strip(" ,"):
            return []
        chain = [terms[-1]]
        for term in reversed(terms[:-1]):
            if not re.fullmatch(
                r"(?:,\s+|,?\s+and\s+)(?:the\s+)?", self.text[term.end : chain[-1].start]
            ):
                break
            chain.append(term)
        parties = list(dict.fromkeys(t.party for t in reversed(chain)))
        return parties if len(parties) >= 2 else []

    def _joint_parties(self, before: int) -> list[str]:
        """ "Hamas and Islamic Jihad handed over their reply. ... the two groups said": the
        parties that last acted together, within the last few statements."""
        recent = [st for st in self.statements[-4:] if st.start < before and st.party]
        for st in reversed(recent):
            together = [o.party for o in recent if (o.start, o.end) == (st.start, st.end)]
            if len(set(together)) >= 2:
                return list(dict.fromkeys(p for p in together if p))
        return []

    def _no_party_apposition(self, start: int, end: int, terms: list[_Term]) -> bool:
        """ "Gershon Baskin, an Israeli peace activist with contacts to Hamas": an apposition
        headed by a role that speaks for no one, whatever parties its modifiers name."""
        words = re.split(r"\s+(?:with|of)\s", self.text[start:end])[0].split()
        if not words or words[0].lower() not in {"a", "an", "the"}:
            return False
        head = words[-1].lower().strip(f",.'{APOSTROPHE}")
        core_end = start + len(" ".join(words))
        return head in NO_PARTY_HEADS and not any(core_end - 1 <= t.end <= core_end for t in terms)

    def _resolve_reference(self, term: _Term) -> list[str]:
        """The party a reference ("the group") names: the last one it can stand for, unless an
        organisation of no party spoke since ("The Families Forum urged ... , the group said")."""
        key = self.lexicon.reference_key(self.text[term.start : term.end])
        candidates = self.lexicon.references.get(key, [])
        for position, party in reversed(self.recent_party):
            if position < term.start and party in candidates:
                if self._organisation_since(position, term.start) is not None:
                    return []
                return [party]
        return []

    def _organisation_since(self, after: int, before: int) -> Statement | None:
        """The last organisation of no party to speak between two points, within 2 sentences."""
        starts = [s.start for s in self.sentences if s.start < before]
        horizon = max(after, starts[-2] if len(starts) >= 2 else 0)
        for prev in reversed(self.statements[-3:]):
            if (
                prev.party is None
                and prev.speaker is not None
                and prev.speaker_start is not None
                and horizon <= prev.speaker_start < before
                and _is_organisation_name(prev.speaker)
            ):
                return prev
        return None

    def _recent_person(self, before: int) -> _Term | None:
        """ "His office said", "a claim he denies": the person named last, within 3 sentences."""
        starts = [s.start for s in self.sentences if s.start < before]
        horizon = starts[-3] if len(starts) >= 3 else 0
        for term in reversed(self.recent_people):
            if horizon <= term.start < before:
                return term
        return None

    def _sentence_subject_party(self, sentence_start: int, before: int) -> str | None:
        """The party that opens the sentence ("A PIJ delegation ..., but an official said")."""
        s, _ = self._clean_np(sentence_start, before)
        terms = self.lexicon.find(self.text, s, before)
        if terms and terms[0].kind != "reference" and terms[0].start - s <= 4:
            return terms[0].party
        return None

    def _antecedent(self, np_start: int, np_end: int) -> Statement | None:
        words = self.text[np_start:np_end].lower().split()
        head = words[-1] if words else ""
        first = words[0] if words else ""
        for prev in reversed(self.statements[-6:]):
            if prev.speaker is None or prev.start >= np_start:
                continue
            speaker = prev.speaker.lower()
            plural = _is_plural(prev.speaker)
            if head == "they":
                if plural:
                    return prev
                continue
            if head == "it":
                if self._is_organisation(prev) and not plural:
                    return prev
                continue
            if head in PRONOUNS:
                if self._is_organisation(prev) or plural:
                    continue
                return prev
            if first in {"its", "their"}:
                return prev if prev.party else None
            if head in GROUP_HEADS and prev.party is None and _is_organisation_name(speaker):
                return prev
            if head == "statement" or re.search(rf"\b{re.escape(head)}\b", speaker):
                return prev
        return None

    def _is_organisation(self, statement: Statement) -> bool:
        """ "The RSF", "Qatar's foreign ministry": a party's body, not a person speaking for it.

        A person shows as a capitalised word outside the party's names ("Sami Abu Zuhri, a senior
        Hamas official") or as a role ("Hamas official", "the spokesman").
        """
        if statement.speaker_start is None or statement.speaker_end is None:
            return False
        start = statement.speaker_start
        comma = self.text.find(",", start, statement.speaker_end)
        end = statement.speaker_end if comma == -1 else comma
        terms = self.lexicon.find(self.text, start, end)
        if not terms or any(term.kind == "person" for term in terms):
            return False
        rest = self.text[end + 1 : statement.speaker_end] if comma != -1 else ""
        if re.fullmatch(rf"\s*{NAME_WORD}(?:\s+{NAME_WORD})+\s*", rest):
            return False  # "Hezbollah's deputy secretary-general, Naim Qassem"
        for word in WORD.finditer(self.text, start, end):
            inside = any(term.start <= word.start() < term.end for term in terms)
            lowered = _norm(word.group(0))
            roles = {lowered, *lowered.split("-")}  # "secretary-general"
            if roles & (PERSON_HEADS | ANAPHORIC_HEADS) - {"office", "statement"}:
                return False
            if not inside and word.group(0)[0].isupper() and lowered not in DETERMINERS:
                return False
        return True

    # --- statements ------------------------------------------------------------------------

    def _speaker_statements(
        self,
        unit: _Unit,
        np_start: int,
        np_end: int,
        kind: str,
        content: tuple[int, int],
        span: tuple[int, int] | None = None,
    ) -> list[Statement]:
        """`span` narrows the statement to its clause when the sentence has another subject."""
        start, end = span or (unit.start, unit.end)
        sentence_start = unit.start
        parties, anaphoric = self._party_of_np(np_start, np_end, sentence_start)
        if not parties and not anaphoric and BARE_MINISTRY.match(self.text[np_start:np_end]):
            parties = self._ministry_country(unit, np_start)
        speaker_span = (np_start, np_end)
        if anaphoric and not parties:
            antecedent = self._antecedent(np_start, np_end)
            if antecedent is not None:
                parties = self._parties_with(antecedent)
                assert antecedent.speaker_start is not None and antecedent.speaker_end is not None
                speaker_span = (antecedent.speaker_start, antecedent.speaker_end)
            elif self.text[np_start:np_end].lower() in PRONOUNS:
                return []
        elif anaphoric and parties:
            antecedent = self._antecedent_of_party(parties[0], np_start)
            if antecedent is not None:
                speaker_span = antecedent
        content = (
            min(max(content[0], unit.start), unit.end),
            min(max(content[1], content[0], unit.start), unit.end),
        )
        q_start, q_end = self._quote_in(unit, content)
        return [
            Statement(
                start=start,
                end=end,
                kind=kind,
                speaker=self.text[speaker_span[0] : speaker_span[1]],
                speaker_start=speaker_span[0],
                speaker_end=speaker_span[1],
                party=party,
                content_start=content[0],
                content_end=content[1],
                quote_start=q_start,
                quote_end=q_end,
            )
            for party in (parties or [None])
        ]

    def _ministry_country(self, unit: _Unit, np_start: int) -> list[str]:
        """ "Qatar will continue its mediation, the Ministry of Foreign Affairs said"; "Iran is
        watching. Foreign Ministry spokesman X said": a ministry of no named country belongs to
        the party that opens its sentence, or, when the ministry opens it, the previous one."""
        if np_start > unit.start:
            party = self._sentence_subject_party(unit.start, np_start)
            return [party] if party else []
        if not unit.first:
            return []
        prev = self.sentences[unit.first - 1]
        if self.sentences[unit.first].paragraph - prev.paragraph > 1:
            return []
        party = self._sentence_subject_party(prev.start, prev.end)
        return [party] if party else []

    def _parties_with(self, statement: Statement) -> list[str]:
        """The parties of a statement and of those it was made with ("a joint statement of the
        US and Ukraine"): a later "the statement" speaks for all of them."""
        together = [
            st.party
            for st in self.statements[-6:]
            if (st.start, st.end, st.speaker_start)
            == (statement.start, statement.end, statement.speaker_start)
            and st.party
        ]
        return list(dict.fromkeys(together)) or ([statement.party] if statement.party else [])

    def _antecedent_of_party(self, party: str, before: int) -> tuple[int, int] | None:
        for prev in reversed(self.statements[-6:]):
            if prev.party == party and prev.speaker_start is not None and prev.start < before:
                assert prev.speaker_end is not None
                return prev.speaker_start, prev.speaker_end
        return None

    def _quote_in(self, unit: _Unit, content: tuple[int, int]) -> tuple[int | None, int | None]:
        inside = [q for q in unit.quotes if q[0] >= content[0] and q[1] <= content[1]]
        if not inside:
            return None, None
        q_start = inside[0][0] + 1
        q_end = inside[-1][1]
        if self.text[q_end - 1] in QUOTE_MARKS:
            q_end -= 1
        while q_end > q_start and self.text[q_end - 1] in " ,.\n\xa0":
            q_end -= 1
        return q_start, q_end

    def _reported(self, unit: _Unit, masked: str) -> list[Statement]:
        """ "X said (that) ...", "..., X said", "'...,' X said", "according to X"."""
        final = self._final_attribution(unit, masked) or self._passive_source(unit, masked)
        if final:
            return final
        base = unit.start
        for verb in WORD.finditer(masked):
            word = _norm(verb.group(0))
            if word not in REPORTING or not verb.group(0)[0].islower():
                continue
            if PASSIVE_BEFORE.search(masked, 0, verb.start()) and not masked.startswith(
                " to ", verb.end()
            ):
                continue  # "Families were told the guns would fall silent": they were informed
            needs = NEEDS_COMPLEMENT.get(word)
            quoted_verdict = word in {"called", "calls"} and CALLED_QUOTED.match(
                self.text, base + verb.end()
            )
            if needs and not re.match(needs, masked[verb.end() :]) and not quoted_verdict:
                continue
            denial = word in DENIAL or self._echoes_denial(masked, verb)
            kind = "denial" if denial else ("quote" if unit.quotes else "reported")
            v_start, v_end = base + verb.start(), base + verb.end()
            clause = self._clause_start(masked, verb.start())
            np_start, np_end = self._clean_np(base + clause, v_start)
            np_start, np_end = self._before_coordination(np_start, np_end)
            candidate = self.text[np_start:np_end]
            trailing = None
            apposition = masked[: verb.start()].rstrip().endswith(",")
            listed = self._listed_parties(np_start, np_end)
            if "," in _without_relative(candidate) and not apposition and not listed:
                trailing = self._trailing_speaker(unit, masked, verb.start(), clause)
            if trailing is None and np_start < np_end and self._valid_np(np_start, np_end):
                np_end = self._cut_relative(np_start, np_end)
                after_quote = clause > 0 and not masked[:clause].strip(" ,")
                content = (unit.start, np_start) if after_quote else (v_end, unit.end)
                hung = re.search(rf"(?:{TIME_CLAUSE}|(?P<side>{SIDE_CLAUSE}))$", masked[:clause])
                hung_at = (clause if hung.group("side") else hung.start() + 1) if hung else 0
                span = self._strip(base + hung_at, unit.end) if hung else None
                return self._speaker_statements(
                    unit, np_start, np_end, kind, self._strip(*content), span
                )
            if trailing is None:
                trailing = self._trailing_speaker(unit, masked, verb.start(), clause)
            if trailing is not None:
                np_start, np_end = trailing
                cited = CITING.match(masked, verb.end())
                if cited:  # "..., Al-Qahera News reports, citing a senior official."
                    np_start, np_end = base + cited.start("np"), base + cited.end("np")
                content = self._strip(unit.start, masked.rfind(",", 0, np_start - base) + base)
                if masked[verb.end() :].lstrip().startswith(":"):  # "Asked why, X replied: ..."
                    content = self._strip(v_end, unit.end)
                return self._speaker_statements(unit, np_start, np_end, kind, content)
            after = self._post_quote_speaker(unit, masked, verb)
            if after is not None:
                np_start, np_end = after
                content = self._strip(unit.start, base + verb.start())
                return self._speaker_statements(unit, np_start, np_end, kind, content)
        according = re.search(r"\b[Aa]ccording to\s+", masked)
        if according:
            np_start = base + according.end()
            tail = re.search(r"[,.;]|\s+(?:citing|who|on)\s", masked[according.end() :])
            np_end = np_start + (tail.start() if tail else len(masked) - according.end())
            np_start, np_end = self._clean_np(np_start, np_end)
            if according.start() == 0 or masked[: according.start()].strip() == "":
                content = (np_end + 1, unit.end)
            else:
                content = (unit.start, base + according.start())
            content = self._strip(*content)
            if self.text[np_start:np_end].strip():
                return self._speaker_statements(unit, np_start, np_end, "reported", content)
        return []

    def _final_attribution(self, unit: _Unit, masked: str) -> list[Statement]:
        """ "Egypt has told Washington it will not accept it, one of the people said.": the
        attribution that closes a sentence is its source, even when the sentence reports what
        someone else said; a leak of a party's words is the leaker's statement, not the party's.
        A source that speaks for a party keeps the usual reading, and so does "according to",
        which as often names the outlet that relayed a party's words as the leaker.
        """
        closing = self._closing_speaker(unit, masked)
        if closing is None:
            return []
        np_start, np_end, content_end = closing
        inverted = self.text[content_end + 1 : np_start].strip() == "said"
        earlier = {_norm(w) for w in WORD.findall(self.text, unit.start, content_end)}
        if not inverted and not REPORTING & earlier:
            return []  # "..., said people familiar with its thinking" needs no other verb
        parties, anaphoric = self._party_of_np(np_start, np_end, unit.start)
        if parties or anaphoric:
            return []
        content = self._strip(unit.start, content_end)
        return self._speaker_statements(unit, np_start, np_end, "reported", content)

    def _closing_speaker(self, unit: _Unit, masked: str) -> tuple[int, int, int] | None:
        """(start, end) of the speaker of an attribution that closes the sentence ("..., Qatar
        said late Monday", "..., said people familiar with its thinking"), and where what they
        said ends."""
        m = FINAL_ATTRIBUTION.search(masked)
        if m is None:
            return None
        group = "np" if m.group("np") else "after"
        np_start, np_end = self._clean_np(unit.start + m.start(group), unit.start + m.end(group))
        inverted = group == "after"  # "said people familiar ...": the phrase may start lowercase
        if np_start >= np_end or not self._valid_np(np_start, np_end, after_quote=inverted):
            return None
        if _head(self.text[np_start:np_end]) in DOCUMENT_HEADS:
            return None
        return np_start, np_end, unit.start + m.start()

    def _passive_source(self, unit: _Unit, masked: str) -> list[Statement]:
        m = PASSIVE_SOURCE.match(masked)
        if m is None:
            return []
        np_start, np_end = self._clean_np(unit.start + m.start("np"), unit.start + m.end("np"))
        if np_start >= np_end or not self._valid_np(np_start, np_end):
            return []
        content = self._strip(unit.start + m.end(), unit.end)
        return self._speaker_statements(unit, np_start, np_end, "reported", content)

    def _trailing_speaker(
        self, unit: _Unit, masked: str, verb_at: int, clause: int
    ) -> tuple[int, int] | None:
        """ "Russia will not return to the deal, Kremlin spokesman Dmitry Peskov said." """
        comma = masked.rfind(",", clause, verb_at)
        if comma <= 0 or not masked[:comma].strip():
            return None
        np_start, np_end = self._clean_np(unit.start + comma + 1, unit.start + verb_at)
        if np_start < np_end and self._valid_np(np_start, np_end):
            return np_start, np_end
        return None

    def _cut_relative(self, start: int, end: int) -> int:
        """The speaker of "Kyiv, which was not invited, warned" is "Kyiv"."""
        m = RELATIVE.search(self.text, start, end)
        return m.start() if m else end

    def _before_coordination(self, start: int, end: int) -> tuple[int, int]:
        """ "Amos Hochstein, was in Beirut and warned": the subject ends before "was"."""
        if not re.search(r"\sand$", self.text[start:end]):
            return start, end
        aux = re.search(r"\s(?:was|is|were|are|has|had|have)\s", self.text[start:end])
        if aux is None:
            return start, end
        return self._clean_np(start, start + aux.start())

    def _echoes_denial(self, masked: str, verb: re.Match[str]) -> bool:
        return _norm(verb.group(0)) == "echoed" and "denial" in masked[verb.end() :][:40]

    def _clause_start(self, masked: str, verb_at: int) -> int:
        """Where the verb's clause begins: after a clause break or a blanked quotation."""
        start = 0
        relatives = [r.span() for r in RELATIVE.finditer(masked, 0, verb_at)]
        for m in CLAUSE_BREAK.finditer(masked, 0, verb_at):
            if any(a < m.start() < b for a, b in relatives):
                continue  # "Rubio, who met officials but stayed away, said": still Rubio's clause
            start = m.end()
        blank = masked.rfind("   ", start, verb_at)
        if blank != -1:
            start = blank + 3
        return start

    def _post_quote_speaker(
        self, unit: _Unit, masked: str, verb: re.Match[str]
    ) -> tuple[int, int] | None:
        """ "...," said Ghazi Hamad, a member of ...  /  "...," he said."""
        base = unit.start
        closed = [q[1] for q in unit.quotes if q[1] <= base + verb.start()]
        if not closed:
            return None
        last_q_end = max(closed)
        gap = self.text[last_q_end : base + verb.start()]
        if gap.strip(" ,\xa0\n") == "":
            tail = masked[verb.end() :]
            m = POST_QUOTE_TAIL.match(tail)
            if not m:
                return None
            np_start = base + verb.end() + m.start(1)
            np_end = base + verb.end() + m.end(1)
        else:
            np_start, np_end = last_q_end, base + verb.start()
        np_start, np_end = self._clean_np(np_start, np_end)
        valid = self._valid_np(np_start, np_end, after_quote=True)
        return (np_start, np_end) if valid else None

    def _strip(self, start: int, end: int) -> tuple[int, int]:
        start = min(start, end)
        while start < end and self.text[start] in " ,:\t\n\xa0":
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def _stances(self, unit: _Unit, masked: str) -> list[Statement]:
        """Clauses whose subject is a party and whose verb is a stance or a negotiating act.

        "Hamas refused to participate", "Israel has firmly rejected", "Washington has engaged
        in discussions"; and views of experts or observers, which speak for no party.
        """
        out: list[Statement] = []
        base = unit.start
        breaks = list(re.finditer(rf",\s+(?:but|and|while|whereas)\s+|;\s+|{TIME_CLAUSE}", masked))
        clauses = list(
            zip(
                [0] + [m.end() for m in breaks],
                [m.start() for m in breaks] + [len(masked)],
                strict=True,
            )
        )
        for c_start, c_end in clauses:
            found = self._stance_clause(base + c_start, base + c_end)
            if found is None:
                continue
            (np_start, np_end), parties = found
            if parties and set(parties) <= {st.party for st in out}:
                continue  # "Hamas is open to it; the movement has agreed": one stance a party
            span = (
                (unit.start, unit.end)
                if len(clauses) == 1
                else self._strip(base + c_start, base + c_end)
            )
            for party in parties or [None]:
                out.append(
                    Statement(
                        start=span[0], end=span[1], kind="stance",
                        speaker=self.text[np_start:np_end], speaker_start=np_start,
                        speaker_end=np_end, party=party, content_start=span[0],
                        content_end=span[1], quote_start=None, quote_end=None,
                    )
                )  # fmt: skip
        return out

    def _stance_clause(self, start: int, end: int) -> tuple[tuple[int, int], list[str]] | None:
        np_start, _ = self._clean_np(start, end)
        lead = re.match(r"(?:What|Even)\s+", self.text[np_start:end])
        if lead:
            np_start += lead.end()
        words = list(WORD.finditer(self.text, np_start, end))[:14]
        for i, w in enumerate(words):
            word = _norm(w.group(0))
            if i and word in VIEW_VERBS:
                s, e = self._clean_np(np_start, w.start())
                cut = MODIFIER_CUTS.search(self.text, s, e)
                core = self.text[s : cut.start() if cut else e].split()
                if core and core[-1].lower() in VIEW_HEADS:
                    return (s, e), []
            if (word not in STANCE and word not in STANCE_COMPLEMENT) or i == 0:
                continue
            complement = STANCE_COMPLEMENT.get(word)
            if complement is not None and not re.match(complement, self.text[w.end() : end]):
                return None
            if word in WEAK_STANCE:
                nxt = [_norm(x) for x in WORD.findall(self.text[w.end() : w.end() + 40])]
                if word == "remains" and not (nxt and nxt[0] in {"steadfast", "committed"}):
                    return None
                if word in {"engaged", "met", "continues"} and not set(nxt[:3]) & NEGOTIATION_WORDS:
                    return None
            if word in TRANSMISSION:
                nxt = [_norm(x) for x in WORD.findall(self.text[w.end() : w.end() + 60])]
                if not set(nxt[:6]) & NEGOTIATION_TEXTS:
                    return None
            s, e = self._clean_np(np_start, w.start())
            if s >= e or len(re.sub(r",[^,]*(?:,|$)", "", self.text[s:e]).split()) > 10:
                return None
            if self.text[s:e] == "It":
                body = self._body_just_before(start)
                return ((s, e), [body.party]) if body and body.party else None
            terms = self.lexicon.find(self.text, s, e)
            if not terms or (terms[0].kind == "reference" and terms[0].start != s):
                return None
            if not self._valid_np(s, e):
                return None
            parties, anaphoric = self._party_of_np(s, e, start)
            if not parties or (anaphoric and terms[0].kind != "reference"):
                return None
            return (s, e), parties
        return None

    def _body_just_before(self, before: int) -> Statement | None:
        """ "In it, the group proposed a truce. It also demanded ...": "It" opening a sentence
        goes on with the party body that spoke in the sentence just before, and only that."""
        previous = [s for s in self.sentences if s.end <= before]
        if not previous or not self.statements:
            return None
        last = self.statements[-1]
        if last.end < previous[-1].start or last.speaker is None:
            return None
        plural = _is_plural(last.speaker)
        return last if self._is_organisation(last) and not plural else None

    def _absolute_clauses(self, unit: _Unit, masked: str) -> list[Statement]:
        """ "..., with Kyiv accusing Moscow of making demands", "with the US abstaining": a
        party's act hung on the sentence with "with" and a participle."""
        out: list[Statement] = []
        for m in WITH_CLAUSE.finditer(masked):
            verb = m.group("verb").lower()
            if verb not in SAYING_PARTICIPLES | ACTING_PARTICIPLES:
                continue
            np_start, np_end = unit.start + m.start("np"), unit.start + m.end("np")
            terms = self.lexicon.find(self.text, np_start, np_end)
            lead = 4 if self.text.startswith("the ", np_start) else 0
            if not terms or terms[0].kind == "reference" or terms[0].start != np_start + lead:
                continue
            parties, _ = self._party_of_np(np_start, np_end, unit.start)
            clause_end = re.search(r"[,;]", masked[m.end() :])
            end = unit.start + m.end() + clause_end.start() if clause_end else unit.end
            span = self._strip(unit.start + m.start("with"), end)
            kind = "reported" if verb in SAYING_PARTICIPLES else "stance"
            out += [
                Statement(
                    start=span[0], end=span[1], kind=kind, speaker=self.text[np_start:np_end],
                    speaker_start=np_start, speaker_end=np_end, party=party,
                    content_start=span[0], content_end=span[1], quote_start=None, quote_end=None,
                )
                for party in parties
            ]  # fmt: skip
        return out

    def _passive_agents(self, unit: _Unit, masked: str) -> list[Statement]:
        """ "The new plan was drawn up by Cairo and Doha", "The venue was offered by Turkey":
        a negotiating act told in the passive is the act of the parties after "by"."""
        m = PASSIVE_AGENT.search(masked)
        if m is None:
            return []
        np_start, np_end = self._clean_np(unit.start + m.start("np"), unit.start + m.end("np"))
        if np_start >= np_end or not self.lexicon.find(self.text, np_start, np_end):
            return []
        parties, anaphoric = self._party_of_np(np_start, np_end, unit.start)
        if anaphoric or not parties:
            return []
        return [
            Statement(
                start=unit.start, end=unit.end, kind="stance",
                speaker=self.text[np_start:np_end], speaker_start=np_start, speaker_end=np_end,
                party=party, content_start=unit.start, content_end=unit.end,
                quote_start=None, quote_end=None,
            )
            for party in parties
        ]  # fmt: skip

    def _standalone_quote(self, unit: _Unit, following: list[_Unit]) -> list[Statement]:
        """A quotation with no attribution of its own.

        It continues the previous speaker's quotation, or is claimed by the next sentence
        ("That was the message from X"), or follows a speaker's name and a colon.
        """
        if not unit.quotes:
            return []
        masked = _mask_quotes(self.text, unit)
        start = unit.start
        dateline = DATELINE.match(self.text[start : unit.quotes[0][0]].replace("\n", " "))
        own = masked[dateline.end() :] if dateline else masked
        own_words = own.strip(" .,\n\xa0")
        content = (unit.quotes[0][0], unit.end)
        if own_words:
            before = self.text[start : unit.quotes[0][0]].rstrip()
            terms = self.lexicon.find(self.text, start, unit.quotes[0][0])
            people = [t for t in terms if t.kind in {"person", "phrase"}]
            if not (people and before.endswith(":")):
                return []
            span = (people[0].start, people[0].end)
            return [self._quote_statement(unit, span, people[0].party, content)]
        if following:
            claimed = self._claimed_by(following[0])
            if claimed is not None:
                speaker, party = claimed
                return [self._quote_statement(unit, speaker, party, content)]
        prev = self.statements[-1] if self.statements else None
        prev_sentence = self.sentences[unit.first - 1] if unit.first else None
        if (
            prev is not None
            and prev_sentence is not None
            and self.text[prev_sentence.end - 1] == ":"
            and prev.end >= self.sentences[max(unit.first - 2, 0)].start
            and prev.speaker_start is not None
            and prev.speaker_end is not None
        ):  # "... issued a joint statement. Here is the key passage:" and then the passage
            span = (prev.speaker_start, prev.speaker_end)
            return [
                self._quote_statement(unit, span, party, content)
                for party in self._parties_with(prev) or [None]
            ]
        if (
            prev is not None
            and prev.kind == "quote"
            and prev_sentence is not None
            and prev.end >= prev_sentence.start
            and prev.speaker_start is not None
            and prev.speaker_end is not None
        ):
            span = (prev.speaker_start, prev.speaker_end)
            return [self._quote_statement(unit, span, prev.party, content)]
        return []

    def _claimed_by(self, nxt: _Unit) -> tuple[tuple[int, int], str | None] | None:
        """The speaker a sentence gives to the quotation before it: "That was the message from
        X", "X delivered that message at a news conference"."""
        claim = CLAIMED_BY.match(self.text, nxt.start, nxt.end)
        if claim:
            np_start, np_end = self._clean_np(claim.end(), nxt.end)
            np_end = self._cut_relative(np_start, np_end)
            tail = re.search(r",|\s+(?:according|who|in|on)\s", self.text[np_start:np_end])
            np_end = np_start + tail.start() if tail else np_end
            while np_end > np_start and self.text[np_end - 1] in " .":
                np_end -= 1
        else:
            claim = CLAIMING_SUBJECT.match(self.text, nxt.start, nxt.end)
            if claim is None:
                return None
            np_start, np_end = self._clean_np(nxt.start, claim.end("np"))
        if not self._valid_np(np_start, np_end):
            return None
        parties, _ = self._party_of_np(np_start, np_end, nxt.start)
        return (np_start, np_end), parties[0] if len(parties) == 1 else None

    def _quote_statement(
        self, unit: _Unit, speaker: tuple[int, int], party: str | None, content: tuple[int, int]
    ) -> Statement:
        return Statement(
            start=unit.start, end=unit.end, kind="quote",
            speaker=self.text[speaker[0] : speaker[1]], speaker_start=speaker[0],
            speaker_end=speaker[1], party=party, content_start=content[0],
            content_end=content[1], quote_start=self._quote_in(unit, content)[0],
            quote_end=self._quote_in(unit, content)[1],
        )  # fmt: skip

    def _second_speakers(self, unit: _Unit, masked: str, found: list[Statement]) -> list[Statement]:
        """ "..., as U.S. Secretary of State Antony Blinken urged the group to accept": a second
        party speaking in a trailing clause. Only a named party counts, never a bare pronoun."""
        if not found:
            return []
        out = []
        for m in SECOND_CLAUSE.finditer(masked):
            clause_start = unit.start + m.end()
            if clause_start <= max(s.speaker_end or 0 for s in found):
                continue
            for verb in WORD.finditer(self.text, clause_start, unit.end):
                word = _norm(verb.group(0))
                if word not in REPORTING or not verb.group(0)[0].islower():
                    continue
                np_start, np_end = self._clean_np(clause_start, verb.start())
                terms = self.lexicon.find(self.text, np_start, np_end)
                if (
                    not terms
                    or terms[0].kind == "reference"
                    or not self._valid_np(np_start, np_end)
                ):
                    break
                parties, anaphoric = self._party_of_np(np_start, np_end, unit.start)
                if anaphoric or not parties or set(parties) & {s.party for s in found}:
                    break
                span = self._strip(clause_start, unit.end)
                out += [
                    Statement(
                        start=span[0], end=span[1], kind="reported",
                        speaker=self.text[np_start:np_end], speaker_start=np_start,
                        speaker_end=np_end, party=party, content_start=verb.end(),
                        content_end=span[1], quote_start=None, quote_end=None,
                    )
                    for party in parties
                ]  # fmt: skip
                break
        return out

    def _rejoinders(self, unit: _Unit, masked: str) -> list[Statement]:
        """ "..., an argument Kyiv rejects": a party's answer folded into the sentence."""
        out = []
        for m in REJOINDER.finditer(masked):
            np_start, np_end = unit.start + m.start("np"), unit.start + m.end("np")
            subject = self._sentence_subject_party(unit.start, np_start)
            if m.group("np") in {"it", "they"} and subject:
                parties = [subject]  # "The RSF is accused of killings, which it denies"
            elif m.group("np") in PRONOUNS:
                person = self._recent_person(np_start)
                if person is None:
                    continue
                parties = [person.party]
                np_start, np_end = person.start, person.end
            else:
                terms = self.lexicon.find(self.text, np_start, np_end)
                if not terms or terms[0].kind == "reference":
                    continue
                parties, anaphoric = self._party_of_np(np_start, np_end, unit.start)
                if anaphoric:
                    continue
            if not parties:
                continue
            span = self._strip(unit.start + m.start() + 1, unit.start + m.end())
            for party in parties:
                out.append(
                    Statement(
                        start=span[0], end=span[1], kind="denial",
                        speaker=self.text[np_start:np_end], speaker_start=np_start,
                        speaker_end=np_end, party=party, content_start=span[0],
                        content_end=span[1], quote_start=None, quote_end=None,
                    )
                )  # fmt: skip
        return out

    @staticmethod
    def _only_a_source(reported: list[Statement], stances: list[Statement], masked: str) -> bool:
        """ "The group proposed a truce, according to a copy of its response": a party's own
        document that reports its stance does not replace the party as its speaker."""
        source = re.search(r"\b[Aa]ccording to\s+(?:\w+\s+){0,3}?(?:" + DOCUMENTS + r")\b", masked)
        return (
            any(st.party for st in stances)
            and all(st.party is None for st in reported)
            and source is not None
        )

    def _by_sentence(self, unit: _Unit, st: Statement) -> list[Statement]:
        """A quotation of several sentences gives one statement per sentence, each with the
        speaker: a position is one sentence, and the latest one must not hide in a paragraph.
        A quotation running on into further paragraphs gives each paragraph its own statements.
        """
        if st.kind != "quote" or (st.start, st.end) != (unit.start, unit.end) or not unit.quotes:
            return [st]
        edges = []
        for sentence in self.sentences[unit.first :]:
            if sentence.start >= unit.end:
                break
            start = max(sentence.start, unit.start)
            edges.append(start)
            if self.text[start] in QUOTE_MARKS + OPENING_QUOTES:
                edges += quoted_sentence_ends(self.text, start, sentence.end)
        edges.append(unit.end)
        if len(edges) <= 2:
            return [st]
        pieces = []
        for a, b in pairwise(edges):
            a, b = self._strip(a, b)
            if a >= b:
                continue
            c_start, c_end = max(a, st.content_start), min(b, st.content_end)
            if c_start >= c_end:
                c_start, c_end = a, b
            q_start = q_end = None
            if st.quote_start is not None and st.quote_end is not None:
                q_start, q_end = max(a, st.quote_start), min(b, st.quote_end)
                while q_start < q_end and self.text[q_start] in QUOTE_MARKS + " ":
                    q_start += 1
                while q_end > q_start and self.text[q_end - 1] in QUOTE_MARKS + " ,\n\xa0":
                    q_end -= 1
                if q_start >= q_end:
                    q_start = q_end = None
            pieces.append(
                replace(
                    st, start=a, end=b, content_start=c_start, content_end=c_end,
                    quote_start=q_start, quote_end=q_end,
                )
            )  # fmt: skip
        return pieces

    def _introduces_block(self, unit: _Unit, masked: str, found: list[Statement]) -> bool:
        """ "The secretary general wrote on X:" with nothing after the colon: what was written
        is the next paragraph, set off as a block quotation without quotation marks."""
        return bool(found) and not unit.quotes and masked.rstrip().endswith(":")

    def _block_quote(self, unit: _Unit, intro: Statement) -> Statement:
        content = self._strip(unit.start, unit.end)
        return replace(
            intro, start=unit.start, end=unit.end, kind="quote", content_start=content[0],
            content_end=content[1], quote_start=content[0], quote_end=content[1],
        )  # fmt: skip

    # --- transcripts ------------------------------------------------------------------------

    def _paragraph_spans(self) -> dict[int, tuple[int, int]]:
        spans: dict[int, tuple[int, int]] = {}
        for s in self.sentences:
            start, end = spans.get(s.paragraph, (s.start, s.end))
            spans[s.paragraph] = (min(start, s.start), max(end, s.end))
        return spans

    def _transcript(self) -> dict[int, Statement | None]:
        """Paragraphs of a briefing or interview transcript: a reporter's question ("Q:",
        "QUESTION:") is no one's statement (None); an answer ("Al-Ansari: ...", "MR MILLER: ...")
        is one statement of the labelled speaker, and so is each unlabelled paragraph that
        continues it up to the next labelled line. A label counts only in a dialogue (two
        labelled lines or more) and only when it names a person of the book or of the article.
        """
        spans = self._paragraph_spans()
        labelled: dict[int, tuple[int, int, str] | None] = {}  # paragraph -> label, or question
        reporting: set[int] = set()  # the host's or reporter's own lines: read as narration
        labels = {
            para: m
            for para, (start, end) in spans.items()
            if (m := TRANSCRIPT_LABEL.match(self.text, start, end)) is not None
        }
        interviewer = self._interviewer(labels, spans)
        for para, m in labels.items():
            start = spans[para][0]
            label = m.group("label")
            if label.casefold() in QUESTION_LABELS:
                labelled[para] = None
                continue
            if label.casefold() == interviewer or self._is_reporter(label):
                reporting.add(para)
                continue
            party = self._labelled_person(label, start)
            if party is False and label.isupper() and len(label.split()) >= 2:
                party = None  # "YEHUDA COHEN:", a full name in a broadcast transcript
            if party is not False:
                labelled[para] = (m.start("label"), m.end("label"), party)  # type: ignore[assignment]
        if len(labelled) + len(reporting) < 2:
            return {}
        roles: dict[int, Statement | None] = {}
        speaker: tuple[int, int, str | None] | None = None
        for para in sorted(spans):
            if para in reporting:
                speaker = None
                continue
            if para not in labelled:
                start, end = spans[para]
                if speaker is not None and self._first_person(start, end):
                    roles[para] = self._answer(spans[para], speaker, start)
                else:
                    speaker = None
                continue
            label = labelled[para]
            if label is None:
                roles[para], speaker = None, None
                continue
            speaker = label
            content = self._strip(label[1] + 1, spans[para][1])[0]
            pleasantry = PLEASANTRIES.fullmatch(self.text, content, spans[para][1])
            roles[para] = None if pleasantry else self._answer(spans[para], label, content)
        return roles

    def _interviewer(
        self, labels: dict[int, re.Match[str]], spans: dict[int, tuple[int, int]]
    ) -> str | None:
        """The label that asks: the one whose lines end in a question most often, at least
        twice ("MARGARET BRENNAN: ... Why?"). Its lines report others; they are no answers."""
        asked: dict[str, int] = {}
        for para, m in labels.items():
            if self.text[spans[para][1] - 1] == "?":
                key = m.group("label").casefold()
                asked[key] = asked.get(key, 0) + 1
        ranked = sorted(asked.items(), key=lambda item: -item[1])
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0]

    def _is_reporter(self, label: str) -> bool:
        """ "ESTRIN:" in a broadcast transcript that introduced "DANIEL ESTRIN, BYLINE:": the
        host's and reporters' lines tell what others said; they are nobody's statement."""
        if label.casefold() in REPORTER_LABELS:
            return True
        surname = label.split()[-1].casefold()
        for m in (*REPORTER_INTRO.finditer(self.text), *REPORTER_MENTION.finditer(self.text)):
            if surname in m.group("name").casefold().split():
                return True
        return False

    def _first_person(self, start: int, end: int) -> bool:
        """A paragraph in the speaker's own words, not the reporter's: first person, and no
        quotation marks (a quoted paragraph has its own attribution)."""
        span = self.text[start:end]
        return not any(q in span for q in QUOTE_MARKS) and FIRST_PERSON.search(span) is not None

    def _answer(
        self, span: tuple[int, int], label: tuple[int, int, str | None], content: int
    ) -> Statement:
        return Statement(
            start=span[0], end=span[1], kind="quote", speaker=self.text[label[0] : label[1]],
            speaker_start=label[0], speaker_end=label[1], party=label[2], content_start=content,
            content_end=span[1], quote_start=content, quote_end=span[1],
        )  # fmt: skip

    def _labelled_person(self, label: str, before: int) -> str | bool | None:
        """The party of the person a transcript label names ("MR MILLER": Matthew Miller), None
        for a person of no known party, False when the label names no person: a person of the
        book, or one the article introduced earlier ("State Department spokesman Matthew
        Miller", "Majed al-Ansari, the Qatari foreign ministry spokesman")."""
        words = [w for w in label.split() if _norm(w) not in HONORIFICS]
        if not words:
            return False
        folded = " ".join(words).casefold()
        surname = words[-1].casefold()
        known = {
            party
            for name, (party, kind) in self.lexicon.exact.items()
            if kind == "person"
            and (name.casefold() == folded or name.casefold().split()[-1] == surname)
        }
        if len(known) == 1:
            return known.pop()
        if known:
            return False
        pattern = re.compile(rf"(?<![\w-]){re.escape(words[-1])}(?![\w-])", re.IGNORECASE)
        for m in pattern.finditer(self.text, 0, before):
            found = m.group(0)
            if not found[0].isupper() or (len(found) > 1 and found.isupper()):
                continue
            name_start = m.start()
            while True:
                prev = re.search(
                    rf"({NAME_WORD})\s+$", self.text[max(0, name_start - 40) : name_start]
                )
                if prev is None or _norm(prev.group(1)) in HONORIFICS:
                    break
                name_start -= len(prev.group(0))
            if name_start == m.start():
                continue  # a surname alone does not introduce anyone
            return self._introduced_party(name_start, m.end())
        return False

    def _introduced_party(self, name_start: int, name_end: int) -> str | None:
        """The party of a person from the titles before the name and the apposition after it."""
        sentence = next((s for s in self.sentences if s.start <= name_start < s.end), None)
        start = sentence.start if sentence else name_start
        clause = max(
            self.text.rfind(",", start, name_start), self.text.rfind(";", start, name_start)
        )
        before = clause + 1 if clause != -1 else start
        if clause != -1 and not self.text[before:name_start].strip():
            # "Trump's Middle East envoy, Steve Witkoff": the title is the clause before
            before = max(self.text.rfind(",", start, clause), start - 1) + 1
        window = [(before, name_end)]
        after = re.match(rf",\s+([\w{APOSTROPHE}'-]+)", self.text[name_end : name_end + 40])
        if after and (
            after.group(1)[0].isupper() or after.group(1) in {"a", "an", "the"} | SPEAKER_HEADS
        ):
            # an apposition ("Ron Dermer, Israel's strategic affairs minister"), not a verb
            # ("Steve Witkoff, met Netanyahu")
            stop = re.search(r"[,.;]", self.text[name_end + 2 : name_end + 120])
            window.append((name_end, name_end + 2 + (stop.start() if stop else 0)))
        parties = {
            t.party
            for a, b in window
            for t in self.lexicon.find(self.text, a, b)
            if t.kind != "reference"
        }
        return parties.pop() if len(parties) == 1 else None

    def run(self) -> Attribution:
        mentions: list[Mention] = []
        units = _units(self.text, self.sentences)
        transcript = self._transcript()
        intro: list[Statement] = []  # "X wrote on X:" awaiting its quotation paragraph
        intro_paragraph = -1
        answered: set[int] = set()
        for index, unit in enumerate(units):
            paragraph = self.sentences[unit.first].paragraph
            if paragraph > intro_paragraph + 1:
                intro = []
            terms = self.lexicon.find(self.text, unit.start, unit.end)
            self.recent_party += [(t.start, t.party) for t in terms if t.kind != "reference"]
            self.recent_people += [t for t in terms if t.kind == "person"]
            masked = _mask_quotes(self.text, unit)
            if paragraph in transcript or masked.rstrip(" \n\xa0").endswith("?"):
                answer = transcript.get(paragraph)
                found = [answer] if answer is not None and paragraph not in answered else []
                answered.add(paragraph)
                self.statements.extend(found)
                mentions += [
                    Mention(t.party, t.start, t.end)
                    for t in terms
                    if t.kind != "reference" and not (answer and answer.speaker_start == t.start)
                ]
                continue
            found = self._stances(unit, masked)
            closing = self._closing_speaker(unit, masked)
            if closing and all((st.speaker_end or 0) <= closing[0] for st in found):
                found = []  # "Israel and Hamas have agreed to extend the truce, Qatar said"
            if not found or (len(found) == 1 and found[0].start == unit.start):
                reported = self._reported(unit, masked)
                apart = all(r.start >= st.end for r in reported for st in found)
                if reported and apart:
                    found += reported
                elif reported and not self._only_a_source(reported, found, masked):
                    found = reported
            found += self._rejoinders(unit, masked) + self._second_speakers(unit, masked, found)
            found += self._absolute_clauses(unit, masked)
            if not found:
                found = self._passive_agents(unit, masked)
            if not found and intro and paragraph == intro_paragraph + 1:
                found = [self._block_quote(unit, st) for st in intro]
                self.statements = [st for st in self.statements if st not in intro]
            if not found:
                found = self._standalone_quote(unit, units[index + 1 : index + 2])
            found = [piece for st in found for piece in self._by_sentence(unit, st)]
            if self._introduces_block(unit, masked, found):
                intro, intro_paragraph = found, paragraph
            self.statements.extend(found)
            speakers = [
                (st.speaker_start, st.speaker_end)
                for st in found
                if st.speaker_start is not None and st.speaker_end is not None
            ]
            for term in terms:
                if term.kind == "reference" or any(s <= term.start < e for s, e in speakers):
                    continue
                mentions.append(Mention(term.party, term.start, term.end))
        return Attribution(self.statements, mentions)


def attribute(text: str, sentences: list[Sentence], book: PartyBook) -> Attribution:
    """Statements in text order; mentions of parties outside the speakers of statements."""
    return _Attributor(text, sentences, book).run()
