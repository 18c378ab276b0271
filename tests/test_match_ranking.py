"""Which of several close English claims a tweet repeats comes first (issue 10, CheckThat! claim +
title only): the English ranking model (`features.RANK`, fitted listwise on CheckThat! train + dev)
orders the candidates, and the tweet's own vector beside its sentences' (`sem_w`) is read.

The tweets and claims are CheckThat! 2A *train* items, read from the shared benchmark data (the
test skips when it is absent); each store is the claims the full collection ranks near the tweet."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claims.match import Matcher
from claims.normalize import normalize
from claims.settings import Settings

BENCH = Path(os.environ.get("CLAIMS_BENCH_DIR", Path(__file__).resolve().parents[2] / "shared" / "bench"))
CT = BENCH / "checkthat-2a-en"

# (train tweet id, the claim it repeats, the claim the matcher put first before, the other claims)
CASES = [
    ("tweet-sno-49", "vclaim-sno-trump-nuke-hurricanes", "vclaim-sno-janet-reno-donald-trump-never",
     ["vclaim-sno-did-hurricane-harvey-uncover-obamas-secret-stash", "vclaim-sno-maxine-waters-north-korea",
      "vclaim-sno-trump-mocking-jesus-hate-crime", "vclaim-sno-trump-raft-harvey",
      "vclaim-sno-trump-saved-two-cats-after-hurricane-harvey",
      "vclaim-sno-vladimir-putin-north-korea-trillions-in-minerals"]),
    ("tweet-sno-96", "vclaim-sno-trump-iran-tweets-obama",
     "vclaim-sno-obama-signs-executive-order-declaring-investigation-into-election-results",
     ["vclaim-sno-donald-trump-tweet-warnings-obama-ordering-syrian-airstrikes", "vclaim-sno-muslim-government-in-the-us",
      "vclaim-sno-obama-officials-iran-policy", "vclaim-sno-obama-shaking-hands-rouhani",
      "vclaim-sno-obama-signs-eo-loser-leaves-us", "vclaim-sno-president-obama-bow-ayatollah-khamenei"]),
]


@pytest.fixture(scope="module")
def checkthat():
    if not (CT / "vclaims.jsonl").exists():
        pytest.skip(f"CheckThat! data absent at {CT} (set CLAIMS_BENCH_DIR)")
    claims = {}
    with (CT / "vclaims.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                o = json.loads(line)
                claims[o["id"]] = (o["claim"], o["title"])
    tweets = dict(line.rstrip("\n").split("\t", 1) for line in (CT / "queries-train.tsv").open(encoding="utf-8")
                  if "\t" in line)
    return claims, tweets


@pytest.mark.parametrize("tweet_id, gold, was_first, others", CASES, ids=[c[0] for c in CASES])
def test_the_claim_a_tweet_repeats_comes_first(checkthat, encoder, tweet_id, gold, was_first, others):
    claims, tweets = checkthat
    ids = [gold, was_first, *others]
    m = Matcher(Settings(_env_file=None), encoder=encoder)
    # as `claims import` of {text: claim, title} stores them, with the vector of the claim's text
    m.build((i, normalize(claims[c][0], "en"), claims[c][1], "en") for i, c in enumerate(ids))
    m.put_vectors(list(range(len(ids))), encoder.encode([claims[c][0] for c in ids]))
    hits = m.match(tweets[tweet_id], limit=5, min_score=0)
    assert hits and ids[hits[0].claim_id] == gold, [(ids[h.claim_id], h.score, h.relation) for h in hits]
    # the claim that came first before is now below it and not called a plain match
    other = next(h for h in hits if ids[h.claim_id] == was_first)
    assert other.score < hits[0].score and other.relation != "match"
