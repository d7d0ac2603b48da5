"""The Word file's package, written directly: no python-docx at run time.

python-docx built each document through its object model (a style look-up by name per
paragraph, an lxml tree) and zipped the whole package again, 350 KB of styles included, for
every document: 22-36 ms a document and about 50 ms to import. Here the package's fixed parts
(styles, numbering, theme, settings, fonts...) are taken once per process from python-docx's
own default template (read as a zip file, not imported), with the changes the old writer made
to them (Normal in Calibri 11 pt), deflated once, and kept. Per document only the body
(``word/document.xml``) and the core properties are made, as the old writer made them: the
same paragraphs, styles, runs, breaks, tables and A4 page. The ZIP container is assembled here
(:func:`_zip`), so the fixed parts are not deflated again.

:mod:`assistant.render.docx` turns the Markdown into the body; the test
``tests/core/test_docx_writer.py`` reads every example document back with python-docx and
compares it with what python-docx itself builds.
"""

from __future__ import annotations

import importlib.util
import struct
import threading
import time
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# A4 with 25 mm margins, in twentieths of a point (what python-docx wrote for Mm(210) etc.)
PAGE_W, PAGE_H, MARGIN = 11906, 16838, 1417
BLOCK_EMU = (PAGE_W - 2 * MARGIN) * 635  # the width between the margins, in EMU
FONT = "Calibri"
FONT_HALF_POINTS = 22

_lock = threading.Lock()
_base: _Base | None = None


def template_path() -> Path:
    """python-docx's default template (the file, found without importing python-docx)."""
    spec = importlib.util.find_spec("docx")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("python-docx is not installed: it provides the DOCX template")
    return Path(list(spec.submodule_search_locations)[0]) / "templates" / "default.docx"


class _Base:
    """The template's parts: fixed ones deflated, the body's and core properties' frame."""

    def __init__(self, path: Path):
        with zipfile.ZipFile(path) as z:
            parts = {name: z.read(name) for name in z.namelist()}
        document = parts.pop("word/document.xml").decode("utf-8")
        core = parts.pop("docProps/core.xml").decode("utf-8")
        parts["word/styles.xml"] = _styled(parts["word/styles.xml"].decode("utf-8")).encode("utf-8")
        order = sorted(parts, key=lambda n: n != "[Content_Types].xml")  # the types first
        self.fixed = [_Entry(name, parts[name]) for name in order]
        body_at = document.index("<w:body>") + len("<w:body>")
        sect = document.index("<w:sectPr", body_at)
        self.head = document[:body_at]
        self.tail = _a4(document[sect:])
        self.core_head = core[: core.index(">", core.index("<cp:coreProperties")) + 1]
        self.created = _between(core, "<dcterms:created", "</dcterms:created>")
        self.modified = _between(core, "<dcterms:modified", "</dcterms:modified>")


def _between(text: str, start: str, end: str) -> str:
    i = text.find(start)
    return text[i: text.index(end, i) + len(end)] if i >= 0 else ""


def _styled(styles: str) -> str:
    """Normal in Calibri 11 pt, as ``style.font.name = FONT; style.font.size = Pt(11)`` made it."""
    at = styles.index('w:styleId="Normal"')
    end = styles.index("</w:style>", at)
    rpr = f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/><w:sz w:val="{FONT_HALF_POINTS}"/></w:rPr>'
    if "<w:rPr>" in styles[at:end]:
        raise RuntimeError("the template's Normal style has run properties: not the expected template")
    return styles[:end] + rpr + styles[end:]


def _a4(sect: str) -> str:
    import re

    sect = re.sub(r">\s+<", "><", sect)  # the template's indentation
    sect = re.sub(r"<w:pgSz [^>]*/>", f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>', sect, count=1)

    def margins(m: re.Match) -> str:
        tag = m.group(0)
        for side in ("top", "right", "bottom", "left"):
            tag = re.sub(rf'w:{side}="\d+"', f'w:{side}="{MARGIN}"', tag)
        return tag

    return re.sub(r"<w:pgMar [^>]*/>", margins, sect, count=1)


def base() -> _Base:
    global _base
    with _lock:
        if _base is None:
            _base = _Base(template_path())
        return _base


class _Entry:
    """One deflated member of the ZIP container."""

    __slots__ = ("name", "crc", "size", "data")

    def __init__(self, name: str, raw: bytes):
        deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
        self.name = name.encode("ascii")
        self.crc = zlib.crc32(raw)
        self.size = len(raw)
        self.data = deflate.compress(raw) + deflate.flush()


def _dos_time(t: float) -> tuple[int, int]:
    y, mo, d, h, mi, s = time.localtime(t)[:6]
    return (h << 11) | (mi << 5) | (s // 2), ((max(y, 1980) - 1980) << 9) | (mo << 5) | d


def _zip(entries: list[_Entry]) -> bytes:
    """A ZIP file of deflated entries (what zipfile writes, without deflating them again)."""
    dtime, ddate = _dos_time(time.time())
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for e in entries:
        common = struct.pack("<HHHHHIII", 20, 0, zipfile.ZIP_DEFLATED, dtime, ddate, e.crc, len(e.data), e.size)
        local = b"PK\x03\x04" + common + struct.pack("<HH", len(e.name), 0) + e.name
        central.append(b"PK\x01\x02" + struct.pack("<H", 20) + common
                       + struct.pack("<HHHHHII", len(e.name), 0, 0, 0, 0, 0, offset) + e.name)
        out += (local, e.data)
        offset += len(local) + len(e.data)
    directory = b"".join(central)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(out) + directory + end


def _core(b: _Base, title: str, author: str) -> str:
    t, a = escape(title), escape(author)
    return (f"{b.core_head}"
            f"<dc:title>{t}</dc:title><dc:subject>{t}</dc:subject><dc:creator>{a}</dc:creator>"
            f"<cp:keywords></cp:keywords><dc:description></dc:description>"
            f"<cp:lastModifiedBy>{a}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f"{b.created}{b.modified}<cp:category/><dc:language>nb-NO</dc:language></cp:coreProperties>")


def package(body: str, title: str, author: str) -> bytes:
    """The .docx file: ``body`` is the inside of ``<w:body>`` (paragraphs and tables)."""
    b = base()
    document = b.head + body + b.tail
    variable = [_Entry("word/document.xml", document.encode("utf-8")),
                _Entry("docProps/core.xml", _core(b, title, author).encode("utf-8"))]
    return _zip(b.fixed + variable)


# --- the body's pieces (text is always escaped: user answers are only ever text) ---

def run(text: str, bold: bool = False, italic: bool = False) -> str:
    """A run of text; tabs and line breaks as python-docx's ``run.text`` writes them."""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    inner: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in "\t\r\n":
            if i > start:
                inner.append(_t(text[start:i]))
            inner.append("<w:tab/>" if ch == "\t" else "<w:br/>")
            start = i + 1
    if start < len(text):
        inner.append(_t(text[start:]))
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{''.join(inner)}</w:r>"


def _t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


BREAK = "<w:r><w:br/></w:r>"


def paragraph(runs: str = "", style_id: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>' if style_id else ""
    return f"<w:p>{props}{runs}</w:p>" if (props or runs) else "<w:p/>"


def table(rows: list[list[str]], style_id: str = "TableGrid") -> str:
    """A table as ``add_table`` + ``cell.text`` made it, the first row in bold."""
    width = max(len(r) for r in rows)
    col = round((BLOCK_EMU // width) / 635)
    grid = "".join(f'<w:gridCol w:w="{col}"/>' for _ in range(width))
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{style_id}"/><w:tblW w:type="auto" w:w="0"/>'
           '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
           f'w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    for r, cells in enumerate(rows):
        out.append("<w:tr>")
        for c in range(width):
            text = cells[c] if c < len(cells) else None
            content = run(text, bold=r == 0) if text else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{col}"/></w:tcPr><w:p>{content}</w:p></w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
