"""The grammar of attribution as data: the words and patterns that tell who speaks.

Word sets and regular expressions only: party names come from the party book, never from
here. The rules that use them are in the other modules of this package.
"""

from __future__ import annotations

import re

from bot.segment import APOSTROPHE, CLOSE_QUOTE, OPEN_QUOTE, OPEN_SINGLE, SINGLE_QUOTATION

QUOTE_MARKS = f'{OPEN_QUOTE}{CLOSE_QUOTE}"'
# With the single curly marks, which only bound a quotation already found: alone, the closing
# one is more often an apostrophe.
ALL_QUOTE_MARKS = f"{QUOTE_MARKS}{OPEN_SINGLE}{APOSTROPHE}"

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
    "posts", "tweeted", "tweets", "hinted", "hints", "conceded", "concedes", "writes", "read",
    "reads", "asked", "asks",
}  # fmt: skip
# Verbs that report speech only with what follows them: "replied:", "responded that",
# "described the plan as", "pointed out", "called for"; otherwise they tell an act.
ANSWER = r"[^.;,]{0,80}?:|\s+that\b|[\s.]*$"  # "replied:", "replied that", '"No," he replied.'
NEEDS_COMPLEMENT = {
    "replied": ANSWER, "replies": ANSWER, "responded": ANSWER, "responds": ANSWER,
    "answered": ANSWER,
    # '"...," the statement read.': a document's words; "he read the names" is no report
    "read": ANSWER, "reads": ANSWER,
    # "He asked why the group took two weeks", not "asked for a delay"
    **dict.fromkeys(("asked", "asks"), r"\s+(?:why|whether|how|what|when|if)\b|[\s.]*$"),
    "described": r"(?:\s+[^\s.;]+){1,8}?\s+as\b", "describes": r"(?:\s+[^\s.;]+){1,8}?\s+as\b",
    "pointed": r"\s+out\b", "called": r"\s+(?:for|on)\b", "calls": r"\s+(?:for|on)\b",
    **dict.fromkeys(("signaled", "signalled", "signals"), r"\s+that\b"),
    **dict.fromkeys(("hinted", "hints"), r"(?:\s+[^\s.;]+){0,8}?\s+(?:that|at)\b"),
    # "Magdy reported from Cairo.": a reporter's credit line, not a report of what was said.
    **dict.fromkeys(("reported", "reports"), r"(?!\s+from\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*\.?$)"),
}  # fmt: skip
# "He called the decision \"perplexing\"": a verdict in the speaker's own quoted words.
CALLED_QUOTED = re.compile(
    rf"(?:\s+[^\s.;{OPEN_QUOTE}{CLOSE_QUOTE}\"]+){{1,15}}?\s+[{OPEN_QUOTE}{OPEN_SINGLE}\"]"
)
# A word of saying after a determiner is a noun: "the dispute", "its claims", "these reports".
NOUN_BEFORE = re.compile(  # "the dispute", "a months-long dispute", not "al-Ansari said"
    r"(?:\b(?i:the|a|an|its|their|this|that|these|those)|(?<![\w-])[a-z]+-[a-z]+)\s+$"
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
    "approve", "oppose", "support", "welcome", "decline", "maintain", "insist", "threaten",
    "vow", "pledge", "endorse", "condemn", "criticise", "criticize", "praise", "hail", "blame",
    "threatening", "demanding", "refusing", "rejecting", "offering", "proposing", "opposing",
    "relayed", "relays", "conveyed", "conveys", "carried", "carries", "passed", "passes",
    "commends", "commended", "commend",
}  # fmt: skip
# "Hamas handed the mediators its response", not "handed out food": passing something on is a
# negotiating act only when what is passed is a negotiating text.
TRANSMISSION = {
    "handed", "hands", "submitted", "submits", "delivered", "delivers", "presented", "presents",
    "relayed", "relays", "conveyed", "conveys", "carried", "carries", "passed", "passes",
}  # fmt: skip
NEGOTIATION_TEXTS = {
    "response", "reply", "answer", "proposal", "counterproposal", "counter-proposal", "offer",
    "plan", "terms", "demands", "amendments", "conditions", "draft", "text", "list", "messages",
    "proposals", "weapons", "arms", "hostages", "captives", "prisoners", "remains", "bodies",
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
# "issued a statement", "released its list of demands": a text of the negotiation made public
_ISSUED = (
    r"(?:\s+[\w-]+){0,3}?\s+(?:statement|list|response|ultimatum|demands|principles"
    r"|conditions|proposal|counterproposal|warning)\b"
)
STANCE_COMPLEMENT = {
    **dict.fromkeys(
        ("recalled", "recalls", "recall"),
        _SOME_WORDS + r"\s+(?:negotiat\w*|team|delegation|envoy|ambassador|mediators)\b",
    ),
    **dict.fromkeys(
        ("issued", "issues", "published"),
        _ISSUED,
    ),
    # "released a statement"; "Hamas freed all 20 living hostages": an exchange carried out,
    # not a video of hostages
    **dict.fromkeys(
        ("released", "releases", "freed", "frees"),
        _ISSUED + r"|(?:\s+(?!video|footage|images?|photos?|pictures?|recordings?\b)[\w,-]+){0,6}?"
        r"\s+(?:hostages?|captives?|prisoners?|detainees?)\b",
    ),
    # "Israel halted the entry of all goods", not "halted its advance"
    **dict.fromkeys(
        ("halted", "halts", "halt", "blocked", "blocks"),
        r"(?:\s+[\w-]+){0,4}?\s+(?:aid|entry|goods|supplies|deliveries|talks|negotiations"
        r"|mediation|crossings?)\b",
    ),
    # "Aliyev pulled out of a planned meeting", "Israel postponed the vote on the deal"
    **dict.fromkeys(
        (
            "pulled",
            "pulls",
            "postponed",
            "postpones",
            "cancelled",
            "canceled",
            "cancels",
            "delayed",
            "delays",
        ),
        r"(?:\s+out\s+of)?(?:\s+[\w-]+){0,4}?\s+(?:"
        + _TALKS
        + r"|meeting|summit|visit|vote|deal|agreement|signing|round)",
    ),
    # "Qatar resumed its mediation", not "Israel resumed air strikes"
    **dict.fromkeys(
        ("resumed", "resumes", "resume", "suspended", "suspends", "suspend"),
        r"(?:\s+[\w-]+){0,3}?\s+(?:talks|negotiations|contacts|mediation|participation"
        r"|aid|deliveries|cooperation|role|efforts|involvement)\b",
    ),
    # "Kinshasa and the rebels have exchanged only part of the prisoners"
    **dict.fromkeys(
        ("exchanged", "exchange", "exchanges", "swapped"),
        r"(?:\s+[\w-]+){0,6}?\s+(?:hostages?|captives?|prisoners?|detainees?)\b",
    ),
    # "the two delegations undertook to respect the ceasefire", "committed to establishing"
    **dict.fromkeys(
        ("undertook", "undertake", "undertakes", "committed", "commit", "commits"), r"\s+to\b"
    ),
    # "Cairo was working with Doha on a proposal to extend the pause"
    **dict.fromkeys(
        ("working", "worked", "works"),
        r"[^.;]{0,40}?\bon\s+(?:a\s+|the\s+|an\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:proposal|deal|plan|agreement|draft|text|framework)\b",
    ),
    # "The Israeli delegation flew home", "walked out of the talks"
    **dict.fromkeys(
        ("left", "leaves", "returned", "walked"),
        r"\s+(?:home\b|out\s+of\s+the\s+(?:talks|negotiations|meeting)|the\s+(?:talks"
        r"|negotiations|table)\b)",
    ),
    # "Iran and the United States held what both sides called positive talks", not "held the
    # hostages in tunnels despite the talks"
    **dict.fromkeys(
        ("held", "holds", "hold"),
        r"(?:\s+(?!(?:in|for|despite|during|after|before|since|at)\b)[\w-]+){0,8}?\s+" + _TALKS,
    ),
    **dict.fromkeys(("struck", "strikes", "strike"), r"\s+an?\s+(?:[\w-]+\s+){0,2}?tone\b"),
    **dict.fromkeys(
        ("travelled", "traveled", "travels", "flew", "flies", "arrived", "arrives"),
        r"[^.;]{0,60}?\bfor\s+(?:[\w-]+\s+){0,2}?" + _TALKS + r"|\s+home\b",
    ),
    **dict.fromkeys(
        ("hosting", "hosts", "hosted", "host", "co-chaired", "chaired"),
        r"(?:\s+[\w-]+){0,4}?\s+(?:" + _TALKS + r"|summit|ceremony|round)",
    ),
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
    # "signed off on", "signed a declaration of principles", not "signed a law"
    **dict.fromkeys(
        ("signed", "signs", "sign"),
        r"\s+(?:off|on)\b|\s+the\s+[\"\u201c]|(?:\s+[\w-]+){0,4}?\s+(?:agreement|deal|declaration"
        r"|accords?|framework|memorandum|treaty|ceasefire|truce|protocol|roadmap|communiqu)",
    ),
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
    "due", "expected", "scheduled", "poised", "likely",  # "Egypt is due to host a summit"
    "long", "since", "yet", "finally",  # "Mekelle has long demanded"
}  # fmt: skip
# A time that opens a sentence with no comma after it: "On Monday Netanyahu said".
DATE_LEAD = re.compile(
    r"(?:(?:[Oo]n|[Ll]ast|[Tt]his|[Ll]ate|[Ee]arly)\s+(?:Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday|night|week|month|year|morning|evening)"
    r"|Yesterday|Today|Tonight|Overnight)\s+(?=[A-Z])"
)
SUBORDINATORS = {"as", "while", "because", "since", "although", "though", "whereas", "when"}
# The rest of a list of places or names that an introductory phrase ends with.
INTRO_LIST = re.compile(
    r"(?:\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*,)*\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*"
    r"\s+and\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*,"
)
INTRO_WORDS = {
    "in", "on", "at", "after", "before", "despite", "during", "earlier", "later", "meanwhile",
    "however", "separately", "speaking", "yet", "also", "but", "and", "still", "instead",
    "then", "fearing", "while", "since", "last", "this", "as", "with", "for", "under", "so",
    "moreover", "furthermore", "nevertheless", "elsewhere", "asked", "addressing", "whilst",
    "although", "though", "because", "if", "when", "once", "until", "amid", "among", "where",
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
    "journalists", "correspondent", "columnist", "pollster", "fellow", "mother", "father",
    "sister", "brother", "son", "daughter", "wife", "husband", "aunt", "uncle", "cousin",
    "relative", "grandmother", "grandfather", "parents", "nationalists", "demonstrators",
    "voters", "citizens", "civilians",
}  # fmt: skip
OF_OWNER = re.compile(r"(?:\s+of\s+[\w\s]{0,40}?)?\s+of\s")  # "the government of ..."
NO_PARTY_PREFIXES = ("according to", "experts", "analysts", "observers", "some ", "most ")
PRONOUNS = {"he", "she", "they", "it"}
# The items of a list of actors: "the US, Egypt, Qatar and Turkey", parties or not.
# Both are searched with an end position, at which they must end.
LIST_NAME = re.compile(r"(?<![\w.'-])(?:[A-Z][\w.'-]*\s+){0,2}[A-Z][\w.'-]*$")
LIST_SEPARATOR = re.compile(r"(?:,\s+|,?\s+and\s+)(?:the\s+)?$")
PLACE_INTRO = re.compile(r"(?:^|[.!?]\s+|\n)In\s+[A-Z][\w-]+,\s*$")  # "In Tehran, "
# The pronoun just before a verb of saying is its subject ("which they say", "as she said").
PRONOUN_BEFORE = re.compile(
    r"(?<=\s)(he|she|they)\s+(?:(?:has|have|had|also|then|later|again)\s+)*$"
)
AGE = re.compile(r"\d+-year-old")  # "the 74-year-old added"
DETERMINERS = {
    "a", "an", "the", "one", "some", "most", "two", "three", "several", "many", "its", "their",
    "his", "her",
}  # fmt: skip
COPULAS = {"is", "are", "was", "were", "there"}
PERSON_HEADS = {
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister", "president",
    "leader", "envoy", "member", "director", "chief", "negotiator", "commander", "secretary",
    "aide", "adviser", "advisor", "ambassador", "mayor", "governor", "chair", "chairman",
    "lawmaker", "legislator", "mp",
}  # fmt: skip
GROUP_HEADS = {"group", "movement", "organization", "organisation", "militia", "faction"}
# "the two governments pledged", "both sides said": the parties that last acted together
JOINT_REFERENCE = re.compile(
    r"(?:the\s+two|both(?:\s+the)?)\s+(?:governments|sides|delegations|countries|parties"
    r"|leaders|presidents|ministers|teams)"
)
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
SIDE_CLAUSE = r",\s+(?:while|whereas|but|and)\s+"
CLAUSE_BREAK = re.compile(
    rf"(?:,\s+(?:but|and|while|with|whereas)\s+|;\s+|:\s+|,?\s+but\s+|{TIME_CLAUSE})"
)
RELATIVE = re.compile(r",\s+(?:which|who|whose|speaking)\b[^,]*(?:,|$)")
# ", which called", ", who has said": a relative clause whose verb is one of saying
RELATIVE_SUBJECT = re.compile(
    r",\s+(?:which|who)\s+(?:(?:also|has|have|had|then|later|again|repeatedly)\s+)*$"
)
PREPOSITION = re.compile(r"\b(?:from|by|with|against|to|at|for|on|in|of|than)\s+")
BARE_RELATIVE = re.compile(r"\s+(?:who|whose)\s[^,]*")
FORMER = re.compile(r"\b[Ff]ormer((?:\s+[\w.-]+){1,4})")
# An apposition "a spokesman for the group" names whom the role serves.
ROLE_FOR = re.compile(
    r"(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,2}?(?:" + "|".join(sorted(PERSON_HEADS)) + r")\s+for\s"
)
DOCUMENTS = "document|copy|text|statement|letter|draft|proposal|response|reply"
CLAIMED_BY = re.compile(
    r"(?:That|This|These|Those|Such)\s+(?:was|were|is|are)\s+(?:(?:the\s+)?"
    r"(?:message|words|warning|view|verdict|position|assessment|response|reaction)\s+"
    r"(?:from|of)|how)\s+"  # "That was how Basem Naim put it"
    r"|(?:The|That|This|Those|These)\s+(?:message|words|warning|remarks?|comments?|threat"
    r"|pledge|assessment|verdict)\s+(?:came\s+from|(?:was|were)\s+(?:those|that)\s+of)\s+"
    # "The warning came from an official", "The words were those of a senior U.S. official"
)
# "That was President Trump's message to Hamas": the quotation's speaker is the possessor
CLAIMED_BY_POSSESSOR = re.compile(
    rf"(?:That|This)\s+(?:was|is)\s+(?P<np>[^,;.]{{2,60}}?)['{APOSTROPHE}]s\s+"
    r"(?:message|warning|verdict|answer|response|reply|view|position|threat|words?)\b"
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
    r"(?:\s++(?:on|in|late|early|last|this)\s++[^,;.]{1,40}|\s++(?:yesterday|today|tonight)"
    r"|\s++(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?"
)
_NOT_A_SPEAKER = (
    "in|on|at|that|to|by|during|after|before|late|early|last|this|it|he|she|they|we|its|his|her"
    "|their|the\\s++(?:deal|agreement|talks|proposal|plan)"
)
# Possessive spaces (\s++): masked quotations leave long runs of spaces, over which a plain
# \s+ backtracks; every space run here is followed by a word, so no match is lost.
FINAL_ATTRIBUTION = re.compile(
    rf",\s++(?:(?P<np>[^,;]{{2,60}}?(?:,\s++[^,;]{{2,80}}?,)?)\s++"
    rf"(?:{_CLOSING_VERB}|told\s++(?:a\s++|the\s++)?[\w.'-]++(?:\s++[\w.'-]++)?){_WHEN}"
    rf"|{_CLOSING_VERB}\s++(?!(?:{_NOT_A_SPEAKER})\b)(?P<after>[^,;]{{2,60}}?))"
    r"(?:,\s++without\s++citing\s++[^,;.]{1,30}|,\s++[a-z]+ing\s[^;]*"
    r"|,\s++(?:after|before|amid|following|during|despite)\s[^;]*)?\s*\.?\s*$"
)
FINITE = re.compile(
    r"\b(?:had|has|have|was|were|is|are|will|would|could|should|can|may|might|must)\b"
)
PASSIVE_AGENT = re.compile(
    r"\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?"
    r"(?:offered|proposed|rejected|accepted|approved|drafted|drawn\s+up|brokered|mediated"
    r"|paused|suspended|hosted|presented|submitted|put\s+forward|endorsed|backed|blocked"
    r"|vetoed|tabled|claimed|welcomed|confirmed)\s+by\s+(?P<np>[^,;.]{2,60}?)"
    r"(?=\s+(?:on|in|within|after|before|to|for|at|last|this|as|and\s+(?:is|was))\b|[,;.]|$)"
)
PASSIVE_AUXILIARIES = {"was", "were", "been", "being", "is", "are", "be"}
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+$")
CITING = re.compile(r",\s+citing\s+(?P<np>[^,;.]{2,60}?)\s*[,.;]?\s*$")
# "It was reported by the Israeli daily Haaretz that ...": the passive names its source.
PASSIVE_SOURCE = re.compile(
    r"^(?:It|it)\s+(?:was|is|has\s+been|had\s+been)\s+(?:reported|said|announced|claimed)"
    r"\s+by\s+(?P<np>[^,;]{2,60}?)(?:\s+that\b|,)"
)
DOCUMENT_HEADS = set(DOCUMENTS.split("|")) | {"report", "reports", "data", "figures"}
# ", and Hezbollah's leader said"; a blanked quotation may hold the comma ("a trap," and ...)
SECOND_CLAUSE = re.compile(rf"(?:,|\s{{3}})\s+(?:as|while|whereas|but|and)\s+|{TIME_CLAUSE}")
NAME_WORD = rf"[A-Z][\w{APOSTROPHE}'.-]*"
NAME_RUN = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD})+")  # "Kamala Harris", "Supreme Leader"
REJOINDER = re.compile(  # ", a claim Kyiv rejects", ", a demand Egyptian officials have rejected"
    r",\s+(?:(?:a|an)\s+(?:argument|claim|accusation|charge|allegation|assertion|account|view"
    r"|demand|condition|proposal|idea|status|plan|offer|move|decision|step|request|term"
    r"|arrangement)\s+(?:that\s+)?|which\s+)"
    rf"(?P<np>(?:the\s+)?{NAME_WORD}(?:\s+{NAME_WORD})*"
    r"(?:\s+(?:officials|leaders|leadership|negotiators|government|side))?"
    r"|he|she|it|they)\s+(?:(?:has|have|had)\s+)?"
    r"(?:rejects|rejected|denies|denied|disputes|disputed|dismisses|dismissed)\b[^,.;]*"
)
POST_QUOTE_TAIL = re.compile(
    r"\s+(.+?)(?:,\s+(?:referring|blaming|adding|speaking|according|saying|calling|noting"
    r"|warning|who|in\s+a|when|after)\b|;|\.?\s*$)",
    re.DOTALL,
)
QUOTE = re.compile(
    rf"{OPEN_QUOTE}[^{OPEN_QUOTE}{CLOSE_QUOTE}]*(?:{CLOSE_QUOTE}|$)|\"[^\"]*(?:\"|$)"
    rf"|{SINGLE_QUOTATION.pattern}",
    re.MULTILINE,
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
# "SAMI ABU ZUHRI, HAMAS (through interpreter):": a name, then perhaps a role and a note.
TRANSCRIPT_LABEL = re.compile(
    rf"(?P<label>{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})"
    rf"(?:,[ \t]*(?P<role>[A-Z][\w{APOSTROPHE}'.-]*(?:[ \t]+[\w{APOSTROPHE}'.-]+){{0,4}}))?"
    r"(?:[ \t]*\([^)\n]{1,40}\))?\s*:\s+(?=\S)"
)
REPORTER_LABELS = {"host", "anchor", "presenter", "interviewer"}
REPORTER_INTRO = re.compile(  # "DANIEL ESTRIN, BYLINE:", "NADIA MASSIH, DOHA CORRESPONDENT:"
    r"^(?P<name>[^\W\d][\w.'-]*(?:[ \t]+[\w.'-]+){0,3}),[ \t]*(?:[\w.'-]+[ \t]+){0,3}?"
    r"(?:HOST|BYLINE|ANCHOR|CORRESPONDENT|REPORTER|PRESENTER)[ \t]*:",
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
# A labelled line that is one question and nothing else: the speaker asks, states nothing.
LONE_QUESTION = re.compile(r"[^.!?\n]+\?[\"\u201d\u2019]?\s*")
QUESTION_LABELS = {"q", "question", "questioner", "reporter", "journalist"}
# A briefing transcript's question with no colon after its mark: "Q John, is that the target?"
BARE_QUESTION = re.compile(r"Q\.?[ \t]+(?=[A-Z])")
# A sentence whose subject is the sides together: "The Parties did not sign the Annex."
JOINT_ACTORS = re.compile(r"^(?:The|Both)\s+(?:two\s+)?(?:[Pp]arties|sides|delegations)\b")
READER_ADDRESSED = re.compile(
    r"\b(?:[Yy]ou|[Yy]our|[Yy]ours)\b|^(?:For more information|Contact|Click|Subscribe|Sign up"
    r"|Follow us|Download|Read more|Visit)\b|,\s+contact\b"
)
FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|us|[Mm]y|me)\b")
ARTICLES = ("al", "Al", "el", "El")  # the Arabic article as Latin script writes it
# Capitalised words that may stand before a surname without being a first name.
# Capitalised words that stand before a surname without being a first name: titles, and the
# words that open a sentence or a date ("Defense Minister Katz", "On Monday Netanyahu said").
NOT_FIRST_NAMES = {
    "prime", "foreign", "defense", "defence", "vice", "deputy", "senior", "special", "state",
    "sen", "rep", "lt", "col", "maj", "capt", "adm", "brig", "emir", "king", "crown", "prince",
    "ayatollah", "imam", "speaker", "premier", "chancellor", "sayyed", "sayyid", "lord",
    "interior", "finance", "security", "intelligence", "national", "army", "president-elect",
    "former", "acting", "opposition", "chairman", "judge", "justice", "the", "by", "from", "to",
    "of", "said", "says", "told", "according", "but", "and", "or", "yesterday", "today",
    "tonight", "overnight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "now", "then", "there", "here",
}  # fmt: skip
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "sheikh", "gen", "general"}
