"""Words that match the state (issue 16): a claim is "checked" only when it has a verdict.

Most stored claims are extracted from articles and have no verdict yet, so no text that can be
shown next to one — start, help, search, inline, group texts, the command menu, the reply to a
post, the card, the verdict-change notice — may call the claims it shows "checked".
"""

from __future__ import annotations

import re

import pytest

from claims.i18n import CATALOGUES

# "checked claims", "these checked …", "a claim fact-checkers have already looked at"
OVERSTATES = {
    "en": re.compile(r"\b(checked|verified|fact-checked)\s+(claim|claims|ones?)\b|\bsimilar\s+checked\b"
                     r"|\bthese\s+checked\b|\balready\s+(been\s+)?(checked|looked at)", re.I),
    "ru": re.compile(r"проверенн\w*\s+утвержд|похож\w*\s+проверенн|проверенн\w*\s*:|уже\s+(разобрал|проверил)",
                     re.I),
}
# Moderator-only texts (stats, audit lines) talk to the desk about its own work. The public pages'
# texts (web.*) are about published claims only, each with a verdict, so "checked" is true there.
USER_FACING = re.compile(r"^(?!mod\.|web\.)")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_user_text_calls_every_claim_checked(lang):
    bad = {key: text for key, text in CATALOGUES[lang].items()
           if USER_FACING.match(key) and OVERSTATES[lang].search(text)}
    assert bad == {}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_patterns_catch_the_old_wording(lang):
    old = {"ru": ["есть похожие проверенные:", "найти проверенные утверждения",
                  "Проверенных утверждений в этом сообщении я не нашёл", "фактчекеры уже разобрали"],
           "en": ["these checked claims are similar:", "find checked claims", "No checked claims found",
                  "a claim that fact-checkers have already looked at"]}[lang]
    assert all(OVERSTATES[lang].search(text) for text in old)
