"""The read-only JSON API. Never imports spaCy: it reads what the store holds."""
