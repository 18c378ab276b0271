"""break16a: REPRODUCTIONS OF DEFECTS FOUND BY A TESTER (2026-12-01) in the verdict rule of 4006198
(«X — это фейк», «X. Это очередной фейк!», «Фейк: X», «Утверждение, что X, не соответствует
действительности» → related + contradicts [negation]). Every test here FAILS on main 4006198 and is
marked `xfail(strict=True)` so the suite stays green: when a fix makes one pass, pytest reports XPASS
as a failure — then delete its marker. No product code is changed here. Fixed since (73 of 80 cases,
plain tests now): the verdict's own clause, tails, next lines, emoji, more wordings, negated verdicts,
homoglyphs; still open (xfail): whose verdict it is («— officials say: fake!», «Фейк! — возмутятся
скептики», «Фейк? Нет! X», «Говорят, что это фейк, но X») and a verdict two sentences later.

Found through `claims import` + `claims db embed` + `claims match --stdin --json` on a fresh SQLite
store and reproduced in-process with the same claims (same scores). In the comments, "now" is main
4006198 and "was" is bf687b7 (before the verdict rule): a REGRESSION is a post the rule broke, an
OLD defect was already wrong before it.
"""

from __future__ import annotations

import pytest

from claims.match import Matcher
from test_break12_repros import _hit, _matcher

CLAIMS = {
    1: ("Прививки от кори вызывают аутизм", "ru"),
    2: ("Mobile phones cause brain cancer", "en"),
    3: ("Глобальное потепление — это миф", "ru"),
    5: ("Информация о повышении пенсий с января — фейк", "ru"),
    6: ("Чеснок защищает от заражения коронавирусом", "ru"),
}
MMR = "Прививки от кори вызывают аутизм"
mmr = MMR.lower()
PH = "Mobile phones cause brain cancer"
ph = PH.lower()
G = "Чеснок защищает от заражения коронавирусом"
UK = "Прививки від кору викликають аутизм"

BROKEN = pytest.mark.xfail(strict=True, reason="break16a repro: fails on main 4006198")


@pytest.fixture(scope="module")
def m(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS)


def _assert_plain_match(m: Matcher, text: str, claim_id: int) -> None:
    """The post states the claim: the desk expects a plain match, not a debunk."""
    hit = _hit(m, text, claim_id)
    assert hit is not None and hit.relation == "match" and not hit.contradicts, hit


def _assert_flagged(m: Matcher, text: str, claim_id: int) -> None:
    """The post debunks the claim: the desk expects it flagged (contradicts), never a plain match."""
    hit = _hit(m, text, claim_id)
    assert hit is not None and hit.contradicts and hit.relation != "match", hit


@pytest.mark.parametrize("text, claim_id", [
    # 1. REGRESSION. A verdict on the SECOND half of a sentence («…, а всё остальное — фейк») denies the
    #    claim stated in its first half: `_VERDICT_AFTER_RE` takes everything from the start of the
    #    sentence to the dash as the judged statement. The post asserts X and calls something else fake.
    (f"{MMR}, а всё остальное — фейк", 1),                      # now related 89.5 C; was match 81.4
    (f"{MMR}, а опровержения Минздрава — это враньё", 1),       # now related 81.0 C; was match 75.6
    (f"{MMR}, хотя официально — это фейк", 1),                  # now related 89.3 C; was match 77.0
    (f"{MMR}; остальное — фейк", 1),                            # now related 92.4 C; was match 85.9
    (f"{G}, а врачи твердят — миф!", 6),                        # now related 90.1 C; was match 83.0
    (f"{PH} — officials say: fake!", 2),  # now related 98.6 C; was match 93.2 (open: whose verdict it is)
    (f"{MMR}! Фейк! — возмутятся скептики.", 1),  # now related 89.8 C; was match 89.8 (open: whose verdict it is)
    # 2. REGRESSION. The "subject" form («Утверждение, что X, <verdict>») fires on an adverb of another
    #    predicate («ошибочно опровергали», «беспочвенно отрицается») and, in English, on a verdict about
    #    other people later in the sentence ("…, and critics … were wrong"). Each post affirms X.
    (f"Утверждение, что {mmr}, ошибочно опровергали годами", 1),       # now related 85.6 C; was match 63.6
    (f"Информация, что {mmr}, беспочвенно отрицается властями", 1),    # now related 86.7 C; was match 67.8
    (f"Scientists confirmed claims that {ph}, and critics who said otherwise were wrong", 2),
    #                                                                    now related 92.7 C; was match 84.9
    (f"New study backs the claim that {ph}, and those who called it a myth were wrong", 2),
    #                                                                    now related 97.0 C; was match 93.2
    # 3. REGRESSION. A question is no verdict («X — это фейк?» is kept), but the subject form ignores the
    #    question mark: «Информация, что X, — фейк?» is read as a debunk, even when the post answers
    #    «Нет, это правда».
    (f"Информация, что {mmr}, — фейк?", 1),                            # now related 82.5 C; was match 58.9
    (f"Сообщения о том, что {mmr}, — фейк? Нет, это правда.", 1),      # now related 87.2 C; was match 67.1
    # 4. REGRESSION. A claim whose own text holds the verdict word («Глобальное потепление — это миф»,
    #    «Информация о … — фейк») repeated with a warning «Не верьте!» / «Не ведитесь!» is read as denied:
    #    the claim's own «миф» sits inside the judged span, so the own-word guard does not apply. The post
    #    repeats the claim (and urges not to believe the opposite); the desk expects a plain match.
    ("Глобальное потепление — это миф! Не верьте!", 3),                # now related 90.3 C; was match 82.6
    ("Глобальное потепление — это миф. Не ведитесь!", 3),              # now related 90.0 C; was match 82.9
    ("Глобальное потепление — это миф, не верьте!", 3),                # now related 90.3 C; was match 83.0
    ("Информация о повышении пенсий с января — фейк. Не верьте!", 5),  # now related 89.1 C; was match 89.1
    # 5. REGRESSION. «Фейк / Ложь о том, что Y, разоблачён: X» — the new «о том» strip in
    #    denied_reports makes «фейк» the frame of the report, and the denied span runs on through X.
    #    The post debunks Y and asserts X.
    (f"Фейк о том, что чеснок помогает от простуды, разоблачён: {mmr}", 1),  # now related 58.0 C; was match 55.8
    (f"Ложь о том, что вакцины безопасны, больше не пройдёт: {mmr}", 1),     # now related 64.9 C; was match 64.4
    # 6. OLD (same on bf687b7). A NEGATED verdict label before the claim («Не фейк: X», «Это не миф: X»)
    #    is read as a denial — the opposite of what it says. The brief's «не фейк» rule holds after the
    #    claim in Russian but not for a label before it.
    (f"Не фейк: {mmr}", 1),                                 # related 70.6 C (same on bf687b7)
    (f"НЕ ФЕЙК: {MMR}", 1),                                 # related 88.4 C (same)
    (f"Это не фейк: {mmr}", 1),                             # related 66.3 C (same)
    (f"Это не миф: {mmr}", 1),                              # related 65.2 C (same)
    (f"Правда, а не фейк: {mmr}", 1),                       # related 67.2 C (same)
    (f"Фейк? Нет! {MMR}", 1),  # related 83.3 C (same) (open: whose verdict it is)
    # 7. OLD (same on bf687b7). A negated verdict AFTER the claim: kept as a plain match in Russian
    #    («X — это не фейк», tests/test_match_verdicts.py) but flagged in Ukrainian and in English "No lie."
    (f"{UK} — це не фейк", 1),                              # related 97.3 C (same on bf687b7)
    (f"{UK} — це не міф", 1),                               # related 98.4 C (same)
    (f"{UK}, і це не брехня", 1),                           # related 99.0 C (same)
    (f"{PH}. No lie.", 2),                                  # related 99.2 C (same)
    # 8. OLD (same on bf687b7). Others' verdict reported and rejected: «Говорят, что это фейк, но X»,
    #    «Не верьте тем, кто говорит, что это фейк: X» — the post insists on X.
    (f"Говорят, что это фейк, но {mmr}", 1),  # related 67.2 C (same on bf687b7)
    (f"Не верьте тем, кто говорит, что это фейк: {mmr}", 1),  # related 64.3 C (same)
])
def test_a_post_stating_the_claim_is_a_plain_match(m, text, claim_id):
    _assert_plain_match(m, text, claim_id)


@pytest.mark.parametrize("text, claim_id", [
    # 9. FALSE NEGATIVE (plain match on 4006198 and bf687b7). The verdict is followed by more words of
    #    its sentence — an attribution, a qualifier, a hashtag, a bracket: `_VERDICT_AFTER_RE` wants
    #    nothing but punctuation after the word. The everyday shape of a desk's or a ministry's debunk.
    (f"{MMR} — это фейк, сообщает Минздрав.", 1),                   # match 66.9
    (f"{MMR} — фейк, заявили в Минздраве", 1),                      # match 72.8
    (f"{MMR} — это миф, опровергнутый учёными", 1),                 # match 80.7
    (f"{MMR} — это миф, который давно опровергнут", 1),             # match 83.8
    (f"{MMR}. Это фейк, распространяемый антипрививочниками.", 1),  # match 91.1
    (f"{MMR} — фейк (проверено)", 1),                               # match 92.8
    (f"{MMR} — фейк #фейкньюс", 1),                                 # match 84.0
    (f"{MMR} — это неправда, доказано", 1),                         # match 83.7
    (f"{MMR} — это ложная информация", 1),                          # match 88.5
    (f"{PH} — fake news", 2),                                       # match 98.3
    (f"{PH}. This is fake news.", 2),                               # match 99.2
    # 10. FALSE NEGATIVE. The verdict on its own line or after an emoji, with no dash or full stop
    #     before it — how Telegram channels lay out a debunk. («X\n— это фейк» does work.)
    (f"{MMR}\nЭто фейк", 1),                                # match 83.5
    (f"{MMR}\n\nФЕЙК", 1),                                  # match 90.7
    (f"{MMR}\n\n❌ ФЕЙК", 1),                               # match 90.7
    (f"{MMR} ❌ фейк", 1),                                  # match 87.4
    (f"{MMR} 👉 фейк", 1),                                  # match 87.4
    # 11. FALSE NEGATIVE. Common Russian wordings of a verdict the rule does not know.
    (f"{MMR}. Это не так.", 1),                                     # match 90.0
    (f"{MMR}? Нет, это не так.", 1),                                # match 91.4
    (f"Правда ли, что {mmr}? Нет, это не так.", 1),                 # match 71.6
    (f"{MMR} — чистой воды вымысел", 1),                            # match 89.9
    (f"{MMR} — это полная ерунда", 1),                              # match 89.8
    (f"{MMR} — чепуха", 1),                                         # match 92.0
    (f"{MMR} — это заблуждение", 1),                                # match 90.3
    (f"{MMR} — не более чем миф", 1),                               # match 83.2
    (f"{MMR} — очередная байка", 1),                                # match 90.6
    (f"{G} — бабушкины сказки", 6),                                 # match 89.1
    (f"{G}. Это не соответствует действительности.", 6),            # match 92.7
    (f"Информация о том, что {mmr}, недостоверна", 1),              # match 72.0
    (f"Утверждения, что {mmr}, давно опровергнуты", 1),             # match 75.5
    (f"Версия, будто {mmr}, не выдерживает критики", 1),            # match 66.2
    # 12. FALSE NEGATIVE. Common English verdicts and fact-check ratings the rule does not know.
    (f"{PH}. That's simply not true.", 2),                  # match 98.7
    (f"{PH}. That's completely false.", 2),                 # match 98.9
    (f"{PH}. Not true at all.", 2),                         # match 99.3
    (f"{PH}? Nope, that's a myth.", 2),                     # match 98.8
    (f"{PH}. Debunked.", 2),                                # match 99.0
    (f"{PH} — DEBUNKED", 2),                                # match 99.5
    (f"{PH}. Mostly false.", 2),                            # match 99.4
    (f"{PH}. Misleading.", 2),                              # match 99.4
    (f"{PH}. Wrong.", 2),                                   # match 99.5
    (f"{PH}. This claim is false.", 2),                     # match 99.1
    (f"\"{PH}\" is a myth", 2),                             # match 99.4
    (f"{PH} (false)", 2),                                   # match 99.5
    (f"FAKE NEWS: {ph}", 2),                                # match 97.1
    (f"Myth busted: {ph}", 2),                              # match 97.3
    (f"FACT CHECK — FALSE: {ph}", 2),                       # match 93.3
    # 13. FALSE NEGATIVE. The verdict two sentences after the claim (a sentence between them).
    (f"{MMR}. Врачи проверили эту информацию. Это фейк.", 1),  # match 91.1
    (f"{PH}. We checked this with oncologists. It's a myth.", 2),
    # 14. FALSE NEGATIVE. A Latin homoglyph in the verdict word («фeйк» with a Latin e) hides it;
    #     zero-width characters and soft hyphens inside «фейк» are handled (flagged 92.8).
    (f"{MMR} — это фeйк", 1),                               # match 81.9
    (f"{MMR} — ФEЙК!", 1),                                  # Latin capital E
])
def test_a_post_debunking_the_claim_is_flagged(m, text, claim_id):
    _assert_flagged(m, text, claim_id)
