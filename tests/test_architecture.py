"""The shape of the package: what each part may import, as README's architecture table says.

The table in README.md is the rule a newcomer reads; these tests hold the code to it, so
that "where are statuses computed?" and "what may the site code import?" keep the answers
the tree and the table give.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import ROOT

from sitegen.cache import stamps

pytestmark = pytest.mark.unit

PACKAGE = ROOT / "sitegen"
README = ROOT / "README.md"
LONGEST_MODULE = 300


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Return every sitegen module each module imports: at the top, inside functions and
    behind TYPE_CHECKING alike, each to the module it names (a package's name imported
    from a package counts as that module)."""
    modules = {_module(path) for path in PACKAGE.rglob("*.py")}
    found: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        source = _module(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                pytest.fail(f"{path.relative_to(ROOT)}: a relative import (write sitegen...)")
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sitegen"):
                for alias in node.names:
                    named = f"{node.module}.{alias.name}"
                    found[source].add(named if named in modules else str(node.module))
            elif isinstance(node, ast.Import):
                found[source] |= {a.name for a in node.names if a.name.startswith("sitegen")}
    return found


def _part(module: str) -> str:
    """Return the package or top-level module a module belongs to: 'site', 'pipeline'."""
    return module.split(".")[1] if "." in module else "sitegen"


def _architecture_table() -> dict[str, set[str] | None]:
    """Return README's architecture table: each package's name and what it may import
    (None for anything)."""
    section = README.read_text(encoding="utf-8").split("### Architecture", 1)[1]
    rules: dict[str, set[str] | None] = {}
    for row in re.findall(r"^\| `sitegen/(\w+)/` \|.*\| (.+) \|$", section, re.M):
        name, allowed = row
        if allowed == "anything":
            rules[name] = None
        elif allowed == "nothing":
            rules[name] = set()
        else:
            rules[name] = set(re.findall(r"`(\w+)`", allowed))
    return rules


def test_the_readme_lists_every_package_and_nothing_that_is_gone() -> None:
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert set(_architecture_table()) == packages
    top_modules = {path.stem for path in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    beside = README.read_text(encoding="utf-8").split("Beside the packages:", 1)[1]
    named = set(re.findall(r"`(\w+)\.py`", beside.split("\n\n", 1)[0]))
    assert named == top_modules


def test_each_package_imports_only_what_the_table_allows() -> None:
    rules = _architecture_table()
    # The plain modules beside the packages import nothing of the package; the pipeline
    # imports anything but the command line.
    plain = ("settings", "parallel", "memory", "digests", "builds")
    rules |= {name: set() for name in plain}
    rules["pipeline"] = set(rules) - {"cli", "pipeline"}
    rules["__main__"] = {"cli"}
    wrong = []
    for source, targets in sorted(_imports().items()):
        part = _part(source)
        allowed = rules.get(part, set())
        for target in sorted(targets):
            other = _part(target)
            if other != part and allowed is not None and other not in allowed:
                wrong.append(f"{source} imports {target}")
    assert wrong == []


def test_no_module_imports_itself_round_a_cycle() -> None:
    graph = _imports()
    cycles = []
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_no_module_is_long() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST_MODULE
    }
    assert long == {}


def test_the_generator_fingerprint_covers_every_module_in_every_subpackage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "sitegen"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(stamps, "_PACKAGE", copy)
    generator = stamps.generator.__wrapped__
    before = generator()
    assert generator() == before
    for module in ("model/statuses.py", "site/urls.py", "cache/memo.py", "pipeline.py"):
        path = copy / module
        original = path.read_text(encoding="utf-8")
        path.write_text(original + "\n# an edit\n", encoding="utf-8")
        assert generator() != before, f"an edit to {module} left the fingerprint as it was"
        path.write_text(original, encoding="utf-8")
    assert generator() == before
