"""Load and check all content: flows, facts, glossary, roadmap, grant schemes, templates.

Every problem is collected, never only the first, each with its file, place (step id or field)
and reason, so ``veiviser check`` can list them all at once.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from assistant import paths
from assistant.content.grants import TEXTS_FILE, GrantScheme, TextsFile, forget_texts
from assistant.errors import VeiviserError
from assistant.content.models import (
    Fact,
    FactFile,
    Flow,
    Glossary,
    QuestionStep,
    Roadmap,
    Stage,
    QuestionType,
    Term,
)


@dataclass(frozen=True)
class Problem:
    file: str
    place: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.place}: {self.reason}" if self.place else f"{self.file}: {self.reason}"


class ContentError(VeiviserError):
    """Content that does not pass the checks; each problem names its file and place."""

    translated = True

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Content:
    root: Path
    flows: dict[str, Flow] = field(default_factory=dict)
    flow_files: dict[str, Path] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    fact_files: dict[str, str] = field(default_factory=dict)  # fact id -> its file (for problems)
    terms: dict[str, Term] = field(default_factory=dict)
    roadmap: list[Stage] = field(default_factory=list)
    grants: dict[str, GrantScheme] = field(default_factory=dict)
    grant_files: dict[str, Path] = field(default_factory=dict)
    packs: list[Any] = field(default_factory=list)  # municipalities' content packs (assistant.content.packs)
    grant_packs: dict[str, Any] = field(default_factory=dict)  # scheme id -> the pack it comes from
    problems: list[Problem] = field(default_factory=list)

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    def known_keys(self) -> dict[str, QuestionType]:
        """Every profile key: the contract keys and every key a question fills."""
        from assistant.profile import CONTRACT_KEYS, INTERNAL_KEYS

        keys = dict(CONTRACT_KEYS)
        keys.update(INTERNAL_KEYS)
        for flow in self.flows.values():
            for q in flow.questions():
                keys.setdefault(q.key, q.type)
        return keys

    def questions_by_key(self) -> dict[str, QuestionStep]:
        out: dict[str, QuestionStep] = {}
        for flow in sorted(self.flows.values(), key=lambda f: f.order):
            for q in flow.questions():
                out.setdefault(q.key, q)
        return out

    def sorted_flows(self) -> list[Flow]:
        return sorted(self.flows.values(), key=lambda f: (f.order, f.id))


def rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def read_toml(path: Path, problems: list[Problem], root: Path) -> dict | None:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(rel(path, root), "", f"not valid TOML: {exc}"))
    except (RecursionError, MemoryError):
        problems.append(Problem(rel(path, root), "", "not valid content: nested too deeply"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(rel(path, root), f"byte {exc.start}", "not UTF-8 text; save the file as UTF-8"))
    except OSError as exc:
        problems.append(Problem(rel(path, root), "", f"cannot read: {exc.strerror}"))
    else:
        from assistant.content.safety import toml_depth_problem

        deep = toml_depth_problem(data)
        if deep is None:
            return data
        problems.append(Problem(rel(path, root), "", f"not valid content: {deep}"))
    return None


def _place(loc: tuple, data: dict) -> str:
    """Turn a pydantic error location into "step <id>, field" using the raw data."""
    parts: list[str] = []
    node: Any = data
    i = 0
    while i < len(loc):
        item = loc[i]
        if isinstance(node, dict) and item in node:
            node = node[item]
            if i + 1 < len(loc) and isinstance(loc[i + 1], int) and isinstance(node, list):
                idx = loc[i + 1]
                child = node[idx] if idx < len(node) else None
                label = child.get("id") if isinstance(child, dict) else None
                parts.append(f"{item}[{idx}]" + (f" (id {label})" if label else ""))
                node = child
                i += 2
                continue
            parts.append(str(item))
        elif isinstance(item, str) and item in ("info", "question", "review", "document"):
            pass  # the discriminator tag pydantic adds
        else:
            parts.append(str(item))
        i += 1
    return ".".join(parts)


def model_problems(exc: ValidationError, data: dict, file: str) -> list[Problem]:
    out = []
    for err in exc.errors():
        place = _place(tuple(err["loc"]), data)
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (check the spelling)"
        out.append(Problem(file, place, msg))
    return out


def load_model(path: Path, model: type[BaseModel], problems: list[Problem], root: Path):
    data = read_toml(path, problems, root)
    if data is None:
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(model_problems(exc, data, rel(path, root)))
        return None


def load_content(directory: str | Path | None = None, *, check: bool = True,
                 packs: list[str | Path] | tuple = ()) -> Content:
    """Load all content. Problems are collected in ``content.problems``; with ``check`` the
    cross-file checks (graph, conditions, templates, facts) run too. ``packs``: folders of
    municipalities' content packs (:mod:`assistant.content.packs`)."""
    root = paths.content_dir(directory)
    content = Content(root=root)
    problems = content.problems
    if not root.is_dir():
        problems.append(Problem(str(root), "", "content folder not found"))
        return content

    for path in sorted((root / "flows").glob("*.toml")):
        flow = load_model(path, Flow, problems, root)
        if flow is None:
            continue
        if flow.id in content.flows:
            problems.append(Problem(rel(path, root), "id", f"flow id {flow.id!r} is also used by "
                                    f"{rel(content.flow_files[flow.id], root)}"))
            continue
        content.flows[flow.id] = flow
        content.flow_files[flow.id] = path

    for path in sorted((root / "facts").glob("*.toml")):
        ff = load_model(path, FactFile, problems, root)
        for fact in ff.facts if ff else ():
            if fact.id in content.facts:
                problems.append(Problem(rel(path, root), f"fact {fact.id}", "duplicate fact id"))
            content.facts[fact.id] = fact
            content.fact_files[fact.id] = rel(path, root)

    glossary_files = [root / "glossary.toml"] + sorted((root / "glossary").glob("*.toml"))
    for glossary_path in glossary_files:
        if not glossary_path.exists():
            continue
        g = load_model(glossary_path, Glossary, problems, root)
        for term in g.terms if g else ():
            if term.id in content.terms:
                problems.append(Problem(rel(glossary_path, root), f"term {term.id}", "duplicate term id"))
            content.terms[term.id] = term

    roadmap_path = root / "roadmap.toml"
    if roadmap_path.exists():
        rm = load_model(roadmap_path, Roadmap, problems, root)
        content.roadmap = list(rm.stages) if rm else []

    load_grants(content)
    if packs:
        from assistant.content.packs import load_packs

        load_packs(content, packs)
    from assistant import extensions

    extensions.load()  # the packages whose panels and document checks the flows name
    if check:
        from assistant.content.checks import check_content

        problems.extend(check_content(content))
    elif not problems:  # what would crash at run time is refused by every front end, too
        from assistant.content.safety import safety_problems

        problems.extend(safety_problems(content))
    return content


def load_grants(content: Content) -> None:
    """The grant schemes of ``content/grants/`` (files starting with "_" are not schemes)."""
    root, problems = content.root, content.problems
    for path in sorted((root / "grants").glob("*.toml")):
        if path.name.startswith("_"):
            if path.name == TEXTS_FILE:
                load_model(path, TextsFile, problems, root)
                forget_texts(root)
            continue
        scheme = load_model(path, GrantScheme, problems, root)
        if scheme is None:
            continue
        file = rel(path, root)
        if scheme.id in content.grants:
            problems.append(Problem(file, "id", f"grant id {scheme.id!r} is also used by "
                                    f"{rel(content.grant_files[scheme.id], root)}"))
            continue
        if scheme.id != path.stem:
            problems.append(Problem(file, "id", f"the id {scheme.id!r} must be the file name ({path.stem!r})"))
        content.grants[scheme.id] = scheme
        content.grant_files[scheme.id] = path
