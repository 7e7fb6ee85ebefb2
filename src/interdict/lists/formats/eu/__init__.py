"""The EU Financial Sanctions Files (FSF), XML 1.1: parser and the reading of its records."""
