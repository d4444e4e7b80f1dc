"""Text -> facts. Importing this package does not load spaCy; `app.extract.pipeline` does."""
