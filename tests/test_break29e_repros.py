"""Break-test 29e (2026-12-03): regressions of 1d690cd, which reads an English claim told in the passive doer
first ("Twitter was bought by Elon Musk" as "Elon Musk bought Twitter"), and English short denials.

1. The active order was used by every check of a hit, so the other-actor checks compared the message's
   words with the claim's reordered ones: "Google was fined … by the European Commission" against "Amazon was
   fined … by the European Commission" was a plain match 99.3 (related before 1d690cd). The active order is
   now read by the role checks only (Matcher._match: `c_role`).
2. A short English sentence denying the statement before it in its own words ("X. It was not.", "X. He did
   not buy it.", "X. Elon Musk did not buy it.") was a plain match (a passive claim's denials were flagged
   before 1d690cd only by a misreading of roles): segmentation._negated_restatements_en, the English
   counterpart of the Russian «Он его не покупал».

Each message is read against a matcher holding its claim alone (as the break-tester found them). NEW = a
plain match before this change (the decision in the comment); "untuned" = written after the fix, checked once;
near-misses must stay as they are.
"""

from __future__ import annotations

import pytest

from test_break12_repros import _flagged, _plain_match
from test_match_written_language import _hit, stored

AMAZON = "Amazon was fined 746 million euros by the European Commission"
TWITTER = "Twitter was bought by Elon Musk"
MUSK = "Elon Musk bought Twitter"
PFIZER = "The Pfizer vaccine was approved by the FDA for children under 5"
FINLAND = "Finland closed its border with Russia"
PIXAR = "Pixar was bought by Disney"
TIKTOK = "Germany banned TikTok"
CLAIMS = [AMAZON, TWITTER, MUSK, PFIZER, FINLAND, PIXAR, TIKTOK]


@pytest.fixture(scope="module")
def alone(encoder):
    by: dict[str, object] = {}

    def hit(text: str, claim: str):
        if claim not in by:
            by[claim] = stored(encoder, {1: (claim, "en")})
        return _hit(by[claim], text, 1)
    return hit


# 1. another subject or doer of a passive claim: another claim (related), no plain match
@pytest.mark.parametrize("text, claim", [
    ("Google was fined 746 million euros by the European Commission", AMAZON),     # NEW: match 99.3
    ("Apple was fined 746 million euros by the European Commission", AMAZON),      # NEW: match 99.1
    ("Microsoft was fined by the European Commission", AMAZON),                    # NEW: match 94.0
    ("Facebook was bought by Elon Musk", TWITTER),                                 # NEW: match 97.2
    # untuned
    ("Samsung was fined 746 million euros by the European Commission", AMAZON),
    ("Instagram was bought by Elon Musk", TWITTER),
])
def test_other_subject_of_passive_claim_is_no_plain_match(alone, text, claim):
    h = alone(text, claim)
    assert h is not None and h.relation != "match", (h.relation, h.score) if h else None


# the same checks missed these before 1d690cd too (flagged then only by a misreading of roles): a name the
# dictionary does not know as one in the claim ("Pfizer", stored lower-cased) was not read as a name there; an
# English claim's names are now read from its text as written (contradiction.english_claim_names)
@pytest.mark.parametrize("text, claim", [
    ("The Moderna vaccine was approved by the FDA for children under 5", PFIZER),  # match 99.8
    ("The FDA approved the Moderna vaccine for children under 5", PFIZER),         # match 99.9
    ("The Sputnik vaccine was approved by the FDA for children under 5", PFIZER),  # match 99.7
    # a claim's first word that is a name anyway ("Pixar was bought …": english_names, b33); was match 96.0
    ("Marvel was bought by Disney", PIXAR),
])
def test_other_unknown_name_is_no_plain_match(alone, text, claim):
    h = alone(text, claim)
    assert h is not None and h.relation != "match", (h.relation, h.score)


def test_other_doer_of_passive_claim(alone):
    # a message told in the passive is read doer first too (contradiction.active_tokens)
    h = alone("Twitter was bought by Jeff Bezos", TWITTER)                         # match 97.4
    assert h is not None and h.relation != "match"


# near-misses: the claim's own words, its active wording, and the swap (roles) stay as 1d690cd made them
@pytest.mark.parametrize("text, claim", [
    (AMAZON, AMAZON), (TWITTER, TWITTER), (PFIZER, PFIZER), (PIXAR, PIXAR),
    ("Elon Musk bought Twitter", TWITTER),
    ("The European Commission fined Amazon 746 million euros", AMAZON),
    ("The FDA approved the Pfizer vaccine for children under 5", PFIZER),
    ("Disney bought Pixar", PIXAR),
])
def test_own_and_active_wordings_stay_plain(alone, text, claim):
    assert _plain_match(alone(text, claim))


@pytest.mark.parametrize("text, claim", [
    ("Elon Musk was bought by Twitter", TWITTER),
    ("Disney was bought by Pixar", PIXAR),
])
def test_swapped_roles_stay_flagged(alone, text, claim):
    h = alone(text, claim)
    assert _flagged(h) and h.reasons == ["roles"], h


# 2. a short English sentence denying the statement in its own words: flagged (negation)
@pytest.mark.parametrize("text, claim", [
    ("Twitter was bought by Elon Musk. It was not.", TWITTER),                     # NEW: match 99.6
    ("Elon Musk bought Twitter. He did not buy it.", TWITTER),                     # NEW: match 99.6
    ("Twitter was bought by Elon Musk. Elon Musk did not buy it.", TWITTER),       # NEW: match 99.3
    (f"{AMAZON}. It was not.", AMAZON),                                            # NEW: match 99.8
    (f"{PFIZER}. It was not.", PFIZER),                                            # NEW: match 99.8
    ("Finland closed its border with Russia. It did not.", FINLAND),               # NEW: match 99.5
    ("Elon Musk bought Twitter. He did not buy it.", MUSK),                        # NEW: match 99.3
    # untuned
    ("Germany banned TikTok. It didn't.", TIKTOK),
    ("Germany banned TikTok. Germany never banned it.", TIKTOK),
    ("Pixar was bought by Disney. Disney didn't buy it.", PIXAR),
    ("Finland closed its border with Russia. Finland did not close it.", FINLAND),
    ("Elon Musk bought Twitter. He never did.", MUSK),
])
def test_short_english_denial_is_flagged(alone, text, claim):
    h = alone(text, claim)
    assert _flagged(h), (h.relation, h.score, h.reasons) if h else None


# near-misses: a word of its own, other roles, a question, a negated statement repeated: no denial
@pytest.mark.parametrize("text, claim", [
    ("Finland closed its border with Russia. It was not easy.", FINLAND),
    ("Finland closed its border with Russia. Norway did not close it.", FINLAND),
    ("Elon Musk bought Twitter. He did not sell it.", MUSK),
    ("Elon Musk bought Twitter. He did not buy Facebook.", MUSK),
    ("Germany banned TikTok. France didn't ban it.", TIKTOK),
    ("Germany banned TikTok. It did not ban Instagram.", TIKTOK),
    ("Elon Musk bought Twitter. Did he not?", MUSK),
])
def test_no_english_denial_stays_plain(alone, text, claim):
    h = alone(text, claim)
    assert _plain_match(h), (h.relation, h.score, h.reasons) if h else None


@pytest.mark.parametrize("low, n", [
    ("elon musk bought twitter. he did not buy it.", 1),
    ("twitter was bought by elon musk. elon musk did not buy it.", 1),
    ("finland closed its border with russia. russia did not close it.", 0),     # roles swapped
    ("elon musk bought twitter. twitter did not buy him.", 0),
    ("elon musk did not buy twitter. he did not buy it.", 0),                   # said again, negated
    ("elon musk bought twitter. he did not not buy it.", 0),                    # double negation
])
def test_negated_restatements_en(low, n):
    from claims.match.segmentation import _negated_restatements_en
    assert len(_negated_restatements_en(low)) == n


@pytest.mark.parametrize("text, flagged", [
    ("Twitter was bought by billionaire Elon Musk.", False),                       # b3r29: roles 98.9
    ("Twitter was bought by tech billionaire Elon Musk.", False),
    ("Twitter was bought by entrepreneur Elon Musk.", False),                      # not tuned
    ("Twitter was bought by the billionaire Elon Musk for 44 billion dollars.", False),
    ("Elon Musk was bought by billionaire Twitter.", True),                        # the title skipped, roles swapped
])
def test_a_title_before_the_doers_name(encoder, text, flagged):
    m = stored(encoder, {6: ("Twitter was bought by Elon Musk", "en")})
    h = _hit(m, text, 6)
    assert h is not None and h.contradicts == flagged and (h.relation == "match") != flagged, h
