"""The terminal UI (Textual). The only package that imports textual.

``run_tui(ctx)`` is what ``veiviser`` calls on a terminal; ``make_app`` (in :mod:`.app`) builds
the same app for tests. Imports stay inside functions so ``import assistant.tui`` is cheap.
"""

from __future__ import annotations


def make_app(*args, **kw):
    from assistant.tui.app import make_app as _make_app

    return _make_app(*args, **kw)


def run_tui(ctx) -> int:
    """Run the terminal UI for the CLI context; returns the exit code."""
    import os

    from assistant.commands import EXIT_USAGE, err
    from assistant.i18n import N_, get_translator
    from assistant.tui.app import make_app as build
    from assistant.tui.options import TuiOptions

    args = ctx.args
    translator = ctx.t
    session_id = getattr(args, "session", None)
    notes: list[str] = []
    explicit = bool(getattr(args, "locale", None) or os.environ.get("VEIVISER_LOCALE"))
    if explicit or session_id is not None or getattr(args, "new", None) or getattr(args, "flow", None):
        store = ctx.store()  # the first screen needs it; errors go to the CLI as usual
    else:
        # opened by the app once the language list is drawn; a note goes into the UI, not stderr
        def store():
            return ctx.store(report=notes.append)
    if session_id is not None:
        try:
            info = store.session(session_id)
        except KeyError:
            err(translator.format(N_("There is no session {id}."), id=session_id))
            store.close()
            return EXIT_USAGE
        if not getattr(args, "locale", None) and info.locale != translator.locale:
            translator = get_translator(info.locale, args.locales_dir)
    flow_id = getattr(args, "flow", None)
    if flow_id:
        content = ctx.content()
        if flow_id not in content.flows:
            err(translator.format(N_("There is no flow called {flow}. These exist: {flows}"),
                                  flow=flow_id, flows=", ".join(sorted(content.flows))))
            store.close()
            return EXIT_USAGE
    options = TuiOptions.from_environment(
        ask_language=not explicit,
        locales_dir=args.locales_dir, out_dir=getattr(args, "out", None), session_id=session_id,
        new_name=getattr(args, "new", None), flow_id=flow_id, rtl_mode=getattr(args, "rtl", None))
    app = build(content=ctx.content, store=store, translator=translator, options=options)
    app.store_notes = notes
    from assistant import paths

    app.data_dir = paths.data_dir(getattr(args, "data_dir", None))
    try:
        code = app.run()
    finally:
        if app.store_opened:
            app.store.close()
    if app.return_code:  # a crash (report saved, message shown) or a refused start
        if app.store_error is not None:
            raise app.store_error
        return app.return_code
    if app.store_error is not None:
        raise app.store_error
    if app.opened_session and not options.exit_on_ready:
        print(app.saved_message())
    return code or 0
