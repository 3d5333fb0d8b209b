"""docs/odd.md (the ODD description) must keep matching the code.

Where the code changes, the ODD changes: these tests fail when the monthly schedule, the
configuration schema, the fighter statuses, the event kinds, the benchmarks or the entities'
state variables move away from what docs/odd.md says.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from functools import cache

import pytest
from pydantic import BaseModel

from ssrsim.config import EVENT_KINDS, Config
from ssrsim.model import PROGRAMMES, STATUSES
from ssrsim.model import SSRModel
from ssrsim.model import citizens, ddr, donors, events, fighters, forces, government, oversight
from ssrsim.model import provinces, record, spoilers
from ssrsim.model.benchmarks import BENCHMARKS
from ssrsim.config.fields import model_of
from helpers import ROOT, schema_path_problem

ODD = ROOT / "docs" / "odd.md"
CONFIG_ROOTS = ("params", "levers", "context", "thresholds")


@cache
def text() -> str:
    assert ODD.is_file(), "docs/odd.md is missing"
    return ODD.read_text(encoding="utf-8")


def spans(chunk: str) -> list[str]:
    """The contents of every `code span`, in order."""
    return re.findall(r"`([^`\n]+)`", chunk)


def section(number: int) -> str:
    """The text of top-level section ``## <number>. ...`` up to the next ``## `` heading."""
    match = re.search(rf"^## {number}\. .*?(?=^## |\Z)", text(), re.M | re.S)
    assert match, f"docs/odd.md has no section '## {number}. ...'"
    return match.group(0)


@cache
def model() -> SSRModel:
    """A small baseline model after one month (so every state variable exists)."""
    cfg = Config.model_validate({"months": 2, "context": {"citizens": 200}})
    m = SSRModel(cfg)
    m.step()
    return m


# --------------------------------------------------------------------------- (a) the schedule
def step_calls() -> list[str]:
    """The calls made by ``SSRModel.step``, in source order, named as the ODD names them.

    ``self._x()`` -> ``_x``; ``self.obj.meth()`` -> ``Class.meth`` with Class the type of
    ``model.obj`` (or of its items, for a list); ``item.meth()`` inside ``for item in self.obj``
    -> the items' class. Calls on anything else (numpy, builtins) are not steps of the model.
    """
    tree = ast.parse(textwrap.dedent(inspect.getsource(SSRModel.step)))
    m = model()
    loop_source: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name):
            it = node.iter
            if isinstance(it, ast.Attribute) and isinstance(it.value, ast.Name) and it.value.id == "self":
                loop_source[node.target.id] = it.attr

    def class_of(attr: str) -> str:
        obj = getattr(m, attr)
        if isinstance(obj, list):
            obj = obj[0]
        return type(obj).__name__

    calls = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        receiver, meth = node.func.value, node.func.attr
        if isinstance(receiver, ast.Name) and receiver.id == "self":
            name = meth
        elif (isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name)
              and receiver.value.id == "self"):
            name = f"{class_of(receiver.attr)}.{meth}"
        elif isinstance(receiver, ast.Name) and receiver.id in loop_source:
            name = f"{class_of(loop_source[receiver.id])}.{meth}"
        else:
            continue
        calls.append(((node.lineno, node.col_offset), name))
    ordered = [name for _, name in sorted(calls)]
    return list(dict.fromkeys(ordered))  # first occurrence of each


def test_step_calls_are_parsed():
    calls = step_calls()
    assert "_fund" in calls and "EventSchedule.apply" in calls and "_record" in calls
    assert len(calls) >= 15


def test_process_overview_lists_every_call_of_step_in_order():
    found = spans(section(3))

    def first(name: str) -> int | None:
        names = {name, f"SSRModel.{name}"} if "." not in name else {name}
        return next((i for i, s in enumerate(found) if s in names), None)

    calls = step_calls()
    missing = [c for c in calls if first(c) is None]
    assert not missing, f"§3 of docs/odd.md does not name these calls of SSRModel.step: {missing}"
    positions = [first(c) for c in calls]
    out_of_order = [(a, b) for (a, pa), (b, pb) in zip(zip(calls, positions), zip(calls[1:], positions[1:]))
                    if pa > pb]
    assert not out_of_order, ("§3 of docs/odd.md names these calls in a different order from "
                              f"SSRModel.step (first mentions): {out_of_order}")


# --------------------------------------------------------------------------- (b), (c) the schema
def config_paths(chunk: str) -> list[str]:
    paths = []
    for s in spans(chunk):
        m = re.match(rf"(?:{'|'.join(CONFIG_ROOTS)})\.[A-Za-z0-9_.\[\]]*[A-Za-z0-9_\]]", s)
        if m:
            paths.append(m.group(0))
    return paths


def leaf_params(node: type[BaseModel], prefix: str) -> list[str]:
    out = []
    for key, info in node.model_fields.items():
        nested = model_of(info.annotation)
        out += leaf_params(nested, f"{prefix}.{key}") if nested else [f"{prefix}.{key}"]
    return out


def test_resolve_is_strict():
    assert schema_path_problem("params.spoilers.attack_base") is None
    assert schema_path_problem("levers.funding") is None
    assert schema_path_problem("context.factions[].commander_tie") is None
    assert schema_path_problem("params.spoilers.attack_bse")
    assert schema_path_problem("params.spoilers.attack_base.x")
    assert schema_path_problem("context.factions.commander_tie")
    assert schema_path_problem("levers.ddr[].cantonment_months")


def test_every_config_path_exists():
    paths = config_paths(text())
    assert len(paths) > 50
    bad = {p: why for p in sorted(set(paths)) if (why := schema_path_problem(p))}
    assert not bad, f"docs/odd.md names configuration paths the schema does not have: {bad}"


def test_every_parameter_is_described():
    named = set(config_paths(text()))
    params = leaf_params(Config.model_fields["params"].annotation, "params")
    assert len(params) > 30
    missing = [p for p in params if p not in named]
    assert not missing, f"docs/odd.md does not mention these parameters (add them to §7): {missing}"


def test_no_parameter_values_are_copied():
    """Values of params.* live in the schema (docs/parameters.md): the ODD names paths only."""
    pattern = r"`(params\.[\w.]+)`\s*(?:\(|=|is\s+)\s*[−-]?\d"
    copied = re.findall(pattern, text())
    assert not copied, f"docs/odd.md gives values for {copied}: refer to docs/parameters.md instead"


# --------------------------------------------------------------------------- (d) vocabularies
@pytest.mark.parametrize("vocabulary, words", [
    ("fighter status", STATUSES),
    ("event kind", EVENT_KINDS),
    ("benchmark", tuple(b.name for b in BENCHMARKS)),
    ("donor programme", PROGRAMMES),
])
def test_vocabulary_appears(vocabulary, words):
    named = set(spans(text()))
    missing = [w for w in words if w not in named]
    assert not missing, f"docs/odd.md does not name these {vocabulary}s in backticks: {missing}"


def test_logged_event_kinds_appear():
    """Every kind the model logs (``self.log("kind", ...)`` / ``m.log(...)``) is in §4 Observation."""
    kinds = set()
    for module in (record, events, donors, spoilers, government, fighters, ddr):
        kinds |= set(re.findall(r"\blog\(\s*\"(\w+)\"", inspect.getsource(module)))
    kinds |= set(re.findall(r"\blog\(\s*\"(\w+)\"", inspect.getsource(SSRModel)))
    assert {"clash", "relapse", "funding_cliff"} <= kinds
    named = set(spans(section(4)))
    missing = sorted(kinds - named)
    assert not missing, f"§4 (observation) of docs/odd.md does not list these logged events: {missing}"


# --------------------------------------------------------------------------- entities and state
# Attributes that are handles, identifiers or bookkeeping rather than state variables.
NOT_STATE = {"model", "pos", "unique_id", "name", "index", "spec", "n", "version", "first",
             "per_province", "count", "cfg", "citizens", "ddr", "donors", "economy", "fighters",
             "forces", "government", "mission", "oversight_bodies", "provinces", "random",
             "recorder", "replicate", "rng", "running", "schedule", "spoilers", "step", "steps",
             "faction_names"}


def entities():
    m = model()
    return {
        "SSRModel": m,
        "Government": m.government,
        "SecurityForce": m.forces[0],
        "FighterPopulation": m.fighters,
        "DDRProgramme": m.ddr,
        "Donor": m.donors[0],
        "PeacekeepingMission": m.mission,
        "OversightBody": m.oversight_bodies[0],
        "Spoiler": m.spoilers[0],
        "CitizenPopulation": m.citizens,
        "ProvinceNetwork": m.provinces,
    }


def test_every_state_variable_is_described():
    named = set(spans(section(2)))
    missing = {}
    for cls, obj in entities().items():
        state = {k for k in vars(obj) if not k.startswith("_")} - NOT_STATE
        if absent := sorted(state - named):
            missing[cls] = absent
    assert not missing, f"§2 of docs/odd.md does not describe these state variables: {missing}"


def test_described_state_variables_exist():
    """Every variable in a §2 table (first column) is an attribute of the entity of its subsection."""
    objects = entities()
    problems = []
    for block in re.split(r"^### ", section(2), flags=re.M)[1:]:
        heading = block.splitlines()[0]
        owners = [objects[c] for c in spans(heading) if c in objects] or [objects["SSRModel"]]
        owners.append(objects["SSRModel"])
        in_table = False
        for line in block.splitlines():
            if re.match(r"\| (variable|attribute) \|", line):
                in_table = True
                continue
            if not line.startswith("|"):
                in_table = False
                continue
            if in_table and not line.startswith("|---"):
                first_cell = line.split("|")[1]
                for name in spans(first_cell):
                    if not any(hasattr(o, name) for o in owners):
                        problems.append(f"{heading.strip()}: {name}")
    assert not problems, f"docs/odd.md §2 describes attributes the code does not have: {problems}"


def test_named_methods_exist():
    """`Class.member` and bare `_private` names in the ODD resolve in the model package."""
    classes = {}
    for module in (citizens, ddr, donors, events, fighters, forces, government, oversight, provinces,
                   record, spoilers):
        classes.update({n: c for n, c in inspect.getmembers(module, inspect.isclass)
                        if c.__module__.startswith("ssrsim")})
    classes["SSRModel"] = SSRModel
    objects = entities()
    bad = []
    for s in set(spans(text())):
        m = re.fullmatch(r"([A-Z]\w+)\.(\w+)", s)
        if m and m.group(1) in classes:
            cls, attr = m.groups()
            obj = objects.get(cls)
            if not (hasattr(classes[cls], attr) or (obj is not None and hasattr(obj, attr))):
                bad.append(s)
        elif re.fullmatch(r"_[a-z]\w*", s) and not any(hasattr(c, s) for c in classes.values()):
            bad.append(s)
    assert not bad, f"docs/odd.md names members the code does not have: {sorted(bad)}"


def test_sections_in_odd_order():
    headings = re.findall(r"^## (\d)\. (.*)$", text(), re.M)
    assert [int(n) for n, _ in headings] == [1, 2, 3, 4, 5, 6, 7]
    titles = [t.lower() for _, t in headings]
    for n, word in enumerate(["purpose", "entities", "process", "design", "initiali", "input", "submodels"]):
        assert word in titles[n], (n + 1, titles[n])
    design = section(4).lower()
    for concept in ["basic principles", "emergence", "adaptation", "objectives", "learning", "prediction",
                    "sensing", "interaction", "stochasticity", "collectives", "observation"]:
        assert re.search(rf"^### 4\.\d+ {concept}", design, re.IGNORECASE | re.MULTILINE), concept
