"""Content texts may name a profile key in braces ("{org.first_apply_year}"), which the grant
finder fills by name. A translation may keep such a key; it may not add one the source lacks,
and attribute walks stay refused."""

from assistant.i18n.safeformat import format_problem

SOURCE = "The first year you can apply is {org.first_apply_year}."


def test_a_translation_may_keep_the_profile_key_of_its_source():
    assert format_problem("Det første året dere kan søke, er {org.first_apply_year}.", SOURCE) is None


def test_a_translation_may_not_add_a_profile_key():
    assert format_problem("{org.name} kan søke i {org.first_apply_year}.", SOURCE) is not None


def test_attribute_walks_are_still_refused():
    assert format_problem("{value.__class__.__mro__}", "{value}") is not None
    assert format_problem("{org.__class__}", "{org.__class__}") is not None
