"""A fact-check sent back in its own words is a plain match of it, never "possibly contradicts" (issue
10, "Reversals": the role checks read a message's cases against a claim's lemmas, and a claim whose
first name stands in an oblique case — «В Сеуле …», «Вакцина от коронавируса …» — was flagged as
swapped roles against its own text). Every fact-check this project ships as data (the dev set's, the
sample article's seed claims) and the claims the break tests found, each against a store of 40."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.normalize import written_language
from test_match_written_language import stored

ROOT = Path(__file__).resolve().parent.parent
FOUND = [   # by break tests (2026-12-03), flagged against their own words
    "Вакцина от коронавируса изменяет ДНК человека",
    "В России запретили Telegram",
    "У Мінску ўвялі каменданцкую гадзіну",
    "Twitter was bought by Elon Musk",
]


def _claims() -> list[str]:
    texts = [c["text"] for c in json.loads((ROOT / "bench/data/devset_ru.json").read_text("utf-8"))["claims"]]
    texts += [c["text"] for c in json.loads((ROOT / "tests/data/seed_ru.json").read_text("utf-8"))["claims"]]
    return list(dict.fromkeys(texts + FOUND))


CLAIMS = _claims()
BATCH = 40


@pytest.mark.parametrize("start", range(0, len(CLAIMS), BATCH))
def test_a_claim_in_its_own_words_is_a_plain_match(encoder, start):
    batch = CLAIMS[start:start + BATCH]
    m = stored(encoder, {i: (t, written_language(t)) for i, t in enumerate(batch)})
    wrong = []
    for i, text in enumerate(batch):
        hit = next((h for h in m.match(text, min_score=0) if h.claim_id == i), None)
        if hit is None or hit.relation != "match" or hit.contradicts:
            wrong.append((text, hit and (hit.score, hit.relation, hit.reasons)))
    assert not wrong, wrong
