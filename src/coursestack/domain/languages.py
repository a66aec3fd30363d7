"""Natural languages the catalogs teach in: ISO 639-1 codes and the names sources write.

One table for the readers (a dump's 'Español' -> 'es'), the language guesser (a title ending
'- Portuguese') and the guide ('It is taught in Spanish (es)')."""

from __future__ import annotations

# code -> the names a source writes for it: the English name first (shown to readers), then
# native names and spellings without accents.
NAMES: dict[str, tuple[str, ...]] = {
    "en": ("English",),
    "de": ("German", "deutsch"),
    "es": ("Spanish", "español", "espanol", "castellano"),
    "fr": ("French", "français", "francais"),
    "pt": ("Portuguese", "português", "portugues", "português brasileiro", "portugues brasileiro"),
    "it": ("Italian", "italiano"),
    "id": ("Indonesian", "bahasa indonesia"),
    "pl": ("Polish", "polski"),
    "tr": ("Turkish", "türkçe"),
    "nl": ("Dutch", "nederlands"),
    "ja": ("Japanese", "日本語"),
    "zh": ("Chinese", "mandarin", "中文", "简体中文", "繁體中文"),
    "ko": ("Korean", "한국어"),
    "ar": ("Arabic", "العربية", "اللغة العربية"),
    "ru": ("Russian", "русский"),
    "hi": ("Hindi",),
    "ur": ("Urdu",),
    "vi": ("Vietnamese", "tiếng việt"),
    "th": ("Thai",),
}

CODE_OF_NAME: dict[str, str] = {
    name.lower(): code for code, names in NAMES.items() for name in names
}

# The ISO 639-1 codes: two letters that name no language ('xx') are no code.
_ISO_639_1_CODES = (
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv "
    "cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr "
    "ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw "
    "ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv "
    "ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr "
    "ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi "
    "yo za zh zu"
)
ISO_639_1 = frozenset(_ISO_639_1_CODES.split())


def english_name(code: str) -> str | None:
    """'es' or 'pt-br' -> 'Spanish' / 'Portuguese'; None for a code the table does not name."""
    names = NAMES.get(code.lower()[:2])
    return names[0] if names else None
