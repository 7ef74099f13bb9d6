"""Course-lead exports (issue 3 point 7): csv, xlsx, pdf, json, moodle, canvas."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.store.conftest import BAD_PATH, GOOD_PATH, play
from trainer.cli import main
from trainer.store import StoreError
from trainer.store.exports import export, neutralise

NASTY = '=HYPERLINK("http://x","click")'


@pytest.fixture
def cohort(store, mini):
    """Ann passes, Bob fails unsafely, a learner with a formula for a name, a tutor play."""
    ann = store.create_learner("Ann Example", "S1001", "Group A")
    bob = store.create_learner("Bob Sample", "S1002", "Group B")
    eve = store.create_learner(NASTY, "+44123", "Group A")
    nobody = store.create_learner("No Number", None, "Group A")
    dee = store.create_learner("Dee Decline", "S1004", "Group B")
    tutor = store.create_learner("Tutor Tess", "T1", "Group A")
    ann_bad, _ = play(store, ann.id, mini, BAD_PATH)
    ann_good, good = play(store, ann.id, mini, GOOD_PATH)
    bob_bad, bad = play(store, bob.id, mini, BAD_PATH)
    play(store, eve.id, mini, GOOD_PATH, steps=2)  # in progress
    play(store, nobody.id, mini, GOOD_PATH)
    play(store, dee.id, mini, GOOD_PATH)
    play(store, dee.id, mini, BAD_PATH)  # the latest attempt is worse than the best
    play(store, tutor.id, mini, GOOD_PATH, kind="tutor")
    return {"store": store, "good": good.result(), "bad": bad.result(), "ann": ann, "bob": bob}


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM"
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def test_neutralise() -> None:
    for risky in ("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(risky) == "'" + risky
    assert neutralise("Ann") == "Ann"
    assert neutralise(-5) == -5 and neutralise(None) is None


def test_csv_summary_and_views(cohort, tmp_path) -> None:
    store = cohort["store"]
    result = export(store, "csv", tmp_path / "report.csv")
    names = sorted(p.name for p in result.files)
    assert names == sorted(
        f"report{s}.csv" for s in ("", "-attempts", "-competencies", "-choices", "-transcripts")
    )
    rows = read_csv(tmp_path / "report.csv")
    by_name = {r["display_name"]: r for r in rows}
    assert "Tutor Tess" not in by_name  # tutor plays never appear
    ann = by_name["Ann Example"]
    assert (ann["student_id"], ann["cohort"], ann["attempts"], ann["completed"]) == (
        "S1001",
        "Group A",
        "2",
        "2",
    )
    assert float(ann["best_percent"]) == cohort["good"].percent
    assert float(ann["latest_percent"]) == cohort["good"].percent
    assert ann["passed"] == "1"
    bob = by_name["Bob Sample"]
    assert bob["passed"] == "0" and int(bob["critical_errors"]) >= 1
    dee = by_name["Dee Decline"]
    assert float(dee["best_percent"]) == cohort["good"].percent
    assert float(dee["latest_percent"]) == cohort["bad"].percent
    assert dee["passed"] == "1" and dee["attempts"] == "2"
    eve = by_name["'" + NASTY]  # formula neutralised, and its ID number too
    assert eve["student_id"] == "'+44123" and eve["completed"] == "0" and eve["best_percent"] == ""

    transcripts = read_csv(tmp_path / "report-transcripts.csv")
    bob_steps = [t for t in transcripts if t["display_name"] == "Bob Sample"]
    assert [t["step"] for t in bob_steps] == ["1", "2", "3", "4", "5"]
    assert bob_steps[-1]["judgement"] == "unsafe" and bob_steps[-1]["critical"] == "1"
    assert "Never tell him" in bob_steps[-1]["feedback"]
    assert bob_steps[-1]["feedback"].startswith("This revealed something")  # no ** marks

    choices = read_csv(tmp_path / "report-choices.csv")
    door = {c["option"]: float(c["share_pct"]) for c in choices if c["scene"] == "door"}
    # door: Ann bad+good, Bob bad, Eve good, No Number good, Dee good+bad: 4 of 7 checked
    assert door == {"check-safe": round(400 / 7, 1), "ask-straight": round(300 / 7, 1)}
    ticks = {c["option"]: float(c["share_pct"]) for c in choices if c["scene"] == "risk"}
    assert ticks["strangulation"] == round(100 * 3 / 6, 1)  # 3 of 6 checklists ticked it

    comps = read_csv(tmp_path / "report-competencies.csv")
    everyone = {c["competency"]: c for c in comps if c["display_name"] == "All learners"}
    assert set(everyone) == {"communication", "risk-identification"}
    assert comps[-1]["display_name"] == "All learners"
    ann_comm = [
        float(c["average_percent"])
        for c in comps
        if c["display_name"] == "Ann Example" and c["competency"] == "communication"
    ]
    good, bad = cohort["good"].percents["communication"], cohort["bad"].percents["communication"]
    assert ann_comm == [round((good + bad) / 2, 1)]


def test_cohort_filter_and_pseudonyms(cohort, tmp_path) -> None:
    store = cohort["store"]
    export(store, "csv", tmp_path / "a.csv", cohort="Group A", pseudonymise=True)
    export(store, "csv", tmp_path / "b.csv", cohort="Group A", pseudonymise=True)
    text = "".join(p.read_text(encoding="utf-8-sig") for p in tmp_path.glob("a*.csv"))
    for secret in ("Ann Example", "S1001", "HYPERLINK", "No Number", "Bob Sample"):
        assert secret not in text
    first = [r["display_name"] for r in read_csv(tmp_path / "a.csv")]
    second = [r["display_name"] for r in read_csv(tmp_path / "b.csv")]
    assert first == second and len(set(first)) == 3  # stable, and one per learner
    assert all(name.startswith("Learner ") for name in first)
    assert {r["cohort"] for r in read_csv(tmp_path / "a.csv")} == {"Group A"}


def test_xlsx_has_a_sheet_per_view(cohort, tmp_path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    export(cohort["store"], "xlsx", tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(tmp_path / "report.xlsx")
    assert book.sheetnames == ["Summary", "Attempts", "Competencies", "Choices", "Transcripts"]
    summary = list(book["Summary"].iter_rows(values_only=True))
    assert summary[0][:3] == ("student_id", "display_name", "cohort")
    names = [row[1] for row in summary[1:]]
    assert "Ann Example" in names and "Tutor Tess" not in names
    nasty = next(c for row in book["Summary"].iter_rows() for c in row if c.value == NASTY)
    assert nasty.data_type == "s"  # kept as text, never a formula


def test_json_export(cohort, tmp_path) -> None:
    export(cohort["store"], "json", tmp_path / "report.json", pseudonymise=True)
    document = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert document["pseudonymised"] is True
    assert set(document["views"]) == {
        "summary",
        "attempts",
        "competencies",
        "choices",
        "transcripts",
    }
    assert all(r["student_id"] is None for r in document["views"]["summary"])


def pdf_text(path: Path) -> str:
    pypdf = pytest.importorskip("pypdf")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_pdf_export(cohort, tmp_path) -> None:
    result = export(cohort["store"], "pdf", tmp_path / "report.pdf")
    data = (tmp_path / "report.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert result.rows == 5
    text = pdf_text(tmp_path / "report.pdf")
    assert "Ann Example" in text and "Bob Sample" in text and "Tutor Tess" not in text
    assert "A first home visit (test case)" in text  # the case title, word for word
    assert "Never tell him" in text and "\t" not in text
    assert NASTY in text.replace("\n", "")  # shown as text (wrapped in its narrow column)
    hidden = tmp_path / "hidden.pdf"
    export(cohort["store"], "pdf", hidden, pseudonymise=True)
    text = pdf_text(hidden)
    assert "Ann Example" not in text and "stable pseudonyms" in text


def test_moodle_gradebook_csv(cohort, tmp_path) -> None:
    result = export(cohort["store"], "moodle", tmp_path / "moodle.csv")
    rows = read_csv(tmp_path / "moodle.csv")
    assert list(rows[0]) == ["ID number", "Full name", "Casework: mini-home-visit"]
    grades = {r["ID number"]: r["Casework: mini-home-visit"] for r in rows}
    assert grades["S1001"] == str(round(cohort["good"].percent, 2))
    assert grades["S1002"] == str(round(cohort["bad"].percent, 2))
    assert grades["'+44123"] == "-"  # in progress: no grade yet (an empty cell imports as 0)
    assert "T1" not in grades
    assert any("No Number" in w for w in result.warnings)  # no ID number: left out, and said
    with pytest.raises(StoreError, match="real student ID"):
        export(cohort["store"], "moodle", tmp_path / "x.csv", pseudonymise=True)


def test_canvas_gradebook_csv(cohort, tmp_path) -> None:
    export(cohort["store"], "canvas", tmp_path / "canvas.csv", cohort="Group B")
    rows = list(csv.reader((tmp_path / "canvas.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == [
        "Student",
        "ID",
        "SIS User ID",
        "SIS Login ID",
        "Section",
        "Casework: mini-home-visit",
    ]
    assert rows[1][0] == "Points Possible" and rows[1][5] == "100"
    assert rows[2][:5] == ["Bob Sample", "", "S1002", "", "Group B"]
    assert rows[3][:5] == ["Dee Decline", "", "S1004", "", "Group B"]
    assert rows[3][5] == str(round(cohort["good"].percent, 2))  # the best attempt counts
    assert len(rows) == 4


def test_cli_export(cohort, tmp_path) -> None:
    store = cohort["store"]
    runner = CliRunner()
    out = tmp_path / "cli.csv"
    result = runner.invoke(
        main, ["export", "--format", "csv", "--out", str(out), "--data-dir", str(store.data_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "Wrote 5 row(s)" in result.output and str(out) in result.output
    refused = runner.invoke(
        main,
        [
            "export",
            "--format",
            "canvas",
            "--pseudonymise",
            "--out",
            str(out),
            "--data-dir",
            str(store.data_dir),
        ],
    )
    assert refused.exit_code == 1 and "real student ID numbers" in refused.output
    bad = runner.invoke(main, ["export", "--format", "docx", "--out", str(out)])
    assert bad.exit_code == 2


def test_every_command_has_help() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["progress", "--help"]).exit_code == 0
    for args in (["progress", "export"], ["progress", "import"], ["export"], ["play"]):
        result = runner.invoke(main, [*args, "--help"])
        assert result.exit_code == 0
        assert "--data-dir" in result.output


def test_pdf_transcript_feedback_reads_as_sentences_not_source_lines(tmp_path) -> None:
    """Feedback written as a YAML block keeps its source line breaks in the database; on
    paper they cut sentences short (a Markdown single newline is a space)."""
    from trainer.store.pdf import SHOWN_COLUMNS, report_rows
    from trainer.store.reports import View

    columns = SHOWN_COLUMNS["transcripts"]
    feedback = "Before contact you need to know whose number\nis on the log.\n\nTen minutes\n"
    row = tuple(feedback if c == "feedback" else "x" for c in columns)
    [(_, shown, rows, _)] = report_rows([View("transcripts", "Transcripts", columns, [row])])
    cell = rows[0][shown.index("feedback")]
    assert cell == "Before contact you need to know whose number is on the log.\nTen minutes"


def test_pdf_tables_cut_no_header_word_or_judgement_and_break_ids_at_hyphens() -> None:
    """Narrow columns of the transcript used to show 'attem|pt', 'judgeme|nt' and
    'acceptab|le'; a long case id is broken after a hyphen, not mid-word."""
    from trainer.store.pdf import FAMILY, SHOWN_COLUMNS, Document, Table

    columns = SHOWN_COLUMNS["transcripts"]
    doc = Document("t", [" ".join(columns)], landscape=True)
    table = Table(doc, columns)
    assert abs(sum(table.widths) - doc.pdf.epw) < 0.01  # the table still fits the page
    doc.pdf.set_font(FAMILY, "B", table.size)
    for header, width in zip(table.header, table.widths, strict=True):
        for word in header.split():
            assert table.wrap(word, width, "B") == [word], header
    doc.pdf.set_font(FAMILY, "", table.size)
    judgement = table.widths[columns.index("judgement")]
    assert table.wrap("acceptable", judgement) == ["acceptable"]
    case_id = table.widths[columns.index("case_id")]
    lines = table.wrap("coercive-control-economic-abuse-wales", case_id)
    assert len(lines) > 1 and "".join(lines) == "coercive-control-economic-abuse-wales"
    assert all(line.endswith("-") for line in lines[:-1]), lines
