"""The document caches (one Jinja environment per templates folder, the Markdown parser, the
DOCX style look-ups, the language verdict of a grant section) never serve stale text: an edited
template is used at the next render, and each DOCX still gets its styles."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

from assistant.content.loader import load_content
from assistant.render import render_markdown, write_document

HERE = Path(__file__).parent
TODAY = dt.date(2026, 11, 22)
ANSWERS = {"org.name": "Fjell leksehjelp", "org.members_count": 3, "org.registered_enhetsregisteret": True,
           "org.org_number": "974760673", "board": [{"name": "Amina Ali", "role": "chair"}]}


def _copy(tmp_path: Path):
    shutil.copytree(HERE / "content", tmp_path / "content")
    content = load_content(tmp_path / "content")
    assert content.problems == []
    spec = content.flows["demo"].step("doc").documents[0]
    return content, spec, content.templates_dir / f"{spec.template}.md.j2"


def test_an_edited_template_is_used_at_the_next_render(tmp_path):
    content, spec, template = _copy(tmp_path)
    first = render_markdown(content, spec, ANSWERS, TODAY).markdown
    assert "Fjell leksehjelp" in first
    original = template.read_text(encoding="utf-8")
    # two edits straight after each other: a modification time may not tell them apart
    for n in range(3):
        template.write_text(original + f"\nEndret {n}: {{{{ org.name }}}}\n", encoding="utf-8")
        assert f"Endret {n}: Fjell leksehjelp" in render_markdown(content, spec, ANSWERS, TODAY).markdown
    template.write_text(original, encoding="utf-8")
    assert render_markdown(content, spec, ANSWERS, TODAY).markdown == first


def test_two_content_folders_do_not_share_templates(tmp_path):
    a, spec_a, template_a = _copy(tmp_path / "a")
    b, spec_b, _ = _copy(tmp_path / "b")
    template_a.write_text("# Bare A {{ org.name }}\n", encoding="utf-8")
    assert render_markdown(a, spec_a, ANSWERS, TODAY).markdown == "# Bare A Fjell leksehjelp\n"
    assert "Bare A" not in render_markdown(b, spec_b, ANSWERS, TODAY).markdown


def test_every_docx_has_its_styles(tmp_path):
    content, spec, template = _copy(tmp_path)
    template.write_text("# Tittel\n\n- punkt {{ org.name }}\n  - under\n\n> sitat\n\nVanlig\n", encoding="utf-8")
    for n in range(2):
        out = tmp_path / f"out{n}"
        [path] = write_document(render_markdown(content, spec, ANSWERS, TODAY), out, ("docx",))
        xml = zipfile.ZipFile(path).read("word/document.xml").decode()
        for style in ('w:val="Title"', 'w:val="ListBullet"', 'w:val="ListBullet2"', 'w:val="Quote"'):
            assert style in xml, (n, style)
        assert "punkt Fjell leksehjelp" in xml


def test_a_template_replaced_with_the_same_modification_time_is_seen(tmp_path):
    """``cp -p``, an archive or a sync tool can put a new text under the old time stamp."""
    import os

    content, spec, template = _copy(tmp_path)
    before = template.stat()
    assert "Fjell leksehjelp" in render_markdown(content, spec, ANSWERS, TODAY).markdown
    template.write_text("# Ny mal for {{ org.name }}\n", encoding="utf-8")
    os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert render_markdown(content, spec, ANSWERS, TODAY).markdown == "# Ny mal for Fjell leksehjelp\n"
