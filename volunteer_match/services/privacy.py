"""A person's privacy rights: a copy of everything held about them, and erasure.

``export`` gathers every piece of personal data the service holds about one account, as
plain JSON-serialisable values. Secrets are never part of it: no password hash, no digest
of an API token or of the calendar feed link (only whether the feed is on).

``erase`` removes the account and its personal data. What stays is anonymous: each attended
shift becomes an ``AnonymousService`` row (organization, opportunity, day, hours) so
organizations keep their totals of hours given, and audit events keep their rows with the
actor cleared. Functions flush; the caller commits.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import (
    LIVE_STATUSES,
    AnonymousService,
    ApiToken,
    AuditEvent,
    CoordinatorLink,
    InviteCode,
    Notification,
    Opportunity,
    OrganizationMember,
    RequestStatus,
    Role,
    Shift,
    ShiftRequest,
    User,
    VolunteerProfile,
    utcnow,
)
from volunteer_match.services import audit, clock, requests
from volunteer_match.services.errors import ValidationFailed
from volunteer_match.services.passwords import verify_password

CONFIRM_FAILED = "That password isn't right. Your account has not been changed."


def _time(moment: datetime | None) -> str | None:
    """UTC, ISO 8601 with a "Z", like the API."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# -- a copy of everything we hold -----------------------------------------------------------


def _account(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "active": user.active,
        "created_at": _time(user.created_at),
        "last_login_at": _time(user.last_login_at),
    }


def _profile(user: User) -> dict[str, Any] | None:
    profile = db.session.scalar(
        sa.select(VolunteerProfile).where(VolunteerProfile.user_id == user.id)
    )
    if profile is None:
        return None
    return {
        "skills": list(profile.skills),
        "interests": list(profile.interests),
        "goals": list(profile.goals),
        "availability": [
            {
                "weekday": window.weekday,
                "start": clock.format_hhmm(window.start_minute),
                "end": clock.format_hhmm(window.end_minute),
            }
            for window in profile.availability
        ],
        "postcode": profile.postcode,
        "latitude": profile.latitude,
        "longitude": profile.longitude,
        "travel_km": profile.travel_km,
        "virtual_ok": profile.virtual_ok,
        "timezone": profile.timezone,
        "preferences": list(profile.preferences),
        "must_have": list(profile.must_have),
        "findable_by_organizations": profile.findable_by_organizations,
        "share_email_with_organizations": profile.share_email_with_organizations,
        # What the matcher understood from the words typed: concept -> those words.
        "skill_concepts": dict(profile.skill_concepts),
        "interest_concepts": dict(profile.interest_concepts),
        "created_at": _time(profile.created_at),
        "updated_at": _time(profile.updated_at),
    }


def _requests(user: User) -> list[dict[str, Any]]:
    return [
        {
            "id": request.id,
            "shift_id": request.shift_id,
            "shift_starts_at": _time(request.shift.starts_at),
            "shift_ends_at": _time(request.shift.ends_at),
            "opportunity": request.shift.opportunity.title,
            "organization": request.shift.opportunity.organization.name,
            "status": request.status,
            "message": request.message,
            "decision_note": request.decision_note,
            "decided_at": _time(request.decided_at),
            "cancel_reason": request.cancel_reason,
            "hours": request.hours,
            "verified_at": _time(request.verified_at),
            "created_at": _time(request.created_at),
            "updated_at": _time(request.updated_at),
        }
        for request in requests.of_volunteer(user)
    ]


def _notifications(user: User) -> list[dict[str, Any]]:
    rows = db.session.scalars(
        sa.select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at, Notification.id)
    )
    return [
        {
            "kind": note.kind,
            "message": note.message,
            "link": note.link,
            "created_at": _time(note.created_at),
            "read_at": _time(note.read_at),
        }
        for note in rows
    ]


def _coordinator_links(user: User) -> list[dict[str, Any]]:
    rows = db.session.scalars(
        sa.select(CoordinatorLink)
        .where(CoordinatorLink.volunteer_id == user.id)
        .order_by(CoordinatorLink.consented_at, CoordinatorLink.id)
    )
    return [
        {
            "coordinator": link.coordinator.display_name,
            "consent_scope": list(link.consent_scope),
            "consented_at": _time(link.consented_at),
            "unlinked_at": _time(link.unlinked_at),
        }
        for link in rows
    ]


def _organization(user: User) -> dict[str, Any] | None:
    member = db.session.scalar(
        sa.select(OrganizationMember).where(OrganizationMember.user_id == user.id)
    )
    if member is None:
        return None
    return {
        "organization_id": member.organization_id,
        "organization": member.organization.name,
        "is_owner": member.is_owner,
        "member_since": _time(member.created_at),
    }


def _api_tokens(user: User) -> list[dict[str, Any]]:
    rows = db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)
    )
    return [
        {
            "created_at": _time(token.created_at),
            "expires_at": _time(token.expires_at),
            "last_used_at": _time(token.last_used_at),
            "revoked_at": _time(token.revoked_at),
        }
        for token in rows
    ]


def _activity(user: User) -> list[dict[str, Any]]:
    """What the audit log says this person did (details may name others, so only the what
    and the when)."""
    rows = db.session.scalars(
        sa.select(AuditEvent)
        .where(AuditEvent.actor_id == user.id)
        .order_by(AuditEvent.created_at, AuditEvent.id)
    )
    return [{"action": event.action, "created_at": _time(event.created_at)} for event in rows]


def export(user: User) -> dict[str, Any]:
    """Everything held about ``user``, as JSON-serialisable values (never secrets)."""
    return {
        "exported_at": _time(utcnow()),
        "account": _account(user),
        "volunteer_profile": _profile(user),
        "requests": _requests(user),
        "notifications": _notifications(user),
        "coordinator_links": _coordinator_links(user),
        "organization_membership": _organization(user),
        "calendar_feed_on": user.calendar_token_hash is not None,
        "api_tokens": _api_tokens(user),
        "activity": _activity(user),
    }


# -- erasure --------------------------------------------------------------------------------


def _cancel_live_requests(user: User) -> None:
    """Cancel through the workflow, so freed places go to the waiting list (oldest first).

    An approved place on a shift that has already started can't be cancelled (the
    organization records what happened); that request is simply erased with the account.
    """
    now = utcnow()
    live = db.session.scalars(
        sa.select(ShiftRequest)
        .join(Shift)
        .where(ShiftRequest.volunteer_id == user.id, ShiftRequest.status.in_(LIVE_STATUSES))
        .order_by(ShiftRequest.id)
    ).all()
    for request in live:
        started = request.shift.starts_at <= now
        if request.status == RequestStatus.APPROVED.value and started:
            continue
        requests.cancel(user, request.id)


def _keep_hours_anonymously(user: User) -> None:
    """One anonymous row per attended shift: organization, opportunity, day and hours."""
    rows = db.session.execute(
        sa.select(ShiftRequest.hours, Shift.starts_at, Opportunity)
        .join(Shift, ShiftRequest.shift_id == Shift.id)
        .join(Opportunity, Shift.opportunity_id == Opportunity.id)
        .where(
            ShiftRequest.volunteer_id == user.id,
            ShiftRequest.status == RequestStatus.ATTENDED.value,
        )
    ).all()
    for hours, starts_at, opportunity in rows:
        zone = clock.zone(opportunity.organization.timezone)
        db.session.add(
            AnonymousService(
                organization_id=opportunity.organization_id,
                opportunity_id=opportunity.id,
                shift_date=starts_at.astimezone(zone).date(),
                hours=float(hours or 0.0),
            )
        )


def erase(user: User, password: str) -> None:
    """Erase the account and its personal data, after checking the password.

    - A volunteer's live requests are cancelled first, so places free up and the waiting
      list moves on; attended shifts are kept only as anonymous hours (``AnonymousService``).
    - Then the user row is deleted, and the database removes what belongs to it: profile,
      availability, requests, API tokens, notifications, coordinator links, organization
      membership and invite codes. Audit events keep their row with the actor cleared.
    - An organization account is erased on its own: the organization, its opportunities and
      shifts stay, even when this was its last staff account. Such an organization has
      nobody left to edit it or record attendance until a staff account is attached again
      (``accounts.add_organization_staff``; there is no page for that yet), and its
      requests still reach coordinators.
    - Coordinators and admins may erase themselves too: the volunteers' links to a
      coordinator go with the coordinator's account.

    The audit event ``account.erased`` holds no personal data: only the id and the role.
    """
    if not password or not verify_password(user.password_hash, password):
        raise ValidationFailed.on("password", CONFIRM_FAILED)
    if user.role == Role.VOLUNTEER.value:
        _cancel_live_requests(user)
        _keep_hours_anonymously(user)
    audit.record("account.erased", subject=user, role=user.role)
    db.session.flush()  # the workflow's own records first, then the account goes
    db.session.delete(user)
    db.session.flush()
    _forget_erased_rows(user.id)


def _forget_erased_rows(user_id: int) -> None:
    """The database removed the account's rows (ON DELETE CASCADE); drop any copies the
    session still holds, so nothing later reads or writes them."""
    owned = (
        (VolunteerProfile, "user_id"),
        (ShiftRequest, "volunteer_id"),
        (Notification, "user_id"),
        (ApiToken, "user_id"),
        (CoordinatorLink, "volunteer_id"),
        (CoordinatorLink, "coordinator_id"),
        (OrganizationMember, "user_id"),
        (InviteCode, "coordinator_id"),
    )
    for instance in list(db.session.identity_map.values()):
        if isinstance(instance, AuditEvent) and instance.actor_id == user_id:
            db.session.expire(instance, ["actor_id"])  # now NULL in the database
            continue
        for model, column in owned:
            if isinstance(instance, model) and getattr(instance, column, None) == user_id:
                db.session.expunge(instance)
                break
