"""The drop-down lists of an import template, read back with openpyxl as Excel would resolve them, for tests."""

import io

import openpyxl
from openpyxl.utils import range_boundaries


def template_choices(content: bytes) -> dict[str, list[str]]:
    """Header of the first sheet's column -> the values its list validation offers (inline, or the range of
    another sheet it refers to). Only validations that cover the whole column under the header row count."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    headers = {cell.column: cell.value for cell in sheet[1]}
    found: dict[str, list[str]] = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list"
        [cells] = validation.sqref.ranges
        min_col, min_row, max_col, max_row = range_boundaries(cells.coord)
        assert (min_col, min_row, max_row) == (max_col, 2, 1_048_576), cells.coord
        found[headers[min_col]] = resolve(workbook, validation.formula1)
    return found


def resolve(workbook: openpyxl.Workbook, formula: str) -> list[str]:
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet_name, reference = formula.rsplit("!", 1)
    sheet = workbook[sheet_name.strip("'")]
    return [str(row[0].value) for row in sheet[reference.replace("$", "")]]


def template_validations(content: bytes) -> list:
    """The list validations of the first sheet, for their alert settings."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return list(workbook.worksheets[0].data_validations.dataValidation)
