
import pytest


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    """Tests see the same terminal whatever the developer's shell says."""
    for var in ("NO_COLOR", "VEIVISER_RTL", "VEIVISER_THEME", "VEIVISER_READY_FILE", "VEIVISER_LOCALE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    yield


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    return d
