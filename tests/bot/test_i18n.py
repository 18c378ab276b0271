"""The Russian and English catalogues say the same things: every key in both, with the same
placeholders (a missing key or a renamed {placeholder} would reach a user as a broken reply)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from bot.i18n import CATALOGUES

BOT = Path(__file__).resolve().parents[2] / "bot"


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


def test_every_key_is_read_by_the_code():
    """A key no code reads is dead text that still has to be translated and kept in step. A key counts
    as read when bot/ has it as a string literal, or builds it with an f-string such as f"stance.{s}"."""
    literals: set[str] = set()
    built: list[re.Pattern] = []
    for path in BOT.rglob("*.py"):
        if path.parent.name == "i18n":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant) \
                    and re.match(r"[a-z_]+\.", node.values[0].value):
                built.append(re.compile("".join(re.escape(v.value) if isinstance(v, ast.Constant) else ".+"
                                                for v in node.values) + "$"))
    unused = [key for key in CATALOGUES["en"] if key not in literals and not any(p.match(key) for p in built)]
    assert unused == []
