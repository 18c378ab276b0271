"""Rendering rules: escaping, 4096-character messages cut between blocks, 64-byte callback data."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.testing import html_problem
from bot.render import callback, cut, fit, html_to_text, link, match_card, pack, search_card, tg_len


def test_pack_cuts_between_blocks():
    blocks = [f"<b>{i}</b> " + "x" * 1000 for i in range(10)]
    messages = pack(blocks)
    assert len(messages) > 1
    assert all(tg_len(m) <= 4096 for m in messages)
    assert all(html_problem(m) is None for m in messages)
    assert "".join(messages).count("<b>") == 10


def test_fit_never_cuts_inside_a_tag():
    html = '<a href="https://e.org">' + "я" * 5000 + "</a>"
    out = fit(html)
    assert tg_len(out) <= 4096 and html_problem(out) is None


def test_utf16_length_counts_emoji_twice():
    assert tg_len("😀") == 2
    out = pack(["😀" * 3000])
    assert all(tg_len(m) <= 4096 for m in out)


def test_callback_limit():
    assert callback("d", 12) == "d:12"
    with pytest.raises(ValueError):
        callback("x", "я" * 40)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "", None])
def test_link_refuses_non_http(url):
    assert "href" not in link(url, "label")


def test_link_escapes_quotes():
    out = link('https://e.org/?q="><script>', "x")
    assert html_problem(out) is None and '"><script>' not in out


def test_cut():
    assert cut("a b c", 10) == "a b c"
    assert len(cut("слово " * 100, 50)) <= 50


def _item(text, speaker, title, url, verdict="false", contradicts=False):  # noqa: ANN001, ANN202
    claim = SimpleNamespace(id=7, text=text, speaker=speaker, verdict=verdict)
    article = SimpleNamespace(title=title, url=url)
    return SimpleNamespace(claim=claim, article=article, score=87.6, relation="match", contradicts=contradicts,
                           approved_sources=2)


nasty = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000)


@settings(max_examples=60, deadline=None)
@given(text=nasty, speaker=st.one_of(st.none(), nasty), title=st.one_of(st.none(), nasty),
       url=st.one_of(st.none(), st.sampled_from(["https://e.org/a?b=1&c=<2>", "javascript:x", "http://x"])),
       lang=st.sampled_from(["ru", "en"]), contradicts=st.booleans())
def test_cards_are_always_valid_telegram_html(text, speaker, title, url, lang, contradicts):
    item = _item(text or "x", speaker, title, url, contradicts=contradicts)
    for html in (match_card(1, item, lang), search_card(1, item, lang)):
        assert html_problem(html) is None
        assert tg_len(html) <= 4096
    messages = pack([match_card(n, item, lang) for n in range(1, 6)])
    assert all(tg_len(m) <= 4096 and html_problem(m) is None for m in messages)


def test_html_to_text():
    assert html_to_text('<b>a</b> &amp; <a href="https://x.y">z</a>') == "a & z (https://x.y)"
