"""Where a line of Thai may break, for documents (WeasyPrint) and page titles (Chromium).

Thai is written without spaces between words, so each renderer guesses: Pango (with libthai) and Chromium
(with ICU) split compounds ("องค์|ประกอบ", "ข้อเสนอ|แนะ"), place names ("หัว|เรือ", "ใน|เมือง") and leave
"พ.ศ." at the end of a line without its year. Here the text is cut into *segments*, and a line may break only
between two segments:

- words are PyThaiNLP's newmm tokens (its own dictionary, shipped in the wheel), the abbreviations of
  `linebreak.toml` cut out first, and tokens joined where they make a word of `linebreak.toml` or the name
  of a province, district or tambon (from geothai, where the areas table comes from);
- a break between two words is allowed only before a Thai letter, after a Thai letter, "ฯ", "ๆ", ")" or a "/"
  or "-" between Thai words ("โครงการ/กิจกรรม"); digits, Latin text, abbreviations ("ก.บ.ต.") and
  punctuation stay with their neighbours;
- "พ.ศ." and the year, "หมู่ที่", "ข้อ", "ฉบับที่" … and their number, a number and its unit ("๑๕ คน",
  "๒,๕๐๐ บาท"), a date ("๑๕ พฤษภาคม ๒๕๖๖", "๑๓ ม.ค. ๖๖"), a title and the name after it ("นางสาวสมศรี")
  are one segment, spaces included.

Both renderers are told the same way: a `<wbr>` between two segments, and a segment they could break inside
in a `<span class="thai-keep">` (white-space: nowrap). A span is needed because the text alone cannot forbid
a break: libthai overrides U+2060 WORD JOINER and the no-break space inside Thai, and Chromium ignores
`word-break: keep-all` for Thai. A segment longer than `MAX_KEPT_LENGTH` characters (a long compound such as
"นายกองค์การบริหารส่วนตำบล") is left to the renderer, so a narrow table column never overflows because of it.
Documents get the marks in their HTML (`marked_html`); pages keep their text as written and their titles
(h1–h3) and table cells (th, td) get the marks as attributes that tambonplan.js turns into the same <wbr> and
spans (`annotated_titles_and_cells`).

Cost: PyThaiNLP's dictionary takes about 1 s and 70 MB once per process (shared with every other newmm user);
the words of the list and the 6,229 place names are a set beside it (0.1 s), not a second dictionary (which
would cost the same again). Segments and marked text are cached: documents and pages repeat their strings.
"""

import html
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import geothai
from pythainlp.tokenize import word_tokenize

WORDS_FILE = Path(__file__).with_name("linebreak.toml")
KEEP_CLASS = "thai-keep"
MAX_KEPT_LENGTH = 20  # characters: a longer word is left to the renderer
_MAX_NAME_LENGTH = 20  # characters of a name kept with its title
_MAX_JOINED_TOKENS = 8  # newmm tokens that can make up one word of the list

# Thai consonants, vowels and marks; not ฯ, ๆ, ๏, the digits or ๚ ๛.
_THAI_LETTER = re.compile("[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]")
_BREAKS_AFTER = frozenset("ฯๆ)")
_NUMBER = r"[0-9๐-๙]+(?:[.,:/-][0-9๐-๙]+)*"

# Text nodes outside these elements are marked; inside them text is not rendered as a line (head, title, the
# options of a select), is raw (style, script, textarea, noscript in a browser) or is SVG/MathML, where an
# HTML span means nothing. tambonplan.js skips the same elements (SKIPPED_TEXT).
_UNMARKED = frozenset({"head", "title", "style", "script", "textarea", "svg", "math", "select", "noscript"})
_HTML_PART = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w:-]*)")
# The elements of a page that get the breaks of their text: titles and table cells. An element inside another
# one (a cell of a table nested in a cell) is covered by the outer one's attributes as far as they reach.
_TITLE_OR_CELL = re.compile(r"(<(h[1-3]|th|td)\b[^>]*>)(.*?)(</\2\s*>)", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class _Rules:
    words: frozenset[str]
    longest_word: int
    abbreviations: re.Pattern
    before_number: re.Pattern
    after_number: re.Pattern
    date: re.Pattern
    title_and_name: re.Pattern


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=lambda word: (-len(word), word)))


def _place_names() -> set[str]:
    names = set()
    for province in geothai.provinces():
        names.add(province.name_th)
        for district in geothai.districts(province.code):
            names.add(district.name_th)
            names.update(tambon.name_th for tambon in geothai.subdistricts(district.code))
    return names


@cache
def _rules() -> _Rules:
    data = tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))
    words = frozenset(data["words"]) | frozenset(_place_names())
    before = _alternatives(data["before_number"] + data["months"])
    after = _alternatives(data["after_number"])
    months = _alternatives(data["months"] + data["months_short"])
    titles = _alternatives(data["titles"])
    # Abbreviations with a dot are cut out before newmm sees the text: it reads "ประมาณพ.ศ" as "ประ" "มาณพ"
    # "." "ศ" and "(ศอช.)" as "(" "ศอ" "ช" ".)". Not the one-letter ones ("น."), which end many words.
    listed = [
        *data["words"],
        *data["before_number"],
        *data["after_number"],
        *data["titles"],
        *data["months_short"],
    ]
    abbreviations = [word for word in listed if "." in word and len(_THAI_LETTER.findall(word)) > 1]
    # Lookaheads, so that matches may overlap ("จำนวน ๑๕ คน"). A unit followed by ที่ starts an ordinal:
    # "๕ ฉบับที่ ๒" is "๕" | "ฉบับที่ ๒".
    return _Rules(
        words=words,
        longest_word=max(len(word) for word in words),
        abbreviations=re.compile(_alternatives(abbreviations)),
        before_number=re.compile(rf"(?=((?P<word>{before})\s*{_NUMBER}))"),
        after_number=re.compile(rf"(?=({_NUMBER}\s*(?P<word>{after})(?!ที่)))"),
        date=re.compile(
            rf"(?=([0-9๐-๙]{{1,2}}\s*(?P<word>{months})(?:\s*[0-9๐-๙]{{2}}(?:[0-9๐-๙]{{2}})?)?))"
        ),
        title_and_name=re.compile(rf"(?=((?P<word>{titles})\s?\S{{1,{_MAX_NAME_LENGTH}}}(?!\S)))"),
    )


def _joined(tokens: list[str], words: frozenset[str], longest: int) -> list[str]:
    """The tokens with each run that spells a word of the list joined into one, longest first."""
    result = []
    i = 0
    while i < len(tokens):
        end = i + 1
        text = ""
        for j in range(i, min(len(tokens), i + _MAX_JOINED_TOKENS)):
            text += tokens[j]
            if len(text) > longest:
                break
            if j > i and text in words:
                end = j + 1
        result.append("".join(tokens[i:end]))
        i = end
    return result


def _tokens(text: str, rules: _Rules) -> list[str]:
    """newmm's tokens of the text, the listed abbreviations cut out first and the listed words joined."""
    tokens = []
    position = 0
    for match in rules.abbreviations.finditer(text):
        if match.start() > position:
            tokens += word_tokenize(text[position : match.start()], engine="newmm", keep_whitespace=True)
        tokens.append(match.group())
        position = match.end()
    if position < len(text):
        tokens += word_tokenize(text[position:], engine="newmm", keep_whitespace=True)
    return _joined(tokens, rules.words, rules.longest_word)


def _may_break_before(text: str, index: int) -> bool:
    """Whether a line may break between two words that meet at text[index] (no white space between)."""
    if not _THAI_LETTER.match(text, index):
        return False
    before = text[index - 1]
    if _THAI_LETTER.match(before) or before in _BREAKS_AFTER:
        return True
    # "โครงการ/กิจกรรม", not "๐๐๑๙/ว"
    return before in "/-" and index >= 2 and bool(_THAI_LETTER.match(text, index - 2))


@lru_cache(maxsize=16384)
def segments(text: str) -> tuple[str, ...]:
    """The text cut where a line may break: joined, the segments give the text back."""
    if not _THAI_LETTER.search(text):
        return (text,) if text else ()
    rules = _rules()
    tokens = _tokens(text, rules)
    offsets = [0]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    boundaries = set(offsets)
    cuts = set()
    for index, token in enumerate(tokens):
        start, end = offsets[index], offsets[index + 1]
        if token.isspace():
            cuts.update((start, end))
        elif start and _may_break_before(text, start):
            cuts.add(start)
    cuts.discard(0)
    cuts.discard(len(text))

    for pattern in (rules.before_number, rules.after_number, rules.date, rules.title_and_name):
        for match in pattern.finditer(text):
            if match.start("word") in boundaries and match.end("word") in boundaries:
                start, end = match.span(1)
                cuts.difference_update(range(start + 1, end))

    edges = [0, *sorted(cuts), len(text)]
    return tuple(text[start:end] for start, end in zip(edges, edges[1:], strict=False))


def may_break_inside(segment: str) -> bool:
    """Whether a renderer could break a line inside the segment, so that it must be held on one line: Thai
    of more than one character, not longer than `MAX_KEPT_LENGTH` unless it holds a space ("พ.ศ. ๒๕๖๙")."""
    if not _THAI_LETTER.search(segment):
        return False
    return any(char.isspace() for char in segment) or 1 < len(segment) <= MAX_KEPT_LENGTH


def _pieces(text: str, kept_whole: Callable[[str], bool]) -> Iterator[tuple[str, bool, bool]]:
    """Each segment of the text, whether a break opportunity comes before it (not at a space, which is one
    already) and whether it is to be held on one line."""
    previous = ""
    for segment in segments(text):
        between_words = bool(previous) and not previous[-1].isspace() and not segment[0].isspace()
        yield segment, between_words, kept_whole(segment)
        previous = segment


# ---------------------------------------------------------------- documents: the marks in the HTML


@lru_cache(maxsize=16384)
def marked_text(text: str, kept_whole: Callable[[str], bool] = may_break_inside) -> str:
    """HTML text (escaped, without tags) with `<wbr>` between its segments and each segment for which
    `kept_whole` is true in a `<span class="thai-keep">`."""
    plain = html.unescape(text)
    if not _THAI_LETTER.search(plain):
        return text
    parts = []
    for segment, break_before, kept in _pieces(plain, kept_whole):
        if break_before:
            parts.append("<wbr>")
        escaped = html.escape(segment, quote=False)
        parts.append(f'<span class="{KEEP_CLASS}">{escaped}</span>' if kept else escaped)
    return "".join(parts)


def marked_html(markup: str, kept_whole: Callable[[str], bool] = may_break_inside) -> str:
    """`marked_text` applied to every text node of an HTML document or fragment, except inside <head>,
    <title>, <style>, <script>, <textarea>, <svg> and <math>; tags, attributes and comments stay as they
    are."""
    parts = _HTML_PART.split(markup)
    for index in _text_parts(parts):
        parts[index] = marked_text(parts[index], kept_whole)
    return "".join(parts)


def _text_parts(parts: list[str]) -> Iterator[int]:
    """The indexes of the text nodes in an HTML document split by `_HTML_PART` (tags and comments at odd
    indexes), outside the `_UNMARKED` elements."""
    skipped_until = None
    for index, part in enumerate(parts):
        if index % 2:  # a tag or a comment
            tag = _TAG.match(part)
            if tag is None:
                continue
            closing, name = tag.group(1), tag.group(2).lower()
            if skipped_until is None and not closing and name in _UNMARKED and not part.endswith("/>"):
                skipped_until = name
            elif closing and name == skipped_until:
                skipped_until = None
        elif part and skipped_until is None:
            yield index


# ---------------------------------------------------------------- pages: the same rule, as attributes
#
# On a page the text is left as written, so that it reads, copies and searches the same (and what tests see in
# the HTML is the text); the element gets the rule as attributes instead, and tambonplan.js rewrites its text
# nodes in the browser with the same <wbr> and nowrap spans: `data-thai-breaks`, the offsets of the breaks
# between words, and `data-thai-keep`, the "start-end" of each run held on one line, both in UTF-16 code units
# of the element's textContent (JavaScript's string offsets).


@lru_cache(maxsize=16384)
def break_attributes(text: str) -> str:
    """The `data-thai-breaks` and `data-thai-keep` attributes of an element whose text is `text` (with a
    leading space), or "" if there is nothing to mark."""
    if not _THAI_LETTER.search(text):
        return ""
    units = [0]
    for char in text:
        units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
    breaks, kept = [], []
    position = 0
    for segment, break_before, keep in _pieces(text, may_break_inside):
        if break_before:
            breaks.append(str(units[position]))
        if keep:
            kept.append(f"{units[position]}-{units[position + len(segment)]}")
        position += len(segment)
    return f' data-thai-breaks="{" ".join(breaks)}" data-thai-keep="{" ".join(kept)}"'


def _text_of(markup: str) -> str:
    """The text of an HTML fragment as the browser's script walks it: its text nodes outside the `_UNMARKED`
    elements, unescaped, without tags and comments, with the line ends the HTML parser normalises to "\\n"."""
    parts = _HTML_PART.split(markup)
    text = html.unescape("".join(parts[index] for index in _text_parts(parts)))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def annotated(markup: str) -> str:
    """An inline HTML fragment in a <span> carrying its line breaks (`break_attributes`)."""
    attributes = break_attributes(_text_of(markup))
    return f"<span{attributes}>{markup}</span>" if attributes else markup


def annotated_titles_and_cells(markup: str) -> str:
    """The HTML with each title (<h1>, <h2>, <h3>) and table cell (<th>, <td>) carrying the line breaks of its
    text (`break_attributes`); an element without Thai, or that holds one already marked (`thai_breaks`), is
    left as it is."""

    def annotate(match: re.Match) -> str:
        start_tag, _name, content, end_tag = match.groups()
        if "data-thai-breaks" in match.group() or not _THAI_LETTER.search(content):
            return match.group()
        return start_tag[:-1] + break_attributes(_text_of(content)) + ">" + content + end_tag

    return _TITLE_OR_CELL.sub(annotate, markup)
