"""The controller: every call into core and store goes through here; widgets ask and display.

Signals are past tense. A decision is recorded in the store (one committed
transaction) before any signal tells the screens to move on.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from trainer.core.errors import TrainerError
from trainer.core.paths import CATALOGUE_NAME, bundled_assets, bundled_scenarios
from trainer.ui.library import (
    CACHE_NAME,
    LibraryEntry,
    cached_entries,
    library_files,
    listed,
    load_entry,
    quick_entry,
    sort_entries,
    warm_up,
    write_cache,
)
from trainer.ui.preferences import Preferences
from trainer.ui.tasks import run_in_background

if TYPE_CHECKING:
    from trainer.core.scoring import Result, StepResult
    from trainer.core.session import Session
    from trainer.store import Attempt, CaseProgress, Learner, Store

# The case model (pydantic), sessions, scoring and the debrief are imported where they
# are first used, not here: the library window paints from its cache without them, and
# they are imported in the background while it does (see docs/performance.md).

log = logging.getLogger(__name__)
PAINT_WAIT_MS = 2000  # deferred start-up work runs by then even if no paint is seen


def _short(markdown_text: str, limit: int = 240) -> str:
    """Some scene text as one plain line, cut at a word after ``limit`` characters."""
    import re

    flat = " ".join(re.sub(r"[*_#>`]", "", markdown_text).split())
    if len(flat) > limit:
        flat = flat[:limit].rsplit(" ", 1)[0] + "…"
    return flat


def _safe_name(text: str) -> str:
    """A file-name-safe form of a name: letters, digits and hyphens."""
    import re

    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-").lower() or "learner"


class Controller(QObject):
    """One learner's use of the app: profiles, the library, one case at a time, debriefs."""

    learner_changed = Signal(object)  # Learner
    library_loaded = Signal()
    library_checked = Signal()  # every case loaded and validated (after library_loaded)
    library_warmed = Signal()  # the case model and the Markdown renderer imported
    case_opened = Signal()  # a new or resumed session is ready at its current scene
    decision_recorded = Signal(list)  # the StepResults the decision produced (may be empty)
    case_finished = Signal(object)  # Result, after the store marked the attempt completed
    case_paused = Signal()
    reflection_saved = Signal()
    pdf_saved = Signal(str)
    sent_to_tutor = Signal(str, list)  # folder, files written
    error_raised = Signal(str, str)  # headline, advice

    def __init__(self, store: Store, prefs: Preferences, bundled: list[Path] | None = None) -> None:
        super().__init__()
        self.store = store
        self.prefs = prefs
        self.bundled_folders = list(bundled) if bundled is not None else [bundled_scenarios()]
        self.entries: list[LibraryEntry] = []
        self.is_loading = False
        self.is_painted = False
        self._waiting: list[Callable[[], None]] = []
        self.learner: Learner | None = None
        self.entry: LibraryEntry | None = None
        self.session: Session | None = None
        self.attempt: Attempt | None = None
        self.mode = "practice"
        self.result: Result | None = None
        self.story_pending = False  # a resumed attempt shows "the story so far" once
        # "Revisit this decision": a practice replay from one decision of a finished
        # attempt, played in memory only: not saved, not counted.
        self.revisiting = False
        self._reviewed: Attempt | None = None
        self.shuffle_choices = True  # tests that follow a path by position turn this off
        self._shown_at = time.monotonic()
        self._assets: Path | None = None  # the bundled assets folder, found once

    # ------------------------------------------------------------------ learners

    def learners(self) -> list[Learner]:
        return self.store.learners()

    def remembered_learner_id(self) -> str:
        return self.prefs.last_learner

    def create_learner(self, display_name: str, student_id: str = "", cohort: str = "") -> bool:
        name = display_name.strip()
        if not name:
            self.error_raised.emit("Please enter a name for the profile.", "")
            return False
        learner = self._call(
            lambda: self.store.create_learner(
                name, student_id.strip() or None, cohort.strip() or None
            )
        )
        if learner is None:
            return False
        self._set_learner(learner)
        return True

    def select_learner(self, learner_id: str) -> bool:
        learner = self._call(lambda: self.store.learner(learner_id))
        if learner is None:
            return False
        self._set_learner(learner)
        return True

    def _set_learner(self, learner: Learner) -> None:
        self.learner = learner
        self.prefs.last_learner = learner.id
        self.learner_changed.emit(learner)

    # ------------------------------------------------------------------ library

    @property
    def folders(self) -> list[Path]:
        return [*self.bundled_folders, *self.prefs.case_folders]

    def load_library(self) -> None:
        """List the cases at once from the cache where it is current, then load and
        validate every case in the background; ``library_loaded`` follows each step."""
        self.is_loading = True
        files = library_files(self.folders)
        cache_file = self.data_dir / CACHE_NAME
        cached, complete = cached_entries(cache_file, files)

        def load_all() -> list[LibraryEntry]:
            # Each case is loaded, validated and let go: the library keeps its metadata
            # and problems only (see ``listed``), so memory does not grow with the library.
            entries = sort_entries([listed(load_entry(path, folder)) for path, folder in files])
            write_cache(cache_file, entries)
            return entries

        def start() -> None:
            run_in_background(load_all, self._on_library_done, self._on_task_failed)

        if not complete:
            # A first start (or new or changed files): list those from a fast read of
            # their metadata, so the library shows as quickly as from the cache. Nothing
            # is opened unvalidated: ``ensure_loaded`` checks a case before it is played.
            known = {e.path for e in cached}
            quick = [quick_entry(path, folder) for path, folder in files if path not in known]
            cached = sort_entries([*cached, *quick])
        if cached:
            self.entries = cached
            self.library_loaded.emit()
            # Check every case after the window's first paint, so that importing the case
            # model and validating do not compete with painting for the interpreter lock.
            self.after_first_paint(start)
        else:
            start()

    def after_first_paint(self, work: Callable[[], None]) -> None:
        """Run ``work`` once the main window has painted (at once if it has)."""
        if self.is_painted:
            work()
            return
        if not self._waiting:  # a window that never paints still gets the work done
            QTimer.singleShot(PAINT_WAIT_MS, self, self.window_painted)
        self._waiting.append(work)

    def window_painted(self) -> None:
        """The main window has painted for the first time: start what waited for it."""
        self.is_painted = True
        waiting, self._waiting = self._waiting, []
        for work in waiting:
            work()

    def _on_library_done(self, entries: list[LibraryEntry]) -> None:
        self.entries = entries
        self.is_loading = False
        log.info("Library: %d case files from %s", len(entries), self.folders)
        self.library_loaded.emit()
        self.library_checked.emit()
        run_in_background(
            lambda: warm_up(entries), lambda _: self.library_warmed.emit(), self._on_task_failed
        )

    def ensure_loaded(self, entry: LibraryEntry) -> LibraryEntry | None:
        """The entry with its case loaded (at once, if the background load has not yet)."""
        if entry.loaded is not None:
            return entry
        fresh = load_entry(entry.path, entry.folder)  # validated before it is opened
        # Kept loaded: this case only (the one being opened); the others as listed.
        self.entries = [fresh if e.path == entry.path else listed(e) for e in self.entries]
        if fresh.loaded is None:
            self.error_raised.emit(
                f"{entry.title} cannot be opened: {fresh.error}",
                "Tell the case author; the rest of the library works as normal.",
            )
            return None
        return fresh

    def add_case_folder(self, folder: Path) -> None:
        if folder not in self.prefs.case_folders:
            self.prefs.case_folders = [*self.prefs.case_folders, folder]
        self.load_library()

    def case_progress(self) -> dict[str, CaseProgress]:
        if self.learner is None:
            return {}
        return self._call(lambda: self.store.case_progress(self.learner.id)) or {}

    def entry_for(self, case_id: str) -> LibraryEntry | None:
        return next((e for e in self.entries if e.case_id == case_id), None)

    # ------------------------------------------------------------------ starting

    def unfinished_attempt(self, entry: LibraryEntry) -> Attempt | None:
        if self.learner is None or not entry.is_valid:
            return None
        return self._call(lambda: self.store.unfinished_attempt(self.learner.id, entry.case_id))

    def start_case(self, entry: LibraryEntry, mode: str) -> bool:
        """A fresh attempt; an unfinished one for the same case is kept as 'abandoned'."""
        entry = self.ensure_loaded(entry)  # type: ignore[assignment]
        if self.learner is None or entry is None or entry.loaded is None:
            return False
        old = self.unfinished_attempt(entry)
        if old is not None and self._call(lambda: self.store.abandon_attempt(old.id), True) is None:
            return False
        from trainer.core.session import Session

        session = Session(entry.loaded)
        # Choices appear in an order of their own for each attempt (kept on resume), so the
        # safe answer is not always where the author wrote it.
        if self.shuffle_choices:
            session.shuffle_seed = random.randrange(2**31)
        attempt = self._call(
            lambda: self.store.start_attempt(self.learner.id, entry.loaded, mode, session=session)
        )
        if attempt is None:
            return False
        self._open(entry, attempt, session)
        return True

    def resume_case(self, entry: LibraryEntry) -> bool:
        attempt = self.unfinished_attempt(entry)
        entry = self.ensure_loaded(entry) if attempt is not None else None  # type: ignore[assignment]
        if attempt is None or entry is None or entry.loaded is None:
            return False
        session = self._call(lambda: self.store.resume(attempt, entry.loaded))
        if session is None:
            return False
        self.story_pending = bool(session.decisions)  # "the story so far" before the scene
        self._open(entry, attempt, session)
        self._note_for_lrs(self.store.record_resume, session.scene_id)
        return True

    def take_story_so_far(self) -> list[str]:
        """After a resume, once: a few lines on what has happened so far (else none)."""
        if not self.story_pending or self.session is None:
            return []
        self.story_pending = False
        cf = self.case_file()
        if cf is None:
            return []
        lines = [f"People: {'; '.join(cf.people)}."] if cf.people else []
        lines += [f"Key fact: {fact}" for fact in cf.key_facts]
        for entry in [e for e in cf.entries if not e.current][-6:]:
            said = _short(entry.text)
            who = f"{entry.speaker}: " if entry.speaker and said else ""
            you = f" You: {entry.did}" if entry.did else ""
            if said or you:
                lines.append(f"{who}{said}{you}".strip())
        return lines

    def _note_for_lrs(self, record: Callable[[str, str | None], None], scene: str | None) -> None:
        """A pause or a return, queued for the LRS when sync is on; never stops the learner."""
        try:
            record(self.attempt.id, scene)
        except TrainerError as exc:
            log.warning("Could not queue the LRS statement: %s", exc.headline)

    def _open(self, entry: LibraryEntry, attempt: Attempt, session: Session) -> None:
        self.revisiting = False
        self.entry, self.attempt, self.session = entry, attempt, session
        self.mode = attempt.mode
        self.result = session.result() if session.is_finished else None
        self.scene_shown()
        self.case_opened.emit()

    def review_attempt(self, attempt: Attempt) -> bool:
        """Open a completed attempt's debrief again (its reflection can still be edited)."""
        entry = self.entry_for(attempt.case_id)
        entry = self.ensure_loaded(entry) if entry is not None else None
        if entry is None or entry.loaded is None:
            self.error_raised.emit(
                "This case is not in the library any more.",
                "Add its folder to the library to see this debrief again.",
            )
            return False
        session = self._call(lambda: self.store.resume(attempt, entry.loaded))
        if session is None:
            return False
        if not session.is_finished:
            return False
        self.entry, self.attempt, self.session = entry, attempt, None
        self.mode = attempt.mode
        self.result = session.result()
        self.revisiting = False
        return True

    # ------------------------------------------------------------------ revisiting

    def revisit_points(self) -> list[tuple[int, str]]:
        """(decision number, what the learner did) for each decision of the attempt whose
        debrief is open, that can be revisited."""
        loaded = self.entry.loaded if self.entry is not None else None
        attempt = self.attempt
        if loaded is None or attempt is None or self.revisiting:
            return []
        from trainer.core.session import Session

        done = self._call(lambda: self.store.resume(self.store.attempt(attempt.id), loaded))
        if done is None:
            return []
        replay = Session(loaded, *self._origin_of(done))
        points = []
        for n, decision in enumerate(done.decisions):
            before = len(replay.steps)
            replay.apply(decision)
            made = [s for s in replay.steps[before:] if s.kind != "rule"]
            if made:
                points.append((n, made[0].label))
        return points

    def revisit(self, decision_number: int) -> bool:
        """Replay the open debrief's attempt from decision ``decision_number`` in practice
        mode: everything before it as it was, then the learner chooses again. Not saved,
        not counted."""
        loaded = self.entry.loaded if self.entry is not None else None
        attempt = self.attempt
        if loaded is None or attempt is None:
            return False
        from trainer.core.session import Session

        done = self._call(lambda: self.store.resume(self.store.attempt(attempt.id), loaded))
        if done is None or not 0 <= decision_number < len(done.decisions):
            return False
        session = Session.replay(loaded, done.decisions[:decision_number], done.origin)
        self._reviewed = attempt
        self.revisiting = True
        self.session, self.attempt, self.mode, self.result = session, None, "practice", None
        self.scene_shown()
        self.case_opened.emit()
        return True

    @staticmethod
    def _origin_of(session: Session) -> tuple[Any, Any]:
        origin = session.origin or {}
        return origin.get("scene"), frozenset(origin.get("flags", ()))

    def image_roots(self) -> list[Path]:
        """Folders a scene may show images from: the case's folder and the bundled assets."""
        if self._assets is None:
            self._assets = bundled_assets()
        roots = [self._assets]
        if self.entry is not None:
            roots.insert(0, self.entry.path.parent)
        return roots

    # ------------------------------------------------------------------ playing

    def scene_shown(self) -> None:
        """The player calls this when a scene is on screen (starts the decision clock)."""
        self._shown_at = time.monotonic()

    def choose(self, choice_id: str, confidence: str | None = None) -> None:
        self._act(lambda s, ms: s.choose(choice_id, confidence, ms))

    def tick(self, indicator_ids: list[str], note: str = "") -> None:
        self._act(lambda s, ms: s.tick(indicator_ids, ms, note or None))

    def rate(self, level_id: str, note: str = "") -> None:
        self._act(lambda s, ms: s.rate(level_id, ms, note or None))

    def case_file(self) -> Any:
        """The learner's case file so far (trainer.core.casefile.CaseFile), or None."""
        if self.session is None:
            return None
        from trainer.core.casefile import case_file

        try:
            return case_file(self.session)
        except TrainerError as exc:  # a case file is a help, never a reason to stop
            log.warning("Case file not built: %s", exc.headline)
            return None

    def advance(self) -> None:
        self._act(lambda s, ms: s.advance(ms))

    def _act(self, action: Callable[[Session, int], StepResult | None]) -> None:
        session, attempt = self.session, self.attempt
        if session is None or session.is_finished or (attempt is None and not self.revisiting):
            return
        before = len(session.steps)
        elapsed = int((time.monotonic() - self._shown_at) * 1000)
        try:
            step = action(session, elapsed)
        except TrainerError as exc:
            self.error_raised.emit(exc.headline, exc.advice)
            return
        if self.revisiting:  # a replay of one decision: nothing is saved or counted
            self.decision_recorded.emit(list(session.steps[before:]))
            if session.is_finished:
                self.result = session.result()
                self.case_finished.emit(self.result)
            return
        try:
            self.store.record_decision(attempt.id, session, step)
        except TrainerError as exc:
            # Not saved: rebuild from what the store holds, so screen and database agree.
            log.warning("Decision not saved: %s", exc.headline)
            self.error_raised.emit(
                f"Your last answer could not be saved: {exc.headline}",
                exc.advice or "Please try again. Everything before it is saved.",
            )
            self.session = self._call(
                lambda: self.store.resume(self.store.attempt(attempt.id), session.loaded)
            )
            if self.session is None:
                self.pause()
            else:
                self.case_opened.emit()
            return
        self.decision_recorded.emit(list(session.steps[before:]))
        if session.is_finished:
            result = session.result()
            if self._call(lambda: self.store.finish_attempt(attempt.id, result), True) is not None:
                self.result = result
                self.case_finished.emit(result)

    def pause(self) -> None:
        """Leave the case; every decision is already saved, so it resumes exactly here."""
        if self.session is not None and not self.session.is_finished and self.attempt:
            log.info("Paused attempt %s at %s", self.attempt.id, self.session.scene_id)
            self._note_for_lrs(self.store.record_pause, self.session.scene_id)
        self.session = None
        self.case_paused.emit()

    # ------------------------------------------------------------------ debrief

    def debrief_markdown(self) -> str:
        if self.entry is None or self.entry.loaded is None or self.result is None:
            return ""
        from trainer.core.debrief import debrief_markdown

        return debrief_markdown(self.entry.loaded, self.result)

    def reached_competencies(self) -> set[str] | None:
        """Competencies the attempt's path could score (None when unknown)."""
        if self.entry is None or self.entry.loaded is None or self.result is None:
            return None
        from trainer.core.debrief import reached_competencies

        return reached_competencies(self.entry.loaded, self.result)

    def competency_title(self, competency_id: str) -> str:
        """A competency's name: from the open case's catalogue, else the bundled one."""
        loaded = self.entry.loaded if self.entry else None
        if loaded is not None:
            return loaded.competency_title(competency_id)
        from trainer.core.loader import load_catalogue

        try:
            catalogue = load_catalogue(bundled_scenarios() / CATALOGUE_NAME)
        except TrainerError:
            return competency_id
        comp = catalogue.competencies.get(competency_id)
        return comp.title if comp else competency_id

    def reflection(self) -> str:
        if self.attempt is None:
            return ""
        return self._call(lambda: self.store.reflection(self.attempt.id)) or ""

    def save_reflection(self, text: str, attempt_id: str | None = None) -> None:
        """Save ``text`` as the reflection on ``attempt_id`` (the attempt whose debrief
        it was written on; by default the open attempt). A reflection belongs to its
        attempt: after Try again the open attempt is a new one."""
        target = attempt_id or (self.attempt.id if self.attempt is not None else None)
        if target is None:
            return
        if self._call(lambda: self.store.save_reflection(target, text), True) is not None:
            self.reflection_saved.emit()

    def try_again(self) -> bool:
        if self.entry is None or self.revisiting:
            return False
        return self.start_case(self.entry, self.mode)

    def export_debrief_pdf(self, path: Path) -> None:
        """Write the portfolio PDF (debrief, tables, reflection) in the background."""
        job = self._portfolio_job(path)
        if job is None:
            return
        run_in_background(job, lambda _: self.pdf_saved.emit(str(path)), self._on_task_failed)

    def send_to_tutor(self, folder: Path) -> None:
        """Write the portfolio PDF and the learner's progress file together in ``folder``
        (in the background); ``sent_to_tutor`` names the folder and the files."""
        if self.learner is None or self.entry is None:
            return
        stem = f"{_safe_name(self.learner.display_name)}-{self.entry.case_id}"
        pdf_path = Path(folder) / f"{stem}.pdf"
        progress_path = Path(folder) / f"{_safe_name(self.learner.display_name)}-progress.json"
        job = self._portfolio_job(pdf_path)
        if job is None:
            return
        learner_id = self.learner.id

        def both() -> list[str]:
            from trainer.store.progressfile import export_progress

            job()
            export_progress(self.store, learner_id, progress_path)
            return [str(pdf_path), str(progress_path)]

        run_in_background(
            both, lambda files: self.sent_to_tutor.emit(str(folder), files), self._on_task_failed
        )

    def _portfolio_job(self, path: Path) -> Callable[[], Any] | None:
        from trainer.ui.pdf import write_portfolio

        if self.entry is None or self.result is None or self.entry.loaded is None:
            return None
        from trainer.core.debrief import percent_words

        loaded, result, attempt, learner = (
            self.entry.loaded,
            self.result,
            self.attempt,
            self.learner,
        )
        verdict = "Passed" if result.passed else "Not passed"
        when = (
            (attempt.ended_at or attempt.started_at or "")[:16].replace("T", " ") if attempt else ""
        )
        details = [
            ("Student", learner.display_name if learner else ""),
            ("Student ID", (learner.student_id or "not given") if learner else ""),
            ("Case", f"{loaded.case.title} (version {loaded.case.version})"),
            ("Mode", f"{self.mode} mode"),
            ("Date", f"{when} UTC" if when else ""),
            (
                "Result",
                f"{verdict}: overall {result.percent:.0f}%, pass mark {result.pass_mark:.0f}%"
                + (
                    f"; {len(result.critical_errors)} safety-critical error(s)"
                    if result.critical_errors
                    else ""
                ),
            ),
        ]
        competencies = []
        for comp in result.percents:
            minimum = result.minimums.get(comp)
            competencies.append(
                (
                    loaded.competency_title(comp),
                    percent_words(loaded, result, comp),
                    "—" if minimum is None else f"{minimum:.0f}%",
                )
            )
        markdown_text = self.debrief_markdown()
        reflection = self.reflection()
        title = f"Portfolio record: {loaded.case.title}"
        return lambda: write_portfolio(
            path,
            markdown_text=markdown_text,
            reflection=reflection,
            details=details,
            competencies=competencies,
            title=title,
        )

    # ------------------------------------------------------------------ progress

    def attempts(self, case_id: str | None = None) -> list[Attempt]:
        if self.learner is None:
            return []
        return self._call(lambda: self.store.attempts(self.learner.id, case_id)) or []

    def competency_history(self) -> list[dict[str, Any]]:
        if self.learner is None:
            return []
        return self._call(lambda: self.store.competency_history(self.learner.id)) or []

    def progress_series(self) -> list[tuple[str, list[float]]]:
        """Each competency's scores across attempts, like with like: one series per case
        and mode (practice and assessed apart), leaving out replays of one decision and
        competencies an attempt's path did not reach (not a 0). A competency met in one
        case and mode only is titled by its name alone."""
        from trainer.core.debrief import reached_in

        groups: dict[tuple[str, str, str], list[float]] = {}
        for row in self.competency_history():
            if row.get("revisit"):
                continue
            entry = self.entry_for(row["case_id"])
            loaded = entry.loaded if entry is not None else None
            reached = reached_in(loaded, row.get("steps") or [])
            for comp, pct in (row.get("percents") or {}).items():
                if pct is None or comp not in reached:
                    continue
                key = (comp, row["case_id"], row.get("mode") or "")
                groups.setdefault(key, []).append(float(pct))
        per_comp: dict[str, int] = {}
        for comp, _case, _mode in groups:
            per_comp[comp] = per_comp.get(comp, 0) + 1
        out = []
        for (comp, case_id, mode), values in sorted(
            groups.items(), key=lambda kv: (self.competency_title(kv[0][0]), kv[0][1], kv[0][2])
        ):
            title = self.competency_title(comp)
            if per_comp[comp] > 1:
                title = f"{title} · {self.title_for(case_id)} · {mode}"
            out.append((title, values))
        return out

    def title_for(self, case_id: str, recorded: str = "") -> str:
        """The case's title from the library, else as recorded with the attempt."""
        entry = self.entry_for(case_id)
        return entry.title if entry else (recorded or case_id)

    @property
    def data_dir(self) -> Path:
        return Path(self.store.data_dir)

    # ------------------------------------------------------------------ errors

    def _call(self, work: Callable[[], Any], done: Any = None) -> Any:
        """Run a store call; a TrainerError becomes ``error_raised`` and None."""
        try:
            value = work()
        except TrainerError as exc:
            log.warning("%s %s", exc.headline, exc.advice)
            self.error_raised.emit(exc.headline, exc.advice)
            return None
        return done if done is not None and value is None else value

    def _on_task_failed(self, exc: BaseException) -> None:
        self.is_loading = False
        if isinstance(exc, TrainerError):
            self.error_raised.emit(exc.headline, exc.advice)
        else:
            self.error_raised.emit(
                "Something went wrong in the background.",
                f"{type(exc).__name__}: {exc}. Details are in the log file.",
            )
