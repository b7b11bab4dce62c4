"""The match index: per-listing and per-shift features in numpy arrays.

Built once, then kept current with ``upsert_*`` and ``set_connections`` as listings, shifts
and requests change, so ranking a person never re-reads text: it works on these arrays only.
Only this class writes its arrays; everyone else reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np

from volunteer_match.matching.attributes import FIT_ATTRIBUTES
from volunteer_match.matching.features import ListingFeatures, ShiftFeatures
from volunteer_match.matching.lexicon import lexicon
from volunteer_match.matching.windows import MINUTES_PER_DAY

EPOCH_WEEKDAY = 3  # 1970-01-01 was a Thursday (Monday = 0)
_START_CAPACITY = 64


def attribute_mask(names: frozenset[str] | set[str]) -> int:
    return sum(1 << i for i, name in enumerate(FIT_ATTRIBUTES) if name in names)


def _offset_seconds(zone: ZoneInfo, epoch_seconds: int) -> int:
    moment = datetime.fromtimestamp(epoch_seconds, UTC).astimezone(zone)
    offset = moment.utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def week_minutes(starts: np.ndarray, ends: np.ndarray, tz: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of each shift as minutes since Monday 00:00 in zone ``tz``."""
    if starts.size == 0:
        empty = np.zeros(0, dtype=np.int32)
        return empty, empty
    zone = ZoneInfo(tz)
    hours, inverse = np.unique(starts // 3600, return_inverse=True)
    offsets = np.array(
        [_offset_seconds(zone, int(h) * 3600) for h in hours],
        dtype=np.int64,
    )
    local = starts + offsets[inverse]
    weekday = (local // 86400 + EPOCH_WEEKDAY) % 7
    start = (weekday * MINUTES_PER_DAY + (local % 86400) // 60).astype(np.int32)
    return start, start + ((ends - starts) // 60).astype(np.int32)


class MatchIndex:
    # per listing (opportunity), one row each
    listing_ids: np.ndarray
    listing_attributes: np.ndarray  # bit mask of FIT_ATTRIBUTES
    listing_virtual: np.ndarray
    listing_visible: np.ndarray
    listing_lat: np.ndarray  # radians, NaN when unknown
    listing_lon: np.ndarray
    listing_connections: np.ndarray
    concept_matrix: np.ndarray  # listing x concept weights, column-major
    # per shift
    shift_ids: np.ndarray
    shift_listing: np.ndarray  # row of its listing
    shift_starts: np.ndarray  # seconds since the epoch, UTC
    shift_ends: np.ndarray
    shift_free: np.ndarray
    shift_active: np.ndarray

    def __init__(self) -> None:
        self.concepts = list(lexicon().concepts)
        self.concept_column = {concept: i for i, concept in enumerate(self.concepts)}
        self.listings: list[ListingFeatures] = []
        self._listing_row: dict[int, int] = {}
        self._shift_row: dict[int, int] = {}
        self.n_listings = 0
        self.n_shifts = 0
        self._allocate_listings(_START_CAPACITY)
        self._allocate_shifts(_START_CAPACITY)
        self._week_cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    # -- storage ---------------------------------------------------------------------------
    def _allocate_listings(self, capacity: int) -> None:
        old = self.n_listings

        def grow(name: str, dtype: type, fill: float = 0) -> None:
            array: np.ndarray = np.full(capacity, fill, dtype=dtype)
            if old:
                array[:old] = getattr(self, name)[:old]
            setattr(self, name, array)

        grow("listing_ids", np.int64)
        grow("listing_attributes", np.uint8)
        grow("listing_virtual", np.bool_)
        grow("listing_visible", np.bool_)
        grow("listing_lat", np.float64, np.nan)
        grow("listing_lon", np.float64, np.nan)
        grow("listing_connections", np.float32)
        matrix = np.zeros((capacity, len(self.concepts)), dtype=np.float32, order="F")
        if old:
            matrix[:old] = self.concept_matrix[:old]
        self.concept_matrix = matrix

    def _allocate_shifts(self, capacity: int) -> None:
        old = self.n_shifts
        for name, dtype in (
            ("shift_ids", np.int64),
            ("shift_listing", np.int32),
            ("shift_starts", np.int64),
            ("shift_ends", np.int64),
            ("shift_free", np.int32),
            ("shift_active", np.bool_),
        ):
            array: np.ndarray = np.zeros(capacity, dtype=dtype)
            if old:
                array[:old] = getattr(self, name)[:old]
            setattr(self, name, array)

    # -- changes ---------------------------------------------------------------------------
    def upsert_listing(self, listing: ListingFeatures) -> None:
        row = self._listing_row.get(listing.opportunity_id)
        if row is None:
            if self.n_listings == len(self.listing_ids):
                self._allocate_listings(2 * len(self.listing_ids))
            row = self.n_listings
            self.n_listings += 1
            self._listing_row[listing.opportunity_id] = row
            self.listings.append(listing)
        else:
            self.listings[row] = listing
        self.listing_ids[row] = listing.opportunity_id
        self.listing_attributes[row] = attribute_mask(listing.attributes)
        self.listing_virtual[row] = listing.virtual
        self.listing_visible[row] = listing.visible
        if listing.latitude is not None and listing.longitude is not None:
            self.listing_lat[row] = np.radians(listing.latitude)
            self.listing_lon[row] = np.radians(listing.longitude)
        else:
            self.listing_lat[row] = self.listing_lon[row] = np.nan
        self.listing_connections[row] = listing.connections
        self.concept_matrix[row, :] = 0.0
        for concept, hit in listing.concepts.items():
            column = self.concept_column.get(concept)
            if column is not None:
                self.concept_matrix[row, column] = hit.weight

    def set_connections(self, counts: Mapping[int, int]) -> None:
        """Every listing's live requests, from opportunity id -> count (none listed: 0)."""
        for row in range(self.n_listings):
            self.listing_connections[row] = counts.get(int(self.listing_ids[row]), 0)

    def upsert_shift(self, shift: ShiftFeatures) -> None:
        listing_row = self._listing_row[shift.opportunity_id]
        row = self._shift_row.get(shift.shift_id)
        moved = row is None or (
            self.shift_starts[row] != shift.starts_at or self.shift_ends[row] != shift.ends_at
        )
        if row is None:
            if self.n_shifts == len(self.shift_ids):
                self._allocate_shifts(2 * len(self.shift_ids))
            row = self.n_shifts
            self.n_shifts += 1
            self._shift_row[shift.shift_id] = row
        self.shift_ids[row] = shift.shift_id
        self.shift_listing[row] = listing_row
        self.shift_starts[row] = shift.starts_at
        self.shift_ends[row] = shift.ends_at
        self.shift_free[row] = shift.free_places
        self.shift_active[row] = shift.active
        if moved:
            self._update_week_cache(row)

    def _update_week_cache(self, row: int) -> None:
        """Keep each cached zone's week minutes in step with one new or moved shift."""
        one = slice(row, row + 1)
        for tz, (starts, ends) in list(self._week_cache.items()):
            start, end = week_minutes(self.shift_starts[one], self.shift_ends[one], tz)
            if row >= len(starts):
                starts, ends = np.append(starts, start), np.append(ends, end)
            else:
                starts[row], ends[row] = start[0], end[0]
            self._week_cache[tz] = (starts, ends)

    # -- reading ---------------------------------------------------------------------------
    def shift_rows(self, shift_ids: frozenset[int]) -> list[int]:
        return [self._shift_row[i] for i in shift_ids if i in self._shift_row]

    def listing_row(self, opportunity_id: int) -> int | None:
        return self._listing_row.get(opportunity_id)

    def week_minutes(self, tz: str) -> tuple[np.ndarray, np.ndarray]:
        """Every shift's start and end in minutes since Monday, in zone ``tz`` (cached)."""
        cached = self._week_cache.get(tz)
        if cached is None or len(cached[0]) != self.n_shifts:
            n = self.n_shifts
            cached = week_minutes(self.shift_starts[:n], self.shift_ends[:n], tz)
            self._week_cache[tz] = cached
        return cached

    def nbytes(self) -> int:
        arrays = [value for value in vars(self).values() if isinstance(value, np.ndarray)]
        cached = [a for pair in self._week_cache.values() for a in pair]
        return sum(a.nbytes for a in arrays + cached)
