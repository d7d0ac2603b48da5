"""The key bar at the bottom: the keys that work here, from the keymap, in the user's language.

One line of text rather than Textual's Footer (a widget per key, rebuilt whenever the focus moves:
too slow between two questions). A click on a key runs it, like the Footer.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import Static


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

    def show_keys(self) -> None:
        parts: list = []
        spans: list[tuple[int, int, object, str]] = []
        seen: set[str] = set()
        shown = []
        x = 0
        for _key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            label = f" {binding.description} "
            style = "bold reverse" if active.enabled else "dim"
            parts += [(key, style), (label, "" if active.enabled else "dim")]
            width = len(key) + len(label)
            spans.append((x, x + width, active.node, binding.action))
            shown.append((key, binding.description, active.enabled))
            x += width
        if tuple(shown) != self._shown:
            self._shown = tuple(shown)
            self._spans = spans
            self.update(Content.assemble(*parts))

    async def on_click(self, event: events.Click) -> None:
        for start, end, namespace, action in self._spans:
            if start <= event.x < end:
                await self.app.run_action(action, namespace)
                return
