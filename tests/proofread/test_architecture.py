"""proofread sits below articles: the import contract refuses proofread importing articles."""

import shutil
import tomllib

from tests.test_architecture import ROOT, _lint


def test_the_contract_keeps_proofread_below_articles(tmp_path):
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    assert "proofread" in config["root_packages"]
    for package in config["root_packages"]:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "articles" / "models.py").write_text("")
    (tmp_path / "nanhai" / "fields.py").write_text("")
    (tmp_path / "articles" / "migrations").mkdir()
    (tmp_path / "articles" / "migrations" / "__init__.py").write_text("")
    (tmp_path / "articles" / "migrations" / "0001_initial.py").write_text("import nanhai.fields\n")
    (tmp_path / "proofread" / "sources.py").write_text("from articles import models  # noqa\n")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "proofread is not allowed to import articles" in result.stdout
