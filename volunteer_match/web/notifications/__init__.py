"""HTML pages: a person's in-app notifications."""
