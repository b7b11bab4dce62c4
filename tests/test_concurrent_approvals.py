"""Capacity holds under concurrent approvals: 50 coordinators' clicks, 5 places.

Each thread has its own app context, so its own database session and connection, and all
start together at a barrier. Runs on SQLite (the default test database is a file) and on
PostgreSQL when TEST_DATABASE_URL is set. No retries: a "database is locked" error or any
other exception is collected and fails the test.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

import sqlalchemy as sa
from flask import Flask

from tests.conftest import requires_postgres
from tests.factories import API, bearer, make_user, new_shift, organization
from volunteer_match.extensions import db
from volunteer_match.models import Notification, Shift, ShiftRequest, User
from volunteer_match.services import requests

PLACES = 5
PEOPLE = 50
TIMEOUT = 120  # seconds, for the barrier and for each thread to finish
T = TypeVar("T")


def fifty_pending(capacity: int = PLACES) -> tuple[Shift, User, list[int]]:
    """A shift with ``capacity`` places and PEOPLE pending requests, made through the services
    and committed, plus the coordinator who will decide them."""
    staff = organization("Harbor Food Pantry")
    shift = new_shift(staff, capacity=capacity)
    coordinator = make_user("coordinator", display_name="Jordan")
    request_ids = []
    for number in range(PEOPLE):
        volunteer = make_user("volunteer", display_name=f"Person {number}")
        request_ids.append(requests.create(volunteer, shift.id).id)
        db.session.commit()
    return shift, coordinator, request_ids


def run_together(work: Sequence[Callable[[], T]]) -> tuple[list[T], list[BaseException]]:
    """Run each callable in its own thread, released at once by a barrier; collect results
    and every exception (none is retried or swallowed)."""
    barrier = threading.Barrier(len(work), timeout=TIMEOUT)
    results: list[T] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def runner(job: Callable[[], T]) -> None:
        try:
            barrier.wait()
            result = job()
        except BaseException as exc:  # collected; the test fails on any
            with lock:
                errors.append(exc)
        else:
            with lock:
                results.append(result)

    threads = [threading.Thread(target=runner, args=(job,), daemon=True) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    return results, errors


def statuses(shift_id: int) -> Counter[str]:
    db.session.expire_all()
    return Counter(
        db.session.scalars(sa.select(ShiftRequest.status).where(ShiftRequest.shift_id == shift_id))
    )


def filled(shift_id: int) -> int:
    db.session.expire_all()
    shift = db.session.get(Shift, shift_id)
    assert shift is not None
    return shift.filled


def test_fifty_concurrent_approvals_fill_exactly_five_places(app: Flask) -> None:
    shift, coordinator, request_ids = fifty_pending()
    coordinator_id, shift_id = coordinator.id, shift.id
    db.session.commit()
    db.session.close()  # the test's own session holds nothing while the threads run

    def approve(request_id: int) -> Callable[[], str]:
        def job() -> str:
            with app.app_context():
                coordinator_again = db.session.get(User, coordinator_id)
                assert coordinator_again is not None
                request = requests.approve(coordinator_again, request_id)
                db.session.commit()
                return request.status

        return job

    results, errors = run_together([approve(request_id) for request_id in request_ids])

    assert errors == [], [f"{type(e).__name__}: {e}" for e in errors]
    assert Counter(results) == {"approved": PLACES, "waitlisted": PEOPLE - PLACES}
    assert statuses(shift_id) == {"approved": PLACES, "waitlisted": PEOPLE - PLACES}
    assert filled(shift_id) == PLACES == statuses(shift_id)["approved"]
    told = db.session.scalar(
        sa.select(sa.func.count(Notification.id)).where(
            Notification.kind.in_(("request.approved", "request.waitlisted"))
        )
    )
    assert told == PEOPLE  # each person heard exactly once


def test_fifty_concurrent_approvals_through_the_api(app: Flask) -> None:
    shift, coordinator, request_ids = fifty_pending()
    shift_id = shift.id
    tokens = [bearer(coordinator) for _ in request_ids]  # one token (and client) per thread
    db.session.close()

    def approve(request_id: int, headers: dict[str, str]) -> Callable[[], tuple[int, dict]]:
        def job() -> tuple[int, dict]:
            client = app.test_client()
            response = client.post(f"{API}/requests/{request_id}/approve", json={}, headers=headers)
            return response.status_code, response.get_json()

        return job

    work = [approve(rid, headers) for rid, headers in zip(request_ids, tokens, strict=True)]
    results, errors = run_together(work)

    assert errors == [], [f"{type(e).__name__}: {e}" for e in errors]
    codes = Counter(code for code, _ in results)
    assert codes == {200: PEOPLE}, [body for code, body in results if code != 200]
    answered = Counter(body["status"] for _, body in results)
    assert answered == {"approved": PLACES, "waitlisted": PEOPLE - PLACES}
    assert statuses(shift_id) == {"approved": PLACES, "waitlisted": PEOPLE - PLACES}
    assert filled(shift_id) == PLACES


def test_concurrent_cancels_and_approvals_keep_the_count(app: Flask) -> None:
    """Half the approved people cancel while the rest of the queue is approved: every freed
    place goes to someone, and ``filled`` always equals the number approved."""
    shift, coordinator, request_ids = fifty_pending()
    shift_id, coordinator_id = shift.id, coordinator.id
    first, rest = request_ids[:PLACES], request_ids[PLACES:]
    for request_id in first:
        requests.approve(coordinator, request_id)
    db.session.commit()
    leaving = {
        request_id: volunteer_id
        for request_id, volunteer_id in db.session.execute(
            sa.select(ShiftRequest.id, ShiftRequest.volunteer_id).where(
                ShiftRequest.id.in_(first[:2])
            )
        )
    }
    db.session.close()

    def cancel(request_id: int, volunteer_id: int) -> Callable[[], str]:
        def job() -> str:
            with app.app_context():
                volunteer = db.session.get(User, volunteer_id)
                assert volunteer is not None
                status = requests.cancel(volunteer, request_id).status
                db.session.commit()
                return status

        return job

    def approve(request_id: int) -> Callable[[], str]:
        def job() -> str:
            with app.app_context():
                coordinator_again = db.session.get(User, coordinator_id)
                assert coordinator_again is not None
                status = requests.approve(coordinator_again, request_id).status
                db.session.commit()
                return status

        return job

    work = [cancel(rid, vid) for rid, vid in leaving.items()] + [approve(rid) for rid in rest]
    results, errors = run_together(work)

    assert errors == [], [f"{type(e).__name__}: {e}" for e in errors]
    assert Counter(results)["cancelled"] == 2
    final = statuses(shift_id)
    assert final["cancelled"] == 2 and final["approved"] + final["waitlisted"] == PEOPLE - 2
    assert final["approved"] <= PLACES
    assert filled(shift_id) == final["approved"]


@requires_postgres()
def test_a_place_freed_during_a_waitlisting_goes_to_the_waitlist(app: Flask) -> None:
    """The interleaving that once left a place empty (PostgreSQL; SQLite runs writers one
    after the other):

    1. the shift is full; approving B finds no place and waitlists B (not yet committed);
    2. A, who held the place, cancels while B's waitlisting is still open.

    Approving holds the shift's row lock until it commits, so A's cancel waits for it, then
    sees B on the waiting list and gives B the freed place.
    """
    staff = organization("Harbor Food Pantry")
    shift = new_shift(staff, capacity=1)
    coordinator = make_user("coordinator", display_name="Jordan")
    a, b = make_user("volunteer", display_name="A"), make_user("volunteer", display_name="B")
    a_request = requests.create(a, shift.id)
    b_request = requests.create(b, shift.id)
    db.session.commit()
    requests.approve(coordinator, a_request.id)
    db.session.commit()
    ids = (coordinator.id, a.id, a_request.id, b_request.id, shift.id)
    coordinator_id, a_id, a_request_id, b_request_id, shift_id = ids
    db.session.close()
    waitlisted, cancelled = threading.Event(), threading.Event()

    def approve_b() -> str:
        with app.app_context():
            coordinator_again = db.session.get(User, coordinator_id)
            assert coordinator_again is not None
            status = requests.approve(coordinator_again, b_request_id).status
            waitlisted.set()
            # The cancel can't finish while this transaction holds the shift lock.
            assert not cancelled.wait(1.0)
            db.session.commit()
            return status

    def cancel_a() -> str:
        assert waitlisted.wait(TIMEOUT)
        with app.app_context():
            volunteer = db.session.get(User, a_id)
            assert volunteer is not None
            status = requests.cancel(volunteer, a_request_id).status
            db.session.commit()
        cancelled.set()
        return status

    results, errors = run_together([approve_b, cancel_a])
    assert errors == [], [f"{type(e).__name__}: {e}" for e in errors]
    assert sorted(results) == ["cancelled", "waitlisted"]
    final = statuses(shift_id)
    assert filled(shift_id) == final["approved"]  # the count itself stays right
    assert final == {"cancelled": 1, "approved": 1}  # B got the place A freed
