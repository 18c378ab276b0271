"""The Russian and English catalogues say the same things: every key in both, with the same
placeholders (a missing key or a renamed {placeholder} would reach a user as a broken reply)."""

from __future__ import annotations

import string

from bot.i18n import CATALOGUES


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_catalogues_have_the_same_keys():
    ru, en = CATALOGUES["ru"], CATALOGUES["en"]
    assert sorted(set(ru) - set(en)) == [] and sorted(set(en) - set(ru)) == []


def test_both_catalogues_use_the_same_placeholders():
    ru, en = CATALOGUES["ru"], CATALOGUES["en"]
    differ = {key: (_fields(ru[key]), _fields(en[key])) for key in set(ru) & set(en)
              if _fields(ru[key]) != _fields(en[key])}
    assert differ == {}
