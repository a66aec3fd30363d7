"""The language a course is taught in, inferred from its text when the source states none.

Precision first: a wrong non-English label hides a good course from every English reader
(the planner keeps a course of unknown language for English readers), so a language is assigned
only on clear evidence and is otherwise left unknown. Rules, in order (the first that
decides wins; each is recorded as `rule:language-from-text(<evidence>)` in
`course.provenance["language"]`):

1. Marker in the title: a language tag ending it ('Google Data Analytics (DE)'), a language
   name after a dash, bar, colon or bracket at its end or after 'in' ('... - Français',
   '... (Deutsch)', '... in Urdu / Hindi': the first one named), or a phrase ('(en español)').
   Not on language-learning titles ('Learn Spanish', 'Japanese for Beginners', 'Everyday
   Chinese Medicine'), which are taught in English.
2. Script: kana -> ja, Hangul -> ko, Thai -> th, Han -> zh, Greek, Hebrew, Devanagari; Arabic
   and Cyrillic script -> the classifier among the languages written in it (ar/fa/ur,
   ru/uk/bg/...). A Latin gloss beside it changes nothing ('初級會計學二 (Financial Accounting
   102)' is taught in Chinese).
3. A description (with outcome bullets, at least BODY_MIN characters): clearly English prose
   (English function words at least EN_RATIO of its words and another language's at most
   FOREIGN_RATIO) is English; otherwise the classifier on title and description decides,
   at CONFIDENT_FOREIGN for another language and CONFIDENT_EN for English.
4. A title alone (its trailing bracketed gloss read apart: 'Aprendiendo a aprender (Learning
   How to Learn)'): English when it has more English words ('for', 'the', 'how', 'beginners',
   ...) than cue words of any other language (its function words or letters: 'para', 'für',
   'ã'). Otherwise, when it holds cue words, the classifier chooses between English and the
   languages with the most cues; another language needs TITLE_FOREIGN (CONFIDENT_FOREIGN
   when the title also has an English word). A title with neither: the classifier among the
   catalogs' Latin-script languages, at CONFIDENT_EN for English and CONFIDENT_FOREIGN
   otherwise ('Kostenrechnung lernen leicht gemacht').
   Left unknown: 'Technical Charting', 'Android App Capstone', 'Marketing Gerencial'.

English is assigned too when clear: a course labelled English is no longer "unknown" to a
learner's language filter (the planner offers unknown-language courses only to English
readers, since what stays unknown is mostly English; engine.planner_candidates).

The classifier is py3langid (its bundled model; nothing is downloaded), loaded once on first
need (about 0.5 s: the decompression of its model file). Source skill labels are not read:
Coursera lists English skill labels on its translated courses ('Programación con Python'
has 'Python Programming')."""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

from coursestack.domain.languages import CODE_OF_NAME

LANGUAGE_RULE = "rule:language-from-text"

BODY_MIN = 200  # characters of description before it decides instead of the title
BODY_READ = 600  # characters of description read
EN_RATIO = 0.12
FOREIGN_RATIO = 0.02
CONFIDENT_FOREIGN = 0.9
CONFIDENT_EN = 0.5
TITLE_FOREIGN = 0.5

# the Latin-script languages the classifier chooses among (the catalogs' languages); the
# classifier's other languages are those of rule 2's scripts
LATIN = ("en", "es", "pt", "fr", "de", "it", "nl", "pl", "tr", "id")
ARABIC_SCRIPT = ("ar", "fa", "ur")
CYRILLIC_SCRIPT = ("ru", "uk", "bg", "sr", "mk", "kk")

_NAME = "|".join(sorted((re.escape(n) for n in CODE_OF_NAME), key=len, reverse=True))
_QUALIFIER = (
    r"(?:(?:egyptian|brazilian|european|mexican|latin american|simplified|traditional)\s+)?"
)
# tags that are language codes and nothing else at the end of a title ('(IT)' is
# information technology, '(AR)' augmented reality, '(VI)' a roman six)
_TAG_END = re.compile(r"\((DE|PT|ES|FR|JA|ZH|KO|RU)\)\s*$")
_NAME_END = re.compile(
    rf"(?:\s[-–—|:]\s*|\(\s*|\bin\s+){_QUALIFIER}({_NAME})(?:\s*[&/]\s*(?:{_NAME}))?\s*\)?\s*[.!]?\s*$",
    re.IGNORECASE,
)
_IN_NAME = re.compile(
    rf"\bin\s+{_QUALIFIER}({_NAME})(?=\s*(?:[&/,)(\]|–-]|$|\s+(?:{_NAME})\b))", re.IGNORECASE
)
_NAME_LIST = tuple(CODE_OF_NAME)  # for a cheap first pass: is any language named at all?
_PHRASE = re.compile(
    r"\b(?:en|em|auf|in)\s+(español|espanol|castellano|português|portugues|deutsch|français|"
    r"francais|italiano)\b",
    re.IGNORECASE,
)
_LEARNING = re.compile(
    rf"\b(?:learn(?:ing)?|speak(?:ing)?|study(?:ing)?|read(?:ing)?|writ(?:e|ing)|master(?:ing)?|"
    rf"first step|basic|beginning|everyday|business|medical|conversational|"
    rf"intro(?:duction)? to)\s+(?:to\s+speak\s+)?(?:{_NAME})\b|"
    rf"\b(?:{_NAME})\s+(?:language|for\b|vocabulary|grammar|conversation|lessons?|characters?|"
    rf"pronunciation|alphabet|kanji|hiragana|katakana|hsk|jlpt|topik|[0-9]|i\b|ii\b)",
    re.IGNORECASE,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# English function words and course words no other catalog language writes
_EN_WORDS = _words(
    "the and for of to with your you how from by an this that my our into using without what "
    "why is are be get on at up now all about like play beginners beginner course lessons "
    "masterclass bootcamp essentials fundamentals advanced complete learn learning mastering "
    "tutorial skills build building create creating make making development developer "
    "programming professional basics"
)
# English words counted in prose (rule 3)
_EN_PROSE = _words(
    "the and of to in for with you your is are this that will how on by an be from as it we "
    "can have learn"
)
# function words of each language that are not English words ('do', 'no', 'die', 'per', 'am'
# are left out), plus a few words of course titles
_CUES: dict[str, frozenset[str]] = {
    "es": _words(
        "de del la las el los y para con por una uno tu tus su sus mi al lo sin desde como cómo "
        "que qué más en sobre hacia todo curso aprende aprender principiantes"
    ),
    "pt": _words(
        "de da dos das em na nos nas para com um uma seu sua seus e o os ao à como sem mais "
        "pelo pela é que todo curso aprenda iniciantes"
    ),
    "fr": _words(
        "de du des la le les et pour avec en une sur dans au aux à votre vos est pas qui que"
    ),
    "de": _words(
        "der die das und mit für fur zum zur ein eine einen von wie dein deine ihr ihre sie "
        "auf den dem des ist nicht oder im"
    ),
    "it": _words("di del della dei delle il lo la le e con una uno da alla nel nella al gli"),
    "nl": _words("de het een van en voor met"),
    "id": _words("dan untuk dengan yang di ke dari"),
    "tr": _words("ve ile için bir"),
    "pl": _words("dla się jak oraz czy"),
}
_LETTERS: dict[str, frozenset[str]] = {
    "es": frozenset("ñáéíóúü¿¡"),
    "pt": frozenset("ãõçáéíóúâêôà"),
    "fr": frozenset("éèêëàâîïôûùçœ"),
    "de": frozenset("äöüß"),
    "it": frozenset("àèéìòù"),
    "tr": frozenset("çğıöşü"),
    "pl": frozenset("ąćęłńóśźż"),
}
_CUE_CODES: dict[str, tuple[str, ...]] = {}
for _code, _cues in _CUES.items():
    for _word in _cues:
        _CUE_CODES[_word] = (*_CUE_CODES.get(_word, ()), _code)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_TRAILING_GLOSS = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass(frozen=True)
class LanguageGuess:
    code: str
    evidence: str  # what decided it: "marker '(DE)'", "script kana", "classifier es 0.97 ..."

    @property
    def rule(self) -> str:
        return f"{LANGUAGE_RULE}({self.evidence})"


def guess_language(title: str, body: str = "") -> LanguageGuess | None:
    """The language of a course from its title and description, or None when unclear."""
    title = " ".join(title.split())
    found = _marker(title) or _script(title)
    if found is not None:
        return found
    body = " ".join(body[:BODY_READ].split())
    if len(body) >= BODY_MIN:
        return _script(body, share=0.3) or _from_prose(title, body)
    return _from_title(title)


# ------------------------------------------------------------------ rules 1 and 2


def _marker(title: str) -> LanguageGuess | None:
    low = title.lower()
    named = any(name in low for name in _NAME_LIST)
    if not (named or title.endswith(")")) or _LEARNING.search(title):
        return None
    if tag := _TAG_END.search(title):
        return LanguageGuess(tag.group(1).lower(), f"marker '{tag.group(0).strip()}'")
    for pattern in (_IN_NAME, _NAME_END, _PHRASE):
        if found := pattern.search(title):
            name = found.group(1)
            return LanguageGuess(CODE_OF_NAME[name.lower()], f"marker '{name}'")
    return None


# (script, its letters, letters needed, language); Arabic and Cyrillic go to the classifier
_SCRIPTS = tuple(
    (name, re.compile(f"[{chars}]+"), needed, code)
    for name, chars, needed, code in (
        ("kana", "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f", 2, "ja"),
        ("hangul", "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f", 2, "ko"),
        ("thai", "\u0e00-\u0e7f", 2, "th"),
        ("han", "\u4e00-\u9fff\u3400-\u4dbf", 2, "zh"),
        ("greek", "\u0370-\u03ff", 3, "el"),
        ("hebrew", "\u0590-\u05ff", 3, "he"),
        ("devanagari", "\u0900-\u097f", 3, "hi"),
        ("arabic", "\u0600-\u06ff\u0750-\u077f\ufb50-\ufeff", 3, ""),
        ("cyrillic", "\u0400-\u04ff", 3, ""),
    )
)
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN = re.compile("[" + "".join(pattern.pattern[1:-2] for _, pattern, _, _ in _SCRIPTS) + "]")


def _script(text: str, share: float = 0.0) -> LanguageGuess | None:
    """Language of a non-Latin script in `text` (at least `share` of its letters)."""
    if text.isascii() or not _NON_LATIN.search(text):
        return None
    letters = len(_LETTER.findall(text)) if share else 0
    for script, pattern, needed, code in _SCRIPTS:
        runs = pattern.findall(text)
        n = sum(len(run) for run in runs)
        if n < needed or n < share * letters:
            continue
        if code:
            return LanguageGuess(code, f"script {script}")
        only = " ".join(runs)
        among = ARABIC_SCRIPT if script == "arabic" else CYRILLIC_SCRIPT
        best, p = _classify(only, among)
        return LanguageGuess(best, f"script {script}, classifier {best} {p:.2f}")
    return None


# ------------------------------------------------------------------ rules 3 and 4


def _tokens(text: str) -> list[str]:
    """Lower-cased words; short all-capital words (MIT, DE, UN) are acronyms and skipped."""
    return [
        t.lower()
        for t in _TOKEN.findall(unicodedata.normalize("NFC", text))
        if not (t.isupper() and len(t) <= 3)
    ]


def _cue_counts(words: list[str]) -> dict[str, int]:
    """Per language, the words that are its function words or hold a letter it writes."""
    counts = dict.fromkeys(_CUES, 0)
    for w in words:
        hits = set(_CUE_CODES.get(w, ()))
        if not w.isascii():
            hits.update(code for code, letters in _LETTERS.items() if any(c in letters for c in w))
        if len(w) > 2 and w[:2] in ("l'", "d'", "l’", "d’"):
            hits.add("fr")
        for code in hits:
            counts[code] += 1
    return counts


def _from_prose(title: str, body: str) -> LanguageGuess | None:
    words = _tokens(body)
    english = 0
    foreign = dict.fromkeys(_CUES, 0)
    for w in words:
        english += w in _EN_PROSE
        for code in _CUE_CODES.get(w, ()):
            foreign[code] += 1
    if english >= EN_RATIO * len(words) and max(foreign.values()) <= FOREIGN_RATIO * len(words):
        return LanguageGuess("en", f"English prose {english}/{len(words)} words")
    code, p = _classify(f"{title}. {body}", LATIN)
    if p >= (CONFIDENT_EN if code == "en" else CONFIDENT_FOREIGN):
        return LanguageGuess(code, f"classifier {code} {p:.2f} on title and description")
    return None


def _from_title(title: str) -> LanguageGuess | None:
    main = _TRAILING_GLOSS.sub("", title)
    if len(main.split()) < 2:
        main = title
    words = _tokens(main)
    english = sum(w in _EN_WORDS for w in words)
    cues = _cue_counts(words)
    most = max(cues.values())
    if english > most:
        return LanguageGuess("en", f"English title words {english}, other cues {most}")
    if most:
        # the languages with the most cue words in the title, against English
        among = ("en", *(code for code, n in cues.items() if n == most))
        code, p = _classify(main, among)
        needed = TITLE_FOREIGN if not english else CONFIDENT_FOREIGN
        if code != "en" and p >= needed:
            return LanguageGuess(
                code, f"classifier {code} {p:.2f} on title, {cues[code]} cue words"
            )
        return None
    code, p = _classify(main, LATIN)
    if p >= (CONFIDENT_EN if code == "en" else CONFIDENT_FOREIGN):
        return LanguageGuess(code, f"classifier {code} {p:.2f} on title")
    return None


# ------------------------------------------------------------------ the classifier

_MODEL_LANGUAGES = (*LATIN, *ARABIC_SCRIPT, *CYRILLIC_SCRIPT)
_lock = threading.Lock()
_model: Any = None


def _identifier() -> Any:
    """py3langid's bundled model restricted to the languages above, loaded once."""
    global _model
    with _lock:
        if _model is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            model.set_languages(list(_MODEL_LANGUAGES))
            _model = model
        return _model


def _classify(text: str, among: tuple[str, ...]) -> tuple[str, float]:
    """The most probable of `among` and its probability within `among` (the model's
    normalised probabilities are a softmax, so renormalising over a subset equals
    restricting the model to it)."""
    ranked: list[tuple[str, float]] = _identifier().rank(text)
    scores = [(code, p) for code, p in ranked if code in among]
    total = sum(p for _, p in scores)
    code, p = scores[0]
    return code, (p / total if total > 0 else 0.0)
