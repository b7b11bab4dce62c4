"""HTML pages: opportunities."""
