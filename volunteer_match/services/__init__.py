"""Business rules. Services take plain values and models, raise DomainError subclasses,
and flush but never commit: the web request (or CLI command) that called them commits."""
