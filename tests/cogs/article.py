"""New articles (invented for the tests, in the seeds' plain-text shape) to ingest mid-test."""

PARAGRAPHS = (
    "Hamas says it accepts the new ceasefire proposal",
    "March 1, 2026",
    "DOHA - Hamas said on Sunday that it accepts the new ceasefire proposal put forward by"
    " Qatar and Egypt.",
    '"We are ready to sign the agreement today if Israel commits to a full withdrawal," Hamas'
    " official Osama Hamdan told reporters in Beirut.",
    "Israeli Prime Minister Benjamin Netanyahu said Israel will not end the war before all"
    " hostages are released.",
    "Qatari spokesman Majed al-Ansari said the mediators were working to close the remaining gaps.",
)
ARTICLE = ("\n\n".join(PARAGRAPHS) + "\n").encode()

# Another party's statement under the same file name as an upload of ARTICLE would have.
OTHER_PARAGRAPHS = (
    "Israel says talks on the hostage deal will resume in Cairo",
    "March 3, 2026",
    "JERUSALEM - Israel said on Tuesday that its negotiators would travel to Cairo for a new"
    " round of talks on the hostage deal.",
    '"We will not agree to a permanent ceasefire while Hamas holds hostages," Israeli government'
    " spokesman David Mencer told reporters.",
    "Egyptian officials said the delegations were expected to meet on Thursday.",
)
OTHER_ARTICLE = ("\n\n".join(OTHER_PARAGRAPHS) + "\n").encode()
