"""break13: REPRODUCTIONS OF DEFECTS FOUND BY A TESTER (2026-12-01) on main ae4a49f. Every test here
FAILS on ae4a49f and is marked `xfail(strict=True)`: when a fix makes one pass, pytest reports XPASS
as a failure — then delete its marker. No product code is changed here.

Found through `claims import` + `claims db embed` + `claims match --stdin --json` on a fresh SQLite
store (scores in comments are the CLI's); reproduced with an in-memory matcher over the same claims.
"""

from __future__ import annotations

import pytest

from claims.match import Matcher
from claims.normalize import normalize
from claims.settings import Settings

CLAIMS = {
    1: ("Чеснок защищает от коронавируса", "ru"),
    2: ("Вакцины вызывают аутизм", "ru"),
    3: ("Спартак проиграл Зениту 1:3", "ru"),
    4: ("Россия продала Китаю истребители Су-35", "ru"),
    5: ("Вышки 5G распространяют коронавирус", "ru"),
    11: ("Drinking bleach cures COVID-19", "en"),
}

BROKEN = pytest.mark.xfail(strict=True, reason="break13 repro: fails on main ae4a49f")


@pytest.fixture(scope="module")
def m(encoder) -> Matcher:
    matcher = Matcher(Settings(_env_file=None), encoder=encoder)
    matcher.build((i, normalize(t), "", lg) for i, (t, lg) in CLAIMS.items())
    matcher.put_vectors(list(CLAIMS), encoder.encode([t for t, _ in CLAIMS.values()]))
    return matcher


def _hit(m: Matcher, text: str, claim_id: int):
    return next((h for h in m.match(text) if h.claim_id == claim_id), None)


def _flagged(hit) -> bool:
    return hit is not None and hit.contradicts and hit.relation != "match"


def _plain_match(hit) -> bool:
    return hit is not None and hit.relation == "match" and not hit.contradicts


# 1. REGRESSION (8809e6e: flagged): an invisible character for a space INSIDE the denying frame
#    (fix12 only reads it after «что»). Clean text: related, contradicts [negation].
#    Fixed: after a negation or contrast, an invisible character reads as a space only where the two
#    words joined make no word («никтоне», «неговорит»; «Не\u200bдавно» is «Недавно»: break14 below).
@pytest.mark.parametrize("text", [
    "Никто не\u00adговорит, что чеснок защищает от коронавируса",     # 88.8 match
    "Никто\u200bне говорит, что чеснок защищает от коронавируса",     # 88.0 match
])
def test_break13_invisible_character_inside_the_frame_is_still_a_denial(m, text):
    assert _flagged(_hit(m, text, 1)), _hit(m, text, 1)


# 2. REGRESSION (8809e6e: flagged; Russian «Не верьте, что X» still is): an English "don't believe"
#    is read as advice like "don't get sick", so a debunking comes back as a plain match.
@pytest.mark.parametrize("text", [
    "Don't believe that garlic protects from coronavirus",          # 97.7 match
    "Garlic protects from coronavirus, don't believe it!",          # 96.8 match
    "Чеснок защищает от коронавируса, не верьте!",      # Russian: a warning after the claim (fixed with «X — это фейк»)
    "Часник захищає від коронавірусу, не вірте!",                   # and in Ukrainian
])
def test_break13_dont_believe_is_a_denial_not_advice(m, text):
    assert _flagged(_hit(m, text, 1)), _hit(m, text, 1)


# 3. REGRESSION (8809e6e: 95.0 / 96.7 / 98.2 match on the inner clause): chained frames now score
#    the whole chain as one part; English 4 frames fall to 48.9 related.
@pytest.mark.parametrize("text,claim_id", [
    ("Учёные доказали, что " * 10 + "чеснок защищает от коронавируса", 1),   # 70.2
    ("Scientists proved that " * 4 + "drinking bleach cures COVID-19", 11),   # 48.9 related
])
def test_break13_claim_inside_chained_frames_scores_as_the_claim(m, text, claim_id):
    hit = _hit(m, text, claim_id)
    assert _plain_match(hit) and hit.score >= 85, hit


# 4. Affirming frames across languages: an English post against a Russian claim is still read as
#    a denial (the same frames against an English claim are plain matches). Fixed: `framed_negations`.
@pytest.mark.parametrize("text", [
    "Nobody denies that garlic protects from coronavirus",          # 96.1 related, negation
    "It is no secret that garlic protects from coronavirus",        # 97.4 related, negation
])
def test_break13_affirming_english_frame_against_a_russian_claim(m, text):
    assert _plain_match(_hit(m, text, 1)), _hit(m, text, 1)


# 5. The contrast «…, но X» ended the denied clause in Russian only (English, Ukrainian fixed).
@pytest.mark.parametrize("text", [
    "Nobody says the weather is fine, but 5G towers spread coronavirus.",        # 48.6 negation
    "Ніхто не каже, що погода гарна, але вишки 5G поширюють коронавірус.",       # 77.5 negation
    "Никто не говорит, что погода хорошая, но\u200bвышки 5G распространяют коронавирус.",
])
def test_break13_contrast_ends_the_denied_clause(m, text):
    assert _plain_match(_hit(m, text, 5)), _hit(m, text, 5)


# 6. Reversed roles across languages that keep the stored verb: plain matches (fixed for the teams:
#    `_same_verb_roles`, and "sold" read as the claim's own «продать»).
@pytest.mark.parametrize("text,claim_id", [
    ("Zenit lost to Spartak 1:3", 3),                     # 97.4 match («Зенит проиграл Спартаку» flagged)
    ("Зеніт поступився Спартаку 1:3", 3),                 # 96.0 match
    ("China sold Su-35 fighters to Russia", 4),           # 99.4 match
])
def test_break13_reversed_roles_across_languages_are_flagged(m, text, claim_id):
    assert _flagged(_hit(m, text, claim_id)), _hit(m, text, claim_id)


# 7. A claim asserted after «, но» in a sentence that denies another claim is matched, but its part
#    names the DENIED clause: claim 5 (5G) comes back with part 'чеснок защищает от коронавируса'.
#    Fixed: what the contrast asserts is a part of its own (segmentation._contrasted).
def test_break13_the_asserted_claim_after_a_denial_names_its_own_clause(m):
    text = ("Нет никаких доказательств, что чеснок защищает от коронавируса, "
            "но вышки 5G распространяют коронавирус.")
    hit = _hit(m, text, 5)
    assert hit is not None and "5G" in hit.part_text, hit


# break14 (found in the fixes of break13): a zero-width space inside a word is not a space; a report
# nested in a denied one is denied with it; «не вередуйте» is advice, not a warning.
@pytest.mark.parametrize("text", [
    "Не\u200bдавно учёные доказали, что чеснок защищает от коронавируса",
    "Учёные не\u200bдавно доказали, что чеснок защищает от коронавируса",
    "Не\u00adвероятно, но учёные доказали, что чеснок защищает от коронавируса",   # «невероятно» is a word
    "Часник захищає від коронавірусу, не вередуйте!",
])
def test_break14_a_restated_claim_with_no_denial_stays_a_plain_match(m, text):
    assert _plain_match(_hit(m, text, 1)), _hit(m, text, 1)


def test_break14_a_report_nested_in_a_denied_report_is_denied_with_it(m):
    text = "Никто не говорит, что учёные доказали, что учёные доказали, что чеснок защищает от коронавируса."
    assert _flagged(_hit(m, text, 1)), _hit(m, text, 1)
