"""The tamper-evident audit trail: every decision, import, login and API screen, hash-chained."""
