"""A new article (invented for the tests, in the seeds' plain-text shape) to ingest mid-test."""

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
