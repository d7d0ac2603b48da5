"""Every key binding of the terminal UI, as data.

Each scope (the app, or one screen) lists its keys here and nowhere else. Screens turn their
scope into Textual bindings with :func:`bindings`, translating the descriptions for the footer;
the help screen lists the same data. Descriptions are English msgids (extracted with ``N_``).
"""

from __future__ import annotations

from typing import NamedTuple

from assistant.i18n import N_


class Key(NamedTuple):  # a NamedTuple: a frozen dataclass costs a millisecond more at start-up
    id: str  # stable binding id (Textual keymaps can override it)
    keys: str  # Textual key names, comma-separated; the first is the main one
    action: str
    description: str  # msgid, shown in the footer
    show: bool = True  # shown in the footer
    display: str | None = None  # how the key is written in the footer and in help
    priority: bool = False


KEYMAP: dict[str, tuple[Key, ...]] = {
    # Everywhere (the app)
    "app": (
        Key("language", "f4", "language", N_("Language"), display="F4"),
        Key("quit", "ctrl+q", "save_quit", N_("Save & quit"), display="^Q", priority=True),
        Key("quit_c", "ctrl+c", "save_quit", N_("Save & quit"), show=False),
        Key("contrast", "f6", "toggle_contrast", N_("High contrast"), show=False, display="F6"),
    ),
    "start": (
        Key("choose", "enter", "choose", N_("Choose"), show=False, display="Enter"),
    ),
    "organisation": (
        Key("back", "escape", "back", N_("Back"), display="Esc"),
    ),
    "dialogue": (
        Key("help", "f1,question_mark", "help", N_("Help"), display="F1"),
        Key("back", "escape,ctrl+b", "back", N_("Back"), display="Esc"),
        Key("review", "f2", "review", N_("Answers"), display="F2"),
        Key("roadmap", "f3", "roadmap", N_("Roadmap"), display="F3"),
        Key("preview", "f5", "preview", N_("Document"), show=False, display="F5"),
        Key("submit", "ctrl+s", "submit", N_("Save answer"), show=False, display="^S"),
        Key("scroll_up", "pageup", "scroll_conversation(-1)", N_("Scroll the conversation"),
            show=False, display="PgUp", priority=True),
        Key("scroll_down", "pagedown", "scroll_conversation(1)", N_("Scroll the conversation"),
            show=False, display="PgDn", priority=True),
    ),
    "help": (
        Key("close", "escape,f1,enter,q", "close", N_("Close"), display="Esc"),
    ),
    "review": (
        Key("edit", "enter", "edit", N_("Change"), display="Enter"),
        Key("comment_done", "f7", "comment_done", N_("Mark the comments done"), show=False, display="F7"),
        Key("close", "escape,f2", "close", N_("Back to the question"), display="Esc"),
    ),
    "roadmap": (
        Key("open", "enter", "open", N_("Open"), display="Enter"),
        Key("close", "escape,f3", "close", N_("Close"), display="Esc"),
    ),
    "preview": (
        Key("export", "ctrl+s,f9", "export", N_("Save to file"), display="^S"),
        Key("close", "escape,f5", "close", N_("Close"), display="Esc"),
    ),
    "language": (
        Key("close", "escape,f4", "close", N_("Close"), display="Esc"),
    ),
    "quit": (
        Key("stay", "escape", "stay", N_("Stay"), display="Esc"),
        Key("leave", "enter", "leave", N_("Quit"), display="Enter", show=False),
    ),
    "language_check": (
        Key("keep", "escape", "keep", N_("Keep it"), display="Esc"),
    ),
    "facilitator": (
        Key("open", "enter", "open", N_("Open"), display="Enter"),
        Key("search", "ctrl+f,slash", "search", N_("Search"), display="^F"),
    ),
    "facilitator_org": (
        Key("comment", "c", "comment", N_("Comment"), display="C"),
        Key("close", "escape", "close", N_("Close"), display="Esc"),
    ),
    "problems": (),
    # Widgets
    "multichoice": (
        Key("toggle", "space", "select", N_("Tick"), display="Space"),
        Key("done", "enter", "done", N_("Done"), display="Enter"),
    ),
    "people": (
        Key("change", "enter", "change", N_("Change person"), display="Enter"),
        Key("remove", "delete,backspace", "remove", N_("Remove person"), display="Del"),
    ),
    "go_on": (
        Key("go", "enter,space", "press", N_("Go on"), show=False, display="Enter"),
    ),
    "people_name": (
        Key("add", "enter", "add", N_("Add"), show=False, display="Enter"),
        Key("to_list", "up", "to_list", N_("People added"), show=False, display="↑"),
    ),
    "role": (
        Key("choose", "enter", "choose", N_("Choose"), show=False, display="Enter"),
        Key("cancel", "escape", "cancel", N_("Cancel"), display="Esc"),
    ),
}


def bindings(scope: str, translate=lambda s: s) -> list:
    """Textual bindings for one scope, with translated descriptions."""
    from textual.binding import Binding

    out = []
    for k in KEYMAP[scope]:
        for i, key in enumerate(k.keys.split(",")):
            # the display is for the main (first) key; the others show themselves ("^B")
            out.append(Binding(key.strip(), k.action, translate(k.description), show=k.show,
                               key_display=k.display if i == 0 else None, priority=k.priority,
                               id=f"{scope}.{k.id}"))
    return out


def bindings_map(scope: str, translate=lambda s: s, base=None):
    """A node's bindings: its class bindings (``base``) with this scope's keys on top."""
    from textual.binding import BindingsMap

    merged = base.copy() if base is not None else BindingsMap()
    for key, found in BindingsMap(bindings(scope, translate)).key_to_bindings.items():
        merged.key_to_bindings[key] = list(found)
    return merged


def key_text(k: Key) -> str:
    """How a key is written for people: 'F1', 'Esc', '^Q'."""
    if k.display:
        return k.display
    first = k.keys.split(",")[0]
    return first.replace("ctrl+", "^").upper() if first.startswith("ctrl+") else first.capitalize()


def help_rows(scopes: tuple[str, ...] = ("dialogue", "app")) -> list[Key]:
    seen: set[str] = set()
    rows = []
    for scope in scopes:
        for k in KEYMAP[scope]:
            if k.action in seen or k.id.endswith("_c"):
                continue
            seen.add(k.action)
            rows.append(k)
    return rows
