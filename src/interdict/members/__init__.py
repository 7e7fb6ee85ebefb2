"""Coalition members, their users and roles, web sessions, API keys and list visibility."""
