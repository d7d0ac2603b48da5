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
from textual.message import Message
from textual.widgets import Static

from assistant.usertext import visible

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
    "panel": "",
    "problem": "bold $error",
}


@dataclass(frozen=True)
class Entry:
    key: str  # stable id, e.g. "name:q" (guide asks) or "name:a" (user answers)
    who: str  # "guide" | "user"
    parts: tuple[tuple[str, str], ...]  # (kind, text) for each paragraph
    current: bool = False  # the guide's message for the step shown now
    tag: str = ""  # an extra CSS class, e.g. "info" for what the guide says without asking


class Bubble(Static):
    DEFAULT_CSS = """
    Bubble { height: auto; }
    """

    def __init__(self, entry: Entry):
        self.entry = entry
        super().__init__(self._content(None), markup=False, classes=self._classes_for(entry))

    @staticmethod
    def _classes_for(entry: Entry) -> str:
        return entry.who + (" current" if entry.current else "") + (f" {entry.tag}" if entry.tag else "")

    def set_entry(self, entry: Entry) -> None:
        """Show another version of the same message (the question asked becomes a question
        answered): cheaper than removing this bubble and mounting a new one."""
        self.entry = entry
        self.set_classes(self._classes_for(entry))
        self.update(self._content(None))

    def _style(self, kind: str) -> str:
        style = STYLES.get(kind, "")
        if getattr(self.app, "plain_styles", False):
            style = " ".join(s for s in style.split() if s != "dim")
        return style

    def _content(self, width: int | None) -> Content:
        d = getattr(self.app, "bidi", None)
        pieces: list = []
        for i, (kind, text) in enumerate(self.entry.parts):
            text = visible(text)
            if i:
                pieces.append("\n")
            if d is not None and d.reorders and width:
                text = "\n".join(d.lines(text, width))
            elif kind == "term" and ": " in text:  # the Norwegian word in bold, then its meaning
                head, _, rest = text.partition(": ")
                pieces.append((head + ":", "bold"))
                text = " " + rest
            pieces.append((text, self._style(kind)))
        return Content.assemble(*pieces)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        d = getattr(self.app, "bidi", None)
        if d is not None and d.reorders:
            return sum(len(d.lines(visible(text), width)) for _, text in self.entry.parts) if width else 0
        return super().get_content_height(container, viewport, width)

    def render(self):
        d = getattr(self.app, "bidi", None)
        if d is not None and d.reorders:
            return self._content(self.content_size.width or self.size.width)
        return super().render()


class Transcript(VerticalScroll, can_focus=False):
    """Not focusable: focus never lands here between two questions (a focus change restyles
    every bubble). PageUp/PageDown scroll it from anywhere on the dialogue screen."""

    class Overflow(Message):
        """Whether the guide's newest message is taller than the view (then say PgDn)."""

        def __init__(self, overflow: bool):
            super().__init__()
            self.overflow = overflow

    def __init__(self, **kw):
        super().__init__(**kw)
        self.entries: list[Entry] = []

    def on_mount(self) -> None:
        self.anchor()  # new messages keep the view at the bottom, in the same frame

    LIMIT = 30  # bubbles kept on screen; every answer is in the review list (F2)

    async def show(self, entries: list[Entry], earlier_note: str = "") -> None:
        """Show the conversation, changing as few widgets as possible. Only the last
        :attr:`LIMIT` entries are kept, so an answer costs the same at the end of a long flow."""
        hidden = max(0, len(entries) - self.LIMIT)
        entries = entries[hidden:]
        note = self.query_one("#earlier", Static) if self.query("#earlier") else None
        if hidden and note is None:
            note = Static(earlier_note, id="earlier", classes="earlier", markup=False)
            await self.mount(note, before=0)
        if note is not None:
            note.display = bool(hidden)
            if hidden:
                note.update(earlier_note)
        old = self.entries
        bubbles = list(self.query_children(Bubble))
        start = 0  # entries that scrolled out at the top
        if entries and old and old[0] != entries[0]:
            start = next((i for i, e in enumerate(old) if e == entries[0]), len(old))
        same = 0
        for a, b in zip(old[start:], entries):
            if a != b:
                if a.key != b.key or a.who != b.who:
                    break
                bubbles[start + same].set_entry(b)  # the same message, changed: update in place
            same += 1
        gone = bubbles[:start] + bubbles[start + same:]
        if gone:
            await self.remove_children(gone)
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
        overflow = bool(current) and current[-1].outer_size.height > self.scrollable_content_region.height
        if overflow:
            self.release_anchor()
            self.scroll_to_widget(current[-1], top=True, animate=False)
        elif self.scroll_y < self.max_scroll_y:
            self.anchor()
        self.post_message(self.Overflow(overflow))
