"""What every screen of the UI shares: keys from the keymap, translated, and a retranslate hook."""

from __future__ import annotations

from textual.screen import ModalScreen, Screen

from assistant.tui import keymap


class KeysMixin:
    KEY_SCOPE: str = ""

    def install_keys(self) -> None:
        base = type(self)._merged_bindings  # type: ignore[attr-defined]
        self._bindings = keymap.bindings_map(self.KEY_SCOPE, self.app.label, base)  # type: ignore[attr-defined]

    def retranslate(self) -> None:
        """Show every text again in the app's (new) language. Screens extend this."""
        self.install_keys()
        self.refresh_bindings()  # type: ignore[attr-defined]


class BaseScreen(KeysMixin, Screen):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        if self.KEY_SCOPE:
            self.install_keys()


class BaseModal(KeysMixin, ModalScreen):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        if self.KEY_SCOPE:
            self.install_keys()
