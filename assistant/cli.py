"""Command line: ``veiviser`` (also ``python -m assistant``).

Front ends: the terminal UI (default on a terminal), ``--plain`` line mode, and the scripted
``run``. Other commands: ``flows``, ``check``, ``sessions``, and those that other parts register
in :data:`SUBCOMMANDS` (grants, detect, i18n).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from assistant import paths
from assistant.i18n import N_, Translator, get_translator
from assistant.i18n.catalog import available_locales

from assistant.errors import EXIT_CRASH, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, VeiviserError

from assistant.commands import SUBCOMMANDS, content_or_report, err, file_error, launch_order, store_error  # noqa: F401
from assistant.context import Context, common_options
from assistant.sessions_cmd import cmd_sessions

_common = common_options  # the name older command modules used


# Subcommands that live in other parts, and the module that registers each in SUBCOMMANDS. A
# module is imported only when its command (or --help) is asked for: importing the grant
# catalogue costs a fifth of a second, which the terminal UI's start-up should not pay.
EXTRA_COMMANDS = {"grants": "assistant.grants.cli", "i18n": "assistant.i18n.cli",
                  "detect": "assistant.i18n.cli", "facilitator": "assistant.tui.facilitator_cmd",
                  "calendar": "assistant.year.cli", "check-documents": "assistant.papertrail_cli",
                  "serve": "assistant.web.cli"}


def build_parser(argv: list[str] | None = None, commands: bool = True) -> argparse.ArgumentParser:
    """The parser. With ``argv``, only the extra subcommands that ``argv`` names are loaded.
    Without ``commands``, only the options of ``veiviser`` itself (the interactive front ends)."""
    parser = argparse.ArgumentParser(prog="veiviser", description="Veiviser: step-by-step help for "
                                     "small organisations in Norway.")
    _common(parser, suppress=False)
    parser.add_argument("--plain", action="store_true", help="line-by-line mode (pipes, screen readers)")
    parser.add_argument("--rtl", choices=("app", "terminal", "off"), help="right-to-left text: Veiviser "
                        "reorders (app), the terminal does (terminal), or neither (off); or VEIVISER_RTL")
    parser.add_argument("--session", type=int, help="resume this saved session")
    parser.add_argument("--new", metavar="NAME", help="start a new session with this name")
    parser.add_argument("--flow", help="go straight to this flow")
    parser.add_argument("--out", type=Path, help="folder for documents")
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("run", help="answer a flow from a file and write its documents")
    _common(p, suppress=True)
    p.add_argument("flow")
    p.add_argument("--answers", type=Path, required=True, help="JSON or TOML file keyed by profile key")
    p.add_argument("--out", type=Path, default=Path("."), help="folder for the documents")
    p.add_argument("--format", action="append", help="md, txt, html (default: all)")
    # the day the documents and the grant finder are made for (for tests and for planning)
    p.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    p.add_argument("--shared-files", action="store_true", help="documents follow the umask instead of "
                   "being readable by you only")

    p = sub.add_parser("flows", help="list flows, their questions, kinds and keys")
    _common(p, suppress=True)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("check", help="check content, templates and catalogs")
    _common(p, suppress=True)
    # the date the age of facts is measured against (for tests and for planning)
    p.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)

    p = sub.add_parser("sessions", help="saved sessions: list, export, copy, rename, delete")
    _common(p, suppress=True)
    ss = p.add_subparsers(dest="action", required=True)
    _common(ss.add_parser("list"), suppress=True)
    e = ss.add_parser("export")
    _common(e, suppress=True)
    e.add_argument("id", type=int)
    e.add_argument("--output", type=Path)
    d = ss.add_parser("delete")
    _common(d, suppress=True)
    d.add_argument("id", type=int)
    d.add_argument("--yes", action="store_true", help="do not ask")
    b = ss.add_parser("bundle", help="a zip of one organisation's documents, or of all (one folder each)")
    _common(b, suppress=True)
    b.add_argument("id", type=int, nargs="?")
    b.add_argument("--all", action="store_true")
    b.add_argument("--out", type=Path, required=True)
    h = ss.add_parser("handout", help="a printable page (HTML, A4) of the roadmap and next steps")
    _common(h, suppress=True)
    h.add_argument("id", type=int)
    h.add_argument("--out", type=Path, required=True)
    h.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    c = ss.add_parser("copy", help="copy an organisation to another database (a URL or a data folder)")
    _common(c, suppress=True)
    c.add_argument("id", type=int)
    c.add_argument("--to", required=True, metavar="URL_OR_FOLDER")
    r = ss.add_parser("rename")
    _common(r, suppress=True)
    r.add_argument("id", type=int)
    r.add_argument("name")

    _register_extras(argv)
    for name, (help_text, add_args, _handler) in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        _common(p, suppress=True)
        add_args(p)
    return parser


def _register_extras(argv: list[str] | None) -> None:
    """Let other parts add subcommands without this file knowing them."""
    wanted = set(EXTRA_COMMANDS)
    if argv is not None and not {"-h", "--help"} & set(argv):
        wanted &= set(argv)
    for module in sorted({EXTRA_COMMANDS[name] for name in wanted}):
        try:
            __import__(module)
        except ImportError:
            pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = None
    if not {"-h", "--help"} & set(argv):
        # Most starts are plain `veiviser [options]`: argparse builds its dozen subcommand parsers
        # in several milliseconds, which the terminal UI's first screen should not wait for.
        args, rest = build_parser(argv, commands=False).parse_known_args(argv)
        if rest:
            args = None
    if args is None:
        args = build_parser(argv).parse_args(argv)
    ctx = Context(args)
    from assistant.usertext import VisibleWriter

    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleWriter(sys.stdout), VisibleWriter(sys.stderr)
    try:
        return dispatch(args, ctx)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except VeiviserError as exc:  # expected, and not handled nearer: its message, its exit code
        err(exc.user_message(_translator(ctx)))
        hint = exc.user_hint(_translator(ctx))
        if hint:
            err(hint)
        return exc.exit_code
    except Exception as exc:  # a bug: a short message and a saved report, never a traceback
        return crashed(exc, ctx, argv)
    finally:
        sys.stdout, sys.stderr = streams


def _translator(ctx: Context) -> Translator:
    try:
        return ctx.t
    except Exception:  # the catalogs themselves may be what failed
        return Translator("en")


def crashed(exc: BaseException, ctx: Context, argv: list[str] | None = None) -> int:
    from assistant.errors import crash_message, save_crash_report

    try:
        folder: Path | None = paths.data_dir(getattr(ctx.args, "data_dir", None))
    except Exception:
        folder = None
    err(crash_message(_translator(ctx), save_crash_report(exc, folder, argv)))
    return EXIT_CRASH


def dispatch(args: argparse.Namespace, ctx: Context) -> int:
    """The command asked for. Expected errors (storage faults among them) are VeiviserErrors,
    rendered one way by :func:`main`."""
    cmd = args.command
    if cmd == "run":
        return cmd_run(args, ctx)
    if cmd == "flows":
        return cmd_flows(args, ctx)
    if cmd == "check":
        return cmd_check(args, ctx)
    if cmd == "sessions":
        return cmd_sessions(args, ctx)
    if cmd in SUBCOMMANDS:
        return SUBCOMMANDS[cmd][2](args, ctx)
    return cmd_interactive(args, ctx)


def cmd_run(args: argparse.Namespace, ctx: Context) -> int:
    from assistant.scripted import AnswersError, load_answers, run_flow

    content = content_or_report(ctx)
    if content is None:
        return EXIT_PROBLEMS
    t = ctx.t
    if args.flow not in content.flows:
        err(t.format(N_("There is no flow called {flow}. These exist: {flows}"), flow=args.flow,
                     flows=", ".join(sorted(content.flows))))
        return EXIT_USAGE
    formats = tuple(args.format) if args.format else None
    try:
        answers = load_answers(args.answers, set(content.known_keys()), t)
        kwargs: dict[str, Any] = {"locale": ctx.locale}
        if formats:
            kwargs["formats"] = formats
        if getattr(args, "today", None):
            kwargs["today"] = args.today
        if args.shared_files:
            kwargs["private"] = False
        result = run_flow(content, args.flow, answers, t, args.out, **kwargs)
    except AnswersError as exc:
        err(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        return file_error(exc, ctx)
    for key in result.unused:
        err(t.format(N_("Note: {key} is not a question in any flow; it was not used."), key=key))
    from assistant.engine.validate import REMOVED

    for key, count in result.cleaned.items():
        err(f"{key}: " + t.format(REMOVED, count=count))
    for path in result.written:
        print(path)
    return EXIT_OK


def flows_data(content) -> list[dict[str, Any]]:
    from assistant.profile import CONTRACT_KEYS

    out = []
    for flow in content.sorted_flows():
        out.append({
            "id": flow.id,
            "title": flow.title,
            "summary": flow.summary,
            "requires": list(flow.requires),
            "questions": [{
                "step": q.id,
                "key": q.key,
                "kind": q.type.value,
                "required": q.validation.required,
                "contract": q.key in CONTRACT_KEYS,
                "prompt": q.prompt,
                "choices": [c.code for c in q.choices] or None,
                "roles": [r.code for r in q.roles] or None,
                "when": q.when,
            } for q in flow.questions()],
            "documents": [d.filename for s in flow.steps for d in getattr(s, "documents", ())],
        })
    return out


def cmd_flows(args: argparse.Namespace, ctx: Context) -> int:
    from assistant.i18n.content import ContentText

    content = content_or_report(ctx)
    if content is None:
        return EXIT_PROBLEMS
    data = flows_data(content)
    if args.json:
        import json

        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    ct = ContentText(ctx.t)
    for flow, item in zip(content.sorted_flows(), data):
        print(f"{flow.id}: {ct.flow_title(flow)}")
        for q in item["questions"]:
            opt = "" if q["required"] else " (optional)"
            print(f"  {q['key']:<40} {q['kind']:<12}{opt}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    from assistant.content.dates import check_fact_dates

    content = ctx.content(check=True)
    problems = [str(p) for p in content.problems]
    # a deadline, an amount or a grant rule checked more than 12 months ago
    problems.extend(str(p) for p in check_fact_dates(content, getattr(args, "today", None)))
    from assistant.content.packs import stale_pack_sources

    problems.extend(str(p) for p in stale_pack_sources(content, getattr(args, "today", None)))
    try:
        from assistant.i18n.check import catalog_problems
    except ImportError:
        catalog_problems = None
    if catalog_problems is not None:
        problems.extend(catalog_problems(content, args.locales_dir))
    else:
        t = get_translator("nb", args.locales_dir)
        problems.extend(t.problems)
    if problems:
        for p in problems:
            print(p)
        print(ctx.t.ngettext("{count} problem found.", "{count} problems found.",
                             len(problems)).format(count=len(problems)))
        return EXIT_PROBLEMS
    n_questions = sum(len(f.questions()) for f in content.flows.values())
    print(ctx.t.format(N_("Content is OK: {flows} flows, {questions} questions, {facts} facts, "
                          "{terms} terms, {grants} grant schemes."),
                       flows=len(content.flows), questions=n_questions, facts=len(content.facts),
                       terms=len(content.terms), grants=len(content.grants)))
    return EXIT_OK


def cmd_interactive(args: argparse.Namespace, ctx: Context) -> int:
    use_tui = not args.plain and sys.stdin.isatty() and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
    if use_tui:
        try:
            from assistant.tui import run_tui
        except ImportError:
            run_tui = None
        if run_tui is not None:
            return run_tui(ctx)
    return run_plain(args, ctx)


def report_catalog_problems(ctx: Context) -> None:
    """A broken catalog never stops Veiviser: say so, and show the source text instead."""
    if ctx.t.problems:
        err(ctx.t.gettext("Some translations could not be read, so some text is shown in English:"))
        for problem in ctx.t.problems:
            err(f"  {problem}")


def _last_used_locale(ctx: Context) -> str | None:
    """The language of the organisation worked on last (Enter at the language list opens it);
    None when there is none or the store cannot be opened (opening it later says why)."""
    try:
        with ctx.store() as store:
            sessions = store.sessions()
    except VeiviserError:
        return None
    return sessions[0].locale if sessions else None


def run_plain(args: argparse.Namespace, ctx: Context) -> int:
    from assistant.i18n.bidi import for_stream

    def switch(code: str):
        t = get_translator(code, args.locales_dir)
        return t, for_stream(t.locale, args.rtl, sys.stdout)

    if hasattr(sys.stdin, "reconfigure"):  # invalid UTF-8 typed: refused by validation, no crash
        sys.stdin.reconfigure(errors="surrogateescape")

    report_catalog_problems(ctx)
    explicit = bool(args.locale or os.environ.get("VEIVISER_LOCALE"))
    translator = ctx.t
    ask_language = not explicit and args.session is None and not args.new
    if ask_language:
        # The language list first, before the content and the dialogue's modules are loaded:
        # they took most of the time to the first prompt.
        from assistant.plain_language import LineIO, Quit

        menu = LineIO(translator, display=for_stream(translator.locale, args.rtl, sys.stdout),
                      switch_locale=switch, locales=launch_order(available_locales(args.locales_dir)),
                      last_locale=_last_used_locale(ctx))
        try:
            menu.choose_language()
        except (Quit, EOFError, KeyboardInterrupt):
            menu.say()
            menu.say(menu.t.gettext("Everything you answered is saved. Come back any time to go on."))
            return EXIT_OK
        translator = menu.t
        ctx._translator = translator  # problems with the content are told in the chosen language
    from assistant.plain import PlainUI

    content = content_or_report(ctx)
    if content is None:
        return EXIT_PROBLEMS
    if args.flow and args.flow not in content.flows:
        err(ctx.t.format(N_("There is no flow called {flow}. These exist: {flows}"), flow=args.flow,
                         flows=", ".join(sorted(content.flows))))
        return EXIT_USAGE

    with ctx.store() as store:
        session_id = args.session
        if session_id is not None:
            try:
                saved = store.session(session_id)
            except KeyError:
                err(ctx.t.format(N_("There is no session {id}."), id=session_id))
                return EXIT_USAGE
            if not explicit:  # a resumed organisation keeps its language
                translator = get_translator(saved.locale, args.locales_dir)
        elif args.new:
            session_id = store.create_session(args.new, ctx.locale)
        ui = PlainUI(content, store, translator, out_dir=args.out,
                     display=for_stream(translator.locale, args.rtl, sys.stdout), switch_locale=switch,
                     locales=launch_order(available_locales(args.locales_dir)))
        return ui.run(session_id=session_id, flow_id=args.flow, ask_language=False)


