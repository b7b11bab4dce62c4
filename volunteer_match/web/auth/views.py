"""Views for accounts: each parses a form, calls the accounts service, and redirects."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_user, logout_user

from volunteer_match.auth_session import safe_next
from volunteer_match.extensions import limiter
from volunteer_match.models import User
from volunteer_match.services import accounts
from volunteer_match.web import attempt, form_status
from volunteer_match.web.auth.forms import LoginForm, LogoutForm, RegisterForm

bp = Blueprint("auth", "volunteer_match.web.auth")


def _start_session(user: User) -> None:
    session.clear()  # a fresh session on every sign-in: no fixation
    login_user(user)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/register", methods=["GET", "POST"])
def register() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = RegisterForm()
    if form.validate_on_submit() and (user := attempt(form, accounts.register, form.to_input())):
        _start_session(user)
        flash(f"Welcome, {user.display_name}! Your account is ready.", "success")
        return redirect(url_for("main.dashboard"))
    return render_template("auth/register.html", form=form), form_status(form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data or "", form.password.data or "")
        if user is not None:
            _start_session(user)
            flash(f"Welcome back, {user.display_name}.", "success")
            return redirect(safe_next(request.args.get("next")) or url_for("main.dashboard"))
        form.form_errors.append("That email and password don't match an account.")
    return render_template("auth/login.html", form=form), form_status(form)


@bp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    form = LogoutForm()
    if form.validate_on_submit():
        logout_user()
        session.clear()
        flash("You're logged out. See you soon.", "info")
    return redirect(url_for("main.index"))
