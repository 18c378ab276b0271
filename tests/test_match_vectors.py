"""Claim vectors in memory and at start-up: int8 rows keep the answers of float32 ones, the
two-step search of a large store finds what the exact scan finds, start-up loads stored vectors
without encoding anything, and a backfill run by another process reaches running matchers
(on SQLite and PostgreSQL)."""

from __future__ import annotations

import numpy as np
import pytest

from claims.match import Matcher
from claims.match.vectors import VectorStore
from claims.normalize import normalize
from claims.settings import Settings

from test_match_semantic import _add_claims  # the same stored claims and change-feed rows

FACT_CHECKS = [
    "Чеснок защищает от заражения коронавирусом",
    "Правительство повысило НДС до 22 процентов",
    "В Казани открыли вторую линию метро",
    "Путин посетил КНДР в июне 2024 года",
    "Сбербанк заблокирует карты всех пенсионеров с 1 июля",
    "В Москве запретили продажу энергетиков подросткам",
    "Пенсионный возраст в России снова повысят в 2027 году",
    "Учёные нашли воду на Марсе",
]
MESSAGES = [
    "Garlic protects you from COVID",
    "НДС подняли до 22%",
    "Часник захищає від коронавірусу",
    "В Казани запустили новую ветку подземки",
    "Сбер отключит карты пенсионерам летом",
    "Школьникам больше не продадут энергетики в столице",
    "Water has been found on Mars",
]


class CountingEncoder:
    """The real encoder, counting the texts it is asked to encode."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim, self.texts = inner, inner.name, inner.dim, 0

    def encode(self, texts):
        self.texts += len(texts)
        return self.inner.encode(texts)


def _clustered(n: int, dim: int, seed: int = 3) -> np.ndarray:
    """Unit vectors in 300 loose clusters (sentence embeddings are not uniform on the sphere)."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((300, dim)).astype(np.float32)
    x = centres[rng.integers(0, 300, n)] + 1.5 * rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


# ------------------------------------------------------------------ the store alone

def test_int8_rows_give_the_float32_cosines_and_top_match(encoder):
    claims = encoder.encode(FACT_CHECKS)
    store = VectorStore(encoder.dim)
    store.put_many(range(10, 10 + len(FACT_CHECKS)), claims)
    for q in encoder.encode(MESSAGES):
        exact = claims @ q
        got = store.top(q, len(FACT_CHECKS))
        assert got[0][0] == 10 + int(np.argmax(exact))
        for cid, cos in got:
            assert abs(cos - exact[cid - 10]) < 0.003
    # a claim's vector comes back as stored, to the same precision
    assert np.abs(store.get(12) - claims[2]).max() < 0.01


def test_a_large_store_takes_under_half_the_memory_of_float32_and_finds_what_the_exact_scan_finds():
    dim, n = 512, 14_000                                        # above EXACT_ROWS: the two-step search
    x = _clustered(n, dim)
    store = VectorStore(dim)
    store.put_many(np.arange(5_000), x[:5_000])
    store.put_many(np.arange(5_000, n), x[5_000:])
    assert store.memory_bytes() < 0.45 * n * dim * 4            # float32 rows alone: n × dim × 4
    rng = np.random.default_rng(5)
    same_top, overlap = 0, 0
    queries = rng.choice(n, 60, replace=False)
    for i in queries:
        q = x[i] + 0.02 * rng.standard_normal(dim).astype(np.float32)   # a rephrasing: cosine ≈ 0.9
        q /= np.linalg.norm(q)
        exact = np.argsort(-(x @ q))[:8]
        got = [c for c, _ in store.top(q, 8)]
        same_top += got[0] == exact[0]
        overlap += len(set(got) & set(exact.tolist()))
    assert same_top == len(queries)
    assert overlap >= 0.95 * 8 * len(queries)
    # several parts: each part's nearest claim, and the best part per claim
    parts = x[[queries[0], queries[1]]]
    per, best = store.top_many(parts, 3)
    assert per[0][0][0] == queries[0] and per[1][0][0] == queries[1]
    assert {best[0][0], best[1][0]} == {queries[0], queries[1]}
    # removal and replacement
    store.remove(int(queries[0]))
    assert int(queries[0]) not in store and all(c != queries[0] for c, _ in store.top(x[queries[0]], 8))
    store.put_many([int(queries[2])], x[queries[3]][None, :])
    assert store.top(x[queries[3]], 2)[0][0] in (queries[2], queries[3])
    assert len(store) == n - 1


# ------------------------------------------------------------------ start-up and other processes (both databases)

def test_start_up_loads_float16_vectors_without_encoding_and_answers_as_float32(db_url, encoder):
    from claims.db import open_database
    from claims.services.match_index import embed_missing, load_matcher

    settings = Settings(_env_file=None)
    engine = open_database(db_url)
    ids = _add_claims(engine, FACT_CHECKS)
    assert embed_missing(engine, encoder) == len(ids)
    counting = CountingEncoder(encoder)
    m = load_matcher(engine, settings, encoder=counting)
    assert counting.texts == 0                                       # stored vectors, nothing recomputed
    assert all(m.has_vector(i) for i in ids)
    # the same answers as a matcher given the encoder's float32 vectors directly
    direct = Matcher(settings, encoder=encoder)
    direct.build((i, normalize(t), "", "ru") for i, t in zip(ids, FACT_CHECKS))
    direct.put_vectors(ids, encoder.encode(FACT_CHECKS))
    found = 0
    for text in MESSAGES:
        got = [(h.claim_id, h.relation) for h in m.match(text, limit=3)]
        assert got == [(h.claim_id, h.relation) for h in direct.match(text, limit=3)], text
        assert ([h.claim_id for h in m.match(text, limit=3, min_score=0)]
                == [h.claim_id for h in direct.match(text, limit=3, min_score=0)]), text
        found += bool(got)
    assert found >= len(MESSAGES) - 2
    engine.dispose()


def test_backfill_in_another_process_makes_a_running_matcher_semantic(db_url, encoder, monkeypatch):
    """A store imported without vectors: the bot runs lexically; `claims db embed` in another
    process stores the vectors, and the running bot matches those claims semantically on its next
    refresh, without restarting and without computing them itself."""
    from claims.db import open_database, session_scope
    from claims.services import match_index
    from claims.services.match_index import embed_missing, follow_changes, load_matcher

    monkeypatch.setattr(match_index, "EMBED_ON_REFRESH", 0)         # a backlog too large to embed at start
    settings = Settings(_env_file=None)
    engine = open_database(db_url)
    ids = _add_claims(engine, FACT_CHECKS)
    counting = CountingEncoder(encoder)
    m = load_matcher(engine, settings, encoder=counting)
    assert not any(m.has_vector(i) for i in ids)
    assert [h.claim_id for h in m.match("Garlic protects you from coronavirus infection")
            if h.relation == "match"] == []
    assert embed_missing(engine, encoder, batch=3) == len(ids)       # the backfill, elsewhere
    texts_before = counting.texts
    with session_scope(engine) as s:
        assert follow_changes(s, m) == len(ids)
    assert all(m.has_vector(i) for i in ids)
    assert counting.texts == texts_before                             # loaded, not recomputed
    hits = m.match("Garlic protects you from coronavirus infection")
    assert hits and hits[0].claim_id == ids[0] and hits[0].relation == "match" and hits[0].cross_language
    engine.dispose()


def test_vectors_stored_as_float16_by_an_earlier_release_are_still_loaded(db_url, encoder):
    """Stores embedded before vectors were stored as int8 codes hold float16 blobs: start-up reads
    them as they are (no backfill needed) and answers as with the new form."""
    from sqlmodel import Session, select

    from claims.db import open_database, session_scope
    from claims.models import ClaimEmbedding
    from claims.services.match_index import embed_missing, load_matcher

    settings = Settings(_env_file=None)
    engine = open_database(db_url)
    ids = _add_claims(engine, FACT_CHECKS)
    embed_missing(engine, encoder)
    with Session(engine) as s:
        assert {len(r.vector) for r in s.exec(select(ClaimEmbedding))} == {encoder.dim + 4}
    new_form = load_matcher(engine, settings, encoder=encoder)
    vecs = encoder.encode(FACT_CHECKS)
    with session_scope(engine) as s:
        for cid, v in zip(ids, vecs):
            s.get(ClaimEmbedding, cid).vector = v.astype("<f2").tobytes()
    counting = CountingEncoder(encoder)
    old_form = load_matcher(engine, settings, encoder=counting)
    assert counting.texts == 0 and all(old_form.has_vector(i) for i in ids)
    for text in MESSAGES:
        assert ([h.claim_id for h in old_form.match(text, limit=3, min_score=0)]
                == [h.claim_id for h in new_form.match(text, limit=3, min_score=0)]), text
    engine.dispose()
