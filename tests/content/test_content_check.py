"""`veiviser check` on broken copies of the content: a fact without a source, an amount
without a fact, a deadline fact not marked time-sensitive. Each is reported with file, place and
reason, and no traceback."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import mine

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def copy(tmp_path) -> Path:
    dest = tmp_path / "content"
    shutil.copytree(ROOT / "content", dest)
    return dest


def check(content_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", "check", "--content", str(content_dir)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_shipped_content_has_no_problem_in_these_files():
    result = check(ROOT / "content")
    assert "Traceback" not in result.stdout + result.stderr
    assert not [line for line in result.stdout.splitlines() if mine(line)], result.stdout


def test_fact_without_source_fails(copy):
    path = copy / "facts" / "registration.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('id = "brreg.free"')
    line_start = text.index("source = ", start)
    line_end = text.index("\n", line_start)
    path.write_text(text[:line_start] + text[line_end + 1:], encoding="utf-8")
    result = check(copy)
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in out
    assert "content/facts/registration.toml" in out
    assert "brreg.free" in out and "source" in out


def test_fact_without_checked_date_fails(copy):
    path = copy / "facts" / "frivillighet.toml"
    text = path.read_text(encoding="utf-8").replace(", checked = 2026-05-29, page_date = 2025-05-04 }", ", page_date = 2025-05-04 }", 1)
    path.write_text(text, encoding="utf-8")
    result = check(copy)
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out
    assert "content/facts/frivillighet.toml" in out and "checked" in out


def test_amount_without_fact_is_reported(copy):
    path = copy / "flows" / "bylaws.toml"
    text = path.read_text(encoding="utf-8")
    old = 'help = "A small fee shows who the members are.'
    assert old in text
    text = text.replace(old, 'help = "The fee is 300 kr.')
    # and take the fact away from that step, so nothing backs the amount
    text = text.replace('facts = ["bylaws.dues_set_by_meeting"]\n', "")
    path.write_text(text, encoding="utf-8")
    result = check(copy)
    out = result.stdout
    assert result.returncode == 1
    assert "content/flows/bylaws.toml: step dues, help: states an amount ('300 kr')" in out


def test_deadline_fact_must_be_time_sensitive(copy):
    path = copy / "facts" / "meetings.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('text = "A founding meeting can be held online."',
                        'text = "Send the minutes within 14 days."')
    path.write_text(text, encoding="utf-8")
    result = check(copy)
    assert result.returncode == 1
    assert "content/facts/meetings.toml: fact meeting.online_ok: states a deadline" in result.stdout
