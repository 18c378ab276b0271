"""Reading a desk's spreadsheet of fact-checks: CSV in any encoding and dialect, or Excel .xlsx.

Excel with Russian regional settings saves CSV as cp1251 with `;` between cells; "Unicode text"
is UTF-16 with tabs; LibreOffice and Google Sheets write UTF-8 with commas. The encoding is
detected as for `claims ingest` (claims.textfile), the separator from the header line, and the
header may be in Russian or English (HEADER_ALIASES). `.xlsx` is read with openpyxl (first sheet).
When the file still cannot be read, the message says which encoding, separator and columns it saw.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import InvalidInput
from .textclean import clean_line

# Header cell (case-folded, ё→е, runs of spaces/underscores/hyphens → one space) → import field.
HEADER_ALIASES: dict[str, str] = {}
for _field, _names in {
    "text": ("text", "claim", "claim text", "statement", "текст", "утверждение", "текст утверждения",
             "заявление", "тезис", "цитата"),
    "id": ("id", "идентификатор", "номер", "№", "код"),
    "external_id": ("external id",),
    "title": ("title", "headline", "заголовок", "название"),
    "verdict": ("verdict", "rating", "вердикт", "оценка", "вывод", "результат проверки"),
    "verdict_summary": ("verdict summary", "summary", "explanation", "пояснение", "обоснование", "комментарий",
                        "разбор"),
    "url": ("url", "review url", "link", "ссылка", "ссылка на проверку", "url проверки", "адрес"),
    "date": ("date", "claim date", "дата", "дата утверждения", "дата заявления"),
    "speaker": ("speaker", "author", "автор", "спикер", "кто сказал", "источник утверждения"),
    "language": ("language", "lang", "язык"),
}.items():
    for _name in _names:
        HEADER_ALIASES[_name] = _field

SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}


def header_key(cell: Any) -> str:
    text = clean_line(str(cell or "")).casefold().replace("ё", "е")
    for ch in "_-":
        text = text.replace(ch, " ")
    return " ".join(text.split()).strip(" :*")


def map_header(cells: list[Any]) -> dict[int, str]:
    """Column index → import field for the cells that name a known field (first one wins)."""
    out: dict[int, str] = {}
    for i, cell in enumerate(cells):
        field = HEADER_ALIASES.get(header_key(cell))
        if field and field not in out.values():
            out[i] = field
    return out


def _cant_read(path: Path, how: str, cells: list[Any]) -> InvalidInput:
    seen = ", ".join(repr(str(c)[:30]) for c in cells[:12] if str(c or "").strip()) or "none"
    return InvalidInput(f"{path}: line 1: cannot find a text column (a header cell such as 'text' or «текст»); "
                        f"read it as {how}; columns seen: {seen}")


ONE_COLUMN = "\x1f"  # a one-column sheet: no separator; each line is one cell (quotes still work)


def sniff_separator(header_line: str) -> str:
    """The separator of a CSV header line: the most frequent of `,` `;` tab outside quotes;
    ONE_COLUMN when there is none (Excel writes a one-column sheet with no separator at all, so
    the commas and semicolons in its cells are text)."""
    counts = {sep: 0 for sep in SEPARATORS}
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ONE_COLUMN


def read_sheet(path: Path, fmt: str) -> Iterator[tuple[int, dict]]:
    """(line number, record) for each data row; records use the import's field names."""
    if fmt == "xlsx":
        return _read_xlsx(path)
    return _read_csv(path)


def _read_csv(path: Path) -> Iterator[tuple[int, dict]]:
    from .textfile import decode_text, read_bytes

    from .textfile import CANDIDATES

    data = read_bytes(path)
    text, encoding = decode_text(data, path)
    text = text.lstrip("\ufeff")
    tsv = path.suffix.lower() == ".tsv"
    header_line, sep, first = _find_csv_header(text, tsv)
    if header_line is None and encoding != "utf-8":  # a few short Cyrillic lines fool the detector:
        for candidate in CANDIDATES:                 # the encoding in which the header reads is the one
            try:
                other = data.decode(candidate).lstrip("\ufeff")
            except UnicodeDecodeError:
                continue
            found = _find_csv_header(other, tsv)
            if found[0] is not None:
                text, encoding, (header_line, sep, first) = other, candidate, found
                break
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"')
    how = (f"{encoding} with {SEPARATORS[sep]} (“{sep if sep != chr(9) else 'tab'}”) between cells"
           if sep in SEPARATORS else f"{encoding}, one column (no , ; or tab in the header line)")
    if header_line is None:
        if first is None:
            raise InvalidInput(f"{path}: the file is empty")
        raise _cant_read(path, how, first)
    header: list[str] | None = None
    columns: dict[int, str] = {}
    start = 1  # the line the current row starts on
    try:
        for row in reader:
            start, row_start = reader.line_num + 1, start
            if sep == ONE_COLUMN and len(row) > 1:
                row = [sep.join(row)]
            if header is None:
                if row_start >= header_line:  # a title row or two above the header is skipped
                    header = row
                    columns = map_header(row)
                continue
            if not any(cell.strip() for cell in row):
                continue
            if reader.line_num > row_start and _never_closed(text, row_start, sep):
                raise InvalidInput(f"{path}: line {row_start}: a quoted cell is never closed (a \" with no closing "
                                   f"\"), so every line after it would be read into that cell; read it as {how}")
            yield row_start, {field: row[i] for i, field in columns.items() if i < len(row)}
    except csv.Error as err:
        raise InvalidInput(f"{path}: line {reader.line_num}: not valid CSV ({err}); read it as {how}") from None


HEADER_SEARCH_ROWS = 10  # a desk's sheet may start with a title row or two above the header


def _find_csv_header(text: str, tsv: bool) -> tuple[int | None, str, list[str] | None]:
    """(line of the header, its separator, the first non-empty line's cells): the header is the
    first of the first HEADER_SEARCH_ROWS non-empty lines that names a text column."""
    first: tuple[str, list[str]] | None = None
    seen = 0
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        sep = "\t" if tsv else sniff_separator(line)
        cells = next(csv.reader([line], delimiter=sep, quotechar='"'), [])
        if first is None:
            first = (sep, cells)
        if "text" in map_header(cells).values():
            return number, sep, cells
        seen += 1
        if seen >= HEADER_SEARCH_ROWS:
            break
    return (None, first[0], first[1]) if first else (None, ",", None)


def _never_closed(text: str, line: int, sep: str) -> bool:
    """True when the row starting on `line` (1-based) runs to the end of the text inside quotes."""
    rest = "".join(text.splitlines(keepends=True)[line - 1:])
    try:
        for _ in csv.reader(io.StringIO(rest, newline=""), delimiter=sep, strict=True):
            pass
    except csv.Error as err:
        return "unexpected end of data" in str(err)
    return False


def _cell(value: Any) -> Any:
    if isinstance(value, bool):  # Excel turns a typed TRUE/FALSE (a verdict column) into a boolean
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')
MAX_MERGED_ROWS = 200_000  # a merged range over a whole column is not spread row by row


def _merged_cells(raw: bytes, sheet_path: str | None) -> dict[int, list[tuple[int, int, int, int]]]:
    """Row → [(first column, last column, top row, left column)] of the merged ranges crossing it.
    openpyxl's read-only mode does not report merged cells, so they are read from the sheet's XML;
    a verdict or a date merged over several rows belongs to each of them."""
    from zipfile import BadZipFile, ZipFile

    from openpyxl.utils import range_boundaries

    if not sheet_path:
        return {}
    try:
        with ZipFile(io.BytesIO(raw)) as archive:
            xml = archive.read(sheet_path.lstrip("/"))
    except (BadZipFile, KeyError, OSError):
        return {}
    rows: dict[int, list[tuple[int, int, int, int]]] = {}
    spread = 0
    for start, end in _MERGE_RE.findall(xml):
        min_col, min_row, max_col, max_row = range_boundaries(f"{start.decode()}:{end.decode()}")
        spread += max_row - min_row + 1
        if spread > MAX_MERGED_ROWS:
            break
        for r in range(min_row, max_row + 1):
            rows.setdefault(r, []).append((min_col, max_col, min_row, min_col))
    return rows


def _read_xlsx(path: Path) -> Iterator[tuple[int, dict]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:  # opened as a file: openpyxl would refuse an .xlsx saved under another name by its suffix
        with path.open("rb") as handle:
            raw = handle.read()
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as err:
        hint = ""
        with path.open("rb") as handle:
            start = handle.read(4096)
            if b"\x00" not in start and not start.startswith(b"PK"):
                hint = "; it is a text file: if it is a CSV, rename it to .csv or pass --format csv"
        raise InvalidInput(f"{path}: not an Excel .xlsx workbook ({str(err)[:80]}){hint}") from None
    try:
        sheet = book.worksheets[0]
        merged = _merged_cells(raw, getattr(sheet, "_worksheet_path", None))
        top_left: dict[tuple[int, int], Any] = {}
        columns: dict[int, str] | None = None
        first: list[Any] | None = None
        seen = 0
        for number, row in enumerate(sheet.iter_rows(min_row=1, min_col=1, values_only=True), 1):
            cells = list(row)
            for (col, last_col, row0, col0) in merged.get(number, ()):  # a merged cell fills its whole range
                if row0 == number and col0 == col and col - 1 < len(cells):
                    top_left[(row0, col0)] = cells[col - 1]
                for c in range(col, last_col + 1):
                    if (row0, col0) != (number, c):
                        cells += [None] * (c - len(cells))
                        cells[c - 1] = top_left.get((row0, col0))
            if not any(c is not None and str(c).strip() for c in cells):
                continue
            if columns is None:  # the header: the first row naming a text column (title rows above it)
                first = first or cells
                seen += 1
                if "text" in map_header(cells).values():
                    columns = map_header(cells)
                elif seen >= HEADER_SEARCH_ROWS:
                    raise _cant_read(path, f"Excel sheet {sheet.title!r}", first)
                continue
            yield number, {field: _cell(cells[i]) for i, field in columns.items()
                           if i < len(cells) and cells[i] is not None}
        if columns is None:
            if first is not None:
                raise _cant_read(path, f"Excel sheet {sheet.title!r}", first)
            raise InvalidInput(f"{path}: the first sheet is empty")
    finally:
        book.close()
