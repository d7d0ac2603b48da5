"""The layers, read from the import statements of every module: the core never imports a front
end, no front end imports another, and nothing but the entry points imports the CLI module."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "assistant"
FRONT_ENDS = {"tui": ("assistant.tui",), "web": ("assistant.web",),
              "plain": ("assistant.plain", "assistant.plain_language", "assistant.plain_answers")}
CORE = ("assistant.content", "assistant.engine", "assistant.store", "assistant.render", "assistant.i18n",
        "assistant.session", "assistant.profile")
ENTRY_POINTS = {"assistant.cli", "assistant.__main__"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Every module an import statement names, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return found


def within(name: str, prefixes) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


MODULES = {module_name(p): imports(p) for p in PKG.rglob("*.py")}


def test_the_modules_were_read():
    assert len(MODULES) > 100 and "assistant.session" in MODULES and "assistant.web.app" in MODULES


def test_only_the_entry_points_import_the_cli_module():
    offenders = sorted(m for m, names in MODULES.items()
                       if m not in ENTRY_POINTS and "assistant.cli" in names)
    assert offenders == []


def test_the_core_imports_no_front_end():
    fronts = [p for prefixes in FRONT_ENDS.values() for p in prefixes] + ["textual", "starlette", "uvicorn"]
    offenders = sorted((m, n) for m, names in MODULES.items() if within(m, CORE)
                       for n in names if within(n, fronts))
    assert offenders == []


def test_no_front_end_imports_another():
    offenders = []
    for front, prefixes in FRONT_ENDS.items():
        others = [p for f, ps in FRONT_ENDS.items() if f != front for p in ps]
        offenders += [(m, n) for m, names in MODULES.items() if within(m, prefixes)
                      for n in names if within(n, others)]
    assert sorted(offenders) == []
