"""The tutor commands for bilingual cases: new --languages, translate, validate, schema."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from trainer.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_new_with_welsh_writes_a_pair_that_validates_strictly(tmp_path: Path) -> None:
    code, out = run("new", "first-call", "--folder", str(tmp_path), "--languages", "en,cy")
    assert code == 0, out
    assert (tmp_path / "first-call.cy.yaml").is_file()
    assert (tmp_path / "translation.schema.json").is_file()
    code, out = run("validate", "--strict", str(tmp_path))
    assert code == 0, out
    assert "first-call.cy.yaml: cy: 100% translated (complete), needs review" in out
    assert "2 file(s) checked: 0 error(s), 0 warning(s)." in out
    code, out = run("test", str(tmp_path))
    assert code == 0, out


def test_new_refuses_a_language_it_has_no_starter_for(tmp_path: Path) -> None:
    code, out = run("new", "x", "--folder", str(tmp_path), "--languages", "en,fr")
    assert code == 2 and "en,cy" in out
    assert not list(tmp_path.iterdir())


def test_translate_writes_a_skeleton_and_refuses_to_overwrite(tmp_path: Path) -> None:
    run("new", "first-call", "--folder", str(tmp_path))
    case = tmp_path / "first-call.yaml"
    code, out = run("translate", str(case), "--to", "cy")
    assert code == 0, out
    target = tmp_path / "first-call.cy.yaml"
    text = target.read_text(encoding="utf-8")
    assert "# en: Alex rings the duty line." in text
    assert "translation_status: needs review" in text
    assert text.startswith("# yaml-language-server: $schema=./translation.schema.json\n")
    assert (tmp_path / "translation.schema.json").is_file()
    code, out = run("validate", str(tmp_path))
    assert code == 0  # untranslated texts are warnings
    assert "cy: 0% translated" in out and "warning: [cy] untranslated" in out
    # a tutor translates one text; a second translate refuses, --force keeps the text
    target.write_text(text.replace('title: ""', 'title: "Galwad gyntaf"', 1), encoding="utf-8")
    code, out = run("translate", str(case), "--to", "cy")
    assert code == 1 and "--force" in out
    assert "Galwad gyntaf" in target.read_text(encoding="utf-8")
    code, out = run("translate", str(case), "--to", "cy", "--force")
    assert code == 0, out
    assert 'title: "Galwad gyntaf"' in target.read_text(encoding="utf-8")


def test_translate_refuses_a_bad_language_and_a_broken_translation(tmp_path: Path) -> None:
    run("new", "first-call", "--folder", str(tmp_path))
    case = tmp_path / "first-call.yaml"
    code, out = run("translate", str(case), "--to", "Welsh")
    assert code == 1 and "not a language" in out
    target = tmp_path / "first-call.cy.yaml"
    target.write_text("format: 1\ncase: first-call\nlanguage: cy\ntitle: 'Dw i'n'\n", "utf-8")
    code, out = run("translate", str(case), "--to", "cy", "--force")
    assert code == 1
    assert f"{target}:4:" in out and "apostrophe" in out
    assert "Dw i'n" in target.read_text(encoding="utf-8")  # nothing lost


def test_validate_locates_unknown_ids_in_a_translation_named_directly(tmp_path: Path) -> None:
    run("new", "first-call", "--folder", str(tmp_path), "--languages", "en,cy")
    target = tmp_path / "first-call.cy.yaml"
    text = target.read_text(encoding="utf-8").replace("  she-talks:\n", "  she-talk:\n")
    target.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  she-talk:") + 1
    code, out = run("validate", str(target))
    assert code == 1
    assert f"{target}:{line}:3: error: scene 'she-talk' is not in case 'first-call' " in out
    assert "(did you mean 'she-talks'?)" in out
    code, out = run("validate", "--format", "json", str(tmp_path))
    data = json.loads(out)
    assert data["errors"] == 1 and data["translations"] == []


def test_validate_json_reports_completeness(tmp_path: Path) -> None:
    run("new", "first-call", "--folder", str(tmp_path), "--languages", "en,cy")
    code, out = run("validate", "--format", "json", str(tmp_path))
    assert code == 0
    (report,) = json.loads(out)["translations"]
    assert report["language"] == "cy" and report["percent"] == 100
    assert report["status"] == "needs review" and report["untranslated"] == 0


def test_a_translation_without_its_case_is_an_error(tmp_path: Path) -> None:
    stray = tmp_path / "gone.cy.yaml"
    stray.write_text("format: 1\ncase: gone\nlanguage: cy\n", encoding="utf-8")
    code, out = run("validate", str(stray))
    assert code == 1 and "no case beside this translation" in out


def test_schema_of_translations() -> None:
    code, out = run("schema", "--translation")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"].startswith("Casework Trainer case translation")
    assert "scenes" in schema["properties"]
    assert schema["properties"]["translation_status"]["enum"] == ["needs review", "reviewed"]


def test_a_stray_translation_in_a_folder_is_reported(tmp_path: Path) -> None:
    run("new", "first-call", "--folder", str(tmp_path), "--languages", "en,cy")
    (tmp_path / "first-call.cy.yaml").rename(tmp_path / "first-cal.cy.yaml")
    code, out = run("validate", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'first-cal.cy.yaml'}:1:1: error: there is no case beside" in out
    assert "2 file(s) checked: 1 error(s)" in out


def test_play_in_welsh_and_resume_in_english(tmp_path: Path) -> None:
    case = "coercive-control-economic-abuse-wales"
    data = str(tmp_path / "data")
    result = CliRunner().invoke(
        main,
        ["play", case, "--language", "cy", "--learner", "Nia", "--data-dir", data],
        input="3\n",
    )
    assert result.exit_code == 3, result.output
    assert "Dim cleisiau: rheolaeth drwy orfodaeth a cham-drin economaidd" in result.output
    assert "Cynnig yn Gymraeg i barhau yn Gymraeg" in result.output
    result = CliRunner().invoke(main, ["play", case, "--learner", "Nia", "--data-dir", data])
    assert "1 decision(s) saved" in result.output
    assert "No bruises: coercive control and economic abuse" in result.output


def test_play_in_a_language_the_case_has_not_got(tmp_path: Path) -> None:
    code, out = run("play", "first-visit-after-police-referral", "--language", "cy")
    assert code == 1
    assert "has no Cymraeg (Welsh) translation" in out and "trainer translate" in out


def test_bundled_translation_schema_file_is_current() -> None:
    root = Path(__file__).resolve().parent.parent
    code, out = run("schema", "--translation")
    assert (root / "scenarios" / "translation.schema.json").read_text(encoding="utf-8") == out, (
        "run: trainer schema --translation --out scenarios/translation.schema.json"
    )


def test_play_language_takes_a_code_and_says_which_for_a_name() -> None:
    """`--language Welsh` is a usage error that names the code; it never advises writing a
    translation 'into Welsh' (trainer translate refuses that), and 'CY' means cy."""
    wales = "coercive-control-economic-abuse-wales"
    named = CliRunner().invoke(main, ["play", wales, "--language", "Welsh"], input="")
    assert named.exit_code == 2, named.output
    assert "'Welsh' is not a language code" in named.output
    assert "--language cy" in named.output and "trainer translate" not in named.output
    upper = CliRunner().invoke(main, ["play", wales, "--language", "CY"], input="")
    assert upper.exit_code == 3, upper.output  # played in Welsh until the input ran out
    assert "Dim cleisiau" in upper.output
    odd = CliRunner().invoke(main, ["play", wales, "--language", "xx"], input="")
    assert odd.exit_code == 2 and "two-letter ISO 639-1 code" in odd.output


def test_validate_says_a_translation_waits_for_its_case(tmp_path: Path) -> None:
    """A folder whose case has an error: its translation is not silently left out of the
    check (the count used to drop it without a word)."""
    run("new", "first-call", "--folder", str(tmp_path), "--languages", "en,cy")
    case = tmp_path / "first-call.yaml"
    case.write_text(case.read_text("utf-8").replace("next: indicators", "next: indicatr"), "utf-8")
    code, out = run("validate", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'first-call.cy.yaml'}: not checked yet" in out
    assert f"checked with {case}, which has errors" in out
    code, out = run("validate", "--format", "json", str(tmp_path))
    assert json.loads(out)["not_checked"] == [str(tmp_path / "first-call.cy.yaml")]
