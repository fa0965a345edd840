"""An open dataset as a file: CSV (UTF-8 with a BOM, so Excel reads the Thai), JSON (rows with their data
dictionary) or XLSX (a data sheet and a dictionary sheet). All three write the same ``Dataset.rows``.
"""

import csv
import json
from decimal import Decimal
from io import StringIO

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from tambonplan.documents.responses import file_response, safe_filename
from tambonplan.documents.xlsx import FORMULA_PREFIXES, Sheet, build_xlsx
from tambonplan.opendata.selectors import Column, Dataset

FORMATS = ("csv", "json", "xlsx")
CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"


def filename_of(dataset: Dataset, fmt: str) -> str:
    return f"opendata-{dataset.slug}-{dataset.fiscal_year}.{fmt}"


def _csv_cell(value: object) -> object:
    """Text that a spreadsheet would take for a formula is sent with a leading apostrophe (as the XLSX writer
    stores it as text): open data is opened in Excel."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _json_value(value: object) -> object:
    """Amounts as JSON numbers: whole baht as integers, otherwise with their decimals."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def csv_bytes(header: list[str], rows) -> bytes:
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def dataset_csv(dataset: Dataset) -> bytes:
    """Header: the columns' machine names (the dictionary gives their Thai labels)."""
    return csv_bytes([column.name for column in dataset.columns], dataset.rows)


def dictionary_rows(columns: list[Column]):
    for column in columns:
        yield [column.name, str(column.label), column.type, str(column.unit), str(column.definition)]


DICTIONARY_HEADER = ("name", "label", "type", "unit", "definition")


def dictionary_csv(columns: list[Column]) -> bytes:
    return csv_bytes(list(DICTIONARY_HEADER), dictionary_rows(columns))


def dataset_document(dataset: Dataset) -> dict:
    names = [column.name for column in dataset.columns]
    return {
        "dataset": dataset.slug,
        "title": dataset.title,
        "fiscal_year": dataset.fiscal_year,
        "province_code": dataset.province[0] if dataset.province else None,
        "generated_at": dataset.generated_at.isoformat(),
        "dictionary": [column.as_dict() for column in dataset.columns],
        "rows": [
            {name: _json_value(value) for name, value in zip(names, row, strict=True)} for row in dataset.rows
        ],
    }


def dataset_json(dataset: Dataset) -> bytes:
    return json.dumps(dataset_document(dataset), ensure_ascii=False, indent=1).encode("utf-8")


def dataset_xlsx(dataset: Dataset) -> bytes:
    """A data sheet headed by the Thai labels; a dictionary sheet maps each label to its machine name."""
    data = Sheet(
        title=_("ข้อมูล"),
        headers=[str(column.label) for column in dataset.columns],
        rows=dataset.rows,
        widths=[14 if column.type != "string" else 22 for column in dataset.columns],
    )
    dictionary = Sheet(
        title=_("พจนานุกรมข้อมูล"),
        headers=[_("ชื่อคอลัมน์"), _("ชื่อภาษาไทย"), _("ชนิดข้อมูล"), _("หน่วย"), _("คำอธิบาย")],
        rows=dictionary_rows(dataset.columns),
        widths=[34, 40, 10, 10, 90],
    )
    return build_xlsx([data, dictionary])


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Content-Length"] = str(len(content))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def dataset_response(dataset: Dataset, fmt: str) -> HttpResponse:
    filename = filename_of(dataset, fmt)
    if fmt == "xlsx":
        return file_response(dataset_xlsx(dataset), filename, "xlsx")
    if fmt == "json":
        return _download(dataset_json(dataset), JSON_TYPE, safe_filename(filename, "json"))
    return _download(dataset_csv(dataset), CSV_TYPE, safe_filename(filename, "csv"))


def dictionary_response(name: str, columns: list[Column], fmt: str) -> HttpResponse:
    filename = f"opendata-{name}-dictionary.{fmt}"
    if fmt == "json":
        content = json.dumps([c.as_dict() for c in columns], ensure_ascii=False, indent=1).encode("utf-8")
        return _download(content, JSON_TYPE, filename)
    if fmt == "xlsx":
        sheet = Sheet(
            title=_("พจนานุกรมข้อมูล"),
            headers=list(DICTIONARY_HEADER),
            rows=dictionary_rows(columns),
            widths=[34, 40, 10, 10, 90],
        )
        return file_response(build_xlsx([sheet]), filename, "xlsx")
    return _download(dictionary_csv(columns), CSV_TYPE, filename)
