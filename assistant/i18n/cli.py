"""``veiviser i18n`` (tools for translators) and ``veiviser detect``.

    veiviser i18n update [--add LOCALE] [--domain D] [--locale-only L]  extract and merge
    veiviser i18n status [--domain D]     per locale: translated, untranslated, fuzzy, reviewed
    veiviser i18n check [--no-msgfmt]     placeholders, markup, plurals, glossary terms (+ msgfmt)
    veiviser i18n pseudo --out DIR        write the pseudo-locales qps and qps_RTL as .po files
    veiviser detect TEXT…                 "<locale or unknown> <confidence>"
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys

from assistant.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, SUBCOMMANDS
from assistant.context import common_options as _common

DOMAINS = ("veiviser", "content", "grants")


def _args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="i18n_action", required=True)
    u = sub.add_parser("update", help="extract messages from code and content, merge into every catalog")
    _common(u, suppress=True)
    u.add_argument("--add", action="append", default=[], metavar="LOCALE", help="start a new language")
    u.add_argument("--domain", action="append", choices=DOMAINS, help="only this domain (repeatable)")
    u.add_argument("--locale-only", action="append", metavar="LOCALE", help="only this locale (repeatable)")
    s = sub.add_parser("status", help="per locale: percent translated, untranslated, fuzzy, reviewed")
    _common(s, suppress=True)
    s.add_argument("--domain", action="append", choices=DOMAINS, help="only this domain (repeatable)")
    c = sub.add_parser("check", help="placeholders, markup, plural forms, glossary terms; msgfmt --check")
    _common(c, suppress=True)
    c.add_argument("--no-msgfmt", action="store_true", help="do not also run GNU msgfmt --check")
    ps = sub.add_parser("pseudo", help="write the pseudo-locales (accented and right-to-left) as .po files")
    _common(ps, suppress=True)
    ps.add_argument("--out", required=True, help="folder to write <locale>/LC_MESSAGES/*.po into")


def _run(args: argparse.Namespace, ctx) -> int:
    from assistant import paths

    locales = paths.locales_dir(args.locales_dir)
    if args.i18n_action == "update":
        from assistant.i18n.extract import update_all

        for path in update_all(locales, paths.content_dir(args.content), new_locales=args.add,
                               domains=args.domain, only=args.locale_only):
            print(path)
        return EXIT_OK
    if args.i18n_action == "status":
        from assistant.i18n.status import format_table, locale_status

        print(format_table(locale_status(locales, args.domain)))
        return EXIT_OK
    if args.i18n_action == "check":
        from assistant.i18n.check import check_catalogs

        content = ctx.content(check=False)
        problems = [str(p) for p in check_catalogs(locales, content)]
        if not args.no_msgfmt:
            problems.extend(msgfmt_problems(locales))
        for p in problems:
            print(p)
        print(f"{len(problems)} problems in the catalogs." if problems else "The catalogs are OK.")
        return EXIT_PROBLEMS if problems else EXIT_OK
    if args.i18n_action == "pseudo":
        from pathlib import Path

        from assistant.i18n.pseudo import write_pseudo

        for path in write_pseudo(locales, Path(args.out)):
            print(path)
        return EXIT_OK
    return EXIT_USAGE


def msgfmt_problems(locales) -> list[str]:
    """GNU msgfmt --check on every .po file (nothing when msgfmt is not installed)."""
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        return []
    out: list[str] = []
    for po in sorted(locales.glob("*/LC_MESSAGES/*.po")):
        if po.parts[-3].startswith("qps"):
            continue
        r = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        if r.returncode != 0:
            out.extend(line for line in r.stderr.splitlines() if line.strip() and "warning" not in line)
    return out


SUBCOMMANDS["i18n"] = ("translator tools: update, status, check, pseudo-locales", _args, _run)


def _detect_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="+", help="the text (several words); - reads standard input")
    p.add_argument("--norwegian", action="store_true",
                   help="instead: is it Norwegian? prints yes, no or unknown")


def _detect(args: argparse.Namespace, ctx) -> int:
    from assistant.i18n import detect

    text = sys.stdin.read() if args.text == ["-"] else " ".join(args.text)
    if args.norwegian:
        verdict = detect.is_norwegian(text)
        print({True: "yes", False: "no", None: "unknown"}[verdict])
        return EXIT_OK
    print(detect.suggest(text))
    return EXIT_OK


SUBCOMMANDS["detect"] = ("suggest a language for a text: <locale or unknown> <confidence>",
                         _detect_args, _detect)
