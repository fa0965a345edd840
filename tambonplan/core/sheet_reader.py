"""Parse one worksheet of an untrusted XLSX in a child process, so that a parser failure cannot take the
worker down.

`tambonplan.core.tabular` runs this file as `python -I sheet_reader.py MEMORY_BYTES MAX_TEXT SHEET_NAME`
with the file's bytes on standard input, after its own streaming checks have passed. The process first
limits its own address space (a Rust allocation failure in calamine aborts the process, which no `except`
can catch, and would kill a worker), then reads the sheet with calamine, else openpyxl (slower but more
forgiving), exactly as the importer always did, and writes the rows to standard output as one JSON array
of arrays. Values JSON has no type for are tagged objects (`{"date": "2024-10-01"}`), so the parent gets
back exactly the values the parser returned (floats, infinities and NaN included); nothing is pickled.

The exit status tells the parent what happened (`EXIT_*`); a signal means the process was killed (an
abort on a failed allocation, the kernel's OOM killer, the parent's timeout). The parent logs standard
error and never shows it to the user.

It imports no Django and nothing of the project: it must start fast and must not depend on how the
project is installed.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import resource
import sys
from collections.abc import Sequence
from typing import IO, Any

from python_calamine import CalamineWorkbook

EXIT_UNREADABLE = 3  # neither parser could read the sheet
EXIT_MEMORY = 4  # MemoryError: the address-space limit was reached in Python code
EXIT_TOO_MUCH_TEXT = 5  # the cells hold more text than MAX_TEXT characters

# The tag of each value type JSON has no type for; a date is written as its ISO text, a timedelta as
# [days, seconds, microseconds].
_TAGS = {
    datetime.datetime: "datetime",
    datetime.date: "date",
    datetime.time: "time",
    datetime.timedelta: "timedelta",
}
_ISO_TYPES = {"datetime": datetime.datetime, "date": datetime.date, "time": datetime.time}


class TooMuchText(Exception):
    """The rows hold more characters of text than the parent allowed."""


def limit_memory(limit_bytes: int) -> None:
    """Cap this process's address space (never above a hard limit already set)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit_bytes = min(limit_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, hard))


def read_sheet(data: bytes, sheet_name: str) -> list[list[object]]:
    """The cells of the named worksheet; index 0 is Excel row 1. Raises whatever the parsers raise."""
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(sheet_name)
        return sheet.to_python(skip_empty_area=False)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException:  # noqa: BLE001  # calamine could not read it (a Rust panic is a BaseException);
        pass  # openpyxl is slower but more forgiving
    # Imported only for the rare file calamine cannot read: importing openpyxl takes about 0.1 s.
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        worksheet = workbook[sheet_name]
        worksheet.reset_dimensions()  # do not trust the declared dimensions
        return [list(row) for row in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def encode_value(value: Any) -> object:
    """A cell value JSON cannot hold, as a tagged object (`json.dumps(default=...)`). Looked up by type,
    the nearest class first (a datetime is also a date): a sheet may hold a date in every row."""
    for kind in type(value).__mro__:
        tag = _TAGS.get(kind)
        if tag == "timedelta":
            return {tag: [value.days, value.seconds, value.microseconds]}
        if tag is not None:
            return {tag: value.isoformat()}
    return str(value)


def decode_value(tagged: dict[str, Any]) -> object:
    """The value `encode_value` tagged (`json.loads(object_hook=...)`)."""
    [(tag, value)] = tagged.items()
    if tag == "timedelta":
        days, seconds, microseconds = value
        return datetime.timedelta(days=days, seconds=seconds, microseconds=microseconds)
    return _ISO_TYPES[tag].fromisoformat(value)


def write_rows(rows: Sequence[Sequence[object]], output: IO[bytes], *, max_text: int) -> None:
    """Write the rows as one JSON array, row by row; raise TooMuchText past `max_text` characters of text
    (the parent's streaming check counts the same text, so this only trips on a file it misjudged)."""
    text = 0
    output.write(b"[")
    for index, row in enumerate(rows):
        text += sum(len(value) for value in row if isinstance(value, str))
        if text > max_text:
            raise TooMuchText
        if index:
            output.write(b",")
        output.write(json.dumps(row, ensure_ascii=False, check_circular=False, default=encode_value).encode())
    output.write(b"]")


def decode_rows(data: bytes) -> list[list[object]]:
    """The rows `write_rows` wrote. Raises ValueError, KeyError or TypeError when `data` is not such a
    document."""
    rows = json.loads(data, object_hook=decode_value)
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ValueError("the sheet reader's output is not a list of rows")
    return rows


def main(argv: Sequence[str]) -> int:
    """`sheet_reader.py MEMORY_BYTES MAX_TEXT SHEET_NAME`, the file on standard input; the exit status
    (`EXIT_*`) tells the parent why no rows were written."""
    memory_bytes, max_text, sheet_name = int(argv[1]), int(argv[2]), argv[3]
    limit_memory(memory_bytes)
    try:
        rows = read_sheet(sys.stdin.buffer.read(), sheet_name)
        write_rows(rows, sys.stdout.buffer, max_text=max_text)
        sys.stdout.buffer.flush()
    except MemoryError:
        os._exit(EXIT_MEMORY)  # nothing more to allocate for: no traceback, no clean-up
    except TooMuchText:
        return EXIT_TOO_MUCH_TEXT
    except Exception as error:  # noqa: BLE001  # openpyxl could not read it either
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
