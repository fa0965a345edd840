"""Themes in the district offices' free-text problems and suggestions (tambonplan.reports.themes)."""

import random
import time
from dataclasses import dataclass

from tambonplan.reports.themes import (
    Theme,
    phrase_counts,
    term_counts,
    themes_of,
    tokens_of,
    top_phrases,
    top_terms,
)

BUDGET = [
    "งบประมาณไม่เพียงพอต่อการจัดเวทีประชาคม",
    "งบประมาณสนับสนุนโครงการมีจำกัด",
    "งบประมาณล่าช้า ทำให้จัดประชุมไม่ทันกำหนด",
    "ควรจัดสรรงบประมาณเพิ่มเติม",
    "งบประมาณปี 2568 ได้รับการจัดสรรล่าช้า",
]
PLAN = [
    "ผู้นำชุมชนไม่เข้าใจขั้นตอนการจัดทำแผนพัฒนาตำบล",
    "เจ้าหน้าที่ขาดความรู้เรื่องการจัดทำแผนพัฒนาตำบล",
    "ระยะเวลาในการจัดทำแผนสั้นเกินไป",
    "ควรจัดอบรมผู้นำชุมชนเรื่องแผนพัฒนาตำบล",
    "ควรเพิ่มระยะเวลาการจัดทำแผนพัฒนาตำบล",
]
FORUM = [
    "ระยะเวลาจัดเวทีตรงกับฤดูทำนา",
    "ประชาชนเข้าร่วมเวทีประชาคมน้อย",
]
FLOOD = "น้ำท่วมพื้นที่การเกษตร ๑๒ หมู่บ้าน"
OTHER = [
    "ภาคีการพัฒนาไม่ให้ความร่วมมือ",
    "ข้อมูล จปฐ. ไม่เป็นปัจจุบัน",
    FLOOD,
]
# Mixed as a district office would write them.
ITEMS = [
    BUDGET[0],
    BUDGET[1],
    BUDGET[2],
    PLAN[0],
    PLAN[1],
    PLAN[2],
    FORUM[0],
    OTHER[0],
    PLAN[3],
    BUDGET[3],
    FORUM[1],
    OTHER[1],
    PLAN[4],
    OTHER[2],
    BUDGET[4],
]


def summary(themes):
    return [(theme.label, theme.count) for theme in themes]


def test_tokens_are_content_words_with_negation_kept():
    assert tokens_of("งบประมาณไม่เพียงพอต่อการจัดเวทีประชาคม") == ["งบประมาณ", "ไม่เพียงพอ", "เวที", "ประชาคม"]
    assert tokens_of("งบประมาณปี 2568 ได้รับการจัดสรรล่าช้า") == ["งบประมาณ", "จัดสรร", "ล่าช้า"]
    assert tokens_of("") == []
    assert tokens_of("  ๑๒ 2568 , ... ") == []
    assert tokens_of("การดำเนินการในพื้นที่") == ["พื้นที่"]  # "การ", "ดำเนินการ", "ใน" are fillers
    assert tokens_of("Smart Farm ตำบล") == ["smart", "farm", "ตำบล"]


def test_stopwords_fillers_and_digits_are_never_terms():
    terms = term_counts(ITEMS)
    for noise in (
        "การ",
        "ความ",
        "ที่",
        "ให้",
        "มี",
        "ได้",
        "ใน",
        "ไม่",
        "ควร",
        "เรื่อง",
        "ปี",
        "๑๒",
        "2568",
        " ",
        ".",
    ):
        assert noise not in terms
    assert all(len(term) > 1 for term in terms)


def test_terms_are_counted_once_per_item():
    assert term_counts(["งบประมาณ งบประมาณ งบประมาณ", "งบประมาณล่าช้า"])["งบประมาณ"] == 2
    assert top_terms(ITEMS, 6) == [
        ("งบประมาณ", 5),
        ("แผน", 5),
        ("ตำบล", 4),
        ("พัฒนา", 4),
        ("ระยะเวลา", 3),
        ("เวที", 3),
    ]


def test_two_word_phrases():
    assert top_phrases(ITEMS, 3) == [("พัฒนาตำบล", 4), ("แผนพัฒนา", 4), ("ผู้นำชุมชน", 2)]
    phrases = phrase_counts(ITEMS)
    assert phrases["เวทีประชาคม"] == 2
    assert phrases["งบประมาณไม่เพียงพอ"] == 1
    # A space ends a clause: no phrase across "งบประมาณล่าช้า ทำให้จัดประชุม…".
    assert "ล่าช้าประชุม" not in phrases


def test_themes_of_the_district_reports():
    themes = themes_of(ITEMS)

    assert summary(themes) == [("งบประมาณ", 5), ("แผน", 5), ("เวที", 2), ("อื่น ๆ", 3)]
    budget, plan, forum, other = themes
    assert budget.items == tuple(BUDGET)  # in input order
    assert budget.examples == tuple(BUDGET[:3])
    assert budget.key_terms == ("งบประมาณ", "จัดสรร", "ล่าช้า")
    assert plan.items == tuple(PLAN)
    assert plan.key_terms[:3] == ("แผน", "ตำบล", "พัฒนา")
    assert forum.items == tuple(FORUM)
    assert other.is_other and not any(theme.is_other for theme in themes[:-1])
    assert FLOOD in other.items
    assert other.items == tuple(OTHER)


def test_every_item_is_in_exactly_one_theme():
    themes = themes_of(ITEMS)
    assert sum(theme.count for theme in themes) == len(ITEMS)
    assert sorted(item for theme in themes for item in theme.items) == sorted(ITEMS)
    assert all(theme.count == len(theme.items) for theme in themes)


def test_label_is_widened_to_the_words_all_items_share():
    themes = themes_of([PLAN[0], PLAN[1], PLAN[3], PLAN[4]])
    assert summary(themes) == [("แผนพัฒนาตำบล", 4)]


def test_same_themes_whatever_the_order():
    expected = summary(themes_of(ITEMS))
    for seed in range(5):
        shuffled = ITEMS[:]
        random.Random(seed).shuffle(shuffled)
        themes = themes_of(shuffled)
        assert summary(themes) == expected
        assert [set(theme.items) for theme in themes] == [set(theme.items) for theme in themes_of(ITEMS)]


def test_limit_and_min_items():
    assert summary(themes_of(ITEMS, limit=1)) == [("งบประมาณ", 5), ("อื่น ๆ", 10)]
    assert summary(themes_of(ITEMS, min_items=6)) == [("อื่น ๆ", 15)]
    assert summary(themes_of(ITEMS, min_items=3)) == [("งบประมาณ", 5), ("แผน", 5), ("อื่น ๆ", 5)]


def test_empty_input_and_items_without_words():
    assert themes_of([]) == []
    themes = themes_of(["", "  ", "๑๒๓", "การที่จะ", BUDGET[0], BUDGET[1]])
    assert summary(themes) == [("งบประมาณ", 2), ("อื่น ๆ", 4)]
    assert themes[-1].items == ("", "  ", "๑๒๓", "การที่จะ")


def test_repeated_identical_items_are_all_kept():
    themes = themes_of([BUDGET[0], BUDGET[0], FLOOD])
    assert summary(themes) == [("งบประมาณไม่เพียงพอ", 2), ("อื่น ๆ", 1)]


@dataclass(frozen=True)
class Report:
    district: str
    problem: str


def test_items_as_objects():
    reports = [Report(f"อำเภอ {i}", text) for i, text in enumerate(ITEMS)]
    themes = themes_of(reports, text=lambda report: report.problem)
    assert summary(themes) == summary(themes_of(ITEMS))
    assert isinstance(themes[0], Theme)
    assert themes[0].items == tuple(report for report in reports if report.problem in BUDGET)
    assert themes[0].examples == themes[0].items[:3]


def test_nothing_is_downloaded(monkeypatch):
    import pythainlp.corpus
    import pythainlp.corpus.core

    def refuse(*args, **kwargs):
        raise AssertionError("PyThaiNLP tried to fetch data")

    for module in (pythainlp.corpus, pythainlp.corpus.core):
        monkeypatch.setattr(module, "download", refuse)
        monkeypatch.setattr(module, "get_corpus_path", refuse)
    texts = ["ชาวบ้านขาดการมีส่วนร่วมในการทำประชาคมหมู่บ้าน", "ชาวบ้านไม่มีเวลาเข้าร่วมประชาคมหมู่บ้าน"]
    assert summary(themes_of(texts)) == [("ประชาคมหมู่บ้าน", 2)]


def test_two_thousand_items_are_quick():
    rng = random.Random(0)
    items = [f"{rng.choice(ITEMS)} หมู่ที่ {i} {rng.choice(ITEMS)}" for i in range(2000)]
    started = time.perf_counter()
    themes = themes_of(items)
    assert time.perf_counter() - started < 3
    assert sum(theme.count for theme in themes) == 2000


def test_unrelated_items_are_not_grouped_on_a_generic_word_of_the_domain():
    items = [
        "ถนนในตำบลชำรุด รถสัญจรลำบาก",
        "ตำบลขาดแหล่งน้ำสำหรับการเกษตรในฤดูแล้ง",
        "ผู้สูงอายุในตำบลไม่มีผู้ดูแล",
    ]

    themes = themes_of(items)

    assert [theme.label for theme in themes] == ["อื่น ๆ"]
    assert themes[0].count == 3


def test_a_phrase_with_a_generic_word_still_makes_a_theme():
    items = ["แผนพัฒนาตำบลล่าช้า", "จัดทำแผนพัฒนาตำบลไม่ทันกำหนด", "ถนนชำรุด"]

    themes = themes_of(items)

    assert themes[0].label == "แผนพัฒนาตำบล" and themes[0].count == 2
