"""HTML pages: matches for a volunteer, and people who might fit an opportunity."""
