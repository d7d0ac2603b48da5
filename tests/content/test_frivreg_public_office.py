"""Review defect 6: the 2025 rule of Frivillighetsregisteret is that a majority of the board may
not be appointed because of a public office (brreg.no; facts.md). The Norwegian text said "most
of the board cannot sit there because they hold a public office", which is another rule."""

from assistant.content.loader import load_content
from assistant.i18n.catalog import get_translator
from assistant.i18n.content import ContentText


def test_the_registration_guide_states_the_rule_right():
    content = load_content()
    step = next(s for s in content.flows["registration"].steps if "frivreg.public_office" in getattr(s, "facts", ()))
    fact = content.facts["frivreg.public_office"]
    nb = ContentText(get_translator("nb")).fact(fact)
    assert nb == ("En regel fra 2025: Høyst halvparten av styret kan være personer som er oppnevnt fordi de "
                  "har et offentlig verv.")
    assert "de fleste i styret kan ikke sitte der" not in nb
    assert ContentText(get_translator("en")).fact(fact) == (
        "A rule from 2025: at most half of the board can be people appointed because they hold a public office.")
    assert step.kind == "info"
