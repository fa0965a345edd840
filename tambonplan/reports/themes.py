"""Themes in free-text Thai items (problems, obstacles, suggestions) for the provincial consolidated report.

How a theme is found, so that a reader can check it by hand:
1. Each item is cut into words by PyThaiNLP (newmm, its bundled dictionary; nothing is downloaded) and
   only content words are kept: no Thai stopwords, no officialese fillers (`FILLER_WORDS`), no digits,
   spaces, punctuation or one-letter pieces. "ไม่" stays joined to the word it negates ("ไม่เพียงพอ").
2. A phrase is two content words next to each other in the same clause (a space or punctuation mark
   ends a clause): "งบประมาณ" + "ไม่เพียงพอ" → "งบประมาณไม่เพียงพอ". Terms and phrases are counted once per item.
3. Greedy grouping: among the items not yet in a theme, take the phrase or term found in the most items
   (a phrase wins over a term when it is in at least as many items, and in 2 or more; ties go to the
   longer text, then to the first by plain string order). Every item holding it joins that theme.
   A word of `GENERIC_WORDS` ("ตำบล", "หมู่บ้าน", …) is never a key on its own.
4. Repeat until no phrase or term is shared by `min_items` ungrouped items; the rest is "อื่น ๆ".
5. A theme's label is its key, widened to the longest run of words, as written, that all its items
   share ("พัฒนาตำบล" → "แผนพัฒนาตำบล"); `key_terms` are the words most of its items share.
Themes come by count, then label; their items and examples (the first 3) keep the input order.
"""

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from django.utils.translation import gettext
from pythainlp.corpus import thai_stopwords
from pythainlp.tokenize import word_tokenize
from pythainlp.util import normalize

T = TypeVar("T")
Clauses = tuple[tuple[str, ...], ...]

# Officialese fillers that are not in PyThaiNLP's stopword list but say nothing about the subject.
# ("การ", "ความ", "ให้", "มี", "ได้", "ใน", "ไม่", "ควร", "จัดทำ" are stopwords already.)
FILLER_WORDS = frozenset(
    {
        "ดำเนินการ",  # "to carry out": in almost every sentence of a report
        "เรื่อง",  # "on the matter of"
        "ปัญหา",  # "problem": the items are problems already
        "อุปสรรค",  # "obstacle"
        "ข้อเสนอแนะ",  # "suggestion"
        "ปี",  # "year", before a (dropped) year number
        "ไม่มี",  # negated fillers, made by joining "ไม่" to the next word
        "ไม่เป็น",
        "ไม่ได้",
    }
)
# Words of the domain that say where or in which frame, not what the matter is: three unrelated problems
# that each name "ตำบล" are not a theme "ตำบล". They stay content words (a phrase such as "แผนพัฒนา" or a
# label "แผนพัฒนาตำบล" keeps them) but are never a theme's key on their own. ("แผน" is not one: the
# district reports' problems with the plan itself are a theme.)
GENERIC_WORDS = frozenset(
    {
        "ตำบล",
        "หมู่บ้าน",
        "หมู่",
        "อำเภอ",
        "จังหวัด",
        "พื้นที่",
        "โครงการ",
        "กิจกรรม",
        "หน่วยงาน",
        "ประชาชน",
        "ชาวบ้าน",
    }
)
NEGATION = "ไม่"
KEY_TERMS = 5  # how many shared words explain a theme
EXAMPLES = 3  # examples per theme: the first items in input order
LABEL_WORDS = 4  # a label is widened to at most this many words

_STOPWORDS = thai_stopwords() | FILLER_WORDS


def _has_letter(token: str) -> bool:
    return any(unicodedata.category(char).startswith("L") for char in token)


def _is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


def _join(words: Sequence[str]) -> str:
    """Words as displayed text: Thai is written without spaces, Latin words keep one."""
    text = words[0]
    for word in words[1:]:
        text += "" if _is_thai(text[-1]) or _is_thai(word[0]) else " "
        text += word
    return text


@lru_cache(maxsize=8192)
def _analyse(text: str) -> tuple[Clauses, Clauses]:
    """The content words of a text, as clauses (runs between spaces and punctuation) and as unbroken
    runs (words with nothing dropped between them, as written: "แผน", "พัฒนา", "ตำบล")."""
    raw = [token.strip().lower() for token in word_tokenize(normalize(text or ""), engine="newmm")]
    clauses: list[tuple[str, ...]] = []
    runs: list[tuple[str, ...]] = []
    clause: list[str] = []
    run: list[str] = []
    index = 0
    while index < len(raw):
        token = raw[index]
        index += 1
        if token == NEGATION and index < len(raw) and _has_letter(raw[index]):
            token += raw[index]  # "ไม่" + "เพียงพอ": keep the negation with its word
            index += 1
        content = len(token) > 1 and token not in _STOPWORDS and _has_letter(token)
        if content:
            clause.append(token)
            run.append(token)
        if not content and run:  # a dropped word ends the unbroken run
            runs.append(tuple(run))
            run = []
        if not _has_letter(token) and clause:  # space, punctuation, a number: ends the clause
            clauses.append(tuple(clause))
            clause = []
    clauses += [tuple(clause)] if clause else []
    runs += [tuple(run)] if run else []
    return tuple(clauses), tuple(runs)


def _clauses(text: str) -> Clauses:
    return _analyse(text)[0]


def _ngrams(clauses: Clauses, size: int) -> set[tuple[str, ...]]:
    return {clause[i : i + size] for clause in clauses for i in range(len(clause) - size + 1)}


def _phrases(clauses: Clauses) -> set[str]:
    return {_join(pair) for pair in _ngrams(clauses, 2)}


def tokens_of(text: str) -> list[str]:
    """The content words of `text`, in order."""
    return [token for clause in _clauses(text) for token in clause]


def term_counts(texts: Iterable[str]) -> Counter[str]:
    """In how many texts each content word occurs."""
    return Counter(term for text in texts for term in set(tokens_of(text)))


def phrase_counts(texts: Iterable[str]) -> Counter[str]:
    """In how many texts each two-word phrase occurs."""
    return Counter(phrase for text in texts for phrase in _phrases(_clauses(text)))


def _top(counts: Counter[str], n: int) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:n]


def top_terms(texts: Iterable[str], n: int = 10) -> list[tuple[str, int]]:
    """The `n` most frequent words with their counts, most frequent first, then by string order."""
    return _top(term_counts(texts), n)


def top_phrases(texts: Iterable[str], n: int = 10) -> list[tuple[str, int]]:
    """The `n` most frequent two-word phrases with their counts, ordered like `top_terms`."""
    return _top(phrase_counts(texts), n)


@dataclass(frozen=True)
class Theme(Generic[T]):
    label: str
    key_terms: tuple[str, ...]
    count: int
    items: tuple[T, ...]  # the original item objects, in input order
    examples: tuple[T, ...]  # the first `EXAMPLES` items, in input order
    is_other: bool = False


def _best(counts: Counter[str]) -> tuple[str, int] | None:
    """The key in the most items; ties to the longer key, then the first by string order."""
    if not counts:
        return None
    key = min(counts, key=lambda k: (-counts[k], -len(k), k))
    return key, counts[key]


def _contains(words: tuple[str, ...], key: str) -> bool:
    """Whether the key (a word or two-word phrase) is among the words, as whole words."""
    return any(_join(words[i : i + size]) == key for size in (1, 2) for i in range(len(words) - size + 1))


def _label(key: str, runs: list[Clauses]) -> str:
    """The key widened to the longest run of words, as written, that contains it and every item shares."""
    if len(runs) < 2:
        return key
    for size in range(LABEL_WORDS, 1, -1):
        shared = set.intersection(*(_ngrams(item, size) for item in runs))
        texts = [_join(words) for words in shared if _contains(words, key)]
        if texts:
            return min(texts, key=lambda text: (-len(text), text))
    return key


def _key_terms(clauses: list[Clauses]) -> tuple[str, ...]:
    """The words shared by most of the items (by two or more, when there are two or more items)."""
    counts = Counter(term for item in clauses for term in {t for clause in item for t in clause})
    least = min(2, len(clauses))
    return tuple(term for term, count in _top(counts, KEY_TERMS) if count >= least)


def _theme(
    items: Sequence[T], members: list[int], analyses: list[Clauses], label: str, is_other: bool = False
) -> Theme[T]:
    chosen = tuple(items[i] for i in members)
    return Theme(
        label=label,
        key_terms=_key_terms([analyses[i] for i in members]),
        count=len(chosen),
        items=chosen,
        examples=chosen[:EXAMPLES],
        is_other=is_other,
    )


def themes_of(
    items: Sequence[T],
    *,
    text: Callable[[T], str] = lambda item: item,
    min_items: int = 2,
    limit: int = 10,
) -> list[Theme[T]]:
    """Group `items` into at most `limit` themes (by count, then label), then "อื่น ๆ" for the rest.

    `text` gives the Thai text of an item; every item ends in exactly one theme.
    """
    if not items:
        return []
    analysed = [_analyse(text(item) or "") for item in items]
    analyses = [clauses for clauses, _ in analysed]
    terms = [{t for clause in a for t in clause} for a in analyses]
    phrases = [_phrases(a) for a in analyses]
    ungrouped = [i for i, a in enumerate(analyses) if a]  # items with no content words go to "other"
    min_items = max(min_items, 1)
    themes: list[Theme[T]] = []
    grouped: set[int] = set()
    while ungrouped and len(themes) < limit:
        best_term = _best(Counter(t for i in ungrouped for t in terms[i] if t not in GENERIC_WORDS))
        best_phrase = _best(Counter(p for i in ungrouped for p in phrases[i]))
        term_count = best_term[1] if best_term else 0
        if best_phrase and best_phrase[1] >= max(2, min_items) and best_phrase[1] >= term_count:
            key, pool = best_phrase[0], phrases
        elif best_term and best_term[1] >= min_items:
            key, pool = best_term[0], terms
        else:
            break
        members = [i for i in ungrouped if key in pool[i]]
        ungrouped = [i for i in ungrouped if key not in pool[i]]
        grouped.update(members)
        themes.append(_theme(items, members, analyses, _label(key, [analysed[i][1] for i in members])))
    themes.sort(key=lambda theme: (-theme.count, theme.label))
    rest = [i for i in range(len(items)) if i not in grouped]
    if rest:
        themes.append(_theme(items, rest, analyses, gettext("อื่น ๆ"), is_other=True))
    return themes
