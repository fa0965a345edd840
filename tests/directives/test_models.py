"""Circular helpers: the body's paragraphs."""

from tambonplan.directives.models import paragraphs_of


def test_paragraphs_are_separated_by_blank_lines():
    assert paragraphs_of("หนึ่ง\nต่อ\n\nสอง\r\n\r\nสาม") == ["หนึ่ง ต่อ", "สอง", "สาม"]
