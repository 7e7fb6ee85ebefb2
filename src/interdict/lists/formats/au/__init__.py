"""Australia's DFAT Consolidated List (legacy XLS): parser and the reading of its cells."""
