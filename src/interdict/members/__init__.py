"""Coalition members and the API keys they screen with."""
