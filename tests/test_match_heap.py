"""Start-up leaves the loaded match index out of the garbage collector's full collections
(`claims.services.match_index.settle_heap`, the last step of `load_matcher`): at 100k claims a full
collection over it took 110-200 ms and landed on about one post in 40 (bench/RESULTS.md, speed16)."""

from __future__ import annotations

import gc
import weakref

import pytest

from sqlmodel import Session

from claims.db import open_database
from claims.services.catalog import add_claim
from claims.settings import Settings

pytestmark = pytest.mark.settles_heap

CLAIMS = ["Правительство повысило НДС до 22 процентов", "В Казани открыли вторую линию метро"]


def _store(db_url):
    engine = open_database(db_url)
    with Session(engine) as session:
        for text in CLAIMS:
            add_claim(session, text)
    return engine


def test_full_collections_after_start_up_skip_the_loaded_index(db_url):
    from claims.services.match_index import load_matcher

    engine = _store(db_url)
    try:
        m = load_matcher(engine, Settings(_env_file=None), encoder=None)
        scanned = {id(o) for o in gc.get_objects()}      # what a full collection walks
        assert gc.get_freeze_count() > 0
        assert id(m._index._terms) not in scanned          # the vocabulary, spelling buckets …
        assert id(m._corrector) not in scanned
        hits = m.match("Правительство повысило НДС до 22 процентов")
        assert [h.relation for h in hits[:1]] == ["match"]  # and matching is what it was
    finally:
        gc.unfreeze()
        engine.dispose()


def test_a_matcher_loaded_again_lets_the_first_go_even_from_a_reference_cycle(db_url):
    from claims.services.match_index import load_matcher, settle_heap

    engine = _store(db_url)
    try:
        first = load_matcher(engine, Settings(_env_file=None), encoder=None)
        first.feed_note = {"matcher": first}     # a cycle: only the collector can free it …
        first.feed_note["self"] = first.feed_note
        settle_heap()                            # … and it is frozen with everything else
        gone = weakref.ref(first)
        del first
        second = load_matcher(engine, Settings(_env_file=None), encoder=None)
        assert gone() is None                    # the second start-up collected it
        assert len(second) == len(CLAIMS)
    finally:
        gc.unfreeze()
        engine.dispose()
