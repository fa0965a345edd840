"""Thai line breaking: where a line may break (between words, never inside a compound, a place name, "พ.ศ."
and its year, a number and its unit, a title and a name), and how it is written into HTML."""

import pytest
from django.template import Context, Engine
from django.utils.safestring import mark_safe

from tambonplan.thai.linebreak import (
    annotated_titles_and_cells,
    break_attributes,
    marked_html,
    marked_text,
    segments,
)

ENGINE = Engine(builtins=["tambonplan.thai.templatetags"])


def cut(text: str) -> str:
    """The text with "|" where a line may break."""
    return "|".join(segments(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # compounds that renderers split although a better break was on the same line
        ("องค์ประกอบของคณะกรรมการ", "องค์ประกอบ|ของ|คณะกรรมการ"),
        ("ผู้รับผิดชอบตำบล", "ผู้รับผิดชอบ|ตำบล"),
        ("ปัญหาและข้อเสนอแนะ", "ปัญหา|และ|ข้อเสนอแนะ"),
        ("การบูรณาการงบประมาณ", "การ|บูรณาการ|งบประมาณ"),
        ("สถานะ: รับรายงานแล้ว", "สถานะ:| |รับรายงานแล้ว"),
        # place names, from the areas (geothai) and the word list
        ("ตำบลหัวเรือ", "ตำบล|หัวเรือ"),
        ("ตำบลในเมือง ตำบลแจระแม", "ตำบล|ในเมือง| |ตำบล|แจระแม"),
        ("อำเภอเมืองอุบลราชธานี", "อำเภอ|เมืองอุบลราชธานี"),
        # abbreviations, with or without a space around them
        ("คณะกรรมการ (ก.บ.ต.) และ ศอช.ต.", "คณะกรรมการ| |(ก.บ.ต.)| |และ| |ศอช.ต."),
        ("ศูนย์ประสานงานองค์การชุมชน (ศอช.) ในแต่ละระดับ", "ศูนย์ประสานงาน|องค์การ|ชุมชน| |(ศอช.)| |ใน|แต่ละ|ระดับ"),
        # a word and its number, a number and its unit, a date
        ("ในระดับอำเภอและตำบล พ.ศ. ๒๕๖๒", "ใน|ระดับ|อำเภอ|และ|ตำบล| |พ.ศ. ๒๕๖๒"),
        ("ตำบลพ.ศ.๒๕๖๒ (ฉบับปรับปรุง", "ตำบล|พ.ศ.๒๕๖๒| |(ฉบับ|ปรับปรุง"),
        ("ประจำปีงบประมาณพ.ศ ๒๕๖๖ ให้", "ประจำ|ปีงบประมาณ|พ.ศ ๒๕๖๖| |ให้"),
        ("ผู้ใหญ่บ้านหมู่ที่ ๓", "ผู้ใหญ่บ้าน|หมู่ที่ ๓"),
        ("ตามข้อ ๕ ของระเบียบ", "ตาม|ข้อ ๕| |ของ|ระเบียบ"),
        ("คำสั่งฉบับที่ ๒ ครั้งที่ ๔", "คำสั่ง|ฉบับที่ ๒| |ครั้งที่ ๔"),
        ("ผู้เข้าร่วม ๑๕ คน งบประมาณ ๒,๕๐๐,๐๐๐ บาท", "ผู้เข้าร่วม| |๑๕ คน| |งบประมาณ| |๒,๕๐๐,๐๐๐ บาท"),
        ("ภายในวันจันทร์ที่ ๑๕ พฤษภาคม ๒๕๖๖ ตามแบบ", "ภายใน|วันจันทร์|ที่ ๑๕ พฤษภาคม ๒๕๖๖| |ตาม|แบบ"),
        ("ส่งเมื่อ ๑๓ ม.ค. ๖๖ องค์การ", "ส่ง|เมื่อ| |๑๓ ม.ค. ๖๖| |องค์การ"),
        ("(เห็นชอบ 5 ก.พ. 2566)", "(เห็นชอบ| |5 ก.พ. 2566)"),
        ("สิ่งที่ส่งมาด้วย ๓ เพื่อ", "สิ่งที่ส่งมาด้วย ๓| |เพื่อ"),
        # a title and the name after it; the surname may go to the next line
        ("(นายพิสตา ประดา)", "(นายพิสตา| |ประดา)"),
        ("นางสาวสมศรี ใจดี และ ดร. สมชาย", "นางสาวสมศรี| |ใจดี| |และ| |ดร. สมชาย"),
        ("นายอำเภอ ทุกอำเภอ", "นายอำเภอ| |ทุก|อำเภอ"),
        # a "/" between Thai words is a break, not in a document number; digits and Latin are left alone
        ("โครงการ/กิจกรรม", "โครงการ/|กิจกรรม"),
        ("ที่ อบ ๐๐๑๙/ว ๕๓๑", "ที่| |อบ| |๐๐๑๙/ว| |๕๓๑"),
        ("ระเบียบฯ ต่างๆ", "ระเบียบฯ| |ต่างๆ"),
        ("โทร ๐๔๕-๓๔๕๖๒๘ https://tambonplan.example/a", "โทร| |๐๔๕-๓๔๕๖๒๘| |https://tambonplan.example/a"),
    ],
)
def test_segments(text, expected):
    assert cut(text) == expected


def test_segments_give_the_text_back():
    text = "  ด้วยกระทรวงมหาดไทย ได้กำหนดแนวทาง\nพ.ศ. ๒๕๖๒ A&B <x>  "
    assert "".join(segments(text)) == text
    assert segments("") == ()
    assert segments("no Thai at all") == ("no Thai at all",)


def test_marked_text_holds_words_and_marks_breaks():
    assert marked_text("การบูรณาการ พ.ศ. ๒๕๖๙ &amp; ต่อ") == (
        '<span class="thai-keep">การ</span><wbr><span class="thai-keep">บูรณาการ</span> '
        '<span class="thai-keep">พ.ศ. ๒๕๖๙</span> &amp; <span class="thai-keep">ต่อ</span>'
    )
    assert marked_text("Plain &lt;b&gt; text") == "Plain &lt;b&gt; text"


def test_a_long_compound_is_left_to_the_renderer():
    # 25 characters: held whole, it would overflow a narrow table column
    assert "thai-keep" not in marked_text("นายกองค์การบริหารส่วนตำบล")


def test_marked_html_leaves_tags_attributes_head_and_scripts_alone():
    markup = (
        '<html><head><title>องค์ประกอบ</title><style>p::before { content: "องค์ประกอบ" }</style></head>'
        '<body><p title="องค์ประกอบ">ตำบลหัวเรือ<!-- องค์ประกอบ --></p>'
        "<script>let x = 'องค์ประกอบ';</script><svg><text>ตำบลหัวเรือ</text></svg><br/>ในเมือง</body></html>"
    )
    marked = marked_html(markup)

    assert marked == markup.replace(
        "ตำบลหัวเรือ<!--", '<span class="thai-keep">ตำบล</span><wbr><span class="thai-keep">หัวเรือ</span><!--'
    ).replace("<br/>ในเมือง", '<br/><span class="thai-keep">ในเมือง</span>')


def test_break_attributes_for_the_browser():
    # offsets in UTF-16 code units, as JavaScript counts them: "😀" is two
    assert break_attributes("การบูรณาการ พ.ศ. ๒๕๖๙ 😀ในเมือง") == (
        ' data-thai-breaks="3" data-thai-keep="0-3 3-11 12-21 22-31"'
    )
    assert break_attributes("Plain text") == ""


def test_headings_keep_their_text_and_get_the_breaks_as_attributes():
    markup = '<h1 class="page-title">ตำบล&amp;หัวเรือ <small>ในเมือง</small></h1><p>ตำบลหัวเรือ</p><h1>Title</h1>'

    assert annotated_titles_and_cells(markup) == (
        '<h1 class="page-title" data-thai-breaks="" data-thai-keep="0-12 13-20">'
        "ตำบล&amp;หัวเรือ <small>ในเมือง</small></h1><p>ตำบลหัวเรือ</p><h1>Title</h1>"
    )


def test_second_and_third_level_titles_and_table_cells_get_the_breaks_too():
    markup = (
        '<h2 class="h5">ขั้นตอนการจัดทำแผน</h2><h3>แจระแม</h3><h4>แจระแม</h4>'
        '<table><thead><tr><th>ขั้นตอน</th><th class="num">#</th></tr></thead>'
        '<tbody><tr><td><a href="/x">ประสานภาคีการพัฒนา</a></td><td class="num">1,500</td></tr></tbody></table>'
    )

    assert annotated_titles_and_cells(markup) == (
        '<h2 class="h5" data-thai-breaks="7 10 15" data-thai-keep="0-7 7-10 10-15 15-18">ขั้นตอนการจัดทำแผน</h2>'
        '<h3 data-thai-breaks="" data-thai-keep="0-6">แจระแม</h3><h4>แจระแม</h4>'
        '<table><thead><tr><th data-thai-breaks="" data-thai-keep="0-7">ขั้นตอน</th><th class="num">#</th></tr>'
        '</thead><tbody><tr><td data-thai-breaks="6 10" data-thai-keep="0-6 6-10 10-18"><a href="/x">'
        'ประสานภาคีการพัฒนา</a></td><td class="num">1,500</td></tr></tbody></table>'
    )


def test_a_cells_offsets_count_the_text_the_browser_walks():
    # the options of a select are not counted (the script skips them), and the parser reads "\r\n" as "\n"
    markup = "<td><select><option>ตัวเลือก</option></select>ใน\r\nเมือง</td>"

    assert annotated_titles_and_cells(markup) == markup.replace(
        "<td>", '<td data-thai-breaks="" data-thai-keep="0-2 3-8">'
    )


def test_a_cell_holding_a_marked_value_is_left_to_it():
    markup = '<td>ตำบล <span data-thai-breaks="" data-thai-keep="0-7">หัวเรือ</span></td>'

    assert annotated_titles_and_cells(markup) == markup


def render(source: str, **context) -> str:
    return ENGINE.from_string(source).render(Context(context))


def test_thai_breaks_filter_keeps_the_text_escaped():
    assert render("{{ v|thai_breaks }}", v="<b>ตำบลหัวเรือ</b>") == (
        '<span data-thai-breaks="7" data-thai-keep="0-7 7-18">&lt;b&gt;ตำบลหัวเรือ&lt;/b&gt;</span>'
    )
    assert render("{{ v|thai_breaks }}", v=mark_safe("<b>หัวเรือ</b>")) == (
        '<span data-thai-breaks="" data-thai-keep="0-7"><b>หัวเรือ</b></span>'
    )
    assert render("{{ v|thai_breaks }}", v="Plain") == "Plain"


def test_thai_titles_and_cells_filter_on_a_block():
    source = "{% filter thai_titles_and_cells %}<h1>{{ name }}</h1><p>{{ name }}</p><td>{{ name }}</td>{% endfilter %}"

    assert render(source, name="แจระแม<") == (
        '<h1 data-thai-breaks="" data-thai-keep="0-7">แจระแม&lt;</h1><p>แจระแม&lt;</p>'
        '<td data-thai-breaks="" data-thai-keep="0-7">แจระแม&lt;</td>'
    )
