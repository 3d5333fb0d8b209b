"""No behavioural number in the model's code: every coefficient is a parameter (``params.*``).

The model package's syntax tree may hold only the structural constants 0, 1, -1 and 12 (months a
year); other numbers are allowed only as array shapes (the first argument of ``np.zeros`` and
its kin, ``minlength=``, ``axis=``, ``size=``). No module-level numeric constant, no numeric
default argument: a number that shapes behaviour lives in ``ssrsim.config.params`` with its
range, unit and source, where the sensitivity screening sees it. (A default may be structural:
``replicate=0``, ``province=-1``.)
"""

from __future__ import annotations

import ast

import pytest

from helpers import ROOT

MODEL = ROOT / "src" / "ssrsim" / "model"
STRUCTURAL = {0, 1, -1, 12}
SHAPE_CALLS = {"zeros", "ones", "empty", "full", "reshape", "resize", "arange", "range", "tile",
               "zeros_like", "ones_like", "full_like", "empty_like"}
SHAPE_KEYWORDS = {"minlength", "axis", "size", "shape", "ndmin"}


def _numbers(tree: ast.AST) -> list[tuple[int, float]]:
    """(line, value) of every numeric literal outside array shapes; ``-x`` read as one number."""
    exempt: set[int] = set()
    negated: dict[int, float] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) \
                and isinstance(node.operand, ast.Constant):
            negated[id(node.operand)] = -node.operand.value
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            shape_args = node.args[:1] if name in SHAPE_CALLS else []
            shape_args += [k.value for k in node.keywords if k.arg in SHAPE_KEYWORDS]
            for arg in shape_args:
                exempt.update(id(n) for n in ast.walk(arg))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float) and id(node) not in exempt:
            value = negated.get(id(node), node.value)
            if value not in STRUCTURAL:
                found.append((node.lineno, value))
    return sorted(found)


FILES = sorted(MODEL.glob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_behavioural_literal(path):
    found = _numbers(ast.parse(path.read_text()))
    assert not found, f"{path.name}: numbers that should be parameters (line, value): {found}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_numeric_module_constant_or_default(path):
    tree = ast.parse(path.read_text())
    problems = []
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            if any(isinstance(n, ast.Constant) and type(n.value) in (int, float) for n in ast.walk(node.value)):
                problems.append(f"line {node.lineno}: module-level number")
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for default in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
                if _numbers(default):
                    problems.append(f"line {default.lineno}: numeric default argument")
    assert not problems, f"{path.name}: {problems}"


def test_the_check_can_fail():
    """The scanner sees a coefficient, a negated one, a module constant and a default."""
    tree = ast.parse("X = 3\ndef f(a, b=0.5):\n    return a * 0.7 - -2 + np.zeros(4)[0]\n")
    assert _numbers(tree) == [(1, 3), (2, 0.5), (3, -2), (3, 0.7)]
