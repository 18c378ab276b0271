"""Scores that mean the same in any store (issue 10, item 6): one fact-check in a new desk's store
and the same fact-check among 3,000 unrelated claims (synthetic Russian news claims, bench/synth.py,
sharing its common words: рубль, пенсия, граница, Россия) give a message the same decision and
scores within a few points.

Not yet so: term weights come from the store alone (an idf prior of 300 claims) and the idf features
are divided by the store's log n, so a close restatement can score far higher against the fact-check
alone than among thousands of claims («Доллар дороже 100 рублей» 83.7 alone, 41.8 in the dev-set
store; 26 of 261 dev-set decisions differ between the two stores). The decisions of these six
messages already agree; the scores of one do not (strict xfail). A guard for the day the weights move.
"""

from __future__ import annotations

import pytest

from bench.synth import Generator
from claims.match import Matcher
from claims.normalize import normalize
from claims.settings import Settings

FACT_CHECKS = {
    1: "Правительство повысило пенсии на 20 процентов",
    2: "Финляндия закрыла границу с Россией для туристов",
    3: "ЦБ отменил наличные рубли с 2025 года",
}
# (fact-check, message): a close restatement and an unrelated message on the same topic of each
_NOT_YET = pytest.mark.xfail(strict=True, reason=(
    "issue 10 item 6 unfinished: term weights come from the store (an idf prior of 300 claims) and the idf "
    "features are divided by its log n, so «Пенсии подняли…» scores 89.3 alone and 80.8 among 3,000 claims "
    "(a match either way, a gap of 8.5). A background idf (branch bgidf: ParaPhraser train headlines + navec "
    "counts, refitted) made the scores stable but lowered restatements under the match bar (dev 178 → 173/191)"))
MESSAGES = [
    pytest.param(1, "Пенсии подняли на 20 процентов", marks=_NOT_YET),
    (1, "В Казани открыли новую поликлинику для пенсионеров"),
    (2, "Финны закрыли границу с РФ для туристов"),
    (2, "В Финляндии прошли выборы президента"),
    (3, "Центробанк отменяет наличные рубли с 2025 года"),
    (3, "Курс рубля к юаню снова упал"),
]
N_OTHER = 3_000
SCORE_GAP = 5.0


def _store(encoder, claims: dict[int, str]) -> Matcher:
    m = Matcher(Settings(_env_file=None), encoder=encoder)
    m.build((i, normalize(t, "ru"), "", "ru", t) for i, t in claims.items())
    m.put_vectors(list(claims), encoder.encode(list(claims.values())))
    return m


@pytest.fixture(scope="module")
def stores(encoder):
    others = {1000 + i: t for i, (t, _) in enumerate(Generator(seed=7, rare=2_000).claims(N_OTHER, en_share=0.0))}
    return {cid: (_store(encoder, {cid: text}), _store(encoder, {cid: text, **others}))
            for cid, text in FACT_CHECKS.items()}


def _decision(m: Matcher, text: str, cid: int) -> tuple[str, bool, float]:
    hit = next((h for h in m.match(text, min_score=0) if h.claim_id == cid), None)
    return ("none", False, 0.0) if hit is None else (hit.relation, hit.contradicts, hit.score)


@pytest.mark.parametrize("cid, text", MESSAGES)
def test_same_decision_alone_and_among_thousands(stores, cid, text):
    alone, crowded = stores[cid]
    a, c = _decision(alone, text, cid), _decision(crowded, text, cid)
    assert a[:2] == c[:2], f"alone {a}, among {N_OTHER:,} claims {c}"
    assert abs(a[2] - c[2]) <= SCORE_GAP, f"alone {a}, among {N_OTHER:,} claims {c}"
