"""Plain text that knows about right-to-left display.

Every sentence the UI shows goes through :class:`Para`. Left-to-right text is wrapped by
Textual as usual; when the app reorders right-to-left text itself, Para wraps first and then
reorders each line (see :mod:`assistant.tui.rtl`). Text is never parsed as markup, so whatever a
user typed ("[b]", "{{ x }}") is shown as typed.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from assistant.usertext import visible


def literal(text: str) -> Content:
    """Text as it is, for any widget: never markup, and controls shown as their pictures (␛),
    never sent to the terminal."""
    return Content(visible(text))


class Para(Static):
    DEFAULT_CSS = """
    Para { height: auto; }
    """

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None):
        text = visible(text)
        super().__init__(text, markup=False, id=id, classes=classes)
        self._text = text

    @property
    def text(self) -> str:
        return self._text

    def set(self, text: str) -> None:
        text = visible(text)
        if text != self._text:
            self._text = text
            self.update(text)

    def _direction(self):
        return getattr(self.app, "bidi", None)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        d = self._direction()
        if d is not None and d.reorders:
            widest = max((d.width(line) for line in self._text.split("\n")), default=0)
            return min(widest, container.width)
        return super().get_content_width(container, viewport)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        d = self._direction()
        if d is not None and d.reorders:
            return len(d.lines(self._text, width)) if width else 0
        return super().get_content_height(container, viewport, width)

    def render(self):
        d = self._direction()
        if d is not None and d.reorders:
            width = self.content_size.width or self.size.width
            if width:
                return Content("\n".join(d.lines(self._text, width)))
        return super().render()
