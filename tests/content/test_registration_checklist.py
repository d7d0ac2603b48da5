"""Review defect 12, the registration checklist: with a board member who has no ID number, step 4
sends the registration on paper (BR1015), so steps 5 and 6 no longer say to fill it in in Altinn;
and "Kilder" lists each page once, with the date Veiviser last checked it and, apart, the page's
own date, marking English pages, so a page's date never passes for a check."""

import re

from .conftest import example_answers, rendered

LINE = re.compile(r"^- (?P<title>.+) \((?:side på engelsk, )?sjekket \d{1,2}\. [a-zæøå]+ \d{4}"
                  r"(?:, siden oppdatert \d{1,2}\. [a-zæøå]+ \d{4})?\)$")


def _checklist(content, tmp_path, **changes):
    answers = example_answers("somali_drammen", content) | changes
    return rendered(content, "registration", answers, tmp_path)["sjekkliste-registrering"]


def test_paper_route_is_the_route_in_every_step(content, tmp_path):
    doc = _checklist(content, tmp_path, **{"registration.ids": "missing"})
    step5 = doc.split("## 5.", 1)[1].split("## 6.", 1)[0]
    step6 = doc.split("## 6.", 1)[1].split("## 7.", 1)[0]
    assert "BR1015" in doc.split("## 4.", 1)[1].split("## 5.", 1)[0]
    assert "Fyll ut skjemaet Samordnet registermelding i Altinn" not in step6
    assert "Samordnet registermelding på papir" in step6 and "BR1015" in step6
    assert "Svaret kommer i Altinn" not in step6
    assert "på papir i posten (se punkt 4), ikke i Altinn" in step5
    with_ids = _checklist(content, tmp_path / "ids", **{"registration.ids": "all"})
    assert "Fyll ut skjemaet Samordnet registermelding i Altinn" in with_ids
    assert "på papir" not in with_ids.split("## 5.", 1)[1].split("## 7.", 1)[0]


def test_sources_show_the_check_date_and_the_page_date_apart(content, tmp_path):
    doc = _checklist(content, tmp_path)
    sources = doc.split("## Kilder", 1)[1]
    assert "Datoen viser når siden sist ble sjekket" not in sources
    lines = [x for x in sources.splitlines() if x.startswith("- ")]
    assert len(lines) >= 8
    bad = [x for x in lines if not LINE.match(x)]
    assert bad == []
    titles = [LINE.match(x)["title"] for x in lines]
    assert len(titles) == len(set(titles))  # each page once, with one check date
    # the page a founding fact checked on 1 December 2026 shows that check, and its own date apart
    assert ("- Brønnøysundregistrene: Stiftelsesdokument for forening (sjekket 1. desember 2026, "
            "siden oppdatert 19. november 2019)") in lines
    assert ("- Brønnøysundregistrene: Roles in the association or club (side på engelsk, sjekket 29. mai 2026, "
            "siden oppdatert 2. januar 2026)") in lines
