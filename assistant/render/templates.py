"""The sandboxed Jinja environment for documents, and the check of template variables.

Documents are written in Norwegian (bokmål) whatever the user's language. User answers are data
only: they are passed as values, never compiled as templates, so ``{{ 7*7 }}`` in an answer
appears literally in the document.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterable, Mapping

from jinja2 import FileSystemLoader, StrictUndefined, TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from assistant.content.loader import Content, Problem, rel
from assistant.render.safe import Md, finalize, md_escape

TEMPLATE_GLOBALS = {"today", "range", "loop", "true", "false", "none", "True", "False", "None"}

# Other parts (grants) register template variables computed from the content and the answers:
# name -> fn(content, answers, today). Templates may use these names like any profile key.
CONTEXT_PROVIDERS: dict[str, Callable[[Content, Mapping[str, Any], dt.date | None], Any]] = {}

# Checks a document must pass before it is written (DocumentSpec.checks): name -> fn(content,
# answers, today) -> list of assistant.engine.validate.Invalid (empty when all is well).
DOCUMENT_CHECKS: dict[str, Callable[[Content, Mapping[str, Any], dt.date | None], list]] = {}

BLANK = Md("________")  # what an unanswered optional field shows in a draft

MONTHS_NB = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
             "oktober", "november", "desember")
ROLES_NB = {"chair": "styreleder", "member": "styremedlem", "deputy": "varamedlem"}


def _finalize(value: Any) -> Any:
    """Every printed value: answers as literal text (escaped Markdown), see assistant.render.safe."""
    return finalize(value, BLANK)


def nok(value: Any) -> str:
    """12500 -> '12 500 kr' (Norwegian grouping with a no-break space)."""
    if value is None or value == "":
        return BLANK
    n = int(value)
    s = f"{abs(n):,}".replace(",", "\u00a0")
    return Md(f"{'-' if n < 0 else ''}{s}\u00a0kr")


def date_nb(value: Any) -> str:
    """'2026-03-15' -> '15. mars 2026'."""
    if value is None or value == "":
        return BLANK
    d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return Md(f"{d.day}. {MONTHS_NB[d.month - 1]} {d.year}")


def role_nb(code: Any) -> str:
    return Md(ROLES_NB[str(code)]) if str(code) in ROLES_NB else md_escape(code)


def yesno_nb(value: Any) -> str:
    if value is None:
        return BLANK
    return Md("ja" if value else "nei")


def names(people: Iterable[Mapping[str, Any]] | None, role: str | None = None) -> str:
    """'Amina Ali, Omar Hassan og Sara Berg'."""
    items = [md_escape(p["name"]) for p in (people or []) if role is None or p.get("role") == role]
    if not items:
        return BLANK
    if len(items) == 1:
        return items[0]
    return Md("".join([", ".join(str(x) for x in items[:-1]), " og ", str(items[-1])]))


def number_nb(value: Any) -> str:
    words = ("null", "én", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve", "tolv")
    if value is None:
        return BLANK
    n = int(value)
    return Md(words[n] if 0 <= n < len(words) else str(n))


def phone_nb(value: Any) -> str:
    """A Norwegian number as people write it: '+4791234567' -> '+47 912 34 567', '91234567' ->
    '912 34 567'; others as given."""
    if value is None or value == "":
        return BLANK
    text = str(value)
    digits = text.replace(" ", "")
    prefix = ""
    if digits.startswith("+47") and len(digits) == 11:
        prefix, digits = "+47 ", digits[3:]
    if len(digits) == 8 and digits.isdigit():
        return Md(f"{prefix}{digits[:3]} {digits[3:5]} {digits[5:]}")
    return md_escape(text)


def join(values: Iterable[Any], d: str = "", attribute: str | None = None) -> Md:
    """Jinja's join, with each item escaped for Markdown (not for HTML)."""
    items = [v.get(attribute) if attribute and isinstance(v, Mapping) else v for v in values or ()]
    return Md(str(d).join(str(finalize(v, BLANK)) for v in items))


FILTERS = {"nok": nok, "date_nb": date_nb, "role_nb": role_nb, "yesno_nb": yesno_nb,
           "names": names, "number_nb": number_nb, "phone_nb": phone_nb}


MAX_STRING = 1_000_000  # no template builds a longer string with * or ** (a document is ~20 kB)


class DocumentEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with ``*`` and ``**`` bounded: ``{{ "x" * 10**9 }}`` is refused, not built."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        from jinja2.exceptions import SecurityError

        if operator == "**":
            if isinstance(right, int) and abs(right) > 64:
                raise SecurityError("the exponent is too large")
            return left ** right
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_STRING:
                raise SecurityError("the template builds a string that is too long")
        return left * right


def make_environment(templates_dir: Path) -> ImmutableSandboxedEnvironment:
    env = DocumentEnvironment(
        loader=FileSystemLoader(str(templates_dir)),
        undefined=StrictUndefined,
        # Markdown source, HTML made from it with raw HTML disabled. Autoescape marks what the
        # template itself writes (macros, set blocks) as safe; every other value is escaped for
        # Markdown by finalize (assistant.render.safe), never HTML-escaped.
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.filters["join"] = join

    return env


def _chains(node: nodes.Node) -> Iterable[str]:
    """Dotted attribute chains rooted at a template variable: ``org.name``."""
    for getattr_node in node.find_all(nodes.Getattr):
        parts = [getattr_node.attr]
        inner = getattr_node.node
        while isinstance(inner, nodes.Getattr):
            parts.append(inner.attr)
            inner = inner.node
        if isinstance(inner, nodes.Name) and inner.ctx == "load":
            parts.append(inner.name)
            yield ".".join(reversed(parts))


# Parsed templates and their variables, by source text and by what decides how a source parses
# (the environment's lexer, shared by environments of the same settings, and its extensions):
# ``check`` reads each template twice, and a document's keys are asked for at every save.
_PARSED: dict[tuple, nodes.Template] = {}
_VARIABLES: dict[tuple, tuple[frozenset[str], frozenset[str]]] = {}


def parse_template(env: ImmutableSandboxedEnvironment, source: str) -> nodes.Template:
    """``env.parse(source)``, remembered (the tree is only read by the callers)."""
    key = (env.lexer, tuple(sorted(env.extensions)), source)
    ast = _PARSED.get(key)
    if ast is None:
        ast = env.parse(source)
        if len(_PARSED) > 256:
            _PARSED.clear()
        _PARSED[key] = ast
    return ast


def template_variables(env: ImmutableSandboxedEnvironment, source: str) -> tuple[set[str], set[str]]:
    """(undeclared root names, attribute chains) of a template source."""
    from jinja2 import meta

    key = (env.lexer, tuple(sorted(env.extensions)), source)
    hit = _VARIABLES.get(key)
    if hit is None:
        ast = parse_template(env, source)
        roots = meta.find_undeclared_variables(ast)
        hit = frozenset(roots), frozenset(c for c in _chains(ast) if c.split(".")[0] in roots)
        if len(_VARIABLES) > 256:
            _VARIABLES.clear()
        _VARIABLES[key] = hit
    return set(hit[0]), set(hit[1])


def unknown_variables(roots: set[str], chains: set[str], known: Iterable[str]) -> list[str]:
    known = set(known)
    namespaces = {k.split(".")[0] for k in known}
    bad: list[str] = []
    for root in sorted(roots):
        if root in TEMPLATE_GLOBALS or root in known or root in CONTEXT_PROVIDERS:
            continue
        if root not in namespaces:
            bad.append(root)
    for chain in sorted(chains):
        parts = chain.split(".")
        if (parts[0] in known or parts[0] in TEMPLATE_GLOBALS or parts[0] in CONTEXT_PROVIDERS
                or parts[0] not in namespaces):
            continue
        prefixes = {".".join(parts[: i + 1]) for i in range(len(parts))}
        if not prefixes & known and not any(k.startswith(chain + ".") for k in known):
            bad.append(chain)
    return bad


def check_hooks(content: Content) -> list[Problem]:
    """Every document check, panel, suggestion and notes source a flow names must be registered."""
    from assistant.content.models import DocumentStep, InfoStep, QuestionStep
    from assistant.i18n.content import NOTES, PANELS, SUGGESTIONS

    problems: list[Problem] = []
    for flow in content.sorted_flows():
        file = rel(content.flow_files.get(flow.id, content.root), content.root)
        if flow.notes and flow.notes.source not in NOTES:
            problems.append(Problem(file, "notes", f"notes {flow.notes.source!r} are not registered"))
        for step in flow.steps:
            if isinstance(step, InfoStep) and step.panel and step.panel not in PANELS:
                problems.append(Problem(file, f"step {step.id}", f"panel {step.panel!r} is not registered"))
            if isinstance(step, QuestionStep) and step.suggest and step.suggest not in SUGGESTIONS:
                problems.append(Problem(file, f"step {step.id}", f"suggestion {step.suggest!r} is not registered"))
            for doc in step.documents if isinstance(step, DocumentStep) else ():
                for name in doc.checks:
                    if name not in DOCUMENT_CHECKS:
                        problems.append(Problem(file, f"step {step.id}",
                                                f"document check {name!r} is not registered"))
    return problems


# What each of our filters expects, by the question type of the key it is applied to.
FILTER_TYPES = {"nok": {"money", "integer"}, "date_nb": {"date"}, "names": {"people"},
                "yesno_nb": {"yesno"}, "number_nb": {"integer", "money"}, "phone_nb": {"phone", "text"}}


def _template_refs(ast: nodes.Template) -> Iterable[tuple[int, Any]]:
    for node in ast.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        yield node.lineno, getattr(node, "template", None)


def template_safety(content: Content) -> list[Problem]:
    """Templates that would fail when a document is made: syntax, includes (fixed names, inside
    the templates folder, existing), filters applied to answers of the wrong type."""
    problems: list[Problem] = []
    tdir = content.templates_dir
    if not tdir.is_dir():
        return problems
    env = make_environment(tdir)
    known = content.known_keys()
    root = tdir.resolve()
    for path in sorted(tdir.rglob("*.j2")):
        file = rel(path, content.root)
        try:
            ast = parse_template(env, path.read_text(encoding="utf-8"))
        except TemplateSyntaxError as exc:
            problems.append(Problem(file, f"line {exc.lineno}", f"template syntax error: {exc.message}"))
            continue
        except (OSError, UnicodeDecodeError, RecursionError, MemoryError) as exc:
            problems.append(Problem(file, "", f"cannot read: {exc}"))
            continue
        for lineno, ref in _template_refs(ast):
            if not isinstance(ref, nodes.Const) or not isinstance(ref.value, str):
                problems.append(Problem(file, f"line {lineno}", "an include must name a fixed template file"))
                continue
            target = (tdir / ref.value).resolve()
            if ".." in ref.value.replace("\\", "/").split("/") or not target.is_relative_to(root):
                problems.append(Problem(file, f"line {lineno}",
                                        f"{ref.value!r} is outside the templates folder"))
            elif not target.is_file():
                problems.append(Problem(file, f"line {lineno}", f"the template {ref.value!r} does not exist"))
        for op in ast.find_all((nodes.Mul, nodes.Pow)):
            left, right = (x.value if isinstance(x, nodes.Const) else None for x in (op.left, op.right))
            if isinstance(op, nodes.Pow) and isinstance(right, int) and abs(right) > 64:
                problems.append(Problem(file, f"line {op.lineno}", "the exponent is too large"))
            sizes = [len(x) for x in (left, right) if isinstance(x, (str, list, tuple))]
            counts = [x for x in (left, right) if isinstance(x, int) and not isinstance(x, bool)]
            if isinstance(op, nodes.Mul) and sizes and counts and sizes[0] * counts[0] > MAX_STRING:
                problems.append(Problem(file, f"line {op.lineno}", "the template builds a string that is too long"))
        for f in ast.find_all(nodes.Filter):
            chain = next(iter(_chains(nodes.Output([f.node]))), None) if f.node is not None else None
            wants = FILTER_TYPES.get(f.name)
            kind = known.get(chain) if chain else None
            if wants and kind is not None and kind.value not in wants:
                problems.append(Problem(file, f"line {f.lineno}", f"the filter {f.name!r} needs a "
                                        f"{' or '.join(sorted(wants))} answer, but {chain} is {kind.value}"))
    return problems


def check_templates(content: Content) -> list[Problem]:
    problems: list[Problem] = check_hooks(content)
    tdir = content.templates_dir
    if not tdir.is_dir():
        return problems
    env = make_environment(tdir)
    known = content.known_keys()
    for path in sorted(tdir.rglob("*.j2")):
        file = rel(path, content.root)
        try:
            source = path.read_text(encoding="utf-8")
            roots, chains = template_variables(env, source)
        except TemplateSyntaxError as exc:
            problems.append(Problem(file, f"line {exc.lineno}", f"template syntax error: {exc.message}"))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(file, "", f"cannot read: {exc}"))
            continue
        for name in unknown_variables(roots, chains, known):
            problems.append(Problem(file, name, f"the template uses {name!r}, which no question fills"))
    return problems


def template_keys(content: Content, template: str) -> set[str]:
    """The profile keys a document template reads (``board``, ``org.name``, ...): what the
    document is made of, so a change to one of them makes the document out of date."""
    path = content.templates_dir / f"{template}.md.j2"
    try:
        source = path.read_text(encoding="utf-8")
    except OSError:
        return set()
    roots, chains = template_variables(make_environment(content.templates_dir), source)
    known = set(content.known_keys())
    used = {r for r in roots if r in known}
    for chain in chains:
        parts = chain.split(".")
        used.update(".".join(parts[: i + 1]) for i in range(len(parts)) if ".".join(parts[: i + 1]) in known)
    return used


def _register_paper_trail() -> None:
    from assistant.papertrail import CHECKS

    DOCUMENT_CHECKS.update(CHECKS)


_register_paper_trail()
