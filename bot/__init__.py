"""negobot: who said what, and when, in a negotiation."""
