"""The conversation so far: the guide's messages and the user's answers, like a chat.

The screen describes the whole conversation as a list of :class:`Entry` (built from the
Conversation every time); :class:`Transcript` mounts only what changed, so a new answer costs a
couple of small widgets, not a redraw of everything. A bubble is one widget (no containers
inside), which keeps layout cheap as the conversation grows.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

# How each kind of paragraph looks. Plain styles only (bold, italic, dim) so the meaning survives
# NO_COLOR; the high-contrast theme drops "dim".
STYLES = {
    "prompt": "bold",
    "title": "bold",
    "answer": "bold",
    "example": "italic dim",
    "term": "",
    "fact": "dim",
    "source": "dim",
    "aside": "italic dim",
    "text": "",
}


@dataclass(frozen=True)
class Entry:
    key: str  # stable id, e.g. "name:q" (guide asks) or "name:a" (user answers)
    who: str  # "guide" | "user"
    parts: tuple[tuple[str, str], ...]  # (kind, text) for each paragraph
    current: bool = False  # the guide's message for the step shown now


class Bubble(Static):
    DEFAULT_CSS = """
    Bubble { height: auto; }
    """

    def __init__(self, entry: Entry):
        classes = f"{entry.who}" + (" current" if entry.current else "")
        self.entry = entry
        super().__init__(self._content(None), markup=False, classes=classes)

    def _style(self, kind: str) -> str:
        style = STYLES.get(kind, "")
        if getattr(self.app, "plain_styles", False):
            style = " ".join(s for s in style.split() if s != "dim")
        return style

    def _content(self, width: int | None) -> Content:
        d = getattr(self.app, "bidi", None)
        pieces: list = []
        for i, (kind, text) in enumerate(self.entry.parts):
            if i:
                pieces.append("\n")
            if d is not None and d.reorders and width:
                text = "\n".join(d.lines(text, width))
            pieces.append((text, self._style(kind)))
        return Content.assemble(*pieces)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        d = getattr(self.app, "bidi", None)
        if d is not None and d.reorders:
            return sum(len(d.lines(text, width)) for _, text in self.entry.parts) if width else 0
        return super().get_content_height(container, viewport, width)

    def render(self):
        d = getattr(self.app, "bidi", None)
        if d is not None and d.reorders:
            return self._content(self.content_size.width or self.size.width)
        return super().render()


class Transcript(VerticalScroll):
    can_focus = True  # so the keyboard can scroll back through a long conversation

    def __init__(self, **kw):
        super().__init__(**kw)
        self.entries: list[Entry] = []

    async def show(self, entries: list[Entry]) -> None:
        same = 0
        for old, new in zip(self.entries, entries):
            if old != new:
                break
            same += 1
        bubbles = list(self.query_children(Bubble))
        if same < len(bubbles):
            await self.remove_children(bubbles[same:])
        new = [Bubble(e) for e in entries[same:]]
        if new:
            await self.mount_all(new)
        self.entries = list(entries)
        self.call_after_refresh(self.scroll_to_current)

    def restyle(self) -> None:
        for bubble in self.query_children(Bubble):
            bubble.update(bubble._content(None))

    def scroll_to_current(self) -> None:
        """Show the end; when the newest guide message is taller than the view, show its top."""
        bubbles = list(self.query_children(Bubble))
        current = [b for b in bubbles if b.entry.current]
        if current and current[-1].outer_size.height > self.scrollable_content_region.height:
            self.scroll_to_widget(current[-1], top=True, animate=False)
        else:
            self.scroll_end(animate=False)
