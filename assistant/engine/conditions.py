"""A small, safe expression language for `when` and branch conditions.

Conditions are parsed with :mod:`ast` and checked against a whitelist of node types; they are
never passed to eval or exec. Names are profile keys written as dotted paths
(``org.registered_frivillighetsregisteret``). Supported:

- literals: strings, whole and decimal numbers, true/false (``True``/``False``/``true``/``false``),
  ``None``/``null``, and lists or tuples of literals
- comparisons: ``==  !=  <  <=  >  >=  in  not in`` (chained comparisons too)
- ``and``, ``or``, ``not``, parentheses
- ``answered(key)``: the key has a non-empty answer
- ``len(key)``: number of items (people, choices) or characters
- ``names(key)``: the set of people's names in a people answer (or the one name in a text
  answer), compared without case or extra spaces: ``names(founding.signers) <= names(founding.founders)``
  (every signer was there), ``names(founding.auditor) in names(board)`` (any in common)
- ``count(key, "role", ...)``: how many people in a people answer have one of the given roles
  (every person when no role is given): ``count(board, "chair", "member")``
- ``number(key)``: a whole-number answer, also a choice whose code is digits (``"3"`` is 3);
  ``None`` when the answer is not a whole number: ``count(board, "deputy") == number(bylaws.deputies)``
- ``latin(key)``: every letter of a text answer is a Latin letter (a-z, æ, ø, å, é, ...); true
  when unanswered: ``answered(org.name) and not latin(org.name)`` (a name in Arabic script)

A missing answer is ``None``; any ordering comparison with ``None`` is false, never an error.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any
from collections.abc import Callable, Mapping

from assistant.errors import VeiviserError

FUNCTIONS = ("answered", "len", "names", "count", "number", "latin")
_LITERAL_NAMES = {"true": True, "false": False, "True": True, "False": False, "None": None, "null": None}


class ConditionError(VeiviserError, ValueError):
    """A condition that cannot be parsed, or that names something unknown."""

    translated = True


@dataclass(frozen=True)
class Condition:
    source: str
    tree: ast.Expression
    names: frozenset[str]

    def __call__(self, answers: Mapping[str, Any]) -> bool:
        return bool(_eval(self.tree.body, answers))


def _dotted(node: ast.AST) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _check(node: ast.AST, names: set[str]) -> None:
    if isinstance(node, ast.BoolOp):
        for v in node.values:
            _check(v, names)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _check(node.operand, names)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        return
    elif isinstance(node, ast.Compare):
        allowed = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn)
        for op in node.ops:
            if not isinstance(op, allowed):
                raise ConditionError(f"operator {type(op).__name__} is not allowed")
        _check(node.left, names)
        for c in node.comparators:
            _check(c, names)
    elif isinstance(node, ast.Call):
        fname = node.func.id if isinstance(node.func, ast.Name) else None
        if fname not in FUNCTIONS:
            raise ConditionError(f"unknown function {ast.unparse(node.func)!r}; allowed: {', '.join(FUNCTIONS)}")
        if node.keywords or not node.args or (fname != "count" and len(node.args) != 1):
            raise ConditionError(f"{fname}() takes exactly one profile key" if fname != "count"
                                 else "count() takes a profile key and then roles as quoted words")
        for role in node.args[1:]:
            if not (isinstance(role, ast.Constant) and isinstance(role.value, str)):
                raise ConditionError(f"count() takes roles as quoted words, not {ast.unparse(role)!r}")
        key = _dotted(node.args[0])
        if key is None or key in _LITERAL_NAMES:
            raise ConditionError(f"{fname}() takes a profile key, not {ast.unparse(node.args[0])!r}")
        names.add(key)
    elif isinstance(node, ast.Constant):
        if not isinstance(node.value, (str, int, float, bool, type(None))):
            raise ConditionError(f"literal {node.value!r} is not allowed")
    elif isinstance(node, (ast.List, ast.Tuple)):
        for elt in node.elts:
            if not isinstance(elt, ast.Constant) and _dotted(elt) not in _LITERAL_NAMES:
                raise ConditionError("lists may hold only literal values")
            _check(elt, names)
    elif isinstance(node, (ast.Name, ast.Attribute)):
        key = _dotted(node)
        if key is None:
            raise ConditionError(f"{ast.unparse(node)!r} is not a profile key")
        if key not in _LITERAL_NAMES:
            names.add(key)
    else:
        raise ConditionError(f"{type(node).__name__} is not allowed in a condition")


MAX_LENGTH = 2000  # characters in one condition
MAX_DEPTH = 40  # nesting of its syntax tree


def _depth(tree: ast.AST) -> int:
    deepest, stack = 0, [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def parse(source: str) -> Condition:
    """Parse and whitelist-check a condition. Raises ConditionError."""
    if not isinstance(source, str) or not source.strip():
        raise ConditionError("empty condition")
    if len(source) > MAX_LENGTH:
        raise ConditionError(f"the condition is longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ConditionError(f"cannot parse {source[:60]!r}: {exc.msg}") from None
    except (RecursionError, MemoryError):
        raise ConditionError(f"the condition is nested more than {MAX_DEPTH} levels deep") from None
    if _depth(tree) > MAX_DEPTH:
        raise ConditionError(f"the condition is nested more than {MAX_DEPTH} levels deep")
    names: set[str] = set()
    _check(tree.body, names)
    return Condition(source=source, tree=tree, names=frozenset(names))


def _value(node: ast.AST, answers: Mapping[str, Any]) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -node.operand.value  # type: ignore[attr-defined]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_value(e, answers) for e in node.elts]
    if isinstance(node, ast.Call):
        key = _dotted(node.args[0])
        v = answers.get(key) if key is not None else None
        if node.func.id == "answered":  # type: ignore[attr-defined]
            return v not in (None, "", [], {})
        if node.func.id == "names":  # type: ignore[attr-defined]
            return names_of(v)
        if node.func.id == "count":  # type: ignore[attr-defined]
            roles = {r.value for r in node.args[1:]}  # type: ignore[attr-defined]
            return count_of(v, roles)
        if node.func.id == "number":  # type: ignore[attr-defined]
            return number_of(v)
        if node.func.id == "latin":  # type: ignore[attr-defined]
            return latin_only(v)
        return len(v) if isinstance(v, (str, list, tuple, dict)) else 0
    key = _dotted(node)
    if key in _LITERAL_NAMES:
        return _LITERAL_NAMES[key]
    if key is not None:
        return answers.get(key)
    return _eval(node, answers)


_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
}


def names_of(value: Any) -> frozenset[str]:
    """People's names (or one text) without case or extra spaces, for comparing who is who."""
    def norm(text: Any) -> str:
        return " ".join(str(text or "").split()).casefold()
    if isinstance(value, str):
        return frozenset([norm(value)]) if value.strip() else frozenset()
    if isinstance(value, (list, tuple)):
        return frozenset(norm(p.get("name")) for p in value if isinstance(p, dict) and p.get("name"))
    return frozenset()


def latin_only(value: Any) -> bool:
    """No letter outside the Latin script (digits, spaces and punctuation do not count)."""
    import unicodedata

    return all(unicodedata.name(ch, "").startswith("LATIN ") for ch in str(value or "") if ch.isalpha())


def count_of(value: Any, roles: set[str] | frozenset[str] = frozenset()) -> int:
    """People in a people answer with one of ``roles`` (everyone when ``roles`` is empty)."""
    if not isinstance(value, (list, tuple)):
        return 0
    return sum(1 for p in value if isinstance(p, dict) and p.get("name")
               and (not roles or str(p.get("role") or "") in roles))


def number_of(value: Any) -> int | None:
    """A whole number, or a text of digits (a choice code); ``None`` for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def counted_keys(cond: Condition) -> frozenset[str]:
    """The keys a condition passes to ``count()``: they must be people answers."""
    out = set()
    for node in ast.walk(cond.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "count":
            key = _dotted(node.args[0])
            if key is not None:
                out.add(key)
    return frozenset(out)


def _contains(container: Any, item: Any) -> bool:
    if container is None:
        return False
    if isinstance(item, (list, frozenset)):  # "x in y" with a list answer: any overlap
        return any(_contains(container, i) for i in item)
    try:
        return item in container
    except TypeError:
        return False


def _eval(node: ast.AST, answers: Mapping[str, Any]) -> Any:
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.And):
            return all(_eval(v, answers) for v in node.values)
        return any(_eval(v, answers) for v in node.values)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return not _eval(node.operand, answers)
    if isinstance(node, ast.Compare):
        left = _value(node.left, answers)
        for op, comp in zip(node.ops, node.comparators):
            right = _value(comp, answers)
            if isinstance(op, ast.In):
                ok = _contains(right, left)
            elif isinstance(op, ast.NotIn):
                ok = not _contains(right, left)
            elif left is None or right is None:
                ok = isinstance(op, ast.NotEq) if (left is None) != (right is None) else isinstance(op, ast.Eq)
            else:
                try:
                    ok = _COMPARE[type(op)](left, right)
                except TypeError:
                    ok = False
            if not ok:
                return False
            left = right
        return True
    return _value(node, answers)
