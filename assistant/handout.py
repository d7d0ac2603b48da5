"""``veiviser sessions handout ID --out F.html``: a printable page (A4) of one organisation's
roadmap and next steps, in its language with the Norwegian beside it, to take home from a
workshop. One self-contained HTML file: print CSS, no scripts, no fonts, images or links to load.
Right-to-left languages (ar, fa, ur) get ``dir="rtl"`` on the page and on their column.

Everything shown is escaped: an organisation's name is text, never markup.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from assistant.i18n import N_, get_translator
from assistant.i18n.content import ContentText
from assistant.i18n.format import direction, language_name
from assistant.roadmap import status

CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #000; }
h1 { font-size: 18pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid #444; }
table { width: 100%; border-collapse: collapse; }
td, th { vertical-align: top; padding: 2mm; border-bottom: 1px solid #bbb; text-align: start; }
th { font-size: 9pt; color: #333; }
td.mark { width: 14mm; font-weight: bold; white-space: nowrap; }
td.col { width: 46%; }
.state-next td { background: #eee; }
p.small, td .small { font-size: 9pt; color: #333; }
pre.local { white-space: pre-wrap; font-family: inherit; font-size: 10pt; }
tr, li { page-break-inside: avoid; }
@media print { .state-next td { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""

MARKS = {"done": "✓", "next": "→", "todo": "○"}


def _cell(lang: str, title: str, text: str = "") -> str:
    body = f"<strong>{escape(title)}</strong>"
    if text:
        body += f"<br><span class=\"small\">{escape(text)}</span>"
    return f'<td class="col" lang="{escape(lang)}" dir="{direction(lang)}">{body}</td>'


def handout(content, store, session_id: int, locales_dir=None, today: dt.date | None = None,
            locale: str | None = None) -> str:
    info = store.session(session_id)
    answers = store.answers(session_id)
    states = store.flow_states(session_id)
    code = locale or info.locale
    t = get_translator(code, locales_dir)
    nb = get_translator("nb", locales_dir)
    lang = t.locale.replace("_", "-")
    ct, nct = ContentText(t), ContentText(nb)
    today = today or dt.date.today()
    both = t.locale.split("_")[0] not in ("nb", "nn", "no")

    def two(msg: str, **kw) -> str:  # the user's language, then the Norwegian
        """A value may be a function of the locale (a date written as each language writes it)."""
        def fill(tr):
            return tr.format(msg, **{k: (v(tr.locale) if callable(v) else v) for k, v in kw.items()})

        mine = escape(fill(t))
        if not both:
            return mine
        return f'{mine}<br><span lang="nb" dir="ltr" class="small">{escape(fill(nb))}</span>'

    marks = {"done": t.gettext("done"), "next": t.gettext("next"), "todo": ""}
    rows = []
    next_flows = []
    for st in status(content, answers, states):
        cls = f"state-{st.state}"
        cells = [f'<td class="mark">{MARKS[st.state]} {escape(marks[st.state])}</td>',
                 _cell(lang, ct.stage_title(st.stage), ct.stage_summary(st.stage))]
        if both:
            cells.append(_cell("nb", nct.stage_title(st.stage), nct.stage_summary(st.stage)))
        rows.append(f'<tr class="{cls}">' + "".join(cells) + "</tr>")
        if st.state == "next":
            next_flows = [f for f in st.flows if not f.finished]
    head = ["<th></th>", f"<th>{escape(language_name(t.locale))}</th>"]
    if both:
        head.append(f"<th>{escape(language_name('nb'))}</th>")
    steps = []
    for fs in next_flows:
        flow = content.flows[fs.flow_id]
        p = fs.progress
        cells = [f'<td class="mark">{p.answered}/{p.total}</td>',
                 _cell(lang, ct.flow_title(flow), ct.flow_summary(flow))]
        if both:
            cells.append(_cell("nb", nct.flow_title(flow), nct.flow_summary(flow)))
        steps.append("<tr>" + "".join(cells) + "</tr>")
    from assistant.local import help_text

    local = help_text(content, answers, t)
    title = N_("The road for {name}")
    roadmap, next_steps, made = N_("Roadmap"), N_("Next steps"), N_("Made with Veiviser on {date}.")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}" dir="{direction(t.locale)}">',
        "<head><meta charset=\"utf-8\">",
        "<title>" + escape(t.format(title, name=info.name)) + "</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>" + two(title, name=info.name) + "</h1>",
        "<h2>" + two(roadmap) + "</h2>",
        "<table><thead><tr>" + "".join(head) + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>",
    ]
    if steps:
        parts += ["<h2>" + two(next_steps) + "</h2>",
                  "<table><tbody>" + "".join(steps) + "</tbody></table>"]
    if local:
        parts.append(f'<h2>{escape(t.gettext("Who can help you here"))}</h2><pre class="local">{escape(local)}</pre>')
    from assistant.i18n import format as F

    parts.append('<p class="small">' + two(made, date=lambda loc: F.date(today, loc)) + "</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
