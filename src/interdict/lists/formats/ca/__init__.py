"""Canada's Consolidated Autonomous Sanctions List (SEMA and JVCFOA), XML."""
