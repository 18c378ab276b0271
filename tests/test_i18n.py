"""The one catalogue per language (claims/i18n: the bot's texts and the public pages' web.* texts).

The Russian and English catalogues say the same things: every key in both, with the same
placeholders (a missing key or a renamed {placeholder} would reach a user as a broken reply or
page), and every key is read somewhere. The bot's `t()` escapes values for Telegram HTML; the
pages' `plain()` leaves escaping to Jinja2."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from claims.i18n import CATALOGUES, Raw, plain, t

ROOT = Path(__file__).resolve().parents[1]
CODE = (ROOT / "bot", ROOT / "claims" / "web")  # the two front ends; claims/i18n itself is not a reader
TEMPLATES = ROOT / "claims" / "web" / "templates"
# t('web.key' …) in a template, and t('web.stance.' ~ s.stance) that builds a key
TEMPLATE_KEY = re.compile(r"""(?<![\w.])t\(\s*(['"])([a-z0-9_.]+)\1\s*(~)?""")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _keys_read() -> tuple[set[str], list[re.Pattern]]:
    """The string literals of bot/ and claims/web/ (and the keys the templates pass to t()), and the
    patterns of keys built by an f-string such as f"stance.{s}" or in a template by 'web.stance.' ~ s."""
    literals: set[str] = set()
    built: list[re.Pattern] = []
    for path in (p for top in CODE for p in top.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant) \
                    and re.match(r"[a-z_]+\.", node.values[0].value):
                built.append(re.compile("".join(re.escape(v.value) if isinstance(v, ast.Constant) else ".+"
                                                for v in node.values) + "$"))
    for path in TEMPLATES.iterdir():
        for _, key, tilde in TEMPLATE_KEY.findall(path.read_text(encoding="utf-8")):
            if tilde:
                built.append(re.compile(re.escape(key) + ".+$"))
            else:
                literals.add(key)
    return literals, built


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
    as read when bot/ or claims/web/ has it as a string literal or builds it with an f-string, or a
    template of claims/web/templates passes it (or builds it with ~) to t()."""
    literals, built = _keys_read()
    unused = [key for key in CATALOGUES["en"] if key not in literals and not any(p.match(key) for p in built)]
    assert unused == []


def test_the_key_scan_reads_the_templates():
    """The scan sees keys only a template uses (a literal one and a built one), and a key nobody uses stays unread."""
    literals, built = _keys_read()
    assert {"web.site.tagline", "web.feed.title"} <= literals  # base.html, feed.xml
    assert any(p.match("web.stance.refutes") for p in built)  # claim.html: t('web.stance.' ~ s.stance)
    assert "web.no.such.key" not in literals and not any(p.match("web.no.such.key") for p in built)


def test_the_bot_escapes_values_and_the_pages_leave_it_to_jinja():
    hostile = "<b>x</b> & y"
    assert t("en", "web.search.results", query=hostile) == "Checked claims for «&lt;b&gt;x&lt;/b&gt; &amp; y»"
    assert t("en", "web.search.results", query=Raw("<i>ok</i>")) == "Checked claims for «<i>ok</i>»"
    assert plain("en", "web.search.results", query=hostile) == "Checked claims for «<b>x</b> & y»"
    assert plain("ru", "web.search.page", page=2) == "страница 2"
    assert plain("xx", "web.nav.search") == t("xx", "web.nav.search") == "Search"  # unknown language: English
