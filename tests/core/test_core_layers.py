"""Issue 16: the core's layers run one way, and old import paths keep working."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import trainer.core

CORE = Path(trainer.core.__file__).parent
ROOT = CORE.parent.parent


def test_old_import_paths_reach_the_moved_code() -> None:
    from trainer.core import cases, graph, judging, loader, maxima, pathenum, scoring, session

    assert loader.check_case is cases.check_case
    assert loader.load_case is cases.load_case
    assert loader.load_folder is cases.load_folder
    assert loader.FolderEntry is cases.FolderEntry
    assert scoring.score_attempt is session.score_attempt
    assert session.checklist_step is judging.checklist_step
    assert graph.iter_paths is pathenum.iter_paths
    assert graph.case_maxima is maxima.case_maxima


def test_the_core_itself_does_not_use_the_old_paths() -> None:
    """The shims are for code outside the core; inside it, an import of a moved name
    from its old module would hide an upward import from the layers contract."""
    moved = {"loader": {"check_case", "load_case", "load_folder", "FolderEntry"}}
    moved["scoring"] = {"score_attempt"}
    found = []
    for path in CORE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = moved.get(node.module.rsplit(".", 1)[-1], set())
                found += [(path.name, a.name) for a in node.names if a.name in names]
    assert found == []


def test_the_layers_contract_is_kept(tmp_path: Path) -> None:
    """lint-imports keeps every contract, the core's layers among them."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'containers = ["trainer.core"]' in text
    config = tmp_path / "contracts.toml"
    start = text.index("[tool.importlinter]")
    config.write_text(text[start:], encoding="utf-8")
    run = [sys.executable, "-m", "importlinter.cli", "--config", str(config)]
    kept = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=False)
    if "No module named importlinter.cli" in kept.stderr:
        run = [str(Path(sys.executable).parent / "lint-imports"), "--config", str(config)]
        kept = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=False)
    assert kept.returncode == 0, kept.stdout + kept.stderr
