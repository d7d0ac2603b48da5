"""A missing optional answer never shows as a raw ``{key}`` (review defect 3): the finder says
which question to answer instead, and a scheme whose round is open says the group cannot apply
yet when it cannot. Every example answers file in tests/ goes through the finder and the
scheme panels, in three languages and at three dates."""

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.grants.finder import results
from assistant.grants.panels import finder_panel, scheme_panel
from assistant.i18n.catalog import get_translator
from assistant.profile import flatten

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(ROOT.glob("tests/*/examples/*.json"))
RAW_KEY = re.compile(r"\{[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+\}")  # "{org.first_apply_year}"
DATES = [dt.date(2026, 12, 1), dt.date(2027, 3, 1), dt.date(2027, 8, 15)]


def _answers(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    return flatten(data) if any(isinstance(v, dict) for v in data.values()) else data


def test_there_are_examples_to_check():
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("locale", ["nb", "en", "ar"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_no_finder_output_shows_a_raw_key(content, path, locale):
    t = get_translator(locale)
    answers = _answers(path)
    for today in DATES:
        for r in results(content, answers, t, today):
            texts = [*r["reasons"], *(m["step"] for m in r["missing"]), r["when"], *r["warnings"]]
            assert not [x for x in texts if RAW_KEY.search(x)], (r["id"], today)
        panel = finder_panel(content, answers, t, today)
        assert not RAW_KEY.findall(panel), (today, RAW_KEY.findall(panel))
        if locale == "nb":
            for scheme in content.grants:
                text = scheme_panel(content, answers | {"grant.scheme": scheme}, t, today)
                assert not RAW_KEY.findall(text), (scheme, today)


def _grants(*args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "assistant", "grants", "--answers",
                          str(ROOT / "tests" / "grants" / "examples" / "unregistered_group.json"),
                          "--locale", "nb", *args], capture_output=True, text=True, encoding="utf-8",
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _moms(stdout: str) -> str:
    return stdout.split("* Momskompensasjon", 1)[1].split("\n* ", 1)[0]


def test_the_reviewers_group_without_a_founding_date():
    moms = _moms(_grants("--today", "2026-12-01"))
    assert "{" not in moms
    assert "Dere trenger godkjent regnskap, årsmelding og revisjonsmelding for et helt år." in moms
    assert "Svar på dette spørsmålet: Når ble foreningen stiftet?" in moms
    assert "Neste steg: Før regnskap fra starten." in moms


def test_an_open_round_is_not_open_for_a_group_that_cannot_apply():
    out = _grants("--today", "2027-08-15")
    now = out.split("Dere kan søke, men ikke nå")[0].split("Ikke ennå. Først mangler et steg:")[0]
    assert "Momskompensasjon" not in now
    moms = _moms(out)
    assert "Åpen nå" not in moms
    assert "En runde er åpen til 1. september 2027, men dere kan ikke søke ennå. Gjør stegene over først." in moms
