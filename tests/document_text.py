"""The text of generated documents as a reader copies it, for tests: a PDF's text through poppler's
pdftotext (which honours the /ActualText of each line, as Acrobat and Chrome do), exactly as written — no
Unicode normalisation —, and without white space, so a line break inside a name or a table cell does not
matter."""

import io
import subprocess

import docx


def squeeze(text: str) -> str:
    return "".join(text.split())


def pdf_text_as_copied(content: bytes, *, layout: bool = False) -> str:
    """The PDF's text as pdftotext extracts it, pages separated by form feeds: in the order it was drawn
    (`-raw`: a table cell's lines together, a page's number after its content), or with `layout` the lines
    as printed."""
    command = ["pdftotext", "-layout" if layout else "-raw", "-enc", "UTF-8", "-", "-"]
    result = subprocess.run(command, input=content, capture_output=True, check=True)
    return result.stdout.decode()


def pdf_text(content: bytes) -> str:
    return squeeze(pdf_text_as_copied(content))


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return squeeze("\n".join([p.text for p in document.paragraphs] + cells))
