"""claims.services.sources: reading the words after a link in a one-line submission."""

from __future__ import annotations

import pytest

from claims.services.sources import split_stance_note


@pytest.mark.parametrize(("words", "expected"), [
    ([], ("context", None)),
    (["refutes"], ("refutes", None)),
    (["против", "данные", "Росстата"], ("refutes", "данные Росстата")),
    (["+"], ("supports", None)),
    (["просто", "заметка"], ("context", "просто заметка")),
    (["контекст", " "], ("context", None)),
])
def test_split_stance_note(words, expected):
    assert split_stance_note(words) == expected
