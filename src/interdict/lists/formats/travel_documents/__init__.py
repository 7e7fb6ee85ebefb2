"""Travel-document watch lists: lost, stolen, revoked documents and those of FTFs."""
