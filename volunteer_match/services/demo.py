"""Demo data (interface placeholder while the seeder is written)."""

from dataclasses import dataclass

DEMO_LOGINS: list[tuple[str, str]] = []


@dataclass
class SeedResult:
    def summary(self) -> str:
        return ""


def has_any_user() -> bool:
    return False


def seed_demo(password: str) -> SeedResult:
    return SeedResult()
