"""The key bar at the bottom: the keys that work here, from the keymap, in the user's language.

One line of text rather than Textual's Footer (a widget per key, rebuilt whenever the focus moves:
too slow between two questions). A click on a key runs it, like the Footer.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import Static
from rich.cells import cell_len


def fit_labels(keys: list[tuple[str, str]], width: int, from_right: bool = False) -> list[str]:
    """The keys' labels, shortened just enough that every key fits in ``width`` cells: each
    label is cut to the same longest length (with "…"); a short label stays whole. Right-to-left
    labels (already in visual order) keep their right end, where they begin."""
    def total(limit: int) -> int:
        return sum(cell_len(k) + 2 + min(cell_len(d), limit) for k, d in keys)

    longest = max((cell_len(d) for _, d in keys), default=0)
    limit = longest
    while limit > 0 and total(limit) > width:
        limit -= 1
    out = []
    for _, d in keys:
        if cell_len(d) <= limit:
            out.append(d)
        elif limit <= 1:
            out.append("…" if limit else "")
        elif from_right:
            out.append("…" + _tail(d, limit - 1))
        else:
            out.append(_head(d, limit - 1) + "…")
    return out


def _head(text: str, cells: int) -> str:
    while cell_len(text) > cells:
        text = text[:-1]
    return text.rstrip()


def _tail(text: str, cells: int) -> str:
    while cell_len(text) > cells:
        text = text[1:]
    return text.lstrip()


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $panel;
        color: $text;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, **kw):
        super().__init__("", markup=False, **kw)
        self._spans: list[tuple[int, int, object, str]] = []  # (start, end, namespace, action)
        self._shown: tuple = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen:
            self.show_keys()

    def on_resize(self, event: events.Resize) -> None:
        self._shown = ()
        self.show_keys()

    def show_keys(self) -> None:
        parts: list = []
        spans: list[tuple[int, int, object, str]] = []
        seen: set[str] = set()
        keys = []
        for _key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append((self.app.get_key_display(binding), binding.description, active))
        bidi = getattr(self.app, "bidi", None)
        rtl = bool(bidi and bidi.reorders)
        bar_width = self.size.width or self.app.size.width
        labels = fit_labels([(k, d) for k, d, _ in keys], bar_width, from_right=rtl)
        items = list(zip(keys, labels))
        if rtl:  # read from the right: the first key on the right, each label left of its key
            items.reverse()
        shown = []
        x = 0
        for (key, _description, active), label in items:
            label = f" {label} "
            style = "bold reverse" if active.enabled else "dim"
            pair = [(key, style), (label, "" if active.enabled else "dim")]
            parts += pair[::-1] if rtl else pair
            width = cell_len(key) + cell_len(label)
            spans.append((x, x + width, active.node, active.binding.action))
            shown.append((key, label, active.enabled))
            x += width
        if rtl:  # the bar is aligned right: clicks land where the keys are drawn
            spans = [(a + max(0, bar_width - x), b + max(0, bar_width - x), n, act)
                     for a, b, n, act in spans]
        if tuple(shown) != self._shown:
            self._shown = tuple(shown)
            self._spans = spans
            self.update(Content.assemble(*parts))

    async def on_click(self, event: events.Click) -> None:
        for start, end, namespace, action in self._spans:
            if start <= event.x < end:
                await self.app.run_action(action, namespace)
                return
