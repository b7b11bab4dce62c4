"""Business rules, one owner for each. Services take plain values and models, raise
DomainError subclasses, and flush but never commit: the transaction boundary of the web
request (volunteer_match.transaction), or the CLI command, commits. What leaves the process
(mailer.send, reminder jobs) is queued with transaction.after_commit and leaves only then."""
