"""Issue 15 in the app: records wait for the LRS without stopping the learner; the status
bar says how many wait and when records were last sent; the course lead's LRS dialog."""

from __future__ import annotations

import json
import socket
import stat

import pytest
from PySide6.QtCore import Qt

from tests.ui.test_journey import click_choice, click_label, create_profile, open_case
from trainer.store.lrs import LrsSettings, load_settings, save_credentials, save_settings
from trainer.ui.lrs import LrsDialog, when_text

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("TRAINER_LRS_KEY", raising=False)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket closes


def sync_to_nowhere(data_dir) -> str:  # noqa: ANN001
    endpoint = f"http://127.0.0.1:{closed_port()}/xAPI/"
    save_settings(data_dir, LrsSettings(enabled=True, endpoint=endpoint, timeout_s=1.0))
    save_credentials(data_dir, endpoint, "key", "secret")
    return endpoint


def panel(window):  # noqa: ANN001, ANN201
    return window.sync.panel


def test_records_wait_in_the_status_bar_while_the_lrs_is_unreachable(
    qtbot, make_window, data_dir
) -> None:  # noqa: ANN001
    sync_to_nowhere(data_dir)
    window = make_window()
    qtbot.waitUntil(lambda: hasattr(window, "sync"), timeout=5000)
    create_profile(qtbot, window)
    open_case(qtbot, window, "A first home visit (test case)")
    qtbot.mouseClick(window.case_start.start_button, LEFT)
    click_choice(qtbot, window, 1)
    click_choice(qtbot, window, 3)  # confidence: the decision is recorded
    store = window.controller.store
    assert store.outbox_count() == 2  # initialized, answered: queued with the records
    qtbot.waitUntil(lambda: "2 records waiting to send" in panel(window).text(), timeout=5000)
    assert panel(window).isVisible()
    assert "last sent never" in panel(window).text()
    qtbot.waitUntil(lambda: window.sync.sender.last_error is not None, timeout=10000)
    window.sync.refresh()
    assert "Could not reach the LRS" in panel(window).toolTip()
    assert "Nothing is lost" in panel(window).toolTip()
    # The learner carries on at once: the player is not waiting for the network.
    assert window.stack.currentWidget() is window.player
    window.controller.pause()
    assert store.outbox_count() == 3
    verbs = [json.loads(q.text)["verb"]["id"].rsplit("/", 1)[1] for q in store.outbox_batch(10)]
    assert verbs == ["initialized", "answered", "suspended"]


def test_with_sync_off_nothing_is_queued_or_shown(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    qtbot.waitUntil(lambda: hasattr(window, "sync"), timeout=5000)
    create_profile(qtbot, window)
    open_case(qtbot, window, "A first home visit (test case)")
    qtbot.mouseClick(window.case_start.start_button, LEFT)
    click_choice(qtbot, window, 1)
    click_choice(qtbot, window, 3)
    window.sync.refresh()
    assert window.controller.store.outbox_count() == 0
    assert not panel(window).isVisible()
    assert window.sync.sender is None
    file_menu = window.menuBar().actions()[0].menu()
    assert "Learning &Record Store…" in [a.text() for a in file_menu.actions()]


def test_the_course_lead_turns_sync_on_in_the_dialog(qtbot, make_window, data_dir) -> None:  # noqa: ANN001
    window = make_window()
    qtbot.waitUntil(lambda: hasattr(window, "sync"), timeout=5000)
    dialog = LrsDialog(data_dir, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.enabled.isChecked()  # off by default
    click_label(qtbot, dialog.enabled)
    assert dialog.enabled.isChecked()
    qtbot.keyClicks(dialog.endpoint, "lrs.uni.example/xAPI")  # no scheme: refused
    qtbot.keyClicks(dialog.key, "course-key")
    qtbot.keyClicks(dialog.secret, "s3cret")
    dialog.home_page.clear()
    qtbot.keyClicks(dialog.home_page, "https://vle.uni.example")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.isVisible(), "a setting that cannot work keeps the dialog open"
    assert "not an http:// or https:// address" in dialog.message.text()
    assert not (data_dir / "lrs.json").exists() or not load_settings(data_dir).enabled
    dialog.endpoint.clear()
    qtbot.keyClicks(dialog.endpoint, "https://lrs.uni.example/xAPI/")
    click_label(qtbot, dialog.pseudonymise)
    qtbot.keyClicks(dialog.pseudonym_key, "our-course-2026")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    saved = load_settings(data_dir)
    assert saved.enabled and saved.endpoint == "https://lrs.uni.example/xAPI/"
    assert saved.home_page == "https://vle.uni.example" and saved.pseudonymise
    assert saved.pseudonym_key == "our-course-2026"
    assert "readable only by this user" in dialog.warning
    creds = data_dir / "lrs-credentials.json"
    assert stat.S_IMODE(creds.stat().st_mode) == 0o600
    assert "s3cret" not in (data_dir / "lrs.json").read_text()
    window.sync.restart()
    assert window.controller.store.xapi is not None and window.sync.sender is not None
    again = LrsDialog(data_dir, window)  # reopened: the key is shown, the secret is not
    qtbot.addWidget(again)
    assert again.key.text() == "course-key" and again.secret.text() == ""
    window.sync.stop()


def test_when_text_reads_stored_times() -> None:
    assert when_text(None) == "never"
    assert len(when_text("2020-01-02T03:04:05.000000Z")) > 5
