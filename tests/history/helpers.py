"""Craft real git histories: each commit with its own author, address and date."""
from __future__ import annotations

from pathlib import Path
from typing import Any


from tests.conftest import git, validate_facts_document


def commit(repo: Path, email: str, when: str, *, name: str = "Dev", message: str = "change", committer: str | None = None) -> None:
    """An empty commit by ``email`` at ``when`` (ISO 8601, used for author and committer)."""
    git(
        repo, "commit", "-q", "--allow-empty", "-m", message,
        env={
            "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": committer or email, "GIT_COMMITTER_DATE": when,
        },
    )


def validate(facts: dict[str, Any]) -> dict[str, Any]:
    validate_facts_document(facts)
    return facts
