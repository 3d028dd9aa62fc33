"""The direction of dependencies between the apps (pyproject.toml, [tool.importlinter]):
nanhai → search → workplan | profiles → articles → photos | proofread → core → audit."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "pyproject.toml", "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_the_apps_import_only_downwards():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "imports", "refusal"),
    [
        ("photos/services.py", "articles", "photos is not allowed to import articles"),
        # proofread sits below articles: articles call it, never the other way round.
        ("proofread/sources.py", "articles", "proofread is not allowed to import articles"),
        ("audit/services.py", "core", "audit is not allowed to import core"),
    ],
)
def test_the_contract_catches_an_upward_import(tmp_path, module, imports, refusal):
    """The same contract on a stand-in tree with one upward import must fail."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    for package in config["root_packages"]:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "articles" / "models.py").write_text("")
    (tmp_path / "nanhai" / "fields.py").write_text("")
    (tmp_path / "articles" / "migrations").mkdir()
    (tmp_path / "articles" / "migrations" / "__init__.py").write_text("")
    (tmp_path / "articles" / "migrations" / "0001_initial.py").write_text("import nanhai.fields\n")
    (tmp_path / module).write_text(f"def used_later():\n    import {imports}  # noqa\n")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert refusal in result.stdout
