"""A whole journey in Arabic (right to left) and in Tigrinya (Ethiopic script) in plain mode:
code and content strings in the user's language, choice values stay codes, the document stays
Norwegian. The content is a small flow in tests/i18n/content, translated here."""

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from assistant import paths
from assistant.content.loader import load_content
from assistant.i18n import bidi, get_translator
from assistant.i18n.extract import read_catalog, update_all, write_catalog
from assistant.plain import PlainUI
from assistant.store import Store
from tests.feed import feeder

HERE = Path(__file__).parent
CONTENT = {
    "ar": {
        "stiftelse/title": "تأسيس المنظمة",
        "stiftelse/summary": "الاسم والأعضاء ومجلس الإدارة والمحضر.",
        "stiftelse/intro/text": "تقررون بدء المنظمة في اجتماع التأسيس.",
        "stiftelse/name/prompt": "ما اسم المنظمة؟",
        "stiftelse/name/help": "الاسم الذي سيعرفكم به الناس.",
        "stiftelse/members/prompt": "كم عضوًا لديكم؟",
        "stiftelse/members/help": "عُدّوا الأشخاص الذين انضموا.",
        "stiftelse/registered/prompt": "هل المنظمة مسجلة؟",
        "stiftelse/registered/help": "في سجل الكيانات (Enhetsregisteret).",
        "stiftelse/board/prompt": "من أعضاء مجلس الإدارة؟",
        "stiftelse/board/help": "اكتب كل شخص، ثم اختر الدور.",
        "stiftelse/board/roles/chair": "رئيس المجلس",
        "stiftelse/board/roles/member": "عضو المجلس",
        "stiftelse/review/title": "راجع إجاباتك",
        "stiftelse/doc/title": "محضرك",
        "stiftelse/doc/documents/protokoll": "محضر اجتماع التأسيس",
        "term/vedtekter/name": "النظام الأساسي",
        "term/vedtekter/explanation": "قواعد المنظمة.",
    },
    "ti": {
        "stiftelse/title": "ማሕበር ምምስራት",
        "stiftelse/summary": "ስም፣ ኣባላት፣ ቦርድን ቃለ-ጉባኤን።",
        "stiftelse/intro/text": "ኣብ ኣኼባ ምምስራት ነቲ ማሕበር ክትጅምርዎ ትውስኑ።",
        "stiftelse/name/prompt": "ስም እቲ ማሕበር እንታይ እዩ?",
        "stiftelse/name/help": "ሰባት ዝፈልጡኹም ስም።",
        "stiftelse/members/prompt": "ክንደይ ኣባላት ኣለዉኹም?",
        "stiftelse/members/help": "ዝተጸንበሩ ሰባት ቁጸሩ።",
        "stiftelse/registered/prompt": "እቲ ማሕበር ተመዝጊቡ ድዩ?",
        "stiftelse/registered/help": "ኣብ Enhetsregisteret።",
        "stiftelse/board/prompt": "ኣብ ቦርድ መን ኣሎ?",
        "stiftelse/board/help": "ነፍሲ ወከፍ ሰብ ጽሓፍ፣ ድሕሪኡ ግደ ምረጽ።",
        "stiftelse/board/roles/chair": "ኣቦ መንበር",
        "stiftelse/board/roles/member": "ኣባል ቦርድ",
        "stiftelse/review/title": "መልስታትካ ኣረጋግጽ",
        "stiftelse/doc/title": "ቃለ-ጉባኤኹም",
        "stiftelse/doc/documents/protokoll": "ቃለ-ጉባኤ ኣኼባ ምምስራት",
        "term/vedtekter/name": "ሕጊ ማሕበር",
        "term/vedtekter/explanation": "ሕግታት እቲ ማሕበር።",
    },
}
ANSWERS = {
    "ar": ["", "جمعية الجالية السورية في درامن", "1", "١٢", "1", "أمينة علي", "1", "هدى يوسف", "2", "", "", ""],
    "ti": ["", "ማሕበር ኤርትራውያን ድራመን", "12", "1", "ኣማኒኤል ተስፋይ", "1", "ሰላም ገብሩ", "2", "", "", ""],
}


@pytest.fixture(scope="module")
def content():
    c = load_content(HERE / "content")
    assert c.problems == []
    return c


@pytest.fixture
def locales(tmp_path):
    """The shipped code catalogs plus this flow's content, translated."""
    out = tmp_path / "locales"
    for loc in ("ar", "ti"):
        (out / loc / "LC_MESSAGES").mkdir(parents=True)
        shutil.copy(paths.locales_dir() / loc / "LC_MESSAGES" / "veiviser.po", out / loc / "LC_MESSAGES")
    update_all(out, HERE / "content", domains=["content"], only=["ar", "ti"], new_locales=["ar", "ti"])
    for loc, texts in CONTENT.items():
        po = out / loc / "LC_MESSAGES" / "content.po"
        cat = read_catalog(po)
        for m in cat:
            if m.context in texts:
                m.string = texts[m.context]
        write_catalog(cat, po, omit_header=False)
    return out


def journey(content, locales, tmp_path, locale, mode):
    t = get_translator(locale, locales)
    fake_input = feeder(ANSWERS[locale])

    out = io.StringIO()
    with Store(tmp_path / f"data-{mode}") as store:
        sid = store.create_session("test", locale)
        ui = PlainUI(content, store, t, input_fn=fake_input, out=out, out_dir=tmp_path / f"docs-{mode}",
                     today=dt.date(2026, 11, 22), display=bidi.displayer(locale, mode, 200))
        assert ui.run(session_id=sid, flow_id="stiftelse") == 0
        answers = store.answers(sid)
    return t, out.getvalue(), answers


@pytest.mark.parametrize("locale", ["ar", "ti"])
def test_a_whole_journey_in_the_users_language(content, locales, tmp_path, locale):
    t, text, answers = journey(content, locales, tmp_path, locale, "off")
    texts = CONTENT[locale]
    for ctx in ("stiftelse/intro/text", "stiftelse/name/prompt", "stiftelse/board/prompt",
                "stiftelse/board/roles/chair", "stiftelse/doc/documents/protokoll"):
        assert texts[ctx] in text, ctx
    # key terms: the user's word with the Norwegian original beside it
    assert f"{texts['term/vedtekter/name']} (vedtekter)" in text
    # code strings in the user's language, and the polite notice
    assert t.gettext("This translation has not yet been checked by a native speaker.") in text
    assert t.format("You have finished: {flow}.", flow=texts["stiftelse/title"]) in text
    assert "Welcome to Veiviser" not in text and "Press Enter" not in text
    # values stay language-neutral: numbers, booleans, role codes
    assert answers["org.members_count"] == 12
    assert answers["org.registered_enhetsregisteret"] is True
    assert [p["role"] for p in answers["board"]] == ["chair", "member"]
    # the document is Norwegian, with the names as typed
    md = (tmp_path / "docs-off" / "protokoll.md").read_text(encoding="utf-8")
    assert md.startswith(f"# Protokoll fra stiftelsesmøte i {answers['org.name']}")
    assert "Foreningen har 12 medlemmer." in md and "(styreleder)" in md
    html = next((tmp_path / "docs-off").glob("protokoll.htm*"), None)
    if html is not None:
        assert '<html lang="nb" dir="ltr">' in html.read_text(encoding="utf-8")


def test_arabic_is_shaped_and_reordered_for_the_terminal(content, locales, tmp_path):
    t, text, _ = journey(content, locales, tmp_path, "ar", "app")
    prompt = CONTENT["ar"]["stiftelse/name/prompt"]
    assert prompt not in text  # not in logical order…
    assert bidi.display(prompt, "app") in text  # …but shaped and in visual order
    assert any("\ufe70" <= c <= "\ufeff" for c in text)  # joined letter forms
    assert "\u202e" not in text and "\u200f" not in text  # no direction marks left behind


def test_tigrinya_needs_no_reordering(content, locales, tmp_path):
    _, off, _ = journey(content, locales, tmp_path, "ti", "off")
    _, app, _ = journey(content, locales, tmp_path, "ti", "app")
    assert off.replace("docs-off", "docs-app") == app
