"""Render every screen of the desktop app to PNG files (offscreen), for docs and review.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--out docs/screenshots]

It opens the app on a temporary data folder, creates a profile, plays a bundled case
through every kind of scene (expected practice, with the risk rated one level low to show
that feedback), and grabs the window at each step. A small test case
(tests/fixtures/ui/story.yaml) shows a scene image, and tests/fixtures/ui/broken a case
that cannot be opened.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from trainer.core.loader import bundled_scenarios  # noqa: E402
from trainer.store import open_store  # noqa: E402
from trainer.ui.app import build_window, create_application  # noqa: E402
from trainer.ui.dialogs import SupportDialog  # noqa: E402
from trainer.ui.main_window import MainWindow  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
DEMO_CASE = "first-visit-after-police-referral"
SIZE = (1100, 760)


def settle(rounds: int = 5) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def wait_for(signal: object, timeout_ms: int = 20000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


class Shooter:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.out.mkdir(parents=True, exist_ok=True)
        self.files: list[Path] = []

    def __call__(self, widget: QWidget, name: str) -> None:
        settle()
        path = self.out / f"{name}.png"
        widget.grab().save(str(path))
        self.files.append(path)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def dark_palette() -> QPalette:
    """A dark palette like a desktop in dark mode (to check contrast, not to force it)."""
    pal = QPalette()
    base, text, mid = QColor("#1e1f22"), QColor("#e6e6e6"), QColor("#2b2d31")
    for role, colour in (
        (QPalette.ColorRole.Window, mid),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, mid),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor("#3a3c42")),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.Highlight, QColor("#4a7bd0")),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.Link, QColor("#8ab4f8")),
        (QPalette.ColorRole.PlaceholderText, QColor("#9a9a9a")),
    ):
        pal.setColor(role, colour)
    return pal


def _answer(window: MainWindow, shoot: Shooter, seen: set[str], exact: bool = False) -> None:
    """Answer the current scene (expected practice, but rate risk one level low, to show
    that feedback), grabbing the first scene of each kind."""
    session = window.controller.session
    panel = window.player.panel
    kind = session.kind
    first = kind not in seen
    seen.add(kind)
    if kind == "decision":
        if first:
            shoot(window, "04-decision")
        if "case-file" not in seen and len(session.decisions) >= 8:
            seen.add("case-file")  # the case file, opened beside a decision
            window.player.case_file_button.setChecked(True)
            shoot(window, "23-case-file")
            window.player.case_file.search.setText("neck")
            shoot(window, "24-case-file-search")
            window.player.case_file.search.clear()
            window.player.case_file_button.setChecked(False)
        options = [o.id for o in session.options]
        best = next(
            (c.id for c in session.scene.decision.options if c.judgement == "expected"),
            options[0],
        )
        panel.press_number(options.index(best) + 1 if best in options else 1)
        if panel.pending:
            if "confidence" not in seen:
                seen.add("confidence")
                shoot(window, "05-confidence")
            panel.press_number(3)
    elif kind == "checklist":
        part = session.scene.checklist
        for n, option in enumerate(session.options, start=1):
            if option.id in part.present:
                panel.press_number(n)
        if first:
            shoot(window, "07-checklist")
        panel.confirm()
    elif kind == "rating":
        levels = [o.id for o in session.options]
        expected = levels.index(session.scene.rating.expected)
        # one level below expected (if there is one), unless ``exact``
        panel.press_number(expected + 1 if exact else max(expected, 1))
        if first:
            shoot(window, "09-rating")
        panel.confirm()
    else:
        if first:
            shoot(window, "08-continue-scene")
        panel.button.click()
        return
    feedback = window.player.panel
    if "feedback" not in seen and kind == "rating":
        seen.add("feedback")
        shoot(window, "06-feedback")
    if feedback is not panel and hasattr(feedback, "browser"):
        feedback.button.click()


def first_try(window: MainWindow, case_id: str, shoot: Shooter) -> None:
    """An earlier, weaker attempt (the second answer everywhere), so My progress has a
    history to draw; its debrief is grabbed (a debrief that did not pass)."""
    c = window.controller
    entry = next(e for e in c.entries if e.case_id == case_id)
    c.start_case(entry, "practice")
    for _ in range(200):
        session = c.session
        if session is None or session.is_finished:
            break
        panel = window.player.panel
        if session.kind == "decision":
            panel.press_number(2 if len(session.options) > 1 else 1)
            if panel.pending:
                panel.press_number(2)
        elif session.kind in ("checklist", "rating"):
            for number in (1, 2, 3):
                panel.press_number(number)
            panel.confirm()
        else:
            panel.button.click()
            continue
        if hasattr(window.player.panel, "browser"):
            window.player.panel.button.click()
    shoot(window, "25-harmful-ending")
    window.player.panel.button.click()
    shoot(window, "26-debrief-not-passed")
    window.show_library()


def play_through(window: MainWindow, shoot: Shooter, case_id: str) -> None:
    c = window.controller
    entry = next(e for e in c.entries if e.case_id == case_id)
    window._on_case_chosen(entry)
    shoot(window, "03-case-start")
    window.case_start.start_button.click()
    seen: set[str] = set()
    for _ in range(200):
        if c.session is None or c.session.is_finished:
            break
        _answer(window, shoot, seen)
    shoot(window, "10-ending")
    window.player.panel.button.click()
    window.debrief.reflection.setPlainText(
        "I checked it was safe to talk before asking about the abuse, and I kept what she "
        "told me away from him. I rated the risk lower than I should have; next time I will "
        "weigh each indicator against the risk scale before I decide."
    )
    window.debrief.save_reflection()
    shoot(window, "11-debrief")


def pdf_page(pdf: Path, png: Path, shoot: Shooter) -> None:
    """The portfolio PDF's first page as a PNG (pdftoppm, from poppler-utils)."""
    import shutil
    import subprocess

    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: no PDF page image")
        return
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(png.with_suffix("")),
        ],
        check=True,
    )
    shoot.files.append(png)
    print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)


def play_well(window: MainWindow, shoot: Shooter, case_id: str) -> None:
    """Expected practice throughout and the risk rated as expected: a passed debrief."""
    c = window.controller
    entry = next(e for e in c.entries if e.case_id == case_id)
    c.start_case(entry, "assessed")
    seen = {"decision", "checklist", "rating", "next", "confidence", "feedback", "case-file"}
    for _ in range(200):
        if c.session is None or c.session.is_finished:
            break
        _answer(window, lambda *a: None, seen, exact=True)  # type: ignore[arg-type]
    window.player.panel.button.click()
    window.debrief.reflection.setPlainText(
        "I asked about the children early and planned the visit with police and health.\n\n"
        "Next time I will check the bail conditions before the first contact."
    )
    window.debrief.save_reflection()
    shoot(window, "29-debrief-passed")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    app = create_application()
    shoot = Shooter(args.out)
    from trainer.ui.dialogs import SavedDialog

    # "Saved" would wait for a click: note it instead (the status bar says it too).
    SavedDialog.show = classmethod(lambda cls, parent, text, folder: print("saved:", text))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp))
        folders = [bundled_scenarios(), FIXTURES / "ui" / "story.yaml"]
        window = build_window(store, folders)
        window.resize(*SIZE)
        window.show()
        window.start()
        wait_for(window.controller.library_loaded)
        window.show_library()  # before any profile exists: the screen says why
        shoot(window, "22-create-a-profile-first")
        store.create_learner("Jo Bloggs", "S7654321", "BA Social Work 2026")
        window.profile.refresh()
        shoot(window, "01-profile")
        window.controller.create_learner("Alex Morgan", "S1234567", "BA Social Work 2026")
        shoot(window, "02-library")

        first_try(window, DEMO_CASE, shoot)
        play_through(window, shoot, DEMO_CASE)
        window.debrief.details_button.setChecked(True)
        shoot(window, "27-debrief-details")
        window.debrief.details_button.setChecked(False)
        play_well(window, shoot, DEMO_CASE)
        pdf = Path(tmp) / "portfolio.pdf"
        window.controller.export_debrief_pdf(pdf)
        wait_for(window.controller.pdf_saved)
        settle()
        pdf_page(pdf, args.out / "28-portfolio-pdf.png", shoot)

        window.show_progress()
        shoot(window, "12-progress")
        window.statusBar().clearMessage()  # shown for a few seconds after the debrief
        window.show_help()
        shoot(window, "13-help")

        story = next(e for e in window.controller.entries if e.case_id == "ui-phone-call")
        window._on_case_chosen(story)
        window.case_start.start_button.click()
        shoot(window, "14-scene-with-image")
        window.player.break_button.click()
        shoot(window, "15-take-a-break")

        dialog = SupportDialog(window)
        dialog.show()
        shoot(dialog, "16-support-dialog")
        dialog.close()

        window.statusBar().clearMessage()  # as it would be by now (messages time out)
        window.show_library()
        window.library.status_filter.setCurrentText("All")
        broken = FIXTURES / "ui" / "broken"
        window.controller.bundled_folders.append(broken)
        window.controller.load_library()
        wait_for(window.controller.library_loaded)
        tree = window.library.tree
        for i in range(tree.topLevelItemCount()):
            if tree.topLevelItem(i).text(0).startswith("⚠"):
                tree.setCurrentItem(tree.topLevelItem(i))
        shoot(window, "17-library-broken-case")

        window.apply_text_scale(2.0)
        settle()
        shoot(window, "18-library-200-percent-text")
        entry = next(e for e in window.controller.entries if e.case_id == DEMO_CASE)
        window._on_case_chosen(entry)
        window.case_start.start_button.click()
        while window.controller.session.kind == "next":
            window.player.panel.button.click()
        shoot(window, "19-decision-200-percent-text")
        window.controller.pause()
        done = [a for a in window.controller.attempts() if a.status == "completed"][-1]
        window._on_review_requested(done)
        shoot(window, "21-debrief-200-percent-text")
        window.apply_text_scale(1.0)
        window._on_case_chosen(entry)
        window.case_start.resume_button.click()

        app.setPalette(dark_palette())
        window.statusBar().clearMessage()
        settle()
        shoot(window, "20-decision-dark-palette")
        window.controller.pause()
        window.close()
        store.close()
    print(f"{len(shoot.files)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
