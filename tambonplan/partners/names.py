"""Thai organisation names reduced to a comparable key, and how alike two names are.

"อบต.หัวเรือ" and "องค์การบริหารส่วนตำบลหัวเรือ" are the same body written two ways; so are
"มูลนิธิเพื่อนเยาวชนอีสาน" and "มูลนิธิ เพื่อนเยาวชน อีสาน". The key expands the common abbreviations,
drops company legal forms, spaces and punctuation, and casefolds; the token set (PyThaiNLP's newmm
tokenizer, with each kind of organisation kept as one token) catches names that differ a little.
"""

import re
import unicodedata
from functools import lru_cache

from pythainlp.tokenize import word_tokenize

# Abbreviation → full form, longest first so "รพ.สต." is not read as something shorter.
ABBREVIATIONS = (
    (r"รพ\.?\s*สต\.?", "โรงพยาบาลส่งเสริมสุขภาพตำบล"),
    (r"บมจ\.", "บริษัทจำกัดมหาชน"),
    (r"บจก\.", "บริษัทจำกัด"),
    (r"หจก\.", "ห้างหุ้นส่วนจำกัด"),
    (r"อบต\.", "องค์การบริหารส่วนตำบล"),
    (r"อบจ\.", "องค์การบริหารส่วนจังหวัด"),
    (r"สนง\.", "สำนักงาน"),
    (r"ทต\.", "เทศบาลตำบล"),
    (r"ทม\.", "เทศบาลเมือง"),
    (r"ทน\.", "เทศบาลนคร"),
    (r"รร\.", "โรงเรียน"),
)
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
# Kinds of organisation, each kept as one token so "อบต.หัวเรือ" and "ทต.หัวเรือ" stay apart.
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
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Anything that is not a letter, a Thai combining mark or a digit: spaces and punctuation.
NOT_WORD = re.compile(r"[^\w\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")

# Names whose token sets overlap at least this much are shown as likely duplicates.
SIMILARITY_THRESHOLD = 0.66


def name_key(name: str) -> str:
    """The normalised name stored in ``Partner.name_key``: equal keys mean the same organisation."""
    text = unicodedata.normalize("NFC", name or "").translate(THAI_DIGITS).casefold()
    for pattern, full in ABBREVIATIONS:
        text = re.sub(pattern, full, text)
    for form in LEGAL_FORMS:
        text = text.replace(form, " ")
    return NOT_WORD.sub("", text).replace("_", "")[:200]


@lru_cache(maxsize=4096)
def name_tokens(key: str) -> frozenset[str]:
    """The words of a normalised name, each kind of organisation as one word."""
    kinds = []
    rest = key
    for kind in ORGANISATION_KINDS:
        if kind in rest:
            kinds.append(kind)
            rest = rest.replace(kind, " ")
    words = [
        word for part in rest.split() for word in word_tokenize(part, engine="newmm", keep_whitespace=False)
    ]
    return frozenset(kinds) | frozenset(word for word in words if word.strip())


def similarity(key_a: str, key_b: str) -> float:
    """1.0 for the same normalised name, else the Jaccard index of the two token sets."""
    if not key_a or not key_b:
        return 0.0
    if key_a == key_b:
        return 1.0
    a, b = name_tokens(key_a), name_tokens(key_b)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def is_likely_duplicate(name_a: str, name_b: str) -> bool:
    return similarity(name_key(name_a), name_key(name_b)) >= SIMILARITY_THRESHOLD
