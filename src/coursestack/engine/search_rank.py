"""The order of catalog search results: how well a course's title matches the query first,
the full-text rank after.

Titles and queries are compared as word sequences, ignoring case, accents and punctuation
('Machine-Learning Specialisation!' reads 'machine learning specialisation'). A hit goes in
the first tier it meets:

1. its title is the query (`EXACT`);
2. its title starts with the query's words, in order (`PREFIX`);
3. its title contains every query word as a whole word (`WORDS`);
4. anything else the full-text search found (`OTHER`).

In tiers 1-3 the shorter title comes first (the closer to the query), then the title
alphabetically, then the id; tier 4 keeps the full-text order (BM25 on SQLite, ts_rank on
PostgreSQL). Before this, a long title containing the query ('Reinforcement Learning
Specialization') could outrank the course titled exactly as searched.

Pure: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache

from rapidfuzz.distance import OSA

from coursestack.domain.search_terms import SYMBOL_WORDS, symbol_words

EXACT, PREFIX, WORDS, OTHER = 0, 1, 2, 3
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=65536)
def title_words(text: str) -> tuple[str, ...]:
    """'Análisis de Datos: Intro' -> ('analisis', 'de', 'datos', 'intro')."""
    decomposed = unicodedata.normalize("NFKD", symbol_words(text).casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return tuple(_WORD.findall(plain))


def title_tier(query: Sequence[str], title: Sequence[str]) -> int:
    """Which tier a title (as `title_words`) is in for a query (as `title_words`)."""
    if not query:
        return OTHER
    if tuple(title) == tuple(query):
        return EXACT
    if tuple(title[: len(query)]) == tuple(query):
        return PREFIX
    if set(query) <= set(title):
        return WORDS
    return OTHER


def rank_hits(query: str, hits: Sequence[tuple[str, str, str | None]]) -> list[str]:
    """The ids of full-text hits (id, title, language), given best first, in search order
    (above). A query written in plain ASCII reads as English: courses stated to be in
    another language follow all the others (the French copy of the Google Data Analytics
    certificate, titled exactly 'Google Data Analytics', came before the English one)."""
    words = title_words(query)
    english = query.isascii()
    keyed: list[tuple[bool, int, int, str, str, int]] = []
    for position, (cid, title, language) in enumerate(hits):
        foreign = english and language is not None and language.lower() != "en"
        norm = title_words(title)
        tier = title_tier(words, norm)
        if tier == OTHER:  # the full-text order
            keyed.append((foreign, OTHER, 0, "", "", position))
        else:
            keyed.append((foreign, tier, len(" ".join(norm)), title.casefold(), cid, position))
    keyed.sort()
    return [hits[k[-1]][0] for k in keyed]


# Words that narrow nothing in a catalog search ('sql for beginners', 'pandas tutorial'):
# dropped when the whole query finds too little.
_FILLER_WORDS = (
    "a an and the for of in on to with by from my your how what learn beginner beginners basic "
    "basics tutorial tutorials course courses class classes intro introduction guide complete "
    "online free"
)
FILLER = frozenset(_FILLER_WORDS.split())


def relaxed(query: str) -> str:
    """The query without FILLER words ('' when nothing else is left, or nothing dropped)."""
    words = title_words(query)
    kept = [w for w in words if w not in FILLER]
    return " ".join(kept) if kept and len(kept) < len(words) else ""


# Similarity (optimal string alignment: a swapped pair of letters is one edit, 'pyhton') a
# vocabulary word needs to replace a query word: one edit in five letters, two in ten.
CORRECTION_CUTOFF = 0.8
RARE = 3  # titles holding a query word for it to be taken as spelt right
RARE_RATIO = 10
MIN_CORRECTED = 4  # shorter query words are left alone ('r', 'sql', 'aws': too many neighbours)


def corrected_query(query: str, vocabulary: Mapping[str, int]) -> str | None:
    """The query with each word the vocabulary lacks replaced by the closest word it holds
    ('machne lerning' -> 'machine learning'), the more frequent on equal scores; None when
    no word changes. `vocabulary`: word (as `title_words`) -> how many titles hold it."""
    words = title_words(query)
    out: list[str] = []
    changed = False
    for word in words:
        own = vocabulary.get(word, 0)
        if own >= RARE or len(word) < MIN_CORRECTED or word.isdigit() or word in SYMBOL_WORDS:
            out.append(word)
            continue
        # a word the titles hold once or twice may be a title's own typo ('lerning'): a close
        # word RARE_RATIO times as common still replaces it
        near = [
            (w, score, vocabulary[w])
            for w in vocabulary
            if abs(len(w) - len(word)) <= 2
            and w != word
            and vocabulary[w] >= RARE_RATIO * own
            and (score := OSA.normalized_similarity(word, w, score_cutoff=CORRECTION_CUTOFF))
        ]
        if not near:
            out.append(word)
            continue
        best = max(near, key=lambda t: (t[1], t[2], t[0]))[0]
        out.append(best)
        changed = True
    return " ".join(out) if changed else None
