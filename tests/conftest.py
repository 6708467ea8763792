"""Shared fixtures: the repository's seed folder and the API response fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FORMATS = Path(__file__).resolve().parent / "sources" / "fixtures" / "formats"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def formats_dir() -> Path:
    return FORMATS


@pytest.fixture(scope="session")
def seed_papers():
    """The seed folder read once (no entity extraction): the records every source test checks."""
    import kg

    return kg.read(SEEDS)
