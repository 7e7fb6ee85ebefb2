"""Review of screening hits: alerts, four-eyes decisions and the allow-list."""
