"""HTML pages for a person's own account: download their data, or delete the account."""
