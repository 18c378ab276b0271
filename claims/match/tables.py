"""The matcher's data tables (claims/match/data/*.tsv): one reader for their shared format."""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib import resources


def table_rows(name: str, path: str | os.PathLike | None = None, min_cols: int = 3) -> Iterator[list[str]]:
    """The columns of each line of a TAB-separated table: the shipped claims/match/data/`name` when
    `path` is None, else the file at `path` (OSError when it cannot be read, raised at once). Blank
    lines, "#" comments and lines of fewer than `min_cols` columns are skipped."""
    if path is None:
        text = resources.files("claims.match").joinpath("data", name).read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    return (cols for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#") and len(cols := line.split("\t")) >= min_cols)
