"""The UN Security Council consolidated list (XML): parser, dates, documents and places."""
