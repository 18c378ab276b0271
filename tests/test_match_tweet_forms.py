"""Tweets and channel posts as they are written: a numbered list, shouting, hashtags.

1. A short English denial after a statement with no words ("1. No one said X." — the list number is the
   statement before it) raised IndexError in segmentation._negated_restatements_en, so `match` logged
   "match failed" and returned nothing (CheckThat! 2A train tweet-sno-5 scored 0).
"""

from __future__ import annotations

import pytest

from claims.match.segmentation import split_parts
from test_break12_repros import _plain_match
from test_match_written_language import _hit, stored

OBAMA = "A photograph shows Barack Obama shaking hands with Iranian President Hassan Rouhani"
CLAIMS = {1: (OBAMA, "en")}


@pytest.fixture(scope="module")
def m(encoder):
    return stored(encoder, CLAIMS)


@pytest.mark.parametrize("text", [
    "1. No one said this wasn't photoshopped. No one said Obama met with Rouhani in person.",
    "2) Nobody said it. It was not.",
    "1. It was not.",
    "— It did not happen.",
    "1. 2. Never.",
])
def test_a_denial_after_a_wordless_statement_reads(text):
    assert [p.text for p in split_parts(text)]     # raised IndexError


def test_a_numbered_tweet_with_a_denial_is_matched(m):
    text = ("1. To the reporters: no one said this wasn't photoshopped. Obama shaking hands with "
            "Iranian President Hassan Rouhani, the photograph.")
    assert _hit(m, text, 1) is not None        # no hit at all: the match failed
