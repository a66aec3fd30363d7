"""Language names a full-text tokenizer would cut to one letter: 'C++' and 'C#' both read
'c', so a search for C++ listed C, C# and Go courses first. Titles (when indexed and when
ranked) and queries spell them as words."""

from __future__ import annotations

import re

_SYMBOLS = (
    (re.compile(r"(?<![\w+#])c\s?\+\+(?![a-z_+])", re.IGNORECASE), "cplusplus"),
    (re.compile(r"(?<![\w+#])c\s?#(?!\w)", re.IGNORECASE), "csharp"),
    (re.compile(r"(?<![\w+#])f#(?!\w)", re.IGNORECASE), "fsharp"),
    (re.compile(r"\.net\b", re.IGNORECASE), "dotnet"),  # ASP.NET, .NET
)


# the words they become: never 'corrected' into one another (F# is not C#)
SYMBOL_WORDS = frozenset(word for _pattern, word in _SYMBOLS)


def symbol_words(text: str) -> str:
    """'Intro to C++ and C#' -> 'Intro to cplusplus and csharp'."""
    if not any(ch in text for ch in "+#."):
        return text
    for pattern, word in _SYMBOLS:
        text = pattern.sub(f" {word} ", text)
    return text
