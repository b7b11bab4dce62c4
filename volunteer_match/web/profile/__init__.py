"""HTML pages: profile."""
