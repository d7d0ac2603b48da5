"""Language detection: suggest a UI language, and check that answers for Norwegian documents are
Norwegian.

It only *suggests*: the user always confirms. The rules, in order:

1. Fewer than :data:`MIN_WORDS` words → no verdict. Short answers are where detectors fail ("Ja,
   takk" came out as Finnish), and a wrong guess is worse than none.
2. The script decides first. Ethiopic → Tigrinya (langdetect has no Tigrinya); Amharic, which
   shares the script, is told apart by its own prefixes, words and letters, and rejected.
   Arabic script: letters only Urdu has (ے ں ٹ ڈ ڑ ہ ھ) → Urdu, only Sorani has (ێ ۆ ە ڕ ڵ) →
   Kurdish, Arabic's (ة ي ك ى) without Persian's (پ چ ژ گ ی ک) → Arabic; Persian letters →
   Persian or Urdu, told apart by ه and the commonest small words. Cyrillic: і ї є ґ →
   Ukrainian, ы э ъ ё → Russian. Tamil script → Tamil (no other language Veiviser meets writes
   it). Any other script (Chinese …) → unknown.
3. Otherwise langdetect, seeded (deterministic) and restricted per script to the supported
   languages plus the neighbours it must be able to reject (:data:`MODELS`). Norwegian, Danish
   and Swedish are settled by telling words and letters (ä/ö, æ/ø); a Latin-script text with
   letters the language does not use (Kurmanji's ê û î ş as "Somali") is rejected. A verdict
   needs :data:`MIN_CONFIDENCE`.

langdetect is imported only inside the functions here (it takes a noticeable time and memory to
load), and only the profiles needed are loaded, once, on first use. ``bench/detect_accuracy.py``
measures all of this on the UDHR texts in ``shared/testdata/udhr``.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import Counter
from dataclasses import dataclass
from collections.abc import Iterable

from assistant.i18n.catalog import N_

# UI locales offered; langdetect has no "nb" profile but "no" (Bokmål-based), and no Tigrinya.
SUPPORTED = ("nb", "en", "ar", "so", "ti", "uk", "pl", "fa", "ur", "ta", "tr")

# Fewer words than this: no verdict. From bench/detect_accuracy.py --raw: at 2 words 2 % of the
# supported languages' pieces get a wrong locale and 16 % of other languages' get one; at 3
# words 0 % and 11 %, at 5 words 0 % and 6 %.
MIN_WORDS = 3
# langdetect's probability for the winner must reach this.
MIN_CONFIDENCE = 0.80
# is_norwegian says False only when it is this sure the text is another language.
NOT_NORWEGIAN_CONFIDENCE = 0.90

# langdetect profiles per script: supported languages first, then the ones to recognise and reject.
MODELS: dict[str, tuple[str, ...]] = {
    "latin": ("no", "en", "so", "pl", "da", "sv", "de", "fr", "es", "tr", "lt", "vi"),
    "arabic": ("ar", "fa", "ur"),
    "cyrillic": ("uk", "ru"),
}
# langdetect code -> our locale code
FROM_LANGDETECT = {"no": "nb"}

# Messages the front ends show around a suggestion (here so they are extracted and translated).
CONFIRM_LANGUAGE = N_("It looks like you write in {language}. Do you want to use Veiviser in "
                      "{language}?")
NOT_NORWEGIAN = N_("This answer goes into a Norwegian document, but it does not look like "
                   "Norwegian. You can keep it, or write it in Norwegian.")


@dataclass(frozen=True)
class Suggestion:
    """A suggested locale (``None``: unknown, do not guess) and how sure we are (0 to 1).

    ``language`` is the best guess even when it is not a supported locale ("da", "ur", "am"),
    for messages and for :func:`is_norwegian`.
    """

    locale: str | None
    confidence: float
    language: str | None = None

    def __str__(self) -> str:
        return f"{self.locale or 'unknown'} {self.confidence:.2f}"


# --- scripts -------------------------------------------------------------------------------------

def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o <= 0x1EFF:
        return "latin"
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF or 0xFB50 <= o <= 0xFDFF \
            or 0xFE70 <= o <= 0xFEFF:
        return "arabic"
    if 0x0400 <= o <= 0x052F:
        return "cyrillic"
    if 0x1200 <= o <= 0x139F or 0x2D80 <= o <= 0x2DDF or 0xAB00 <= o <= 0xAB2F:
        return "ethiopic"
    if 0x0B80 <= o <= 0x0BFF:
        return "tamil"
    return "other"


def scripts(text: str) -> Counter:
    """Letters per script: Counter({"latin": 12, "arabic": 3})."""
    return Counter(s for s in map(_script, text) if s)


# Words are separated by spaces, and in Ethiopic also by the wordspace "፡" (U+1361).
_WORD_SPLIT = re.compile(r"[\s\u1361-\u1368]+")
_URL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")


def words(text: str) -> list[str]:
    """The words of ``text`` that contain a letter (numbers, e-mail addresses and URLs don't count)."""
    text = _URL.sub(" ", text)
    return [w for w in _WORD_SPLIT.split(text) if any(_script(c) for c in w)]


ARABIC_LETTERS = {
    # Letters only (or almost only) one language of the Arabic script uses.
    "ur": set("ٹڈڑںےۓہھ"),
    "ckb": set("ێۆەڕڵ"),
    "fa": set("پچژگیک"),  # Urdu uses these too
    "ar": set("ةيكى"),  # Persian and Urdu write ی and ک instead
}

# Amharic and Tigrinya share the Ethiopic script. Amharic: prefixes በ (in) የ (of) ለ (for), the
# suffix ና (and), ነው (is), and the letter ች (plural -och); Tigrinya: prefixes ብ (by) ዝ (that)
# ን (for) ኣ, words like እዩ (is) ናይ (of) ኣብ (in) ምስ (with), and its own letters ኣ, ቐ…, ዃ.
AMHARIC_PREFIXES, AMHARIC_WORDS = ("በ", "የ", "ለ"), frozenset(("ነው", "ናቸው", "እና", "ወይም", "ይህ"))
TIGRINYA_PREFIXES = ("ብ", "ዝ", "ን", "ኣ")
TIGRINYA_WORDS = frozenset(("እዩ", "ኢዩ", "ናይ", "ኣብ", "ምስ", "ከም", "ወይ", "እዚ"))
TIGRINYA_LETTERS = "ኣቐቑቒቓቔቕቖዃ"


def _ethiopic(text: str, ws: list[str]) -> tuple[str, float]:
    """Tigrinya unless the text shows more Amharic features than Tigrinya ones."""
    am = sum(w.startswith(AMHARIC_PREFIXES) or w.endswith("ና") or w in AMHARIC_WORDS for w in ws)
    am += text.count("ች")
    ti = sum(w.startswith(TIGRINYA_PREFIXES) or w in TIGRINYA_WORDS for w in ws)
    ti += sum(text.count(c) for c in TIGRINYA_LETTERS)
    if am > ti:
        return "am", min(0.99, 0.6 + 0.1 * (am - ti))
    return "ti", min(0.99, 0.9 + 0.03 * (ti - am))


# Persian against Urdu when neither has its own letters: Persian writes ه where Urdu writes ہ or ھ,
# and their commonest small words differ.
PERSIAN_WORDS = frozenset("و از به با را است این در می برای".split())
URDU_WORDS = frozenset("اور کے کی کا میں سے کو پر نے بھی".split())


def _arabic(text: str) -> tuple[str, float] | None:
    """Decide by letters and small words when they are decisive; else None (langdetect decides)."""
    found = {lang: sum(text.count(c) for c in letters) for lang, letters in ARABIC_LETTERS.items()}
    if found["ur"]:
        return "ur", 0.99
    if found["ckb"]:
        return "ckb", 0.99
    if found["ar"] and not found["fa"]:
        return "ar", 0.99
    if found["fa"]:  # Persian, or Urdu without its own letters
        ws = words(text)
        fa = text.count("ه") + text.count("ۀ") + sum(w in PERSIAN_WORDS for w in ws)
        ur = sum(w in URDU_WORDS for w in ws)
        if fa != ur:
            return ("fa", 0.95) if fa > ur else ("ur", 0.95)
        ranked = [(lang, p) for lang, p in _langdetect(text, "arabic") if lang in ("fa", "ur")]
        total = sum(p for _, p in ranked)
        if total:
            if ranked[0][0] == "ur" and not ur:
                # Urdu nearly always shows a letter or small word of its own; langdetect's "ur"
                # without one is mostly Persian (bench/detect_accuracy.py): no verdict.
                return "ur", 0.5
            return ranked[0][0], ranked[0][1] / total
    return None


# Norwegian, Danish and Swedish are too close for langdetect on a few words, and langdetect has no
# Nynorsk. When it says one of the three, common words that differ (and ä/ö against æ/ø) settle
# it; when nothing does, Danish-looking text is taken as Norwegian: Veiviser is used in Norway.
SCANDINAVIAN_WORDS = {
    "nb": frozenset("""meg deg seg noen noe annet etter hva ble mye mellom gjennom gjøre hjelpe uke
        språk kvinner menn møte foreldre vår våre oss nå tilbake penger rett mot uten like annen
        blir bli gi ta slik""".split()),
    "nn": frozenset("""ikkje eg kva korleis kven kvar kvifor vere berre frå mykje heile dei noko
        nokon ho hennar dykk seier gjer korkje eitt anna sjølv fleire einkvar fridom""".split()),
    "da": frozenset("""mig dig sig nogen noget andet efter hvad blev af meget mellem gennem gøre
        hjælpe uge sprog kvinder mænd møde forældre vor vore os ud op nu tilbage penge ret mod uden
        lige anden bliver blive give tage sådan""".split()),
    "sv": frozenset("och inte är att jag också varje från någon något skall hon mycket".split()),
}
_PUNCT = ".,;:!?»«\"'()"


def _scandinavian_scores(text: str) -> dict[str, int]:
    """Telling words per language (and letters: ä/ö are never Norwegian or Danish, æ/ø never
    Swedish); the endings -het/-sjon (nb) and -hed/-tion (da) count too."""
    count = dict.fromkeys(SCANDINAVIAN_WORDS, 0)
    for w in words(text):
        w = w.strip(_PUNCT).lower()
        for lang, known in SCANDINAVIAN_WORDS.items():
            count[lang] += w in known
        count["nb"] += w.endswith(("het", "heten", "heter", "sjon", "sjonen", "sjoner"))
        count["da"] += w.endswith(("hed", "heden", "heder", "tion", "tionen", "tioner"))
    low = text.lower()
    if "æ" in low or "ø" in low:
        count["sv"] = -1
    elif "ä" in low or "ö" in low:
        count["sv"] += 10
    return count


def _scandinavian(text: str, ranked: list[tuple[str, float]]) -> tuple[str, float]:
    """Bokmål, Nynorsk, Danish or Swedish, for a text langdetect put in one of nb/da/sv: the
    language with most telling words, ties broken by langdetect's order. Danish-looking text with
    no telling word is taken as Norwegian."""
    count = _scandinavian_scores(text)
    score = {"nb": count["nb"] + count["nn"], "da": count["da"], "sv": count["sv"]}
    top = max(score.values())
    best = next(lang for lang, _ in ranked if score.get(lang) == top)
    if best == "da" and top == 0:
        best = "nb"
    if best == "nb" and count["nn"] > count["nb"]:
        best = "nn"
    probs = dict(ranked)
    return best, probs.get("nb", 0.0) + probs.get("da", 0.0) + probs.get("sv", 0.0)


# --- langdetect, loaded lazily -------------------------------------------------------------------

_lock = threading.Lock()


@functools.cache
def _factory(script: str):
    """A seeded langdetect factory with only the profiles this script needs."""
    import os

    from langdetect import detector_factory
    from langdetect.detector_factory import DetectorFactory

    DetectorFactory.seed = 0
    factory = DetectorFactory()
    factory.seed = 0
    profiles = []
    for lang in MODELS[script]:
        with open(os.path.join(detector_factory.PROFILES_DIRECTORY, lang), encoding="utf-8") as fh:
            profiles.append(fh.read())
    factory.load_json_profile(profiles)
    return factory


def _langdetect(text: str, script: str) -> list[tuple[str, float]]:
    """(language, probability) best first, over the script's model; [] when it cannot tell."""
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:  # building the factory once; a detector is cheap, one per call
        factory = _factory(script)
    detector = factory.create()
    detector.append(text)
    try:
        detector.get_probabilities()
    except LangDetectException:
        return []
    probs = sorted(zip(detector.langlist, detector.langprob), key=lambda lp: -lp[1])
    return [(FROM_LANGDETECT.get(lang, lang), p) for lang, p in probs]


def warm_up() -> None:
    """Load the profiles now (e.g. in a background thread), so the first suggestion is quick."""
    for script in MODELS:
        with _lock:
            _factory(script)


# --- the public functions ------------------------------------------------------------------------

def guess(text: str) -> tuple[str | None, float]:
    """The most likely language of ``text`` (any language we can tell, supported or not) and its
    probability. No word threshold: callers decide what to do with short texts."""
    letters = scripts(text)
    if not letters:
        return None, 0.0
    script, _ = letters.most_common(1)[0]
    if script == "ethiopic":
        return _ethiopic(text, words(text))
    if script == "other":
        return None, 0.0
    if script == "tamil":
        return "ta", 0.99
    if script == "arabic":
        decided = _arabic(text)
        if decided:
            return decided
    if script == "cyrillic":
        if any(c in text for c in "іїєґІЇЄҐ"):
            return "uk", 0.99
        if any(c in text for c in "ыэъёЫЭЪЁ"):
            return "ru", 0.99
    ranked = _langdetect(text, script)
    if not ranked:
        return None, 0.0
    best, p = ranked[0]
    if script == "latin" and best in ("nb", "da", "sv"):
        best, p = _scandinavian(text, ranked)
    if script == "latin" and not _alphabet_ok(best, text):
        return None, 0.0
    return best, p


# Letters beyond a-z that each Latin-script language may use. A text with others (Kurmanji's ê î û
# ş, say) is not in that language, whatever langdetect thinks; a few loan letters are allowed.
ALPHABETS = {
    "en": "éèïç", "so": "", "pl": "ąćęłńóśźż", "nb": "æøåéèêóòôüà", "nn": "æøåéèêóòôüà",
    "da": "æøåéü", "sv": "åäöéü", "tr": "çğıöşüâîû",  # no ê: Kurmanji, which langdetect calls Turkish
}


def _alphabet_ok(language: str, text: str) -> bool:
    allowed = ALPHABETS.get(language)
    if allowed is None:
        return True
    letters = [c for c in text.lower() if c.isalpha()]
    foreign = sum(not ("a" <= c <= "z" or c in allowed) for c in letters)
    return foreign <= 0.02 * len(letters)


# A language we do not offer, whose writers are best served by one we do.
NEIGHBOUR = {"nn": "nb"}


def _pick(language: str | None, confidence: float, candidates: tuple[str, ...]) -> Suggestion:
    """Map a language to a candidate locale ("fa" -> "fa_AF" when only that is offered)."""
    conf = round(confidence, 2)
    if language is None or confidence < MIN_CONFIDENCE:
        return Suggestion(None, conf, language)
    for lang in (language, NEIGHBOUR.get(language)):
        if lang in candidates:
            return Suggestion(lang, conf, language)
        for cand in candidates:
            if lang and cand.split("_")[0] == lang:
                return Suggestion(cand, conf, language)
    return Suggestion(None, conf, language)


def suggest(text: str, candidates: Iterable[str] | None = None) -> Suggestion:
    """Suggest a UI locale for ``text`` from ``candidates`` (default: :data:`SUPPORTED`).

    ``Suggestion(None, …)`` means "unknown": too few words, a language we do not offer, or not
    sure enough. The user confirms any suggestion.
    """
    cands = tuple(candidates) if candidates is not None else SUPPORTED
    if len(words(text)) < MIN_WORDS:
        return Suggestion(None, 0.0)
    return _pick(*guess(text), cands)


def is_norwegian(text: str) -> bool | None:
    """Is this free-text answer Norwegian (Bokmål or Nynorsk)? ``None``: no verdict (too few words,
    or not sure). ``False`` only when quite sure, so a Norwegian writer is rarely told otherwise."""
    ws = words(text)
    if len(ws) < MIN_WORDS:
        return None
    letters = scripts(text)
    script, count = letters.most_common(1)[0]
    if script != "latin":
        return False if count > 0.8 * sum(letters.values()) else None
    language, confidence = guess(text)
    if language in ("nb", "nn"):
        return True if confidence >= MIN_CONFIDENCE else None
    if language is None or confidence < NOT_NORWEGIAN_CONFIDENCE:
        return None
    if language in ("da", "sv") and _scandinavian_scores(text)[language] <= 0:
        return None  # Danish or Swedish only by langdetect's word: too close to call
    return False


def language_prompt(suggestion: Suggestion) -> str | None:
    """The question to confirm a suggestion, in the suggested language ("… use Veiviser in
    Soomaali?"), or None when there is nothing to suggest."""
    if suggestion.locale is None:
        return None
    from assistant.i18n.catalog import get_translator
    from assistant.i18n.format import language_name

    t = get_translator(suggestion.locale)
    return t.format(CONFIRM_LANGUAGE, language=language_name(suggestion.locale))
