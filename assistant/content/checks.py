"""Cross-file checks of content: the flow graph, conditions, keys, facts, templates.

Run on every load and by ``veiviser check``. Each problem names the file, the step and the reason.
"""

from __future__ import annotations

from assistant.content.loader import Content, Problem, rel
from assistant.content.models import DocumentStep, Flow, QuestionType
from assistant.engine import END, conditions

def _step_edges(flow: Flow) -> list[tuple[str, list[str]]]:
    """(step id, targets) for every step in file order, duplicates included."""
    out: list[tuple[str, list[str]]] = []
    ids = [s.id for s in flow.steps]
    for i, s in enumerate(flow.steps):
        default = s.next or (ids[i + 1] if i + 1 < len(ids) else END)
        targets = [default] + [b.goto for b in s.branches]
        out.append((s.id, list(dict.fromkeys(targets))))
    return out


def _edges(flow: Flow) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for sid, targets in _step_edges(flow):
        out.setdefault(sid, targets)  # the first step with an id wins, as in the engine
    return out


def check_flow(flow: Flow, content: Content, known: dict[str, QuestionType]) -> list[Problem]:
    file = rel(content.flow_files.get(flow.id, content.root), content.root)
    problems: list[Problem] = []

    def add(step: str, reason: str) -> None:
        problem = Problem(file, f"step {step}" if step else "", reason)
        if problem not in problems:
            problems.append(problem)

    seen: set[str] = set()
    for s in flow.steps:
        if s.id == END:
            add(s.id, f"{END!r} is reserved for the end of the flow")
        if s.id in seen:
            add(s.id, "duplicate step id")
        seen.add(s.id)

    edges = _edges(flow)
    for sid, targets in _step_edges(flow):
        for target in targets:
            if target != END and target not in seen:
                add(sid, f"goes to step {target!r}, which does not exist")

    # conditions: parse, and every name must be a known profile key
    for s in flow.steps:
        for where, src in [("when", s.when)] + [(f"branch to {b.goto}", b.when) for b in s.branches]:
            if src is None:
                continue
            try:
                cond = conditions.parse(src)
            except conditions.ConditionError as exc:
                add(s.id, f"{where}: {exc}")
                continue
            for name in sorted(cond.names - set(known)):
                add(s.id, f"{where}: unknown profile key {name!r} in condition {src!r}")

    # rules across answers: parse like conditions, every name a known key, and at least one
    # of them asked in this flow (the rule is checked at that question)
    asked = {q.key for q in flow.questions()}
    rule_ids = [r.id for r in flow.rules]
    for rule in flow.rules:
        where = f"rule {rule.id}"
        if rule_ids.count(rule.id) > 1:
            problems.append(Problem(file, where, "two rules have this id"))
        try:
            cond = conditions.parse(rule.check)
        except conditions.ConditionError as exc:
            problems.append(Problem(file, where, f"check: {exc}"))
            continue
        for name in sorted(cond.names - set(known)):
            problems.append(Problem(file, where, f"unknown profile key {name!r} in check {rule.check!r}"))
        for name in sorted(conditions.counted_keys(cond)):
            if name in known and known[name] is not QuestionType.people:
                problems.append(Problem(file, where, f"count() takes a people answer; {name!r} is not one"))
        if not cond.names & asked:
            problems.append(Problem(file, where, "names no key that a question in this flow asks, so it is never checked"))

    for q in flow.questions():
        if q.choose_from and known.get(q.choose_from) is not QuestionType.people:
            add(q.id, f"choose_from {q.choose_from!r} is not a people answer")

    # keys: a key has one type everywhere; contract keys keep their contract type
    from assistant.profile import CONTRACT_KEYS

    for q in flow.questions():
        want = CONTRACT_KEYS.get(q.key)
        if want is not None and q.type is not want and not (
            want is QuestionType.longtext and q.type is QuestionType.text
        ):
            add(q.id, f"key {q.key!r} is a {want.value} in the profile, not a {q.type.value}")
        other = known.get(q.key)
        if want is None and other is not None and other is not q.type:
            add(q.id, f"key {q.key!r} is a {other.value} in another flow, here a {q.type.value}")
        if q.type is QuestionType.people and q.key == "board":
            codes = {r.code for r in q.roles}
            if codes - {"chair", "member", "deputy"}:
                add(q.id, "board roles must be chair, member or deputy (as Brønnøysund registers them)")

    # facts and glossary terms referenced must exist
    for s in flow.steps:
        for fid in s.facts:
            if fid not in content.facts:
                add(s.id, f"fact {fid!r} is not in content/facts")
        for tid in s.terms:
            if tid not in content.terms:
                add(s.id, f"term {tid!r} is not in the glossary")

    if any(p.reason.startswith("goes to step") for p in problems):
        return problems  # graph checks below need every edge to exist

    # reachability from the first step
    start = flow.steps[0].id
    reach: set[str] = set()
    stack = [start]
    while stack:
        sid = stack.pop()
        if sid == END or sid in reach:
            continue
        reach.add(sid)
        stack.extend(edges[sid])
    for s in flow.steps:
        if s.id not in reach:
            add(s.id, "unreachable: no step leads here")

    # steps from which the end cannot be reached: dead ends and loops without exit
    reverse: dict[str, set[str]] = {s.id: set() for s in flow.steps}
    reverse[END] = set()
    for src, targets in edges.items():
        for t in targets:
            reverse[t].add(src)
    can_end: set[str] = set()
    stack = [END]
    while stack:
        sid = stack.pop()
        for prev in reverse.get(sid, ()):
            if prev not in can_end:
                can_end.add(prev)
                stack.append(prev)
    for s in flow.steps:
        if s.id in reach and s.id not in can_end and s.id in edges:
            add(s.id, "dead end: the flow cannot reach its end from here (a loop without exit?)")

    # any cycle the path can take would ask the same steps forever
    state: dict[str, int] = {}

    def visit(sid: str, trail: list[str]) -> None:
        state[sid] = 1
        for t in edges[sid]:
            if t == END:
                continue
            if state.get(t) == 1:
                loop = trail[trail.index(t):] + [t] if t in trail else [sid, t]
                add(sid, "loop: " + " -> ".join(loop))
            elif t not in state:
                visit(t, trail + [t])
        state[sid] = 2

    if start in edges:
        visit(start, [start])

    for s in flow.steps:
        if isinstance(s, DocumentStep):
            for doc in s.documents:
                if not (content.templates_dir / f"{doc.template}.md.j2").exists():
                    add(s.id, f"template {doc.template}.md.j2 not found in content/templates")
    return problems


def check_content(content: Content) -> list[Problem]:
    problems: list[Problem] = []
    known = content.known_keys()
    # a flow-specific key with two different types across flows
    types: dict[str, tuple[QuestionType, str]] = {}
    for flow in content.sorted_flows():
        for q in flow.questions():
            if q.key in types and types[q.key][0] is not q.type:
                problems.append(Problem(rel(content.flow_files[flow.id], content.root), f"step {q.id}",
                                        f"key {q.key!r} is a {q.type.value} here but a "
                                        f"{types[q.key][0].value} in flow {types[q.key][1]}"))
            types.setdefault(q.key, (q.type, flow.id))
    for flow in content.sorted_flows():
        problems.extend(check_flow(flow, content, known))
        for req in flow.requires:
            if req not in content.flows:
                problems.append(Problem(rel(content.flow_files[flow.id], content.root), "requires",
                                        f"flow {req!r} does not exist"))
    problems.extend(check_roadmap(content, known))
    problems.extend(check_links(content, known))
    from assistant.render.templates import check_templates

    problems.extend(check_templates(content))
    from assistant.content.safety import safety_problems

    problems.extend(p for p in safety_problems(content) if p not in problems)
    try:  # plain-language and fact checks of the text itself
        from assistant.content.quality import quality_problems
    except ImportError:
        quality_problems = None  # type: ignore[assignment]
    if quality_problems is not None:
        problems.extend(quality_problems(content))
    from assistant.content.grant_checks import check_grants

    problems.extend(check_grants(content))
    from assistant.content.aftercare import check_complaints

    problems.extend(check_complaints(content))
    return problems


def check_roadmap(content: Content, known: dict[str, QuestionType]) -> list[Problem]:
    problems: list[Problem] = []
    file = "content/roadmap.toml"
    ids: set[str] = set()
    for stage in content.roadmap:
        if stage.id in ids:
            problems.append(Problem(file, f"stage {stage.id}", "duplicate stage id"))
        ids.add(stage.id)
        for fid in stage.flows:
            if fid not in content.flows:
                problems.append(Problem(file, f"stage {stage.id}", f"flow {fid!r} does not exist"))
        if stage.done:
            try:
                cond = conditions.parse(stage.done)
            except conditions.ConditionError as exc:
                problems.append(Problem(file, f"stage {stage.id}", f"done: {exc}"))
                continue
            for name in sorted(cond.names - set(known)):
                problems.append(Problem(file, f"stage {stage.id}", f"done: unknown profile key {name!r}"))
    for flow in content.flows.values():
        if flow.roadmap and content.roadmap and flow.roadmap not in ids:
            problems.append(Problem(rel(content.flow_files[flow.id], content.root), "roadmap",
                                    f"roadmap stage {flow.roadmap!r} is not in content/roadmap.toml"))
    return problems


def check_links(content: Content, known: dict[str, QuestionType]) -> list[Problem]:
    """A step that opens another flow again names a flow and a step that exist; a flow's notes
    have a condition over known keys and name steps of their own flow."""
    from assistant.content.models import InfoStep

    problems: list[Problem] = []
    for flow in content.sorted_flows():
        file = rel(content.flow_files.get(flow.id, content.root), content.root)
        for s in flow.steps:
            spec = s.reopens if isinstance(s, InfoStep) else None
            if spec is None:
                continue
            target = content.flows.get(spec.flow)
            if target is None:
                problems.append(Problem(file, f"step {s.id}", f"reopens flow {spec.flow!r}, which does not exist"))
            elif spec.at and spec.at not in {x.id for x in target.steps}:
                problems.append(Problem(file, f"step {s.id}",
                                        f"reopens flow {spec.flow!r} at step {spec.at!r}, which does not exist"))
        notes = flow.notes
        if notes is None:
            continue
        ids = {x.id for x in flow.steps}
        for sid in notes.general:
            if sid not in ids:
                problems.append(Problem(file, "notes", f"general notes at step {sid!r}, which does not exist"))
        if notes.when:
            try:
                cond = conditions.parse(notes.when)
            except conditions.ConditionError as exc:
                problems.append(Problem(file, "notes", f"when: {exc}"))
                continue
            for name in sorted(cond.names - set(known)):
                problems.append(Problem(file, "notes", f"unknown profile key {name!r} in condition {notes.when!r}"))
    return problems
