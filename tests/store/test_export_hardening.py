"""Course-lead exports under attack (issues 10 §4 and 11): formulas, full disks, links,
devices, missing folders, empty data folders, and PDFs whose words can be found."""

from __future__ import annotations

import builtins
import errno
import io
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tests.store.conftest import BAD_PATH, GOOD_PATH, play
from trainer.cli import main
from trainer.store import StoreError, open_store
from trainer.store import pdf as pdf_module
from trainer.store.exports import FORMATS, export, neutralise

pypdf = pytest.importorskip("pypdf")

NAMES = [
    "Asha Patel",
    "Siân Llŷr",  # Welsh: ŵ ŷ
    "Gwŷn ap Dafydd",
    "Ελένη Παπαδοπούλου",
    "Ольга Иванова",
    "محمد علي",
    "official fifty",  # 'fi' and 'ffi', which Qt's writer turned into ligature characters
]


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@pytest.fixture
def people(store, mini):
    for n, name in enumerate(NAMES):
        learner = store.create_learner(name, f"S{n}", "Group A" if n % 2 else "Group B")
        play(store, learner.id, mini, GOOD_PATH if n % 2 else BAD_PATH)
    return store


# ---------------------------------------------------------------------- formulas


@pytest.mark.parametrize(
    "risky",
    [
        " =1+2",
        "\n=1+2",
        "  \r\n@SUM(A1)",
        "＝1+2",  # FULLWIDTH EQUALS SIGN
        "＋1",
        "－1",
        "＠SUM(A1)",
        "﹦1",  # SMALL EQUALS SIGN
        "﹢1",
        "﹣1",
        "−1",  # MINUS SIGN
        "\u3000=1",  # an ideographic space first
    ],
)
def test_formula_lookalikes_are_neutralised(risky: str) -> None:
    assert neutralise(risky) == "'" + risky


@given(st.text(max_size=20))
def test_neutralise_only_touches_what_could_start_a_formula(text: str) -> None:
    import unicodedata

    first = text.lstrip()[:1]
    risky = text[:1] in ("\t", "\r") or (
        first != "" and unicodedata.normalize("NFKC", first) in ("=", "+", "-", "@", "−")
    )
    assert neutralise(text) == ("'" + text if risky else text)


def test_csv_cells_with_lookalike_formulas_are_neutralised(store, mini, tmp_path) -> None:
    sly = store.create_learner('＝HYPERLINK("x")', " +44", "Group A")
    play(store, sly.id, mini, GOOD_PATH)
    export(store, "csv", tmp_path / "r.csv")
    text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert "'＝HYPERLINK" in text and "'+44" in text


# ---------------------------------------------------------------------- gradebooks


def test_moodle_writes_a_dash_for_no_grade_and_two_decimals(store, mini, tmp_path) -> None:
    from trainer.core.session import Session

    ann = store.create_learner("Ann", "S1", None)
    kim = store.create_learner("Kim", "S2", None)
    _, session = play(store, ann.id, mini, GOOD_PATH[:1] + BAD_PATH[1:])
    play(store, kim.id, mini, GOOD_PATH, steps=2)  # started, no grade yet
    export(store, "moodle", tmp_path / "m.csv")
    rows = (tmp_path / "m.csv").read_text(encoding="utf-8-sig").splitlines()
    grades = dict(r.split(",")[0::2] for r in rows[1:])
    assert grades["S2"] == "-"
    percent = session.result().percent
    assert isinstance(session, Session)
    assert grades["S1"] == str(round(percent, 2)) and len(grades["S1"].split(".")[-1]) <= 2


# ---------------------------------------------------------------------- PDF text layer


def test_pdf_text_layer_has_every_name_and_title_exactly(people, tmp_path) -> None:
    result = export(people, "pdf", tmp_path / "r.pdf")
    text = pdf_text(tmp_path / "r.pdf")
    for name in NAMES:
        assert name in text, name
    assert "A first home visit (test case)" in text
    assert "\t" not in text and "ﬁ" not in text and "ﬃ" not in text
    assert result.warnings == []


def test_debrief_pdf_text_layer(tmp_path, mini) -> None:
    from trainer.core.debrief import debrief_markdown
    from trainer.core.session import Session
    from trainer.ui.pdf import debrief_html, write_pdf

    session = Session(mini)
    for method, arg in GOOD_PATH:
        getattr(session, method)(arg)
    learner = type("L", (), {"display_name": "Siân Llŷr"})()
    html = debrief_html(debrief_markdown(mini, session.result()), "Ŵy official ffi", learner)
    out = write_pdf(html, tmp_path / "debrief.pdf", "Debrief")
    text = pdf_text(out)
    assert "Siân Llŷr" in text and "Ŵy official ffi" in text
    assert "A first home visit (test case)" in text and "\t" not in text
    assert [p.name for p in tmp_path.iterdir()] == ["debrief.pdf"]  # no temporary left


def make_font(path: Path, chars: str) -> None:
    """A tiny TrueType font with a square glyph for each of ``chars``."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef"] + [f"uni{ord(c):04X}" for c in chars]
    pen = TTGlyphPen(None)
    for (x0, y0), (x1, y1) in [((100, 0), (900, 800))]:
        pen.moveTo((x0, y0))
        pen.lineTo((x0, y1))
        pen.lineTo((x1, y1))
        pen.lineTo((x1, y0))
        pen.closePath()
    square = pen.glyph()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    builder.setupGlyf({n: square for n in names})
    builder.setupHorizontalMetrics({n: (1000, 100) for n in names})
    builder.setupHorizontalHeader(ascent=900, descent=-100)
    builder.setupNameTable({"familyName": "TestHan", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=900, usWinAscent=900, usWinDescent=100)
    builder.setupPost()
    builder.save(str(path))


def test_pdf_draws_other_scripts_with_a_font_of_this_computer(
    store, mini, tmp_path, monkeypatch
) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    make_font(fonts / "han.ttf", "王秀英")
    monkeypatch.setattr(pdf_module, "font_folders", lambda: [fonts])
    wang = store.create_learner("王秀英", "S9", None)
    play(store, wang.id, mini, GOOD_PATH)
    result = export(store, "pdf", tmp_path / "r.pdf")
    assert "王秀英" in pdf_text(tmp_path / "r.pdf")
    assert result.warnings == []


def test_pdf_says_which_characters_no_font_can_draw(store, mini, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(pdf_module, "font_folders", lambda: [tmp_path / "no-fonts"])
    wang = store.create_learner("Wang 王秀英", "S9", None)
    play(store, wang.id, mini, GOOD_PATH)
    result = export(store, "pdf", tmp_path / "r.pdf")
    assert "Wang \ufffd\ufffd\ufffd" in pdf_text(tmp_path / "r.pdf")
    assert len(result.warnings) == 1 and "王" in result.warnings[0]


def test_a_huge_name_is_cut_in_the_pdf_not_the_data(store, mini, tmp_path) -> None:
    import time

    # The store refuses such a name now (80 characters at most); a database written by an
    # older release may still hold one.
    big = store.create_learner("Ann", "S1", None)
    with store.conn:
        store.conn.execute(
            "UPDATE learners SET display_name = ? WHERE id = ?", ("Ann " + "x" * 100_000, big.id)
        )
    play(store, big.id, mini, GOOD_PATH)
    started = time.monotonic()
    export(store, "pdf", tmp_path / "r.pdf")
    assert time.monotonic() - started < 20
    assert "Ann" in pdf_text(tmp_path / "r.pdf")


# ---------------------------------------------------------------------- full disk


class FullDisk:
    """Every file opened for writing under ``folder`` fails with ENOSPC once ``room``
    bytes have been written to it: the error the operating system gives."""

    def __init__(self, folder: Path, room: int = 0) -> None:
        self.folder = str(folder)
        self.room = room
        self.real_open = builtins.open

    def open(self, file, mode="r", *args, **kwargs):  # noqa: ANN001
        handle = self.real_open(file, mode, *args, **kwargs)
        ours = isinstance(file, str | os.PathLike) and str(file).startswith(self.folder)
        if ours and any(c in mode for c in "wax+"):
            return _Filling(handle, self.room)
        return handle


class _Filling:
    def __init__(self, handle, room: int) -> None:  # noqa: ANN001
        self._handle = handle
        self._room = room

    def write(self, data):  # noqa: ANN001
        self._room -= len(data)
        if self._room < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._handle.write(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self._handle.close()

    def __getattr__(self, name: str):
        return getattr(self._handle, name)


@pytest.fixture
def full_disk(tmp_path, monkeypatch):
    def fill(room: int = 0) -> None:
        disk = FullDisk(tmp_path / "out", room)
        monkeypatch.setattr(builtins, "open", disk.open)
        monkeypatch.setattr(io, "open", disk.open)

    (tmp_path / "out").mkdir()
    return fill


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("room", [0, 150])
def test_a_full_disk_says_so_and_leaves_the_old_export(people, tmp_path, full_disk, fmt, room):
    out = (
        tmp_path
        / "out"
        / f"report.{'xlsx' if fmt == 'xlsx' else fmt if fmt in ('pdf', 'json') else 'csv'}"
    )
    first = export(people, fmt, out)
    before = {p: p.read_bytes() for p in first.files}
    full_disk(room)
    with pytest.raises(StoreError) as caught:
        export(people, fmt, out)
    message = f"{caught.value.headline} {caught.value.advice}"
    assert "the disk is full" in message
    assert "Errno" not in message and "empty file" not in message
    assert {p: p.read_bytes() for p in first.files} == before  # nothing changed
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in before)


def test_a_full_disk_from_the_command_line_is_one_plain_message(people, tmp_path, full_disk):
    full_disk(100)
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--format",
            "xlsx",
            "--out",
            str(tmp_path / "out" / "r.xlsx"),
            "--data-dir",
            str(people.data_dir),
        ],
    )
    assert result.exit_code == 1
    assert "the disk is full" in result.output
    assert "Traceback" not in result.output and "Errno" not in result.output
    assert list((tmp_path / "out").iterdir()) == []


def test_a_csv_export_is_all_or_nothing(people, tmp_path, monkeypatch) -> None:
    from trainer.store import exports

    real = exports.write_csv
    calls = []

    def fail_third(path, view, keep=frozenset()):  # noqa: ANN001
        calls.append(view.name)
        if len(calls) == 3:
            raise OSError(errno.EIO, "Input/output error")
        return real(path, view, keep)

    monkeypatch.setattr(exports, "write_csv", fail_third)
    with pytest.raises(StoreError):
        export(people, "csv", tmp_path / "r.csv")
    assert list(tmp_path.glob("*.csv")) == [] and list(tmp_path.glob(".*")) == []


def test_the_database_full_while_recording_is_a_plain_message(tmp_path, monkeypatch) -> None:
    """A real SQLITE_FULL: the database may not grow past its current size."""
    import trainer.store as store_package

    real_open = store_package.open_store

    def small_store(*args, **kwargs):  # noqa: ANN002, ANN003
        opened = real_open(*args, **kwargs)
        pages = opened.conn.execute("PRAGMA page_count").fetchone()[0]
        opened.conn.execute(f"PRAGMA max_page_count = {pages}")
        return opened

    monkeypatch.setattr(store_package, "open_store", small_store)
    mini = Path(__file__).resolve().parents[1] / "fixtures" / "mini" / "mini.yaml"
    result = CliRunner().invoke(
        main,
        ["play", str(mini), "--learner", "Sam", "--data-dir", str(tmp_path)],
        input="1\n3\n1\n1,2\n3\n1\n" + "y" * 20000 + "\n",  # a long reflection: the database grows
    )
    assert result.exit_code == 1, result.output
    assert "the disk is full" in result.output and "Traceback" not in result.output


# ---------------------------------------------------------------------- where files go


def cli_export(store, *args: str):  # noqa: ANN001
    return CliRunner().invoke(main, ["export", *args, "--data-dir", str(store.data_dir)])


def test_out_writes_through_a_link_and_refuses_devices(people, tmp_path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    result = cli_export(people, "--format", "moodle", "--out", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and real.read_text(encoding="utf-8-sig").startswith("ID number")
    for device in ("/dev/null", "/dev/zero"):
        refused = cli_export(people, "--format", "json", "--out", device)
        assert refused.exit_code == 1, refused.output
        assert "not an ordinary file" in refused.output and "--out -" in refused.output
    folder = cli_export(people, "--format", "json", "--out", str(tmp_path))
    assert folder.exit_code == 1 and "it is a folder" in folder.output


def test_out_dash_writes_to_standard_output(people) -> None:
    runner = CliRunner()
    args = ["--data-dir", str(people.data_dir), "--out", "-"]
    csv_out = runner.invoke(main, ["export", "--format", "csv", *args])
    assert csv_out.exit_code == 0
    assert csv_out.stdout_bytes.startswith("\ufeffstudent_id,display_name".encode())
    assert "Siân Llŷr" in csv_out.stdout_bytes.decode("utf-8-sig")
    assert "only the summary" in csv_out.stderr
    pdf_out = runner.invoke(main, ["export", "--format", "pdf", *args])
    assert pdf_out.exit_code == 0 and pdf_out.stdout_bytes.startswith(b"%PDF-")
    assert b"Wrote" not in pdf_out.stdout_bytes  # messages go to standard error


def test_missing_folders_are_not_created(people, tmp_path) -> None:
    out = tmp_path / "no" / "such" / "report.csv"
    result = cli_export(people, "--format", "csv", "--out", str(out))
    assert result.exit_code == 1
    assert f"the folder {out.parent} does not exist" in result.output
    assert not (tmp_path / "no").exists()
    with pytest.raises(StoreError, match="does not exist"):
        export(people, "xlsx", out.with_suffix(".xlsx"))
    assert not (tmp_path / "no").exists()


def test_an_out_folder_that_cannot_be_written_is_named(people, tmp_path, monkeypatch) -> None:
    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = cli_export(people, "--format", "csv", "--out", str(tmp_path / "r.csv"))
    assert result.exit_code == 1
    assert f"the folder {tmp_path} cannot be written to" in result.output
    assert "progress folder" not in result.output


def test_an_unknown_cohort_warns(people, tmp_path) -> None:
    result = cli_export(
        people, "--format", "csv", "--cohort", "Group C", "--out", str(tmp_path / "r.csv")
    )
    assert result.exit_code == 0
    assert "No learner with progress is in cohort 'Group C'" in result.output
    assert "'Group A', 'Group B'" in result.output
    quiet = cli_export(
        people, "--format", "csv", "--cohort", "Group A", "--out", str(tmp_path / "r.csv")
    )
    assert "Warning" not in quiet.output


def test_export_from_an_empty_data_folder_says_there_is_no_progress(tmp_path) -> None:
    empty = tmp_path / "data"
    result = CliRunner().invoke(
        main,
        ["export", "--format", "csv", "--out", str(tmp_path / "r.csv"), "--data-dir", str(empty)],
    )
    assert result.exit_code == 1
    assert "There is no progress to export yet" in result.output
    assert not empty.exists() and not (tmp_path / "r.csv").exists()
    with open_store(empty) as store:  # a database with no plays says the same
        store.create_learner("Ann", "S1", None)
    again = CliRunner().invoke(
        main,
        ["export", "--format", "pdf", "--out", str(tmp_path / "r.pdf"), "--data-dir", str(empty)],
    )
    assert again.exit_code == 1 and "no progress to export yet" in again.output
    assert not (tmp_path / "r.pdf").exists()


def test_a_full_disk_while_saving_the_debrief_pdf(tmp_path, full_disk, mini) -> None:
    from trainer.ui.pdf import write_pdf

    out = tmp_path / "out" / "debrief.pdf"
    full_disk(500)
    with pytest.raises(StoreError) as caught:
        write_pdf("<h1>Debrief</h1><p>Siân Llŷr</p>", out, "Debrief")
    assert "the disk is full" in caught.value.headline
    assert "empty file" not in caught.value.headline
    assert list((tmp_path / "out").iterdir()) == []


def test_a_pdf_is_not_printed_to_a_terminal(people) -> None:
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "trainer",
            "export",
            "--format",
            "pdf",
            "--out",
            "-",
            "--data-dir",
            str(people.data_dir),
        ],
        stdout=follower,
        stderr=subprocess.PIPE,
        cwd=root,
        timeout=60,
    )
    os.close(follower)
    shown = b""
    try:
        while chunk := os.read(leader, 4096):
            shown += chunk
    except OSError:  # the terminal's other end is closed: all read
        pass
    os.close(leader)
    assert proc.returncode == 2
    assert b"%PDF" not in shown and b"not text" in proc.stderr
