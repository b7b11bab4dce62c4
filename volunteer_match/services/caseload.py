"""Coordinator caseloads: invite codes, a volunteer's consent to share, and what it shows.

A coordinator makes a single-use invite code; a volunteer who enters it agrees to share a
fixed, named set of things (``CONSENT_SCOPE``) with that coordinator and can stop at once.
Every look at a caseload is written to the audit log (who saw which people, when).
Organizations never see these links. Functions flush; the caller commits.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import (
    REVIEWER_ROLES,
    CoordinatorLink,
    InviteCode,
    Opportunity,
    Organization,
    RequestStatus,
    Role,
    Shift,
    ShiftRequest,
    ShiftStatus,
    User,
    utcnow,
)
from volunteer_match.services import audit, notifications, requests
from volunteer_match.services.errors import Conflict, Forbidden, NotFound, ValidationFailed

# Readable codes: no 0/O or 1/I to mix up when read aloud or copied from paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CODE_LIFETIME = timedelta(days=14)
FOLLOW_UP_AFTER = timedelta(days=21)
UPCOMING_SHOWN = 10
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
# What a volunteer agrees to share, in the order the consent page names them.
CONSENT_SCOPE = ("shifts", "hours", "match_reasons", "last_activity")
BAD_CODE = (
    "That code didn't work. It may be mistyped, expired or already used. "
    "Ask your coordinator for a new one."
)


# -- invite codes ---------------------------------------------------------------------------


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """What people type: any case, with spaces or a dash in the middle."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def issue_invite_code(coordinator: User) -> InviteCode:
    if coordinator.role not in REVIEWER_ROLES:
        raise Forbidden("Only coordinators make invite codes.")
    code = _new_code()
    while db.session.scalar(sa.select(InviteCode.id).where(InviteCode.code == code)):
        code = _new_code()  # a clash is about one in a trillion; try again
    invite = InviteCode(
        code=code, coordinator_id=coordinator.id, expires_at=utcnow() + CODE_LIFETIME
    )
    db.session.add(invite)
    db.session.flush()
    audit.record("caseload.invite_code_made", actor=coordinator, subject=invite)
    return invite


# -- a volunteer's link to a coordinator -----------------------------------------------------


def current_link(volunteer: User) -> CoordinatorLink | None:
    return db.session.scalar(
        sa.select(CoordinatorLink).where(
            CoordinatorLink.volunteer_id == volunteer.id, CoordinatorLink.unlinked_at.is_(None)
        )
    )


def _require_volunteer(user: User) -> None:
    if user.role != Role.VOLUNTEER.value:
        raise Forbidden("Only volunteers share with a coordinator.")


def _already_linked() -> Conflict:
    return Conflict(
        "You're already sharing with a coordinator. Unlink first (stop sharing), "
        "then enter the new code."
    )


def link(volunteer: User, raw_code: str) -> CoordinatorLink:
    """Share with the coordinator who made the code; calling this is the volunteer's consent."""
    _require_volunteer(volunteer)
    if current_link(volunteer) is not None:
        raise _already_linked()
    code = normalise_code(raw_code)
    if not code:
        raise ValidationFailed.on("invite_code", "Enter the code your coordinator gave you.")
    now = utcnow()
    invite = db.session.scalar(sa.select(InviteCode).where(InviteCode.code == code))
    coordinator = db.session.get(User, invite.coordinator_id) if invite else None
    if invite is None or coordinator is None or not coordinator.active:
        raise ValidationFailed.on("invite_code", BAD_CODE)
    if coordinator.role not in REVIEWER_ROLES:
        raise ValidationFailed.on("invite_code", BAD_CODE)
    claimed = db.session.execute(  # single use, even when two people type it at once
        sa.update(InviteCode)
        .where(
            InviteCode.id == invite.id,
            InviteCode.used_at.is_(None),
            InviteCode.expires_at > now,
        )
        .values(used_at=now, used_by_id=volunteer.id)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise ValidationFailed.on("invite_code", BAD_CODE)
    new = CoordinatorLink(
        coordinator_id=coordinator.id,
        volunteer_id=volunteer.id,
        invite_code_id=invite.id,
        consent_scope=list(CONSENT_SCOPE),
        consented_at=now,
    )
    db.session.add(new)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except sa.exc.IntegrityError as exc:  # a second tab linked at the same moment
        raise _already_linked() from exc
    notifications.notify(
        coordinator.id,
        "caseload.joined",
        # No name here: a notification outlives the link, and the caseload page shows who.
        "Someone new chose to share their volunteering with you. See your caseload.",
        "/coordinator/caseload",
    )
    audit.record(
        "caseload.linked",
        actor=volunteer,
        subject=new,
        coordinator=coordinator.id,
        scope=list(CONSENT_SCOPE),
    )
    return new


def unlink(volunteer: User) -> CoordinatorLink:
    """Stop sharing at once; the row stays as the record of consent given and withdrawn."""
    _require_volunteer(volunteer)
    current = current_link(volunteer)
    if current is None:
        raise NotFound("You aren't sharing with a coordinator.")
    current.unlinked_at = utcnow()
    db.session.flush()
    audit.record(
        "caseload.unlinked", actor=volunteer, subject=current, coordinator=current.coordinator_id
    )
    return current


# -- what a coordinator sees ----------------------------------------------------------------


@dataclass(frozen=True)
class UpcomingShift:
    shift_id: int
    title: str
    organization: str
    timezone: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class CaseloadEntry:
    """One person, showing only what their consent covers (``None``: not shared)."""

    volunteer_id: int
    display_name: str
    linked_at: datetime
    consent_scope: tuple[str, ...]
    upcoming: tuple[UpcomingShift, ...] | None
    hours: float | None
    last_activity: datetime | None
    follow_up: bool


@dataclass(frozen=True)
class CaseloadPage:
    items: list[CaseloadEntry]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def _upcoming(volunteer_ids: list[int], now: datetime) -> dict[int, list[UpcomingShift]]:
    rows = db.session.execute(
        sa.select(ShiftRequest.volunteer_id, Shift, Opportunity.title, Organization)
        .join(Shift, ShiftRequest.shift_id == Shift.id)
        .join(Opportunity, Shift.opportunity_id == Opportunity.id)
        .join(Organization, Opportunity.organization_id == Organization.id)
        .where(
            ShiftRequest.volunteer_id.in_(volunteer_ids),
            ShiftRequest.status == RequestStatus.APPROVED.value,
            Shift.status == ShiftStatus.SCHEDULED.value,
            Shift.starts_at > now,
        )
        .order_by(Shift.starts_at, Shift.id)
    )
    found: dict[int, list[UpcomingShift]] = {}
    for volunteer_id, shift, title, organization in rows:
        found.setdefault(volunteer_id, []).append(
            UpcomingShift(
                shift_id=shift.id,
                title=title,
                organization=organization.name,
                timezone=organization.timezone,
                starts_at=shift.starts_at,
                ends_at=shift.ends_at,
            )
        )
    return found


def _last_request_change(volunteer_ids: list[int]) -> dict[int, datetime]:
    rows = db.session.execute(
        sa.select(ShiftRequest.volunteer_id, sa.func.max(ShiftRequest.updated_at))
        .where(ShiftRequest.volunteer_id.in_(volunteer_ids))
        .group_by(ShiftRequest.volunteer_id)
    )
    return {volunteer_id: moment for volunteer_id, moment in rows if moment is not None}


def caseload(coordinator: User, page: int = 1, per_page: int = 50) -> CaseloadPage:
    """The people who currently share with this coordinator, by name; the look is audited."""
    if coordinator.role not in REVIEWER_ROLES:
        raise Forbidden("Only coordinators see a caseload.")
    page, per_page = min(max(page, 1), MAX_PAGE), min(max(per_page, 1), MAX_PER_PAGE)
    current = sa.and_(
        CoordinatorLink.coordinator_id == coordinator.id, CoordinatorLink.unlinked_at.is_(None)
    )
    total = db.session.scalar(sa.select(sa.func.count(CoordinatorLink.id)).where(current)) or 0
    rows = db.session.execute(
        sa.select(CoordinatorLink, User)
        .join(User, CoordinatorLink.volunteer_id == User.id)
        .where(current)
        .order_by(sa.func.lower(User.display_name), User.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    ids = [volunteer.id for _, volunteer in rows]
    now = utcnow()
    upcoming, changed = _upcoming(ids, now), _last_request_change(ids)
    items = []
    for link_row, volunteer in rows:
        scope = tuple(link_row.consent_scope or ())
        moments = [m for m in (volunteer.last_login_at, changed.get(volunteer.id)) if m]
        last = max(moments) if moments else None
        shares_activity = "last_activity" in scope
        items.append(
            CaseloadEntry(
                volunteer_id=volunteer.id,
                display_name=volunteer.display_name,
                linked_at=link_row.consented_at,
                consent_scope=scope,
                upcoming=(
                    tuple(upcoming.get(volunteer.id, [])[:UPCOMING_SHOWN])
                    if "shifts" in scope
                    else None
                ),
                hours=requests.history(volunteer.id).hours if "hours" in scope else None,
                last_activity=last if shares_activity else None,
                follow_up=shares_activity
                and now - (last or link_row.consented_at) >= FOLLOW_UP_AFTER,
            )
        )
    audit.record("caseload.viewed", actor=coordinator, volunteer_ids=ids, page=page, total=total)
    return CaseloadPage(items=items, page=page, per_page=per_page, total=total)
