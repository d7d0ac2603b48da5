import datetime as dt

import pytest
from jinja2.exceptions import SecurityError

from assistant.render import render_markdown, to_html, to_text
from assistant.render.templates import make_environment

TODAY = dt.date(2026, 11, 22)
BOARD = [{"name": "Amina Ali", "role": "chair"}, {"name": "{{ 7*7 }} {% for x in y %}", "role": "member"}]


def spec(content):
    return content.flows["demo"].step("doc").documents[0]


def test_answers_are_data_not_templates(demo_content):
    answers = {"org.name": "{{ 7*7 }}", "org.members_count": 3, "org.registered_enhetsregisteret": False,
               "demo.why_not": "{% for x in range(3) %}x{% endfor %}", "board": BOARD}
    doc = render_markdown(demo_content, spec(demo_content), answers, TODAY)
    # the Markdown source escapes the answer's "*" (it is literal text, not emphasis) ...
    assert "# Dokument for {{ 7\\*7 }}" in doc.markdown
    assert "Grunn: {% for x in range(3) %}x{% endfor %}" in doc.markdown
    assert "49" not in doc.markdown and "xxx" not in doc.markdown
    # ... and the text a reader sees is the answer exactly as typed
    text = to_text(doc)
    assert "Dokument for {{ 7*7 }}" in text
    assert "{{ 7*7 }} {% for x in y %} (styremedlem)" in text


def test_html_escapes_markup_from_answers(demo_content):
    answers = {"org.name": "<script>alert(1)</script>", "org.members_count": 3,
               "org.registered_enhetsregisteret": True, "org.org_number": "974760673",
               "board": [{"name": "A & B <b>", "role": "chair"}]}
    html = to_html(render_markdown(demo_content, spec(demo_content), answers, TODAY))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "A &amp; B &lt;b&gt;" in html


def test_unanswered_optional_values_show_a_blank(demo_content):
    answers = {"org.name": "X", "org.members_count": 3, "org.registered_enhetsregisteret": True,
               "org.org_number": "974760673", "board": BOARD}
    md = render_markdown(demo_content, spec(demo_content), answers, TODAY).markdown
    assert "Budsjett: ________" in md


def test_money_is_formatted_in_norwegian(demo_content):
    answers = {"org.name": "X", "org.members_count": 30, "org.registered_enhetsregisteret": True,
               "org.org_number": "974760673", "demo.budget": 125000, "board": BOARD}
    md = render_markdown(demo_content, spec(demo_content), answers, TODAY).markdown
    assert "Budsjett: 125\u00a0000\u00a0kr" in md


def test_sandbox_blocks_attribute_escapes(tmp_path):
    (tmp_path / "evil.md.j2").write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    env = make_environment(tmp_path)
    with pytest.raises(SecurityError):
        env.get_template("evil.md.j2").render()


def test_sandbox_is_immutable(tmp_path):
    (tmp_path / "m.md.j2").write_text("{{ board.append(1) }}", encoding="utf-8")
    env = make_environment(tmp_path)
    with pytest.raises(SecurityError):
        env.get_template("m.md.j2").render(board=[])


def test_plain_text_keeps_headings_lists_and_tables(demo_content):
    answers = {"org.name": "X", "org.members_count": 3, "org.registered_enhetsregisteret": True,
               "org.org_number": "974760673", "board": BOARD}
    txt = to_text(render_markdown(demo_content, spec(demo_content), answers, TODAY))
    assert txt.startswith("Dokument for X\n==============\n")
    assert "- Amina Ali (styreleder)" in txt
    assert "#" not in txt.splitlines()[0]


def test_norwegian_phone_numbers_are_grouped_as_people_write_them():
    from assistant.render.templates import phone_nb

    assert phone_nb("+4791234567") == "+47 912 34 567"
    assert phone_nb("91234567") == "912 34 567"  # typed without the country code
    assert phone_nb("+46701234567") == "+46701234567"  # not Norwegian: as given
    assert phone_nb("") != ""  # the blank to fill in by hand
