"""The text of generated documents, for tests: NFKC-normalised (ำ as extracted from a PDF is ํ + า) and
without white space, so a line break inside a name or a table cell does not matter."""

import io
import unicodedata

import docx
from pypdf import PdfReader


def squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(content: bytes) -> str:
    return squeeze("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return squeeze("\n".join([p.text for p in document.paragraphs] + cells))
