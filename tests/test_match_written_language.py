"""Claims written in Ukrainian or Belarusian: stored with their own language, found by a Russian
message that states them, never a plain match for one that reverses them, and marked as crossing
languages only when the message is written in another language than the claim.

Before: such a claim was stored as "ru" (the language detector knew ru and en only), so a Russian
message stating it was compared word for word with Ukrainian words («Чеснок защищает от
коронавируса» 12 against «Часник захищає від коронавірусу»), a Russian reversal of a Belarusian claim
was a plain match («…о снижении пенсий…» 73 against «…аб павышэнні пенсій…»), and a Ukrainian
message restating the Ukrainian claim was marked as crossing languages.
"""

from __future__ import annotations

import json

import pytest

from claims.match import Matcher
from claims.normalize import normalize, written_language
from claims.settings import Settings

CLAIMS = {
    1: ("Часник захищає від коронавірусу", "uk"),
    2: ("Кабмін підвищив пенсії на 10 відсотків", "uk"),
    3: ("У Києві відкрили нову станцію метро", "uk"),
    4: ("Лукашэнка падпісаў указ аб павышэнні пенсій удвая", "be"),
    5: ("Ізраїль атакував Іран", "uk"),
    6: ("Илон Маск купил Twitter", "ru"),
    7: ("Минздрав запретил продажу энергетиков подросткам", "ru"),
}


def stored(encoder, claims: dict[int, tuple[str, str]]) -> Matcher:
    """An in-memory matcher over {id: (text, language)} as the store hands them to it at start-up
    (`_claim_rows`: the text too, which a uk/be claim's checks read), with the claims' vectors."""
    matcher = Matcher(Settings(_env_file=None), encoder=encoder)
    matcher.build((i, normalize(t, lg), "", lg, t) for i, (t, lg) in claims.items())
    matcher.put_vectors(list(claims), encoder.encode([t for t, _ in claims.values()]))
    return matcher


def stores_by_group(encoder, groups: dict[str, dict[int, tuple[str, str]]]):
    """A function group → `stored(encoder, groups[group])`, each store built once, on first use (a test
    module's groups of fact-checks, each in a store of its own)."""
    built: dict[str, Matcher] = {}

    def get(group: str) -> Matcher:
        if group not in built:
            built[group] = stored(encoder, groups[group])
        return built[group]
    return get


def hit_of(m: Matcher, text: str, claim_id: int):
    """The hit of `claim_id` among `m.match(text, min_score=0)`, or None."""
    return next((h for h in m.match(text, min_score=0) if h.claim_id == claim_id), None)


@pytest.fixture(scope="module")
def m(encoder) -> Matcher:
    return stored(encoder, CLAIMS)


def _hit(m: Matcher, text: str, claim_id: int):
    return next((h for h in m.match(text, min_score=0) if h.claim_id == claim_id), None)


@pytest.mark.parametrize("text, lang", [
    ("Часник захищає від коронавірусу", "uk"),
    ("Лукашэнка падпісаў указ", "be"),
    ("Міністэрства аховы здароўя", "be"),
    ("Илон Маск купил Twitter", "ru"),
    ("Twitter купила Tesla, а не SpaceX", "ru"),
    ("Garlic protects against COVID", "en"),
    ("", "ru"),
])
def test_written_language(text, lang):
    assert written_language(text) == lang


@pytest.mark.parametrize("text, claim_id", [
    ("Чеснок защищает от коронавируса", 1),
    ("Кабмин повысил пенсии на 10%", 2),
    ("В Киеве открыли новую станцию метро", 3),
    ("Лукашенко подписал указ о повышении пенсий вдвое", 4),
    ("Израиль атаковал Иран", 5),
])
def test_russian_message_states_a_ukrainian_or_belarusian_claim(m, text, claim_id):
    h = _hit(m, text, claim_id)
    assert h is not None and h.relation == "match" and not h.contradicts, h
    assert h.cross_language


@pytest.mark.parametrize("text, claim_id", [
    ("Чеснок не защищает от коронавируса", 1),
    ("Кабмин понизил пенсии на 10%", 2),
    ("Кабмин повысил пенсии на 20%", 2),
    ("В Киеве закрыли станцию метро", 3),
    ("Лукашенко подписал указ о снижении пенсий вдвое", 4),
    ("Иран атаковал Израиль", 5),
    ("Кабмін знизив пенсії на 10 відсотків", 2),         # in the claim's own language
    ("У Києві закрили станцію метро", 3),
    ("Лукашэнка падпісаў указ аб зніжэнні пенсій удвая", 4),
    ("The Ukrainian cabinet cut pensions by 10 percent", 2),
])
def test_reversal_of_a_ukrainian_or_belarusian_claim_is_flagged(m, text, claim_id):
    h = _hit(m, text, claim_id)
    assert h is not None and h.relation != "match" and h.contradicts, h


def test_a_paraphrase_of_a_ukrainian_claim(m):
    """«Кабмін» is not «Правительство Украины» by words (the claim's gloss is scored by its words only
    when the message says every one of them): a match on the cosine of the claim's Russian gloss
    (`Matcher._gloss_vector`; 30 on the claim's own vector before)."""
    h = _hit(m, "Правительство Украины повысило пенсии на 10 процентов", 2)
    assert h is not None and h.relation == "match"


def test_another_verb_of_the_reversed_act_is_no_plain_match(m):
    h = _hit(m, "Иран напал на Израиль", 5)
    assert h is None or h.relation != "match", h


def test_a_word_the_gloss_cannot_read_keeps_the_old_reading(encoder):
    """be «ўначы» is not glossed: a Russian message saying «днём» instead is no plain match (66.3
    before the gloss had to cover every word; 27.9 on 9164953)."""
    claims = {1: ("Урад забараніў продаж алкаголю ўначы", "be"), 2: ("Илон Маск купил Twitter", "ru")}
    h = _hit(stored(encoder, claims), "Правительство запретило продажу алкоголя днём", 1)
    assert h is None or h.relation != "match", h


def test_same_language_is_not_crossing(m):
    h = _hit(m, "Часник захищає від коронавірусу, кажуть лікарі", 1)
    assert h.relation == "match" and not h.cross_language
    h = _hit(m, "Лукашэнка падпісаў указ аб павышэнні пенсій удвая", 4)
    assert h.relation == "match" and not h.cross_language


def test_other_place_is_no_plain_match(m):
    """Near miss: another city with the same words around it."""
    h = _hit(m, "В Москве открыли новую станцию метро", 3)
    assert h is None or h.relation != "match"


def test_russian_claims_unchanged(m):
    h = _hit(m, "Илон Маск купил Twitter, пишут СМИ", 6)
    assert h.relation == "match" and not h.cross_language and not h.contradicts
    h = _hit(m, "Ілон Маск купив Twitter", 6)
    assert h.relation == "match" and h.cross_language


def _json(proc):
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_store_keeps_the_language_and_reindex_relabels(run_cli, tmp_path, engine):
    """Through the store (SQLite and PostgreSQL): `claims import` labels a Ukrainian claim "uk",
    the matcher loaded from the store finds it from a Russian message; a claim an older release
    stored as "ru" is relabelled by `claims db reindex`."""
    from sqlmodel import Session, select

    from claims.models import Claim

    path = tmp_path / "checks.jsonl"
    path.write_text("\n".join(json.dumps({"text": t, "verdict": "false"}, ensure_ascii=False)
                              for t in ("Часник захищає від коронавірусу", "Илон Маск купил Twitter")) + "\n",
                    encoding="utf-8")
    run_cli("import", str(path), check=True)
    listed = {c["text"]: c["language"] for c in _json(run_cli("list", "--json"))}
    assert listed == {"Часник захищає від коронавірусу": "uk", "Илон Маск купил Twitter": "ru"}
    out = _json(run_cli("match", "--stdin", "--json", input="Чеснок защищает от коронавируса\n"))
    top = out["results"][0]
    assert top["claim"]["language"] == "uk" and top["relation"] == "match" and top["cross_language"]
    with Session(engine) as s:          # as an older release stored it
        claim = s.exec(select(Claim).where(Claim.language == "uk")).one()
        claim.language = "ru"
        s.add(claim)
        s.commit()
    assert "1 changed" in run_cli("db", "reindex", check=True).stdout
    listed = {c["text"]: c["language"] for c in _json(run_cli("list", "--json"))}
    assert listed["Часник захищає від коронавірусу"] == "uk"


# ---------------------------------------------------------------- another company in the claim's place

COMPANIES = {
    1: ("Илон Маск купил Twitter", "ru"),
    2: ("Amazon bought MGM", "en"),
    3: ("Microsoft купила Activision Blizzard", "ru"),
    4: ("Путин посетил Китай", "ru"),
}


@pytest.fixture(scope="module")
def mc(encoder) -> Matcher:
    return stored(encoder, COMPANIES)


def test_a_latin_named_company_sold_is_flagged(mc):
    """A regression of the company names, found by a break-tester: the English reading of a
    Russian message with Latin names won, and the Russian role checks did not run."""
    for text in ("Microsoft продала Activision", "Microsoft продала компанию Activision"):
        h = _hit(mc, text, 3)
        assert h is not None and h.relation != "match" and h.contradicts, (text, h)


@pytest.mark.parametrize("text, claim_id", [
    ("Илон Маск купил Facebook", 1),                # plain match 79.1 before
    ("Amazon bought Netflix", 2),                   # 94.4
    ("Amazon acquired Paramount", 2),               # 83.6
    ("Илон Маск купил Instagram, пишут СМИ", 1),    # not tuned
    ("Microsoft купила Nintendo и Samsung", 3),      # not tuned
])
def test_another_company_is_another_claim(mc, text, claim_id):
    h = _hit(mc, text, claim_id)
    assert h is None or h.relation != "match", h


@pytest.mark.parametrize("text, claim_id", [
    ("Илон Маск купил Twitter, пишут СМИ", 1),
    ("Илон Маск купил твиттер", 1),
    ("Elon Musk bought Twitter", 1),
    ("Amazon has acquired MGM", 2),
    ("Amazon bought MGM studios", 2),
    ("Microsoft купила Activision", 3),
    ("Амазон купил MGM", 2),                        # «Амазон» is no genitive plural here (was flagged roles)
    ("Амазон приобрел MGM", 2),
    ("Майкрософт купила Активижн Близзард", 3),      # not tuned
])
def test_the_same_company_still_matches(mc, text, claim_id):
    h = _hit(mc, text, claim_id)
    assert h is not None and h.relation == "match" and not h.contradicts, h


# A uk/be claim read against itself: its words read by the Russian dictionary (cases of a
# misread word: «гадзіну» as a name) are no roles; the introduce/cancel pair in uk and be words;
# a Belarusian message with no «ў» (read as Ukrainian) checked with the Belarusian rows too.
CURFEW = {1: ("У Мінску ўвялі каменданцкую гадзіну", "be"), 2: ("У Львові скасували комендантську годину", "uk"),
          3: ("У Гомелі закрылі завод", "be")}


@pytest.fixture(scope="module")
def mk(encoder) -> Matcher:
    return stored(encoder, CURFEW)


@pytest.mark.parametrize("text, claim_id", [
    ("У Мінску ўвялі каменданцкую гадзіну", 1),      # "roles" against its own text before
    ("У Мінску ўвялі каменданцкую гадзіну.", 1),
    ("Каменданцкую гадзіну ўвялі ў Мінску", 1),
    ("У Львові скасували комендантську годину", 2),
    ("У Гомелі закрылі завод", 3),
])
def test_a_claim_of_its_own_words_is_a_plain_match(mk, text, claim_id):
    h = _hit(mk, text, claim_id)
    assert h is not None and h.relation == "match" and not h.contradicts, h


@pytest.mark.parametrize("text, claim_id", [
    ("У Львові запровадили комендантську годину", 2),   # plain 99.7 before
    ("У Мінску адмянілі каменданцкую гадзіну", 1),      # plain 99.6 before (read as Ukrainian)
    ("У Львові ввели комендантську годину", 2),         # not tuned
    ("У Мінску скасавалі каменданцкую гадзіну", 1),     # not tuned
    ("У Гомелі адкрылі завод", 3),
])
def test_introduced_against_cancelled_is_flagged(mk, text, claim_id):
    h = _hit(mk, text, claim_id)
    assert h is not None and h.relation != "match" and h.contradicts, h


# A Russian message against a claim written in Ukrainian or Belarusian, whose Russian gloss shares
# few words with a Russian wording («комендантську годину» is no «комендантский час»). Scoring its
# cosine as across languages too found the restatement (57) but made same-topic messages plain
# matches («Львов перенёс концерты из-за комендантского часа» 75, «Зеленский назначил Залужного
# главкомом» against «…звільнив…» 86: break-test b2r29), so it was taken back: known limit.
RU_UK = {1: ("У Львові скасували комендантську годину", "uk"), 2: ("Нацбанк України знизив облікову ставку", "uk"),
         3: ("Лукашэнка падпісаў указ аб прызыве", "be"), 4: ("Зеленський звільнив головнокомандувача Залужного", "uk")}


@pytest.fixture(scope="module")
def mr(encoder) -> Matcher:
    return stored(encoder, RU_UK)


@pytest.mark.parametrize("text, claim_id", [
    ("Нацбанк Украины снизил учетную ставку", 2),
    ("Лукашенко подписал указ о призыве", 3),
])
def test_russian_wording_of_a_ukrainian_claim_matches(mr, text, claim_id):
    h = _hit(mr, text, claim_id)
    assert h is not None and h.relation == "match" and not h.contradicts and h.cross_language, h


@pytest.mark.xfail(strict=True, reason="a Russian wording sharing few words with a uk claim's gloss is not found "
                                       "(its cosine scored as across languages made same-topic messages matches)")
@pytest.mark.parametrize("text, claim_id", [
    ("Во Львове отменили комендантский час", 1),
    ("Львов: комендантский час отменён", 1),
])
def test_known_limit_russian_wording_with_other_words(mr, text, claim_id):
    h = _hit(mr, text, claim_id)
    assert h is not None and h.relation == "match" and not h.contradicts, h


@pytest.mark.parametrize("text, claim_id", [
    ("Во Львове ввели комендантский час", 1),
    ("Комендантский час во Львове не отменяли", 1),
    ("Нацбанк Украины повысил учетную ставку", 2),
])
def test_russian_reversal_of_a_ukrainian_claim_is_flagged(mr, text, claim_id):
    h = _hit(mr, text, claim_id)
    assert h is None or h.relation != "match" and h.contradicts, h


@pytest.mark.parametrize("text, claim_id", [
    ("Во Львове отменили концерт", 1),
    ("В Одессе отменили комендантский час", 1),
    ("Во Львове отменили карантин", 1),
    ("Львов перенёс концерты из-за комендантского часа", 1),     # b2r29: plain 75.3 with the cosine path
    ("Мэр Львова отменил концерт из-за комендантского часа", 1),
    ("Нацбанк Польши снизил учетную ставку", 2),                 # another bank: another claim
    ("Зеленский назначил Залужного главкомом", 4),              # b2r29: plain 85.7 with the cosine path
])
def test_russian_message_on_the_same_topic_is_no_match(mr, text, claim_id):
    h = _hit(mr, text, claim_id)
    assert h is None or h.relation != "match", h
