"""The analyst pages: server-rendered HTML over the same stores as the REST API."""
