"""Test-wide settings: Qt runs offscreen, and no test touches the user's real data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


def pytest_addoption(parser) -> None:  # type: ignore[no-untyped-def]
    parser.addoption(
        "--run-slow",
        action="store_true",
        default=False,
        help="also run the longer reliability runs (many SIGKILLs, long fuzzing)",
    )


def pytest_collection_modifyitems(config, items) -> None:  # type: ignore[no-untyped-def]
    if config.getoption("--run-slow"):
        return
    import pytest

    skip = pytest.mark.skip(reason="a longer reliability run: use --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def _hypothesis_profiles() -> None:
    from hypothesis import HealthCheck, settings

    # No per-example deadline: a loaded CI machine must not turn a slow example into a
    # failure. On CI the examples are fixed (derandomize) so a run can be repeated exactly.
    settings.register_profile(
        "default", deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.register_profile(
        "ci", deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.load_profile("ci" if os.environ.get("CI") else "default")


_hypothesis_profiles()
