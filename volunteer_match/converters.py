"""URL converters: ids in paths stay within the database's integer range."""

from __future__ import annotations

from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

ID_MAX = 2**31 - 1  # integer primary keys (32-bit on PostgreSQL)


class IdConverter(IntegerConverter):
    """``<int:...>`` for ids: a number the database can't hold is an unknown record (404),
    never a database error (500)."""

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        if number > ID_MAX:
            raise NotFound()
        return number
