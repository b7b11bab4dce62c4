"""Pure matching package: vocabulary, text normalisation, scoring and explanations.

No Flask or SQLAlchemy imports here: inputs are plain strings, dataclasses and arrays, so
everything in this package can be tested and benchmarked without an app or a database.
"""
