"""break12: REPRODUCTIONS OF DEFECTS FOUND BY A TESTER (2026-12-01). Every test here FAILS on main
8809e6e and is marked `xfail(strict=True)` so the suite stays green: when a fix makes one pass,
pytest reports XPASS as a failure — then delete its marker. No product code is changed here.

Each case says what a fact-checking desk expects. Found through `claims import` + `claims db embed`
+ `claims match --stdin --json` on a fresh SQLite store of 12 fact-checks; reproduced here with an
in-memory matcher over the same claims (same answers as the CLI: scores in the comments are the CLI's).
"""

from __future__ import annotations

import time

import pytest

from claims.match import Matcher
from claims.normalize import normalize
from claims.settings import Settings
from test_match_every_sentence import NEWS

CLAIMS = {
    1: ("Чеснок защищает от заражения коронавирусом", "ru"),
    2: ("Спартак проиграл Зениту со счётом 1:3", "ru"),
    4: ("Прививки от кори вызывают аутизм", "ru"),
    5: ("Россия продала Китаю партию истребителей Су-35", "ru"),
    8: ("Минздрав разрешил продажу антибиотиков без рецепта", "ru"),
    9: ("Германия передала Украине танки Leopard 2", "ru"),
    10: ("Вода из-под крана в Москве заражена холерой", "ru"),
    11: ("Mobile phones cause brain cancer", "en"),
}

GARLIC = "чеснок защищает от заражения коронавирусом"
MMR = "прививки от кори вызывают аутизм"
PHONES = "mobile phones cause brain cancer"


def _matcher(encoder, claims: dict[int, tuple[str, str]]) -> Matcher:
    """An in-memory matcher over {id: (text, language)}, with the claims' vectors."""
    matcher = Matcher(Settings(_env_file=None), encoder=encoder)
    matcher.build((i, normalize(t), "", lg) for i, (t, lg) in claims.items())
    matcher.put_vectors(list(claims), encoder.encode([t for t, _ in claims.values()]))
    return matcher


@pytest.fixture(scope="module")
def m(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS)


def _hit(m: Matcher, text: str, claim_id: int):
    return next((h for h in m.match(text) if h.claim_id == claim_id), None)


def _claim_of(text: str) -> int:
    low = text.lower()
    if "чеснок" in low or "часник" in low:
        return 1
    if "кори" in low or "кору" in low:
        return 4
    return 11


def _flagged(hit) -> bool:
    return hit is not None and hit.contradicts and hit.relation != "match"


def _plain_match(hit) -> bool:
    return hit is not None and hit.relation == "match" and not hit.contradicts


BROKEN = pytest.mark.xfail(strict=True, reason="break12 repro: fails on main 8809e6e")


# 1. REGRESSION of today's denied-report rule: frames that AFFIRM the claim are read as denials.
#    On 5227417 (before today) each was a plain match; now `related` + contradicts [negation].
@pytest.mark.parametrize("text", [
    f"Nobody denies that {PHONES}",                                        # 96.4 related, contradicts
    f"Никто не скрывает, что {MMR}",                                       # 68.7 related, contradicts
    f"Не только учёные доказали, что {GARLIC}",                            # 84.4 related, contradicts
    f"Никто не говорит, что погода хорошая, но {MMR}",                      # 61.8 related, contradicts
])
def test_break12_an_affirming_frame_is_no_denial(m, text):
    hit = _hit(m, text, _claim_of(text))
    assert hit is not None and not hit.contradicts, hit


# 2. Denied reports the new rule misses: an invisible character (issue 10 item 1: same decision as
#    the clean text), the reported clause in quotes, Ukrainian frames, English without «that».
#    Each clean Russian/English counterpart is flagged; these are plain matches.
@pytest.mark.parametrize("text", [     # fixed: denied_reports reads the text as clean_text does
    f"Никто не го\u00adворит, что {GARLIC}",          # soft hyphen inside the frame verb: 85.5 match
    f"Нет никаких до\u00adказательств, что {MMR}",    # 70.3 match
    f"Никто не говорит,\u200bчто {GARLIC}",           # ZWSP for the space: 84.5 match
    f"Никто не говорит, что \x00{GARLIC}",            # NUL: 85.5 match
    f"Никто не говорит, что\u00ad{GARLIC}",           # soft hyphen for the space: 88.4 match
])
def test_break12_a_denied_report_with_invisible_characters_is_flagged(m, text):
    hit = _hit(m, text, _claim_of(text))
    assert _flagged(hit), hit


def test_break12_a_ukrainian_denied_report_is_flagged(m):
    # fixed: a denied X is a part of its own (split_parts), flagged by its frame (was 94.6 match)
    text = "Немає жодних доказів, що щеплення від кору викликають аутизм"
    assert _flagged(_hit(m, text, 4)), _hit(m, text, 4)


@pytest.mark.parametrize("text", [
    f"Никто не говорит, что «{GARLIC}»",              # quoted clause: 82.7 match
    "Никто не говорит: «Чеснок защищает от заражения коронавирусом»",  # 78.5 match
    "Немає доказів того, що щеплення від кору викликають аутизм",       # 88.0 match
    "МОЗ спростувало, що щеплення від кору викликають аутизм",          # 94.6 match
    f"Nobody says {PHONES}",                                           # 97.4 match
    f"Nobody\u2019s saying that {PHONES}",                             # 97.2 match
])
def test_break12_a_denied_report_in_other_spellings_is_flagged(m, text):
    hit = _hit(m, text, _claim_of(text))
    assert _flagged(hit), hit


# 3. The denial after the claim, or around it, is a plain match (brief: «X — это фейк»); «Фейк: X»,
#    «Неправда, что X», "It is a myth that X" are flagged, so the desk gets opposite answers for
#    the same debunking post depending on word order. (Fixed: the message's own verdict, before or
#    after the statement or as its predicate, denies it: claims/match/segmentation.py `_verdicts`.)
@pytest.mark.parametrize("text", [
    f"Прививки от кори вызывают аутизм — это фейк",                     # 84.2 match
    f"Прививки от кори вызывают аутизм — это миф",                      # 87.2 match
    f"Прививки от кори вызывают аутизм. Это неправда.",                 # 87.0 match
    f"Утверждение, что {MMR}, не соответствует действительности",       # 71.7 match
    f"Утверждения о том, что {MMR}, ложны",                             # 70.6 match
    f"Минздрав опроверг информацию о том, что {MMR}",                   # 67.0 match (without
                                                                        # «информацию о том» flagged)
    f"The claim that {PHONES} is a myth",                              # 99.2 match
    f"FAKE: {PHONES}",                                                 # 98.5 match («Фейк:» flagged)
])
def test_break12_a_denial_after_or_around_the_claim_is_flagged(m, text):
    hit = _hit(m, text, _claim_of(text))
    assert _flagged(hit), hit


# 4. A denied report inside a 4,000-character post: flagged, but `part` is the WHOLE post
#    (0..4048), not the denying sentence — the JSON no longer says which part matched.
def test_break12_a_denied_report_in_a_long_post_names_its_sentence_as_the_part(m):
    sentence = f"Нет никаких доказательств, что {MMR}."
    post = " ".join(list(NEWS) * 6 + [sentence] + list(NEWS) * 6)
    assert len(post) > 4000
    hit = _hit(m, post, 4)
    assert _flagged(hit), hit
    assert len(hit.part_text) < 300 and MMR in hit.part_text, (hit.part, len(post))


# 5. Reversals across languages are plain matches (never flagged) — also before today, but the
#    converse table made the Russian side right, so the same event now answers differently by language.
@pytest.mark.parametrize("text, claim_id", [
    ("Spartak beat Zenit 3-1", 2),                                     # 91.1 match; fixed by roles10x
    ("Ukraine gave Germany Leopard 2 tanks", 9),            # 99.8 match (fixed: the claim's own verb, roles swapped)
    ("Україна передала Німеччині танки Leopard 2", 9),      # 99.1 match (fixed: «Німеччина» is Germany)
])
def test_break12_a_reversal_in_another_language_is_flagged(m, text, claim_id):
    assert _flagged(_hit(m, text, claim_id)), _hit(m, text, claim_id)


# 6. Converse forms the table misses: a passive, a noun phrase, a Ukrainian verb — the same event
#    flagged as a reversal; a topicalised object read as swapped roles.
@pytest.mark.parametrize("text, claim_id", [
    ("Спартак был обыгран Зенитом 1:3", 2),          # 95.7 related, contradicts [antonym] (fixed: passive)
    ("Зенит одержал победу над Спартаком 3:1", 2),   # 94.0 related, contradicts [antonym] (fixed: «одержать»)
    ("Зеніт обіграв Спартак 3:1", 2),                # 94.4 related, contradicts [antonym]; fixed by roles10x
    ("Су-35 Россия продала Китаю", 5),               # 92.9 related, contradicts [roles]
])
def test_break12_a_converse_or_reordered_statement_of_the_claim_is_not_a_reversal(m, text, claim_id):
    hit = _hit(m, text, claim_id)
    assert hit is not None and not hit.contradicts, hit


# 7. Another team is another claim (README: "Another actor is another claim, not a reversal"),
#    not an antonym of the stored claim.
@BROKEN
def test_break12_another_team_is_another_claim_not_a_reversal(m):
    hit = _hit(m, "Зенит обыграл ЦСКА 3:1", 2)        # 62.2 related, contradicts [antonym]
    assert hit is None or (not hit.contradicts and hit.relation != "match"), hit


# 8. The opposite statement, or an unrelated event on the same topic, as a plain match (issue 10
#    target: <= 2 % of unrelated messages a plain match). Also on 5227417.
@BROKEN
@pytest.mark.parametrize("text, claim_id", [
    ("Mobile phones are safe", 11),                                    # 94.8 match
    ("Вода из-под крана в Москве безопасна", 10),                      # 77.1 match
    ("Как сообщили в минздраве, антибиотики продают только по рецепту", 8),  # 95.2 match
    ("В Москве прошла выставка истребителей Су-35", 5),                # 69.7 match
    ("Китай провёл учения с истребителями Су-35", 5),                  # 83.7 match
])
def test_break12_an_opposite_or_unrelated_statement_is_no_plain_match(m, text, claim_id):
    assert not _plain_match(_hit(m, text, claim_id)), _hit(m, text, claim_id)


# 9. SPEED REGRESSION: a 4,096-character message (a Telegram post's maximum) of chained frames
#    took 81 ms CPU on 5227417 and 2,420 ms now (8,000 chars of «По данным ВОЗ, »: 60 -> 2,940 ms),
#    on a store of 12 claims. split_parts/denied_reports alone are fast (their test passes): the
#    cost is in matching the parts.
@pytest.mark.parametrize("blob", [("Учёные доказали, что " * 200)[:4096], ("По данным ВОЗ, " * 300)[:4096]])
def test_break12_a_post_of_chained_frames_is_matched_quickly(m, blob):
    m.match("разогрев")
    t = time.process_time()
    m.match(blob)
    assert time.process_time() - t < 0.5


# 10. REGRESSION of today's capitals-as-countries (4f3f636): a capital in the locative is the
#     SETTING of another event, yet now reads as the country acting. On 5227417: related 36.0 /
#     nothing / related 29.7. (README: «A place in the locative … is the setting, never one of the
#     two roles».) The country in the locative, «В Турции прошёл форум о продаже российской нефти»,
#     was already a plain match 85.0 before today — the same defect, now spread to 20 capitals.
CAPITAL_CLAIMS = {
    21: ("Турция запретила продажу российской нефти", "ru"),
    22: ("Польша закрыла границу с Белоруссией", "ru"),
    23: ("Армения объявила о выходе из ОДКБ", "ru"),
}


@pytest.fixture(scope="module")
def capitals(encoder) -> Matcher:
    return _matcher(encoder, CAPITAL_CLAIMS)


@pytest.mark.parametrize("text, claim_id", [     # fixed: 4f3f636 (capitals as countries) reverted
    ("В Анкаре прошёл форум о продаже российской нефти", 21),          # 87.8 match (was 36.0)
    ("В Варшаве прошла конференция о границе с Белоруссией", 22),      # 81.4 match (was nothing)
    ("В Ереване прошла конференция о выходе из ОДКБ", 23),             # 86.1 match (was 29.7)
])
def test_break12_a_capital_as_the_setting_of_another_event_is_no_plain_match(capitals, text, claim_id):
    assert not _plain_match(_hit(capitals, text, claim_id)), _hit(capitals, text, claim_id)


# 11. Two claims in a three-sentence post, one denied: the denied claim comes back with the OTHER
#     claim's clause as its part — «Прививки от кори вызывают аутизм» related [negation] 60.9 with
#     part 113..156 'чеснок защищает от заражения коронавирусом.' The desk is shown the wrong text.
def test_break12_a_denied_claim_in_a_post_of_several_claims_gets_its_own_sentence_as_part(m):
    post = ("Зенит обыграл Спартак 3:1. Нет никаких доказательств, что прививки от кори вызывают аутизм. "
            "Учёные доказали, что чеснок защищает от заражения коронавирусом.")
    hit = _hit(m, post, 4)
    assert _flagged(hit), hit
    assert "аутизм" in hit.part_text and "чеснок" not in hit.part_text, (hit.part, hit.part_text)
