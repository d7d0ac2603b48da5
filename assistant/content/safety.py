"""The checks that keep content from crashing Veiviser at run time.

``veiviser check`` runs them with everything else. :func:`load_content` runs them even when the
full check is off (they are cheap), so ``run``, plain mode and the terminal UI refuse content
that would crash, with the same messages as ``check``: a condition that does not parse or is
nested too deeply, a ``pattern`` that is not a regular expression, a template that does not
parse or includes a file outside the templates folder or one that does not exist, TOML nested
too deeply (see :func:`toml_depth_problem`).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.content.loader import Content, Problem, rel

MAX_TOML_DEPTH = 16


def toml_depth_problem(data: Any) -> str | None:
    """Why ``data`` (parsed TOML) is nested too deeply to be content; None when it is not.
    Iterative, so the check cannot itself run out of stack."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_TOML_DEPTH:
            return f"nested more than {MAX_TOML_DEPTH} levels deep"
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return None


def flow_safety(content: Content) -> list[Problem]:
    from assistant.content.models import QuestionStep
    from assistant.engine import conditions

    problems: list[Problem] = []
    for flow in content.sorted_flows():
        file = rel(content.flow_files.get(flow.id, content.root), content.root)
        for s in flow.steps:
            for where, src in [("when", s.when)] + [(f"branch to {b.goto}", b.when) for b in s.branches]:
                if src is None:
                    continue
                try:
                    conditions.parse(src)
                except conditions.ConditionError as exc:
                    problems.append(Problem(file, f"step {s.id}", f"{where}: {exc}"))
            if isinstance(s, QuestionStep) and s.validation.pattern is not None:
                try:
                    re.compile(s.validation.pattern)
                except (re.error, RecursionError, OverflowError) as exc:
                    problems.append(Problem(file, f"step {s.id}",
                                            f"pattern {s.validation.pattern!r} is not a regular expression: {exc}"))
    return problems


def safety_problems(content: Content) -> list[Problem]:
    from assistant.render.templates import template_safety

    return flow_safety(content) + template_safety(content)
