"""Browsing and reading opportunities: open to everyone, times shown in the reader's zone."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from volunteer_match.models import Opportunity, Role, User, VolunteerProfile
from volunteer_match.models.opportunity import FIT_LABELS
from volunteer_match.services import clock, dashboards, geo, listings, opportunities
from volunteer_match.services.listings import ListingPage
from volunteer_match.web import attempt, form_status
from volunteer_match.web.opportunities.forms import FILTER_NAMES, SearchForm
from volunteer_match.web.requests.common import upcoming_shifts

bp = Blueprint("opportunities", "volunteer_match.web.opportunities")

PER_PAGE = 20
PAGE_LINKS_AROUND = 2


def _viewer() -> User | None:
    return current_user if current_user.is_authenticated else None


def _volunteer_profile(viewer: User | None) -> VolunteerProfile | None:
    if viewer is None or viewer.role != Role.VOLUNTEER.value:
        return None
    return dashboards.volunteer_profile(viewer)


def _origin(profile: VolunteerProfile | None) -> tuple[float, float] | None:
    if profile is None or profile.latitude is None or profile.longitude is None:
        return None
    return profile.latitude, profile.longitude


def _zone(profile: VolunteerProfile | None) -> ZoneInfo:
    return clock.zone(profile.timezone if profile else None)


def page_numbers(current: int, last: int) -> list[int | None]:
    """First, last and the pages around the current one; None marks a gap."""
    wanted = {1, last, *range(current - PAGE_LINKS_AROUND, current + PAGE_LINKS_AROUND + 1)}
    numbers: list[int | None] = []
    previous = 0
    for number in sorted(n for n in wanted if 1 <= n <= last):
        if number - previous > 1:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers


def _page_url(number: int) -> str:
    kept: dict[str, Any] = {
        name: request.args.getlist(name) for name in FILTER_NAMES if name in request.args
    }
    return url_for("opportunities.browse", **kept, page=number)


def _search(form: SearchForm, origin: tuple[float, float] | None) -> ListingPage | None:
    """The page of results, or None when the search can't run (the problem is on the form)."""
    if form.within_km.data is not None and not form.postcode.data and origin is None:
        form.within_km.errors.append("Add a ZIP code so we know where to measure from.")
        return None
    return attempt(form, listings.search, form.to_query(PER_PAGE), origin=origin)


def _distance(origin: tuple[float, float] | None, opportunity: Opportunity) -> float | None:
    if not origin or opportunity.virtual or opportunity.latitude is None:
        return None
    assert opportunity.longitude is not None
    return geo.distance_km(origin, (opportunity.latitude, opportunity.longitude))


@bp.route("/opportunities")
def browse() -> ResponseReturnValue:
    form = SearchForm(request.args)
    profile = _volunteer_profile(_viewer())
    origin, zone = _origin(profile), _zone(profile)
    results = _search(form, origin) if form.validate() else None
    page = render_template(
        "opportunities/browse.html",
        form=form,
        results=results,
        zone_name=clock.zone_label(zone.key),
        has_origin=origin is not None,
        starts_label=lambda moment: clock.format_moment(moment, zone),
        page_numbers=page_numbers,
        page_url=_page_url,
    )
    return page, form_status(form)


@bp.route("/opportunities/<int:opportunity_id>")
def show(opportunity_id: int) -> ResponseReturnValue:
    viewer = _viewer()
    opportunity = opportunities.get_for_viewer(opportunity_id, viewer)
    profile = _volunteer_profile(viewer)
    zone = _zone(profile)
    return render_template(
        "opportunities/show.html",
        opportunity=opportunity,
        attributes=[FIT_LABELS[name] for name, on in opportunity.attributes().items() if on],
        distance=_distance(_origin(profile), opportunity),
        shift_rows=upcoming_shifts(opportunity),
        zone_name=clock.zone_label(zone.key),
        can_manage=opportunities.can_manage(viewer, opportunity),
    )
