"""Files in, Article records out. No NLP here."""
