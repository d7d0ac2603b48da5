"""The rendered bylaws contain every element the issue lists, and the answers change them."""

import re

import pytest

from .conftest import EXAMPLE_NAMES, example_answers, rendered, run


def bylaws(content, answers, tmp_path) -> str:
    return rendered(content, "bylaws", answers, tmp_path)["vedtekter"]


def section(text: str, title: str) -> str:
    """The text of one "## § n Title" section."""
    m = re.search(rf"^## § \d+ {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert m, f"no section {title!r}"
    return m.group(1)


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_bylaws_contain_every_element(content, tmp_path, example):
    answers = example_answers(example, content)
    text = bylaws(content, answers, tmp_path)
    # name, municipality, purpose
    assert answers["org.name"] in section(text, "Navn")
    assert f"{answers['org.municipality']} kommune" in section(text, "Organisasjonsform")
    assert answers["org.purpose"] in section(text, "Formål")
    # self-owning, and surplus to the purpose, never to members (momskompensasjon)
    org_form = section(text, "Organisasjonsform")
    assert "selveiende" in org_form and "ingen eier foreningen" in org_form
    assert "overskudd, skal det brukes til foreningens formål" in org_form
    assert "ikke dele ut penger til medlemmene" in org_form
    # membership and dues set by the annual meeting
    assert "medlem" in section(text, "Medlemskap")
    assert "Årsmøtet bestemmer" in section(text, "Kontingent")
    # årsmøte: highest authority, timing, notice, voting rights, proposals deadline, fixed agenda
    meeting = section(text, "Årsmøtet")
    assert "høyeste myndighet" in meeting
    assert "innen utgangen av" in meeting
    assert "varsel" in meeting
    assert "stemme" in meeting
    assert re.search(r"Forslag som skal behandles på årsmøtet, må være sendt til styret senest \S+ \S+ før", meeting)
    for item in ("årsmelding", "Regnskapet", "Forslag som er sendt inn", "budsjett", "Valg av styreleder"):
        assert item in meeting, item
    # extraordinary årsmøte
    assert "en tredjedel av medlemmene" in section(text, "Ekstraordinært årsmøte")
    # board: size, term, quorum; signature
    board = section(text, "Styret")
    assert re.search(r"Styret har \w+ medlemmer", board)
    assert "velges for" in board
    assert "mer enn halvparten" in board
    assert "signere for foreningen" in section(text, "Signatur")
    # accounts and audit
    audit = section(text, "Regnskap og revisjon")
    assert "regnskap" in audit and "revisor" in audit
    # amendments
    assert "Vedtektene kan bare endres på et årsmøte" in section(text, "Endring av vedtektene")
    # dissolution with assets to a similar purpose, never to members
    dissolution = section(text, "Oppløsning")
    assert "to tredjedels flertall" in dissolution
    assert "lignende formål" in dissolution
    assert "ikke deles ut til medlemmene" in dissolution


def test_answers_change_the_bylaws(content, tmp_path):
    base = example_answers("somali_drammen", content)
    text = bylaws(content, base, tmp_path / "a")
    assert "minst to ukers varsel" in text and "Styret har tre medlemmer" in text
    draft = {k: v for k, v in base.items() if k not in ("board", "annual.new_board")}  # no board elected yet
    changed = dict(draft, **{"bylaws.notice": "30", "bylaws.board_size": "5", "bylaws.deputies": "0",
                            "bylaws.signature": "board", "bylaws.amend": "majority",
                            "bylaws.dissolution": "named", "bylaws.dissolution_to": "Røde Kors Drammen",
                            "bylaws.dues": False, "bylaws.audit": "professional"})
    other = bylaws(content, changed, tmp_path / "b")
    assert "minst én måneds varsel" in other
    assert "Styret har fem medlemmer: styreleder og fire styremedlemmer." in other
    assert "varamedlem" not in section(other, "Styret")
    assert "Styret i fellesskap kan signere" in other
    assert "vanlig flertall av de stemmene som er gitt" in section(other, "Endring av vedtektene")
    assert "skal gå til Røde Kors Drammen" in other
    assert "Medlemskapet er gratis" in other and "Årsmøtet bestemmer i så fall" in other
    assert "statsautorisert revisor" in other


def test_user_text_is_data_not_template(content, tmp_path):
    answers = dict(example_answers("somali_drammen", content))
    answers["org.purpose"] = "Vi hjelper {{ 7*7 }} <script>x</script> kvinner."
    text = bylaws(content, answers, tmp_path)
    assert "{{ 7\\*7 }}" in text and "49" not in text  # escaped Markdown: literal text
    run(content, "bylaws", answers, tmp_path / "txt", formats=("txt",))
    txt = (tmp_path / "txt" / "vedtekter.txt").read_text(encoding="utf-8")
    assert "Vi hjelper {{ 7*7 }} <script>x</script> kvinner." in txt
