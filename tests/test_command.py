"""The installed command: `sitegen` (or `python -m sitegen`) works on the project it is run in."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import GOLDEN_CONTENT, ROOT, TODAY

from sitegen.cli.options import NOT_BUILT

pytestmark = pytest.mark.site


def test_pyproject_names_a_console_script_that_exists() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, _, name = scripts["sitegen"].partition(":")
    assert callable(getattr(importlib.import_module(module), name))


def _validate_in(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitegen", "validate", "--today", TODAY.isoformat()],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_command_checks_the_project_in_the_folder_it_runs_in(tmp_path: Path) -> None:
    shutil.copytree(GOLDEN_CONTENT, tmp_path / "content")
    run = _validate_in(tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.endswith(": no problems\n")
    # The folder it ran in is the project: a record broken there is the one reported.
    entry = next((tmp_path / "content" / "inspections").glob("*.md"))
    entry.write_text(entry.read_text().replace("title:", "titel:", 1))
    run = _validate_in(tmp_path)
    assert run.returncode == 1
    assert f"content/inspections/{entry.name}:" in run.stderr
    assert "titel: unknown field (did you mean 'title'?)" in run.stderr


def test_a_build_run_as_its_own_process_says_what_it_did_and_exits_with_its_status(
    tmp_path: Path,
) -> None:
    """The build command's process leaves what its build made to the system when it ends
    (sitegen/memory.py): its report, its problems and its exit status are still whole."""
    shutil.copytree(GOLDEN_CONTENT, tmp_path / "content")
    command = [
        sys.executable, str(ROOT / "build.py"), "build", "--today", TODAY.isoformat(),
        "--content", str(tmp_path / "content"), "--site", str(tmp_path / "site"),
    ]  # fmt: skip
    built = subprocess.run(command, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("3 authorities, 7 entries: built ")
    assert built.stdout.endswith("search index in 1 shard, 1 made anew)\n")
    assert (tmp_path / "site" / "index.html").is_file()
    entry = next((tmp_path / "content" / "inspections").glob("*.md"))
    entry.write_text(entry.read_text().replace("title:", "titel:", 1))
    refused = subprocess.run(command, capture_output=True, text=True, check=False)
    assert refused.returncode == 1
    assert "titel: unknown field (did you mean 'title'?)" in refused.stderr
    assert refused.stderr.endswith(f"{NOT_BUILT}\n")
