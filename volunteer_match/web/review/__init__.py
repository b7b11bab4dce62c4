"""HTML pages: review."""
