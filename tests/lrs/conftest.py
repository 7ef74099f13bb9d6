"""Tests against a real Ralph LRS on 127.0.0.1 (the `.[lrs]` extra; marker `lrs`).

Skipped where Ralph is not installed: the main suite runs without it, and `.ci/run`
runs this folder in its own virtual environment (`.venv-lrs`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("ralph", reason="Ralph is not installed: pip install -e '.[lrs]'")

from tests.lrs.ralph_server import RalphServer  # noqa: E402
from tests.store.conftest import MINI  # noqa: E402
from trainer.core.loader import LoadedCase, load_case  # noqa: E402
from trainer.store.lrs import LrsSettings, save_credentials, save_settings  # noqa: E402


def pytest_collection_modifyitems(config, items) -> None:  # type: ignore[no-untyped-def]
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.lrs)


@pytest.fixture(scope="session")
def mini() -> LoadedCase:
    return load_case(MINI)


@pytest.fixture
def ralph(tmp_path: Path) -> Iterator[RalphServer]:
    """A fresh Ralph on a free port; stopped (or killed) at the end, whatever happened."""
    server = RalphServer(tmp_path / "ralph")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def unstarted_ralph(tmp_path: Path) -> Iterator[RalphServer]:
    """A Ralph with its port chosen, not started: the LRS is down until the test starts it."""
    server = RalphServer(tmp_path / "ralph")
    yield server
    server.stop()


def connect(folder: Path, server: RalphServer, secret: str | None = None, **changes) -> LrsSettings:  # type: ignore[no-untyped-def]
    """Turn sync on for ``folder`` and point it at ``server``."""
    settings = LrsSettings(
        enabled=True,
        endpoint=server.endpoint,
        home_page="https://vle.uni.example/students",
        activity_base="https://uni.example/xapi/casework",
        send_names=True,
        batch_size=10,
        timeout_s=5.0,
    )
    for name, value in changes.items():
        setattr(settings, name, value)
    save_settings(folder, settings)
    save_credentials(folder, settings.endpoint, server.user, secret or server.password)
    return settings


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Credentials go to the private file in the test's data folder, never a real keyring."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("TRAINER_LRS_KEY", raising=False)
    monkeypatch.delenv("TRAINER_LRS_SECRET", raising=False)
