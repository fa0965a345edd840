"""The circular (หนังสือเวียน) as a Thai government letter, in PDF and Word.

The circular is a หนังสือภายนอก: `circular_content` gives its text as a `documents.letter.LetterContent`
(every number in Thai digits), which the shared letter layout prints in both formats. The QR codes hold the
enclosures' public links (`public_links.qr_url`: SITE_URL, no login).
"""

from io import BytesIO

import segno

from tambonplan.directives.models import Circular, lines_of, paragraphs_of
from tambonplan.directives.public_links import qr_url
from tambonplan.documents.emblem import emblem_data_uri
from tambonplan.documents.letter import (
    LetterContent,
    LetterEnclosure,
    Secrecy,
    Urgency,
    contact_lines,
    letter_docx,
)
from tambonplan.documents.pdf import render_pdf
from tambonplan.thai.dates import be_date_long
from tambonplan.thai.digits import to_thai_digits

th = to_thai_digits


def _qr_png(url: str) -> bytes:
    buffer = BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def _qr_caption(numbers: list[int]) -> str:
    if not numbers:
        return ""
    if len(numbers) == 1:
        return th(f"คิวอาร์โค้ด สิ่งที่ส่งมาด้วย {numbers[0]}")
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return th(f"คิวอาร์โค้ด สิ่งที่ส่งมาด้วย {numbers[0]}-{numbers[-1]}")
    return th("คิวอาร์โค้ด สิ่งที่ส่งมาด้วย " + ", ".join(str(n) for n in numbers))


def circular_content(circular: Circular) -> LetterContent:
    enclosures = []
    for enclosure in circular.enclosures.all():
        url = qr_url(enclosure)
        enclosures.append(
            LetterEnclosure(
                number=th(f"{enclosure.number}."),
                text=th(f"{enclosure.title} {enclosure.quantity}".strip()),
                caption=th(f"สิ่งที่ส่งมาด้วย {enclosure.number}"),
                url=url,
                qr_png=_qr_png(url),
            )
        )
    numbers = [e.number for e in circular.enclosures.all()]
    paragraphs = [th(p) for p in paragraphs_of(circular.body)]
    paragraphs += [th(f"{i.number}. " + " ".join(lines_of(i.text))) for i in circular.instructions.all()]
    return LetterContent(
        number_line=th(f"ที่ {circular.number}"),
        office_lines=[
            th(line) for line in [circular.office_name, *lines_of(circular.office_address)] if line
        ],
        date_line=be_date_long(circular.issued_on, thai_digits=True),
        subject=th(circular.subject),
        addressee=th(circular.addressees),
        references=[th(line) for line in lines_of(circular.reference)],
        enclosures=enclosures,
        paragraphs=paragraphs,
        closing=th(circular.closing),
        signer_name=th(f"({circular.signer_name})") if circular.signer_name else "",
        signer_lines=[th(line) for line in lines_of(circular.signer_position)],
        qr_caption=_qr_caption(numbers),
        contact_lines=contact_lines(
            lines_of(circular.contact),
            phone=circular.contact_phone,
            fax=circular.contact_fax,
            email=circular.contact_email,
        ),
        copies=[th(line) for line in lines_of(circular.copy_to)],
        urgency=str(Urgency(circular.urgency).label) if circular.urgency else "",
        secrecy=str(Secrecy(circular.secrecy).label) if circular.secrecy else "",
    )


def circular_pdf(circular: Circular) -> bytes:
    content = circular_content(circular)
    return render_pdf("directives/circular_document.html", {"letter": content, "emblem": emblem_data_uri()})


def circular_docx(circular: Circular) -> bytes:
    """The circular as an editable Word document."""
    return letter_docx(circular_content(circular))
