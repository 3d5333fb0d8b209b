"""The package's architecture, checked: layers point inward, no import cycles, no borrowed privates.

From the centre out: ``config`` <- ``model`` <- ``run`` <- ``sweeps``, ``validation``, ``exercise``,
``app`` <- ``cli``. A module may import its own layer and the layers inside it; ``validation`` may use
``sweeps``' designs and the ``exercise`` (the Burundi validation plays the case's strategies as decision
files), and ``app`` the ``exercise`` (the classroom plays it in the browser). Every import counts, including those inside functions (a delayed import is
still a dependency).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

from helpers import ROOT

SRC = ROOT / "src" / "ssrsim"
#: What each subpackage may import from ssrsim besides itself.
ALLOWED = {
    "config": set(),
    "model": {"config"},
    "run": {"config", "model"},
    "sweeps": {"config", "model", "run"},
    "validation": {"config", "model", "run", "sweeps", "exercise"},
    "exercise": {"config", "model", "run"},
    "app": {"config", "model", "run", "exercise"},
    "cli": {"config", "model", "run", "sweeps", "validation", "exercise", "app"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in SRC.rglob("*.py")}


def resolve(importer: str, node: ast.ImportFrom | ast.Import) -> list[tuple[str, list[str]]]:
    """(module imported, names imported from it) for one import statement, ssrsim modules only."""
    if isinstance(node, ast.Import):
        return [(a.name, []) for a in node.names if a.name.split(".")[0] == "ssrsim"]
    package = importer if modules()[importer].name == "__init__.py" else importer.rsplit(".", 1)[0]
    if node.level:
        base = package.split(".")
        base = base[: len(base) - node.level + 1]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if target.split(".")[0] != "ssrsim":
        return []
    names = [a.name for a in node.names]
    # "from . import x" may import submodule x
    out = [(f"{target}.{n}", []) for n in names if f"{target}.{n}" in modules()]
    return out + [(target, [n for n in names if f"{target}.{n}" not in modules()])]


@cache
def imports() -> dict[str, list[tuple[str, list[str], int]]]:
    """Each module's ssrsim imports: (module, names, line)."""
    out = {}
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = []
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found += [(target, names, node.lineno) for target, names in resolve(name, node)]
        out[name] = found
    return out


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def test_layers_point_inward():
    wrong = []
    for importer, targets in imports().items():
        own = layer(importer)
        if own is None:
            continue
        for target, _, line in targets:
            other = layer(target)
            if other is not None and other != own and other not in ALLOWED[own]:
                wrong.append(f"{modules()[importer].relative_to(ROOT)}:{line} imports {target} ({own} -> {other})")
    assert not wrong, "imports against the layering:\n" + "\n".join(wrong)


def test_no_import_cycles():
    graph = {m: {t for t, _, _ in targets if t in modules() and t != m} for m, targets in imports().items()}
    # a package's __init__ re-exporting its modules is not a dependency of those modules on it
    graph = {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in graph.items()}
    cycles, index, low, stack, on_stack, counter = [], {}, {}, [], set(), [0]

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_no_module_imports_another_modules_private_names():
    borrowed = [f"{modules()[m].relative_to(ROOT)}:{line} imports {n} from {t}"
                for m, targets in imports().items() for t, names, line in targets if t != m
                for n in names if n.startswith("_") and not n.startswith("__")]
    assert not borrowed, "\n".join(borrowed)


def test_the_model_core_loads_neither_hydra_nor_plotting():
    code = ("import sys, ssrsim.model, ssrsim.config; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'hydra', 'omegaconf', 'matplotlib'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_the_checks_see_a_wrong_import(tmp_path, monkeypatch):
    """The layering check can fail: a model module importing the run layer is caught."""
    path = SRC / "model" / "maths.py"
    fake = {**imports(), "ssrsim.model.maths": [("ssrsim.run.runner", ["simulate"], 1)]}
    monkeypatch.setattr(sys.modules[__name__], "imports", lambda: fake)
    try:
        test_layers_point_inward()
    except AssertionError as e:
        assert "maths.py:1 imports ssrsim.run.runner" in str(e) and path.exists()
    else:
        raise AssertionError("a model module importing the run layer was not caught")
