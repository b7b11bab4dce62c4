"""HTML pages: organizations."""
