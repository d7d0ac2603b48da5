"""The direct DOCX writer (assistant/render/ooxml.py) gives the documents python-docx built:
every document of every example organisation, read back with python-docx, has the same
paragraphs, styles, runs, tables, page and properties as the old python-docx writer's."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from assistant.content.loader import load_content
from assistant.content.models import DocumentStep
from assistant.profile import flatten
from assistant.render import DocumentRefused, render_markdown, write_document

from .docx_reference import build

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def content():
    return load_content(check=False)


def _organisations(content) -> dict[str, dict]:
    known = set(content.known_keys())
    out = {p.stem: flatten(json.loads(p.read_text(encoding="utf-8")), known=known)
           for p in sorted((ROOT / "content" / "examples").glob("*.json"))}
    grants: dict = {}
    for p in sorted((ROOT / "grants" / "examples").glob("*.json"), key=lambda p: p.stem == "homework_application"):
        grants |= flatten(json.loads(p.read_text(encoding="utf-8")), known=known)
    out["grant_examples"] = grants | {"grant.scheme": "municipal_activity"}
    return out


def _read(path: Path) -> dict:
    d = docx.Document(str(path))
    blocks = []
    for el in d.element.body.iterchildren():
        if el.tag == W + "p":
            p = docx.text.paragraph.Paragraph(el, d)
            blocks.append(("p", p.style.name, p.text,
                           [(r.text, bool(r.bold), bool(r.italic)) for r in p.runs if r.text]))
        elif el.tag == W + "tbl":
            t = docx.table.Table(el, d)
            blocks.append(("table", t.style.name, [[c.text for c in row.cells] for row in t.rows],
                           [bool(r.bold) for c in t.rows[0].cells for r in c.paragraphs[0].runs if r.text],
                           [col.width for col in t.columns]))
    props = d.core_properties
    normal = d.styles["Normal"].font
    return {"blocks": blocks,
            "sections": [(s.page_width, s.page_height, s.left_margin, s.right_margin, s.top_margin,
                          s.bottom_margin, s.header_distance, s.orientation) for s in d.sections],
            "props": (props.title, props.subject, props.author, props.last_modified_by, props.comments,
                      props.keywords, props.language, props.revision, props.created, props.modified,
                      props.category),
            "normal": (normal.name, normal.size),
            "styles": sorted(s.name for s in d.styles)}


def _body_xml(path: Path) -> bytes:
    """word/document.xml's body, without what only serialisation differs in: empty run
    properties, runs with nothing in them, xml:space."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    for rpr in root.iter(W + "rPr"):
        if len(rpr) == 0:
            rpr.getparent().remove(rpr)
    for r in list(root.iter(W + "r")):
        if all(child.tag == W + "rPr" for child in r):  # no text, break or tab
            r.getparent().remove(r)
    for t in root.iter(W + "t"):
        t.attrib.pop("{http://www.w3.org/XML/1998/namespace}space", None)
    body = root.find(W + "body")
    return etree.tostring(body, method="c14n")


def test_every_example_document_is_what_python_docx_built(content, tmp_path):
    specs = [spec for flow in content.sorted_flows() for step in flow.steps
             if isinstance(step, DocumentStep) for spec in step.documents]
    compared = 0
    for org, answers in _organisations(content).items():
        for spec in specs:
            try:
                doc = render_markdown(content, spec, answers, TODAY)
            except DocumentRefused:
                continue
            out = tmp_path / org
            [new] = [p for p in write_document(doc, out, ("docx",)) if p.suffix == ".docx"]
            old = out / f"{spec.filename}.old.docx"
            build(doc).save(str(old))
            assert zipfile.ZipFile(new).testzip() is None
            where = f"{org}/{spec.filename}"
            assert _read(new) == _read(old), where
            assert _body_xml(new) == _body_xml(old), where
            compared += 1
    assert compared >= 40


def test_user_text_is_escaped_text(tmp_path):
    from assistant.render.docx import body
    from assistant.render import ooxml

    xml = body('# A <b> & "c"\n\nTab\there **bold &amp;** `{{ x }}`\n\n| a | b |\n|---|---|\n| <i> | & |\n')
    path = tmp_path / "x.docx"
    path.write_bytes(ooxml.package(xml, "T <&>", "Org & co"))
    d = docx.Document(str(path))
    assert [p.text for p in d.paragraphs][:2] == ['A <b> & "c"', "Tab\there bold & {{ x }}"]  # Markdown reads &amp; as &
    assert d.tables[0].cell(1, 0).text == "<i>" and d.tables[0].cell(1, 1).text == "&"
    assert d.core_properties.title == "T <&>" and d.core_properties.author == "Org & co"
