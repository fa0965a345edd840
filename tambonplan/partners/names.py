"""Thai organisation names reduced to a comparable key, and how alike two names are.

"อบต.หัวเรือ" and "องค์การบริหารส่วนตำบลหัวเรือ" are the same body written two ways; so are
"มูลนิธิเพื่อนเยาวชนอีสาน" and "มูลนิธิ เพื่อนเยาวชน อีสาน". The key expands abbreviations, drops company
legal forms, spaces and punctuation, and casefolds; the token set (PyThaiNLP's newmm tokenizer, with each
kind of organisation and each expanded full form kept as one token) catches names that differ a little.

The abbreviations are not fixed here: every function takes them as (abbreviation, full form) pairs, the
national dictionary with the province's own rows after it (``selectors.abbreviations_for``); a later pair
overrides an earlier one with the same abbreviation. An abbreviation is expanded only where a word starts
("ม.อุบลราชธานี", never the "ม." at the end of "ทม."), a one-letter one only before a name ("ม.3" is หมู่ 3,
"ม.ค." is another abbreviation), and a Latin one only as a whole word ("WHO", not "whole").
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pythainlp.tokenize import word_tokenize

Pairs = Iterable[tuple[str, str]]

# Legal forms of firms say nothing about which firm it is: "บริษัท สยามพัฒนา จำกัด (มหาชน)" is "สยามพัฒนา".
LEGAL_FORMS = (
    "ห้างหุ้นส่วนจำกัด",
    "ห้างหุ้นส่วนสามัญ",
    "บริษัท",
    "จำกัด",
    "มหาชน",
    "public company limited",
    "company limited",
    "co., ltd.",
    "co.,ltd.",
    "ltd.",
)
# Kinds of organisation, each kept as one token so "อบต.หัวเรือ" and "ทต.หัวเรือ" stay apart; the full forms of
# the abbreviations are kinds too.
ORGANISATION_KINDS = (
    "องค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "โรงพยาบาลส่งเสริมสุขภาพตำบล",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
    "สำนักงาน",
    "มูลนิธิ",
    "สมาคม",
    "โรงเรียน",
    "มหาวิทยาลัย",
    "วิสาหกิจชุมชน",
)
# "ธ.ก.ส. สาขาอุบลราชธานี": a branch of a body, named by the place after this word.
BRANCH = "สาขา"
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
THAI_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
# Anything that is not a letter, a Thai combining mark or a digit: spaces and punctuation.
NOT_WORD = re.compile(rf"[^\w{THAI_MARKS}]+")
# Where an abbreviation may start: not in the middle of a word.
WORD_START = rf"(?<![\w{THAI_MARKS}])"
# What must follow a one-letter abbreviation ("ม."): a name, not a number ("ม.3" is หมู่ 3) nor another letter
# with a dot ("ม.ค.", "ม.ร.ว.", "ม.อ." are other abbreviations).
NAME_FOLLOWS = r"(?=\s*[^\W\d_])(?![^\W\d_]\.)"

# Names whose token sets overlap at least this much are shown as likely duplicates.
SIMILARITY_THRESHOLD = 0.66


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").translate(THAI_DIGITS).casefold()


def _compact(text: str) -> str:
    return NOT_WORD.sub("", text).replace("_", "")


def abbreviation_form(abbreviation: str) -> str:
    """How abbreviations are compared: "UNDP" and "undp", "ธ.ก.ส." and "ธ. ก. ส." are one abbreviation."""
    return " ".join(_normalise(abbreviation).split()).replace(". ", ".")


def _pattern_of(abbreviation: str) -> str:
    """The pattern of "รพ.สต.": allowing spaces after each dot; a Latin one must end where its word ends."""
    parts = []
    for char in abbreviation:
        if char == ".":
            parts.append(r"\.\s*")
        elif char == " ":
            parts.append(r"\s*")
        else:
            parts.append(re.escape(char))
    if abbreviation[-1].isascii() and abbreviation[-1].isalnum():
        parts.append(r"(?![a-z0-9])")
    if len(_compact(abbreviation)) == 1:
        parts.append(NAME_FOLLOWS)
    return "".join(parts)


@dataclass(frozen=True)
class _Dictionary:
    pattern: re.Pattern | None
    full_forms: tuple[str, ...]  # by group number, in the order of the pattern's alternatives
    kinds: tuple[str, ...]  # longest first


@lru_cache(maxsize=128)
def _dictionary(pairs: tuple[tuple[str, str], ...]) -> _Dictionary:
    """The compiled dictionary, once per distinct list of pairs (a changed row gives a new list)."""
    expansions: dict[str, str] = {}
    for abbreviation, full in pairs:
        form, full = abbreviation_form(abbreviation), " ".join(_normalise(full).split())
        if _compact(form) and full:
            expansions[form] = full
    # Longest first, so "รพ.สต." is not read as "รพ." followed by something else.
    ordered = sorted(expansions, key=lambda form: (-len(form), form))
    pattern = None
    if ordered:
        alternatives = "|".join(f"({_pattern_of(form)})" for form in ordered)
        pattern = re.compile(f"{WORD_START}(?:{alternatives})")
    kinds = {_compact(kind) for kind in ORGANISATION_KINDS} | {_compact(expansions[f]) for f in ordered}
    return _Dictionary(
        pattern=pattern,
        full_forms=tuple(expansions[form] for form in ordered),
        kinds=tuple(sorted(kinds, key=lambda kind: (-len(kind), kind))),
    )


def _expand(text: str, dictionary: _Dictionary) -> str:
    def replace(match: re.Match) -> str:
        full = dictionary.full_forms[match.lastindex - 1]
        # An abbreviation that begins its own full form ("ยูนิเซฟ" in a name already written out) stays.
        return match.group(0) if text.startswith(full, match.start()) else full

    return dictionary.pattern.sub(replace, text) if dictionary.pattern else text


def name_key(name: str, abbreviations: Pairs) -> str:
    """The normalised name stored in ``Partner.name_key``: equal keys mean the same organisation."""
    text = _expand(_normalise(name), _dictionary(tuple(abbreviations)))
    for form in LEGAL_FORMS:
        text = text.replace(form, " ")
    return _compact(text)[:200]


@lru_cache(maxsize=4096)
def _tokens(key: str, kinds: tuple[str, ...]) -> frozenset[str]:
    found = []
    rest = key
    for kind in kinds:
        if kind in rest:
            found.append(kind)
            rest = rest.replace(kind, " ")
    words = [
        word for part in rest.split() for word in word_tokenize(part, engine="newmm", keep_whitespace=False)
    ]
    return frozenset(found) | frozenset(word for word in words if word.strip())


def name_tokens(key: str, abbreviations: Pairs) -> frozenset[str]:
    """The words of a normalised name, each kind of organisation (and each full form) as one word."""
    return _tokens(key, _dictionary(tuple(abbreviations)).kinds)


def _branch(key: str) -> str:
    """The place after the last "สาขา" of a key ("" when the name names no branch)."""
    at = key.rfind(BRANCH)
    return key[at + len(BRANCH) :] if at >= 0 else ""


def similarity(key_a: str, key_b: str, abbreviations: Pairs) -> float:
    """1.0 for the same normalised name, else the Jaccard index of the two token sets.

    Two different branches of one body ("ธ.ก.ส. สาขาอุบลราชธานี", "ธ.ก.ส. สาขาวารินชำราบ"), and two bodies of
    different kinds ("รพ.วารินชำราบ", "รพ.สต.วารินชำราบ"; "ม.อุบลราชธานี", "มรภ.อุบลราชธานี") are different
    partners, however much of their names they share (a place of many words would outweigh the rest): 0.0.
    """
    if not key_a or not key_b:
        return 0.0
    if key_a == key_b:
        return 1.0
    branch_a, branch_b = _branch(key_a), _branch(key_b)
    if branch_a and branch_b and branch_a != branch_b:
        return 0.0
    kinds = _dictionary(tuple(abbreviations)).kinds
    a, b = _tokens(key_a, kinds), _tokens(key_b, kinds)
    if not a or not b:
        return 0.0
    kinds_a, kinds_b = a.intersection(kinds), b.intersection(kinds)
    if kinds_a and kinds_b and not kinds_a & kinds_b:
        return 0.0
    return len(a & b) / len(a | b)


def is_likely_duplicate(name_a: str, name_b: str, abbreviations: Pairs) -> bool:
    abbreviations = tuple(abbreviations)
    key_a, key_b = name_key(name_a, abbreviations), name_key(name_b, abbreviations)
    return similarity(key_a, key_b, abbreviations) >= SIMILARITY_THRESHOLD
