"""Email as the app sends it: ``use_outbox`` points the app's mail at a folder (one .eml file per
message), ``emails`` and ``read_email`` parse what landed there, and ``recovery_words`` finds the
words (``RECOVERY_WORDS``) that would tell a reader of an email or page that the platform is
about recovery. Standard library only; it imports no other factories module. (Inside the package
``import email`` still means the standard library's, as imports are absolute.)
"""

from __future__ import annotations

import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from flask import Flask


def use_outbox(app: Flask, folder: Path) -> Path:
    """Write the app's email into ``folder`` (one .eml file each)."""
    app.config["MAIL_OUTBOX"] = str(folder)
    return folder


def read_email(path: Path) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())  # type: ignore[return-value]


def emails(folder: Path) -> list[EmailMessage]:
    """Every email in the outbox, oldest first."""
    return [read_email(path) for path in sorted(folder.glob("*.eml"))]


RECOVERY_WORDS = (
    "recovery", "recovering", "addiction", "addict", "substance", "sober", "sobriety",
    "rehab", "relapse", "treatment", "therapy", "clinic", "diagnosis", "mental health",
    "peer support", "coordinator", "caseload",
)  # fmt: skip
_RECOVERY = re.compile("|".join(re.escape(word) for word in RECOVERY_WORDS), re.IGNORECASE)


def recovery_words(text: str) -> list[str]:
    """The words in ``text`` that would tell a reader the platform is about recovery."""
    return sorted({match.group(0).lower() for match in _RECOVERY.finditer(text)})
