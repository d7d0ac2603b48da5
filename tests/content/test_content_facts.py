"""Facts: sourced, dated, used, and time-sensitive where they describe forms and deadlines."""

import re
from pathlib import Path

from .conftest import MY_FLOWS

ROOT = Path(__file__).resolve().parents[2]
MY_FACT_FILES = ("registration", "frivillighet", "bylaws", "meetings")


def my_facts(content):
    ids = set()
    for name in MY_FACT_FILES:
        text = (ROOT / "content" / "facts" / f"{name}.toml").read_text(encoding="utf-8")
        ids |= set(re.findall(r'^id = "([^"]+)"', text, re.M))
    return {i: content.facts[i] for i in ids}


def test_every_fact_has_a_source_and_a_date(content):
    facts = my_facts(content)
    assert len(facts) >= 40
    for fact in facts.values():
        assert fact.source.title.strip() and fact.source.url.startswith("https://"), fact.id
        assert fact.source.checked.year >= 2019, fact.id


def test_form_steps_and_deadlines_are_time_sensitive(content):
    facts = my_facts(content)
    for fid in ("brreg.form", "brreg.attachments_2026", "brreg.attachment_size", "brreg.d_number_paper",
                "frivreg.new_service", "frivreg.conditions", "meeting.report_new_board",
                "bylaws.notice_no_law"):
        assert facts[fid].time_sensitive, fid
    assert sum(f.time_sensitive for f in facts.values()) >= 20


def test_every_fact_is_shown_somewhere(content):
    used = {fid for f in MY_FLOWS for s in content.flows[f].steps for fid in s.facts}
    unused = set(my_facts(content)) - used
    assert not unused, f"facts no step shows: {sorted(unused)}"


def test_links_in_documents_are_sourced_facts(content):
    """Every address a document links to is the source of a fact (one place to re-check)."""
    sources = {f.source.url for f in content.facts.values()}
    for template in (ROOT / "content" / "templates").glob("*.md.j2"):
        if template.name.startswith("grant"):
            continue
        for url in re.findall(r"\]\((https://[^)]+)\)", template.read_text(encoding="utf-8")):
            assert url in sources, f"{template.name} links to {url}, which no fact cites"


def test_key_terms_are_in_the_glossary(content):
    nb = {t.nb.casefold() for t in content.terms.values()}
    for term in ("vedtekter", "årsmøte", "styre", "organisasjonsnummer", "enhetsregisteret",
                 "frivillighetsregisteret", "protokoll", "stiftelsesmøte", "kontingent", "revisor",
                 "samordnet registermelding", "d-nummer", "fødselsnummer", "selveiende"):
        assert term in nb, term
