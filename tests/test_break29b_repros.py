"""Issue 10, reversals (2026-12-03): five kinds of reversal that came back as plain matches, and a Cyrillic
spelling of a company that scored nothing. NEW = wrong on main 63b6059 (its decision in the comment, the claim
alone); each message is read against a matcher of all the claims and one of its claim alone;
"not tuned" = written after the fix and checked once; the rest are near-misses that must stay as they are.

1. an English passive with the roles swapped ("Elon Musk was bought by Twitter"), and a claim told in the
   passive, which was read in the order written (its own words flagged as swapped roles);
2. a Russian person named in an oblique case as the object («Илона Маска купил Твиттер»);
3. another company doing the claim's act, across languages («Netflix купил MGM» against "Amazon bought MGM");
4. an antonym made by a prefix (разблокировать / заблокировать, unblock / block: antonyms.tsv);
5. a company written in Cyrillic («Амазон купил МГМ»), which the encoder did not know.
"""

from __future__ import annotations

import pytest

from claims.match import Matcher
from test_break12_repros import _flagged, _plain_match
from test_match_written_language import _hit, stored

CLAIMS = {
    1: ("Twitter was bought by Elon Musk", "en"),
    2: ("Elon Musk bought Twitter", "en"),
    3: ("Илон Маск купил Twitter", "ru"),
    4: ("Amazon bought MGM", "en"),
    5: ("Amazon купил MGM", "ru"),
    6: ("Facebook заблокировали", "ru"),
    7: ("В России заблокировали Facebook", "ru"),
    8: ("Tesla bought Twitter", "en"),
    9: ("Pixar was bought by Disney", "en"),
    10: ("Spartak was beaten by Zenit", "en"),
    11: ("Google bought YouTube", "en"),
    12: ("США заморозили активы Ирана", "ru"),
    13: ("Microsoft bought Activision", "en"),
    14: ("Павел Дуров продал ВКонтакте", "ru"),
    15: ("Джефф Безос основал Amazon", "ru"),
    16: ("Activision was acquired by Microsoft", "en"),
    17: ("Telegram заблокировали в России", "ru"),
}


class _Alone:
    """A matcher per claim, each holding that claim alone (as the issue's cases were found: with one
    claim a message has no nearer claim to rank under)."""

    def __init__(self, encoder) -> None:
        self.encoder, self.by_id = encoder, {}

    def hit(self, text: str, claim_id: int):
        if claim_id not in self.by_id:
            self.by_id[claim_id] = stored(self.encoder, {claim_id: CLAIMS[claim_id]})
        return _hit(self.by_id[claim_id], text, claim_id)


@pytest.fixture(scope="module")
def m(encoder) -> Matcher:
    return stored(encoder, CLAIMS)


@pytest.fixture(scope="module")
def alone(encoder) -> _Alone:
    return _Alone(encoder)


@pytest.mark.parametrize("text, claim_id", [
    # 1. English passive, roles swapped
    ("Elon Musk was bought by Twitter", 1),                 # NEW: plain match 99.8
    ("Elon Musk was bought by Twitter", 2),                 # guard
    ("Disney was bought by Pixar", 9),                      # not tuned
    ("Zenit was beaten by Spartak", 10),                    # not tuned
    ("Microsoft was acquired by Activision", 16),           # not tuned
    # 2. a Russian object in an oblique case before the verb
    ("Илона Маска купил Твиттер", 3),                       # NEW: plain match 75.0
    ("Твиттер купил Илона Маска", 3),                       # guard
    ("Павла Дурова продал ВКонтакте", 14),                  # not tuned
    ("Джеффа Безоса основал Amazon", 15),                   # not tuned
    # 4. an antonym by a prefix
    ("Facebook разблокировали", 6),                         # NEW: plain match 87.5
    ("В России разблокировали Facebook", 7),                # guard (was flagged as roles, now as an antonym)
    ("Facebook unblocked in Russia", 6),                    # NEW: plain match 97.4
    ("Facebook unblocked in Russia", 7),                    # NEW: plain match 99.6
    ("Фейсбук разблокирован в России", 7),                  # not tuned
    ("Facebook was unblocked in Russia", 6),                # not tuned
    ("Фейсбук розблокували в Росії", 7),                    # not tuned (uk)
    ("США разморозили активы Ирана", 12),                   # not tuned
    ("The US unfroze Iran's assets", 12),                   # not tuned
    ("Telegram разблокировали в России", 17),               # not tuned
    ("Russia unblocked Telegram", 17),                      # not tuned
])
def test_a_reversal_is_flagged(m, alone, text, claim_id):
    for h in (_hit(m, text, claim_id), alone.hit(text, claim_id)):
        assert _flagged(h), (text, h)


@pytest.mark.parametrize("text, claim_id", [
    # 3. another company doing the claim's act: another claim, never a plain match
    ("Netflix купил MGM", 4),                               # NEW: plain match 90.2
    ("Apple купил MGM", 4),                                 # NEW: plain match 87.6
    ("Netflix bought MGM", 5),                              # NEW: plain match 84.3
    ("Netflix купил MGM", 5),                               # guard
    ("Apple bought MGM", 5),                                # not tuned
    ("Disney купил MGM", 4),                                # not tuned
    ("Яндекс купил YouTube", 11),                           # not tuned
    ("Microsoft купила YouTube", 11),                       # not tuned
    ("Tesla купила Twitter", 2),                            # not tuned
])
def test_another_doer_is_no_plain_match(m, alone, text, claim_id):
    for h in (_hit(m, text, claim_id), alone.hit(text, claim_id)):
        assert not _plain_match(h), (text, h)


@pytest.mark.parametrize("text, claim_id", [
    # 1. the claim's roles, in either voice
    ("Twitter was bought by Elon Musk", 1),                 # NEW: flagged (roles) 99.5: the claim's own words
    ("Twitter was bought by Elon Musk", 2),                 # NEW: flagged (roles) 99.7
    ("Elon Musk bought Twitter", 1),                        # NEW: flagged (roles) 99.7
    ("Elon Musk bought Twitter", 2),
    ("Disney bought Pixar", 9),                             # not tuned
    ("Pixar was bought by Disney", 9),                      # the claim's own words: flagged (roles) on main
    ("Zenit beat Spartak", 10),                             # not tuned
    # 2. the same doer, object first or in other words
    ("Илон Маск купил Твиттер", 3),
    ("Twitter купил Илон Маск", 3),                         # NEW: flagged (roles) 92.0
    ("Твиттер купил Илон Маск", 3),                         # NEW: flagged (roles) 82.8
    ("Павел Дуров продал ВКонтакте", 14),
    ("ВКонтакте продал Павел Дуров", 14),                   # not tuned: failed once, fixed (`_name_ends`)
    ("Amazon основал Джефф Безос", 15),                     # not tuned
    ("Microsoft acquired Activision", 16),                  # not tuned
    ("Activision was bought by Microsoft", 16),             # not tuned
    # 3. the claim's doer across languages
    ("Amazon купил MGM", 4),
    ("Amazon bought MGM", 5),
    ("Компания Amazon купила киностудию MGM", 4),
    ("Google купила YouTube", 11),                          # not tuned
    # 4. the claim's own verb
    ("В России заблокировали Facebook", 7),                 # NEW: flagged (roles) 82.4: «в России» is a setting
    ("Facebook заблокировали", 6),
    ("Facebook blocked in Russia", 6),
    ("США заморозили активы Ирана", 12),
    ("Telegram заблокировали в России", 17),
    # 5. a company written in Cyrillic
    ("Амазон купил МГМ", 4),                                # NEW: no hit
    ("Амазон купил МГМ", 5),                                # plain 75.0 (the floor of the claim's own words)
    ("Майкрософт купила Активижн", 13),                     # not tuned
    ("Гугл купил Ютуб", 11),                                # not tuned
])
def test_the_claim_restated_stays_a_plain_match(m, alone, text, claim_id):
    # together with the others, a claim may rank under a nearer one ("Activision was bought by
    # Microsoft" is claim 13's words): alone, it is the match
    assert _plain_match(alone.hit(text, claim_id)), text


# Known limits (wrong on main 63b6059 too): a person's name across languages is not found among the
# claim's ("Elon" / «Илон», "Musk" / «Маск»: no alias, and the transliterations are too far apart for
# `_claim_word_of`), so no role check runs; a message that moves the claim's object to the doer's place
# with another doer beside it is read as neither swapped roles (one participant only) nor another actor
# (the other name is not next to the words the message shares around the claim's doer).
@pytest.mark.xfail(strict=True, reason="break29b: a person's name across languages; another doer after the verb")
@pytest.mark.parametrize("text, claim_id", [
    ("Elon Musk was bought by Twitter", 3),                 # plain 71.3
    ("Твиттер купил Илона Маска", 2),                       # plain 61.2
    ("Twitter купила SpaceX", 8),                           # plain 75.0
])
def test_known_limits_stay_plain_matches(alone, text, claim_id):
    assert not _plain_match(alone.hit(text, claim_id)), text


def test_a_passive_claim_is_read_doer_first_from_the_store(run_cli, tmp_path):
    """Through the store (SQLite and PostgreSQL): the matcher loaded at start-up reads an English
    passive claim's text too (`_claim_rows`), so its own words stay a plain match and the roles
    swapped are flagged, as in memory (br29: the start-up read only its normalised form, and
    "Elon Musk was bought by Twitter" was a plain match 99.8)."""
    import json

    path = tmp_path / "checks.jsonl"
    path.write_text(json.dumps({"text": "Twitter was bought by Elon Musk", "verdict": "true"}) + "\n", encoding="utf-8")
    run_cli("import", str(path), check=True)

    def top(text: str) -> dict:
        proc = run_cli("match", "--stdin", "--json", "--min-score", "0", input=text + "\n")
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)["results"][0]

    for text in ("Twitter was bought by Elon Musk", "Elon Musk bought Twitter"):
        hit = top(text)
        assert hit["relation"] == "match" and not hit["contradicts"], (text, hit)
    for text in ("Elon Musk was bought by Twitter", "Twitter bought Elon Musk"):
        hit = top(text)
        assert hit["relation"] != "match" and hit["contradicts"], (text, hit)


SOURCES = {1: ("Илон Маск купил Twitter", "ru"), 2: ("Павел Дуров продал ВКонтакте", "ru"), 3: ("Путин уволил Шойгу", "ru")}


@pytest.fixture(scope="module")
def ms(encoder) -> Matcher:
    return stored(encoder, SOURCES)


@pytest.mark.parametrize("text, claim_id", [
    ("По словам Илона Маска, он купил Twitter", 1),      # br29: flagged roles by 1d690cd
    ("По словам Павла Дурова, он продал ВКонтакте", 2),
    ("По данным Владимира Путина, он уволил Шойгу", 3),  # flagged before 1d690cd too
    ("По словам Шойгу, Путин его уволил", 3),
])
def test_a_source_named_in_the_genitive_is_no_participant(ms, text, claim_id):
    h = _hit(ms, text, claim_id)
    assert h is not None and h.relation == "match" and not h.contradicts, h


@pytest.mark.xfail(strict=True, reason="a name of the claim between the source and the verb keeps the source's "
                                       "case (b2r29: «По словам Путина, Шойгу уволил его» is a reversal), so the "
                                       "object put first after a source reads as swapped roles (the safe side)")
@pytest.mark.parametrize("text, claim_id", [
    ("Со слов Илона Маска, Twitter купил он", 1),
    ("По мнению Илона Маска, Twitter купил он", 1),
])
def test_known_limit_object_first_after_a_source(ms, text, claim_id):
    h = _hit(ms, text, claim_id)
    assert h is not None and h.relation == "match" and not h.contradicts, h


@pytest.mark.parametrize("text, claim_id", [
    ("Илона Маска купил Твиттер", 1),
    ("По словам Twitter, он купил Илона Маска", 1),
    ("По данным СМИ, Шойгу уволил Путина", 3),
    ("По словам Путина, Шойгу уволил его с поста президента", 3),    # b2r29: plain 92.0 by 4a6298b
    ("По мнению Путина, Шойгу уволил Путина", 3),
])
def test_roles_swapped_after_a_source_are_still_flagged(ms, text, claim_id):
    h = _hit(ms, text, claim_id)
    assert h is not None and h.relation != "match" and h.contradicts, h


BLOCKS = {1: ("В России заблокировали Instagram", "ru"), 2: ("В Турции запретили продажу алкоголя", "ru")}


@pytest.fixture(scope="module")
def mb(encoder) -> Matcher:
    return stored(encoder, BLOCKS)


@pytest.mark.parametrize("text, claim_id, flagged", [
    ("В России сняли блокировку Instagram", 1, True),       # br29: plain 88.1 after 1d690cd
    ("В России отменили блокировку Instagram", 1, True),    # not tuned
    ("В Турции сняли запрет на продажу алкоголя", 2, True),
    ("В России продлили блокировку Instagram", 1, False),   # the block goes on
    ("Блокировка Instagram в России", 1, False),
])
def test_a_block_lifted_is_flagged(mb, text, claim_id, flagged):
    h = _hit(mb, text, claim_id)
    assert h is not None and h.contradicts == flagged and (h.relation == "match") != flagged, h
