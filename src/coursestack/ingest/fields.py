"""Field parsers for what catalog dumps really contain.

Each parser returns None for a missing value ('', 'NA', 'None', '[]', ...) and raises
`FieldError` for a value that is present but cannot be read; readers turn that into a rejected
row naming the column. Nothing here guesses: a price without a currency keeps currency None.
"""

from __future__ import annotations

import ast
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from coursestack.domain import CourseLevel, Effort, Price, PriceModel
from coursestack.domain.languages import CODE_OF_NAME, ISO_639_1
from coursestack.domain.models import WEEKS_PER_MONTH
from coursestack.domain.urls import canonical_url

__all__ = [
    "DurationRange",
    "FieldError",
    "canonical_url",
    "clean",
    "course_id_from_title",
    "course_id_from_url",
    "effort_from_range",
    "language_code",
    "normalise_title",
    "parse_amount",
    "parse_bool",
    "parse_count",
    "parse_duration_range",
    "parse_hours_per_week",
    "parse_level",
    "parse_list",
    "parse_price_text",
    "parse_rating",
    "parse_weeks",
    "repair_url",
    "slugify",
]

_MISSING = {"", "na", "n/a", "none", "null", "nan", "[]", "-", "#name?", "#n/a"}


class FieldError(ValueError):
    """A present value that cannot be parsed; the message says what was expected."""


def clean(value: object) -> str | None:
    """Stripped text, or None for the spellings of 'missing' the dumps use."""
    if value is None:
        return None
    text = str(value).replace("\ufeff", "").replace("\xa0", " ").strip()
    if text.lower() in _MISSING:
        return None
    return text


# ------------------------------------------------------------------ numbers

_COUNT_RE = re.compile(r"^(\d+(?:\.\d+)?)\s*([kKmM]?)\+?$")
_SUFFIX = {"": 1, "k": 1_000, "m": 1_000_000}


def parse_count(value: object) -> int | None:
    """'49.4k' -> 49400, '1,242,947' -> 1242947, '2k' -> 2000, '' -> None."""
    text = clean(value)
    if text is None:
        return None
    compact = text.replace(",", "").replace(" ", "").replace("_", "")
    match = _COUNT_RE.match(compact)
    if not match:
        raise FieldError(f"not a count: {text!r}")
    number = float(match.group(1)) * _SUFFIX[match.group(2).lower()]
    return round(number)


def parse_rating(value: object, scale: float = 5.0) -> float | None:
    """A star rating on a `scale`-point scale; FieldError when outside 0..scale."""
    text = clean(value)
    if text is None:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError as err:
        raise FieldError(f"not a rating: {text!r}") from err
    if not 0.0 <= number <= scale or number != number:  # NaN fails the second test
        raise FieldError(f"rating {text} outside 0-{scale:g}")
    return number


def parse_bool(value: object) -> bool | None:
    text = clean(value)
    if text is None:
        return None
    low = text.lower()
    if low in {"true", "yes", "1", "y", "paid"}:
        return True
    if low in {"false", "no", "0", "n", "free"}:
        return False
    raise FieldError(f"not a yes/no value: {text!r}")


# ------------------------------------------------------------------ lists

_SPLIT_RE = re.compile(r"\s*[,;|]\s*")


def parse_list(value: object) -> list[str]:
    """ "['SQL', 'Python']" or 'SQL, Python' -> ['SQL', 'Python'] (stripped, de-duplicated
    case-insensitively, order kept). Missing -> []."""
    text = clean(value)
    if text is None:
        return []
    items: list[object]
    parsed: object = None
    if text.startswith("[") and text.endswith("]"):
        try:
            parsed = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            parsed = None
    if isinstance(parsed, list | tuple):
        items = list(parsed)
    elif text.startswith("["):  # a bracketed list that is not valid Python (or cut short)
        inner = text[1:-1] if text.endswith("]") else text[1:]
        items = [part.strip().strip("'\"") for part in _SPLIT_RE.split(inner)]
    else:
        items = list(_SPLIT_RE.split(text))
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        entry = clean(item)
        if entry is None:
            continue
        key = entry.casefold()
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


# ------------------------------------------------------------------ durations


@dataclass(frozen=True)
class DurationRange:
    low: float
    high: float
    unit: str  # "hours" | "weeks" | "months"
    upper_bound_only: bool = False  # 'Less Than 2 Hours'


_UNIT_RE = r"(hours?|hrs?|weeks?|wks?|months?|days?)"
_NUM = r"(\d+(?:\.\d+)?)"
_DASH = r"(?:-|–|—|to)"
_RANGE_RE = re.compile(
    rf"^(?:(less than|under|up to)\s+)?{_NUM}\s*(?:{_DASH}\s*{_NUM})?\s*{_UNIT_RE}$",
    re.IGNORECASE,
)


def _unit(word: str) -> str:
    low = word.lower()
    if low.startswith("h"):
        return "hours"
    if low.startswith("w"):
        return "weeks"
    if low.startswith("m"):
        return "months"
    return "days"


def parse_duration_range(value: object) -> DurationRange | None:
    """'1 - 4 Weeks', '3 - 6 Months', 'Less Than 2 Hours', '7 Weeks' -> DurationRange."""
    text = clean(value)
    if text is None:
        return None
    match = _RANGE_RE.match(" ".join(text.split()))
    if not match:
        raise FieldError(f"not a duration: {text!r}")
    bound, low_s, high_s, unit = match.groups()
    low = float(low_s)
    high = float(high_s) if high_s else low
    if high < low:
        raise FieldError(f"duration range runs backwards: {text!r}")
    if bound:
        return DurationRange(0.0, low, _unit(unit), upper_bound_only=True)
    return DurationRange(low, high, _unit(unit))


def effort_from_range(rng: DurationRange, text: str) -> tuple[Effort, str]:
    """An Effort from a coarse duration bucket, and the rule that produced it.

    Rule (documented in docs/ingest.md): a calendar range ('3 - 6 Months') becomes its midpoint
    in weeks (months x 52/12); hours per week stay unknown, so total hours stay unknown. An
    hours range becomes total hours: the midpoint, or the bound for 'Less Than N Hours' (we do
    not under-state time). The source's wording is kept in `text`."""
    if rng.unit == "hours":
        hours = rng.high if rng.upper_bound_only else (rng.low + rng.high) / 2.0
        rule = "upper-bound" if rng.upper_bound_only else "midpoint"
        return Effort(hours=hours, text=text), f"rule:duration-{rule}({text})->{hours:g}h"
    factor = {"weeks": 1.0, "months": WEEKS_PER_MONTH, "days": 1.0 / 7.0}[rng.unit]
    low, high = rng.low * factor, rng.high * factor
    weeks = round(high if rng.upper_bound_only else (low + high) / 2.0, 1)
    rule = "upper-bound" if rng.upper_bound_only else "midpoint"
    return Effort(weeks=weeks, text=text), f"rule:duration-{rule}({text})->{weeks:g}w"


_HPW_RE = re.compile(
    r"^(\d+(?:\.\d+)?)\s*(?:(?:-|–|—|to)\s*(\d+(?:\.\d+)?))?\s*(?:hours?|hrs?)\s*(?:per|/|a)\s*week$",
    re.IGNORECASE,
)


def parse_hours_per_week(value: object) -> tuple[float, float] | None:
    """'2–3 hours per week' -> (2.0, 3.0); '5 hours per week' -> (5.0, 5.0)."""
    text = clean(value)
    if text is None:
        return None
    match = _HPW_RE.match(" ".join(text.split()))
    if not match:
        raise FieldError(f"not hours per week: {text!r}")
    low = float(match.group(1))
    high = float(match.group(2)) if match.group(2) else low
    if high < low:
        raise FieldError(f"hours-per-week range runs backwards: {text!r}")
    return low, high


def parse_weeks(value: object) -> float | None:
    """'7 Weeks' -> 7.0; '3 Months' -> 13.0 (52/12 weeks a month)."""
    rng = parse_duration_range(value)
    if rng is None:
        return None
    if rng.low != rng.high or rng.unit not in ("weeks", "months"):
        raise FieldError(f"not a length in weeks: {clean(value)!r}")
    return rng.low if rng.unit == "weeks" else round(rng.low * WEEKS_PER_MONTH, 1)


# ------------------------------------------------------------------ prices

_CURRENCY_SIGNS = {"$": None, "€": "EUR", "£": "GBP", "₹": "INR", "¥": None}
_ISO = {"USD", "EUR", "GBP", "INR", "CAD", "AUD", "JPY", "CNY", "BRL", "MXN", "CHF"}
_AMOUNT_RE = re.compile(
    r"(?P<sign>[$€£₹¥])?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<code>[A-Za-z]{3})?\b"
)


def _search_amount(text: str) -> tuple[float, str | None] | None:
    match = _AMOUNT_RE.search(text)
    if not match:
        return None
    amount = float(match.group("num").replace(",", ""))
    code = (match.group("code") or "").upper()
    currency = code if code in _ISO else None
    if currency is None and match.group("sign"):
        currency = _CURRENCY_SIGNS[match.group("sign")]
    return amount, currency


def parse_amount(value: object) -> tuple[float, str | None] | None:
    """'$49 USD' -> (49.0, 'USD'); '€20' -> (20.0, 'EUR'); '3052.76' -> (3052.76, None).

    A bare '$' does not name a currency (USD, CAD, AUD... all use it), so '$49' keeps None."""
    text = clean(value)
    if text is None:
        return None
    found = _search_amount(text)
    if found is None:
        raise FieldError(f"no amount in price {text!r}")
    return found


_FREE_CERT_RE = re.compile(r"^free\b.*certificate", re.IGNORECASE)


def parse_price_text(value: object) -> Price | None:
    """A price as written: 'FREE-Add a Verified Certificate for $49 USD' -> free-audit with a
    49 USD certificate; 'Free' -> free; '$500 USD' -> one-time 500 USD; '3052.76' -> amount
    3052.76 with currency and model unknown."""
    text = clean(value)
    if text is None:
        return None
    if _FREE_CERT_RE.match(text):
        cert = _search_amount(text)
        return Price(
            model=PriceModel.FREE_AUDIT,
            amount=0.0,
            currency=cert[1] if cert else None,
            certificate_amount=cert[0] if cert else None,
            text=text,
        )
    if text.lower() in {"free", "0", "0.0", "0.00", "$0"}:
        return Price(model=PriceModel.FREE, amount=0.0, text=text)
    parsed = _search_amount(text)
    if parsed is None:
        raise FieldError(f"no amount in price {text!r}")
    amount, currency = parsed
    has_symbol = any(sign in text for sign in _CURRENCY_SIGNS) or currency is not None
    model = PriceModel.ONE_TIME if has_symbol else None
    return Price(model=model, amount=amount, currency=currency, text=text)


# ------------------------------------------------------------------ levels, languages

_LEVELS = {
    "beginner": CourseLevel.BEGINNER,
    "beginner level": CourseLevel.BEGINNER,
    "introductory": CourseLevel.BEGINNER,
    "introduction": CourseLevel.BEGINNER,
    "intermediate": CourseLevel.INTERMEDIATE,
    "intermediate level": CourseLevel.INTERMEDIATE,
    "advanced": CourseLevel.ADVANCED,
    "expert": CourseLevel.ADVANCED,
    "expert level": CourseLevel.ADVANCED,
    "mixed": CourseLevel.MIXED,
    "all levels": CourseLevel.MIXED,
}


def parse_level(value: object) -> CourseLevel | None:
    text = clean(value)
    if text is None:
        return None
    try:
        return _LEVELS[" ".join(text.lower().split())]
    except KeyError as err:
        raise FieldError(f"unknown level {text!r}") from err


def language_code(value: object) -> str | None:
    """'English' -> 'en'; an ISO 639-1 code stays (with a region: 'pt-br'); a name or code we
    do not know -> None (not guessed)."""
    text = clean(value)
    if text is None:
        return None
    low = text.lower()
    if re.fullmatch(r"[a-z]{2}(?:-[a-z]{2})?", low):
        return low if low[:2] in ISO_639_1 else None
    return CODE_OF_NAME.get(low)


# ------------------------------------------------------------------ urls and ids

_URL_START_RE = re.compile(r"^https?\s*:\s*/\s*/", re.IGNORECASE)


def repair_url(value: object) -> str | None:
    """Undo the damage the dumps show, then require an http(s) URL with a dotted host.

    'https: /  / www.coursera.org / learn / x' -> 'https://www.coursera.org/learn/x';
    'https://www.coursera.org,learn,x' -> 'https://www.coursera.org/learn/x'. Returns None when
    the value is missing; FieldError when it is present but is no URL."""
    text = clean(value)
    if text is None:
        return None
    if _URL_START_RE.match(text):
        text = re.sub(r"\s+", "", text)
    if not re.match(r"^https?://", text, re.IGNORECASE) or " " in text:
        raise FieldError(f"not a URL: {text[:80]!r}")
    scheme, rest = text.split("://", 1)
    if "/" not in rest and "," in rest:
        rest = rest.replace(",", "/")
    url = f"{scheme.lower()}://{rest}"
    if canonical_url(url) is None:
        raise FieldError(f"not a URL: {text[:80]!r}")
    return url


def slugify(text: str, limit: int = 80) -> str:
    """ASCII slug: 'Café ML & AI' -> 'cafe-ml-ai'; empty when nothing ASCII survives."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def _with_digest(slug: str, basis: str, limit: int) -> str:
    if len(slug) <= limit and slug:
        return slug
    digest = hashlib.sha1(basis.encode()).hexdigest()[:8]
    return f"{slug[: limit - 9].rstrip('-')}-{digest}".strip("-")


def course_id_from_url(canonical: str, limit: int = 100) -> str:
    """'coursera.org/learn/machine-learning' -> 'coursera-learn-machine-learning'.

    Deterministic: the same canonical URL always gives the same id. Long or non-ASCII slugs
    end in a short digest of the URL so two courses never share an id."""
    host, _, path = canonical.partition("/")
    labels = host.split(".")
    site = labels[-2] if len(labels) >= 2 else labels[0]
    slug = slugify(f"{site} {path.replace('/', ' ')}", limit=400)
    lossy = slugify(path) == "" and path != ""
    if lossy:
        slug = f"{slugify(site)}-{hashlib.sha1(canonical.encode()).hexdigest()[:8]}"
    return _with_digest(slug, canonical, limit)


def course_id_from_title(platform: str, provider: str | None, title: str, limit: int = 100) -> str:
    """Id for a course without a URL: platform + provider + title, slugged."""
    basis = f"{platform} {provider or ''} {title}"
    slug = slugify(basis, limit=400) or slugify(platform)
    return _with_digest(slug, basis, limit)


_TITLE_NOISE_RE = re.compile(r"[^\w\s]+")


def normalise_title(title: str) -> str:
    """Case, accents, punctuation and '&'/'and' differences removed: the merge key's title."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    text = _TITLE_NOISE_RE.sub(" ", text)
    return " ".join(text.split())


# 'over 180 hours of instruction', 'más de 180 horas de instrucción', 'mais de 200 horas de
# aula', '100 heures de formation', '70 hours of instructional videos': a program's own
# statement of its taught hours (Google's certificates state them in every language)
_INSTRUCTION_HOURS = re.compile(
    r"(\d{1,4})\+?\s*(?:hours? of instruction(?:al (?:videos?|content))?"
    r"|horas de (?:instrucci[oó]n|instru[cç][aã]o|aula)"
    r"|heures (?:de formation|d'enseignement|d'instruction))\b",
    re.IGNORECASE,
)


def stated_instruction_hours(description: str | None) -> tuple[float, str] | None:
    """(hours, phrase) when the description states how many hours of instruction the course
    has, else None."""
    if not description:
        return None
    found = _INSTRUCTION_HOURS.search(description)
    if found is None:
        return None
    return float(found.group(1)), found.group(0)
