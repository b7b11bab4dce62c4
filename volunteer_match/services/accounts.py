"""Accounts: registration, sign-in checks, staff accounts, and API bearer tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app

from volunteer_match.extensions import db
from volunteer_match.models import (
    ADDRESS_MAX,
    DISPLAY_NAME_MAX,
    NAME_MAX,
    REVIEWER_ROLES,
    TEXT_MAX,
    ApiToken,
    Organization,
    OrganizationKind,
    OrganizationMember,
    Role,
    User,
    VolunteerProfile,
    utcnow,
)
from volunteer_match.services import audit, geo
from volunteer_match.services.errors import Conflict, ValidationFailed
from volunteer_match.services.passwords import (
    burn_time,
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)

SELF_SERVICE_ROLES = (Role.VOLUNTEER.value, Role.ORGANIZATION.value)


@dataclass(frozen=True)
class NewOrganization:
    name: str
    kind: str = OrganizationKind.NONPROFIT.value
    description: str = ""
    postcode: str | None = None
    address: str = ""


@dataclass(frozen=True)
class Registration:
    email: str
    password: str
    display_name: str
    role: str
    organization: NewOrganization | None = None


def normalise_email(raw: str) -> str:
    try:
        result = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationFailed.on("email", "Enter an email address like name@example.org.") from exc
    return result.normalized.lower()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def _check_new_account(email: str, password: str, display_name: str) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    problem = password_problem(password)
    if problem:
        problems["password"] = [problem]
    if not display_name.strip():
        problems["display_name"] = ["Tell us what to call you."]
    elif len(display_name.strip()) > DISPLAY_NAME_MAX:
        problems["display_name"] = [f"Use at most {DISPLAY_NAME_MAX} characters."]
    return problems


def _check_organization(org: NewOrganization | None) -> dict[str, list[str]]:
    if org is None or not org.name.strip():
        return {"organization.name": ["Enter your organization's name."]}
    problems: dict[str, list[str]] = {}
    if len(org.name.strip()) > NAME_MAX:
        problems["organization.name"] = [f"Use at most {NAME_MAX} characters."]
    if org.kind not in {k.value for k in OrganizationKind}:
        problems["organization.kind"] = ["Choose the kind of organization."]
    if len(org.description) > TEXT_MAX:
        problems["organization.description"] = [f"Use at most {TEXT_MAX} characters."]
    if len(org.address) > ADDRESS_MAX:
        problems["organization.address"] = [f"Use at most {ADDRESS_MAX} characters."]
    return problems


def _new_user(email: str, password: str, display_name: str, role: str) -> User:
    if find_by_email(email) is not None:
        raise Conflict(
            "An account with this email already exists. Try logging in instead.",
            {"email": ["An account with this email already exists."]},
        )
    user = User(
        email=email,
        password_hash=hash_password(password),
        role=role,
        display_name=display_name.strip(),
    )
    db.session.add(user)
    return user


def register(data: Registration) -> User:
    """Create a volunteer or organization account (an organization starts unverified)."""
    problems = _check_new_account(data.email, data.password, data.display_name)
    if data.role not in SELF_SERVICE_ROLES:
        problems["role"] = ["Choose volunteer or organization."]
    if data.role == Role.ORGANIZATION.value:
        problems.update(_check_organization(data.organization))
    try:
        email = normalise_email(data.email)
    except ValidationFailed as exc:
        problems.update(exc.fields)
        email = ""
    coordinates = None
    if data.role == Role.ORGANIZATION.value and data.organization is not None:
        try:
            coordinates = geo.resolve_postcode(data.organization.postcode, "organization.postcode")
        except ValidationFailed as exc:
            problems.update(exc.fields)
    if problems:
        raise ValidationFailed("Please check the highlighted fields.", problems)

    user = _new_user(email, data.password, data.display_name, data.role)
    timezone = current_app.config["DEFAULT_TIMEZONE"]
    if data.role == Role.VOLUNTEER.value:
        db.session.add(VolunteerProfile(user=user, timezone=timezone))
    else:
        assert data.organization is not None
        org = data.organization
        organization = Organization(
            name=org.name.strip(),
            kind=org.kind,
            description=org.description.strip(),
            address=org.address.strip(),
            postcode=geo.clean_postcode(org.postcode),
            latitude=coordinates[0] if coordinates else None,
            longitude=coordinates[1] if coordinates else None,
            timezone=timezone,
        )
        db.session.add(OrganizationMember(organization=organization, user=user, is_owner=True))
    db.session.flush()
    audit.record("account.registered", actor=user, subject=user, role=user.role)
    return user


def create_staff_user(email: str, password: str, display_name: str, role: str) -> User:
    """Create a coordinator or admin account (CLI and admins only)."""
    if role not in REVIEWER_ROLES:
        raise ValidationFailed.on("role", "Staff accounts are coordinator or admin.")
    problems = _check_new_account(email, password, display_name)
    if problems:
        raise ValidationFailed("Please check the highlighted fields.", problems)
    user = _new_user(normalise_email(email), password, display_name, role)
    db.session.flush()
    audit.record("account.created", subject=user, role=role)
    return user


def add_organization_staff(
    organization: Organization, email: str, password: str, display_name: str, is_owner: bool = False
) -> User:
    """Create an organization account that belongs to an existing organization."""
    problems = _check_new_account(email, password, display_name)
    if problems:
        raise ValidationFailed("Please check the highlighted fields.", problems)
    user = _new_user(normalise_email(email), password, display_name, Role.ORGANIZATION.value)
    db.session.add(OrganizationMember(organization=organization, user=user, is_owner=is_owner))
    db.session.flush()
    audit.record("account.created", subject=user, role=user.role, organization=organization.id)
    return user


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with these credentials, or None (same timing either way)."""
    user = find_by_email(email)
    if user is None or not user.active:
        burn_time(password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def _digest(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


def issue_token(user: User) -> tuple[str, datetime]:
    """Create a bearer token; the raw value is returned once and only its digest is kept."""
    raw = secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(hours=current_app.config["API_TOKEN_TTL_HOURS"])
    db.session.add(ApiToken(user=user, token_hash=_digest(raw), expires_at=expires_at))
    db.session.flush()
    return raw, expires_at


def user_for_token(raw_token: str) -> User | None:
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == _digest(raw_token)))
    now = utcnow()
    if token is None or token.revoked_at is not None or token.expires_at <= now:
        return None
    if not token.user.active:
        return None
    token.last_used_at = now
    return token.user
