"""Claim extraction against the seed article and a few targeted cases."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from claims.errors import InvalidInput
from claims.extract import (
    ExtractedClaim,
    candidate_sentences,
    detect_language,
    extract_claims,
)
from claims.nlp import NLP

SEED = Path(__file__).resolve().parents[1] / "claims" / "data" / "sample_article.txt"
sys.path.insert(0, str(SEED.parents[2]))  # the repository root, for bench.bench_extract

# What a human fact-checker lists in the seed article: each gold claim as the word stems
# that a claim text must contain (lower case, ё as е), and the expected speaker (a word
# the speaker must contain) where the article names one.
GOLD: list[tuple[str, set[str], str | None]] = [
    ("wonsan meeting, brotherhood", {"вонсан", "братств"}, "Лавров"),
    ("warning on alliances", {"предупредил", "альянс", "япони"}, "Лавров"),
    ("troops and weapons for Russia", {"войска", "вооружени", "украин"}, None),
    ("aid from Moscow", {"москва оказывал", "экономическ", "помощ"}, None),
    ("Putin's visit last year", {"путин", "посетил", "прошлом году"}, None),
    ("drills stepped up", {"усилили", "возобновили", "учени"}, None),
    ("bomber manoeuvre", {"прошлой неделе", "бомбардировщик"}, None),
    ("meetings in Seoul", {"сеул", "встречи"}, None),
    ("more troops this summer", {"разведк", "летом", "войск"}, "южнокорейская разведка"),
    ("strategic dialogue", {"стратегическ", "диалог", "встреча"}, "Лавров"),
    ("views on Ukraine", {"обменялись", "украин"}, "Лавров"),
    ("support for the operation", {"специальной военной операции", "поддержк"}, None),
    ("more delegations", {"руденко", "делегаци"}, "Руденко"),
    ("trip to China for the SCO", {"китай", "шанхайск"}, None),
    ("warning against alliances", {"по словам лаврова", "предостерегают", "альянс"}, "Лавров"),
]

HEADINGS = [
    "Россия и Северная Корея заявляют о крепкой дружбе и предупреждают о вмешательстве США",
    "Опасность использования союзов для геополитических игр",
    "Углубление сотрудничества между Москвой и Пхеньяном",
    "Региональная ситуация и военные учения",
    "Перспективы диалога и дальнейшие планы",
    "Ближайшие планы российского дипломатического корпуса",
]


def _norm(text: str) -> str:
    return text.lower().replace("ё", "е")


def _block_network(mp: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("claim extraction tried to use the network")

    mp.setattr(socket.socket, "connect", refuse)
    mp.setattr(socket.socket, "connect_ex", refuse)
    mp.setattr(socket, "create_connection", refuse)
    mp.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="module")
def nlp() -> NLP:
    """Models load once for the module, and must load with the network cut off."""
    with pytest.MonkeyPatch.context() as mp:
        _block_network(mp)
        holder = NLP()
        holder.natasha  # noqa: B018 - force the lazy load now
        holder.morph  # noqa: B018
    return holder


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_claims(nlp, seed_text) -> list[ExtractedClaim]:
    return extract_claims(seed_text, nlp=nlp)


@pytest.fixture(scope="module")
def seed_candidates(nlp, seed_text) -> list[ExtractedClaim]:
    return candidate_sentences(seed_text, nlp=nlp)


def _match_gold(claims: list[ExtractedClaim]) -> dict[int, ExtractedClaim]:
    """Gold index -> a distinct claim, by the extraction benchmark's rule (maximum bipartite
    matching on "contains every stem", so one long claim cannot count for two gold items)."""
    from types import SimpleNamespace

    from bench.bench_extract import match

    pairs = match([SimpleNamespace(keys=sorted(stems)) for _, stems, _ in GOLD], claims)
    return {g: claims[i] for g, i in pairs.items()}


def test_seed_article_recovers_gold_claims_as_separate_claims(seed_claims):
    matched = _match_gold(seed_claims)
    missing = [GOLD[g][0] for g in range(len(GOLD)) if g not in matched]
    assert len(matched) == 15, f"only {len(matched)}/15 gold claims; missing {missing}"


def test_seed_article_speakers(seed_claims):
    matched = _match_gold(seed_claims)
    wrong = []
    for g, claim in matched.items():
        label, _, speaker = GOLD[g]
        if speaker is not None and (claim.speaker is None or speaker not in claim.speaker):
            wrong.append((label, claim.speaker))
    assert not wrong, f"wrong speakers: {wrong}"
    # the «по данным» source is put into the nominative
    intel = next(c for g, c in matched.items() if GOLD[g][0] == "more troops this summer")
    assert intel.speaker == "южнокорейская разведка"
    # a surname in the genitive comes back as the full name the article gave earlier
    by_words = next(c for c in seed_claims if c.text.startswith("По словам Лаврова"))
    assert by_words.speaker == "Сергей Лавров"


def test_no_heading_or_title_becomes_a_claim(seed_candidates):
    for claim in seed_candidates:
        for heading in HEADINGS:
            assert heading not in claim.text, f"heading leaked into {claim.text!r}"


def test_sentence_with_a_is_split_into_readable_claims(seed_claims):
    texts = [c.text for c in seed_claims]
    assert "Москва оказывала военную и экономическую помощь закрытому режиму." in texts
    troops = [t for t in texts if t.startswith("Северокорейские войска и вооружение")]
    assert troops == [
        "Северокорейские войска и вооружение предоставлялись для поддержки России"
        " в конфликте на Украине."
    ]


def test_entities_are_normalised_and_include_country_adjectives(seed_claims):
    first = seed_claims[0]
    assert {"text": "Ким Чен Ын", "type": "PER"} in first.entities
    assert {"text": "Сергей Лавров", "type": "PER"} in first.entities
    troops = next(c for c in seed_claims if c.text.startswith("Северокорейские войска"))
    assert {"text": "Северная Корея", "type": "LOC"} in troops.entities
    intel = next(c for c in seed_claims if c.text.startswith("По данным"))
    assert {"text": "Южная Корея", "type": "LOC"} in intel.entities


def test_opinion_in_article_is_not_a_claim(seed_claims, seed_candidates):
    opinion = next(c for c in seed_candidates if "по его мнению" in c.text)
    assert opinion.opinion
    assert opinion.speaker == "Сергей Лавров"
    assert opinion.checkworthiness < 0.35
    assert all("по его мнению" not in c.text for c in seed_claims)


def test_opinion_scores_below_factual(nlp):
    opinion = candidate_sentences("По его мнению, это только усугубит напряженность.", nlp=nlp)
    factual = candidate_sentences(
        "В понедельник, 14 июля 2025 года, Министерство обороны России сообщило, что"
        " в Вонсан прибыли 1200 военных строителей.",
        nlp=nlp,
    )
    assert len(opinion) == 1 and len(factual) == 1
    assert opinion[0].opinion and not factual[0].opinion
    assert opinion[0].checkworthiness < factual[0].checkworthiness
    assert factual[0].checkworthiness >= 0.7
    assert extract_claims("По его мнению, это только усугубит напряженность.", nlp=nlp) == []


def test_opinion_lead_in_marks_an_otherwise_factual_sentence(nlp):
    body = "в 2024 году Россия экспортировала слишком много нефти."
    factual, opinion = (
        candidate_sentences(f"{lead}, {body}", nlp=nlp)
        for lead in ("По данным Минфина", "По мнению экспертов")
    )
    assert not factual[0].opinion and opinion[0].opinion
    assert opinion[0].speaker == "эксперты"
    assert opinion[0].checkworthiness < 0.35 <= factual[0].checkworthiness


def test_a_leading_pronoun_is_replaced_by_the_speaker_it_stands_for(seed_claims, nlp):
    """A claim is read on its own (a search result, a card), where «Он» names nobody."""
    ukraine = next(c for c in seed_claims if "обменялись" in c.text)
    assert ukraine.text == "Сергей Лавров также сообщил, что стороны обменялись мнениями о ситуации на Украине."
    text = ("Официальный представитель МИД Мария Захарова выступила на брифинге. "
            "Она заявила, что в субботу Россия выслала 12 дипломатов. "
            "Он посетил Пхеньян в прошлом году. "
            "Он побывал в Сеуле в мае, сообщил Сергей Лавров.")
    texts = [c.text for c in candidate_sentences(text, nlp=nlp)]
    assert "Мария Захарова заявила, что в субботу Россия выслала 12 дипломатов." in texts
    # no speech verb, no speaker resolved: the sentence is left as written
    assert "Он посетил Пхеньян в прошлом году." in texts
    # the speaker is someone else than «он»: «он» stays
    assert "Он побывал в Сеуле в мае, сообщил Сергей Лавров." in texts


def test_lone_line_without_full_stop_is_a_claim_not_a_heading(nlp):
    claims = extract_claims("Лавров встретился с Ким Чен Ыном в Вонсане 12 июля", nlp=nlp)
    assert [c.text for c in claims] == ["Лавров встретился с Ким Чен Ыном в Вонсане 12 июля"]


def test_colon_lead_in_attributes_the_next_paragraph(nlp):
    text = "Захарова\nМария Захарова заявила:\nВ субботу Россия выслала 12 дипломатов."
    claims = candidate_sentences(text, nlp=nlp)
    assert [(c.text, c.speaker) for c in claims] == [
        ("В субботу Россия выслала 12 дипломатов.", "Мария Захарова")
    ]


def test_positions_scores_and_threshold(seed_claims, seed_candidates):
    positions = [c.position for c in seed_candidates]
    assert positions == list(range(len(seed_candidates)))
    assert all(0.0 <= c.checkworthiness <= 1.0 for c in seed_candidates)
    kept = [c for c in seed_candidates if c.checkworthiness >= 0.35]
    assert seed_claims == kept
    assert len(seed_claims) < len(seed_candidates)  # something was filtered out


def test_english_paragraph_yields_claims_with_speakers(nlp):
    text = (
        "Russian Foreign Minister Sergei Lavrov met North Korean leader Kim Jong Un in Wonsan"
        " on Saturday. Lavrov said the two countries shared an \"invincible brotherhood\"."
        " According to South Korean intelligence, North Korea sent about 11,000 troops to"
        " Russia last year. I think this will probably make things worse."
    )
    assert detect_language(text) == "en"
    claims = extract_claims(text, nlp=nlp)
    said = next(c for c in claims if c.text.startswith("Lavrov said"))
    assert said.speaker == "Sergei Lavrov"
    intel = next(c for c in claims if c.text.startswith("According to"))
    assert intel.speaker == "South Korean intelligence"
    assert {"text": "North Korea", "type": "LOC"} in intel.entities
    assert {"text": "Kim Jong Un", "type": "PER"} in claims[0].entities
    assert not any(c.text.startswith("I think") for c in claims)
    all_ = candidate_sentences(text, nlp=nlp)
    assert next(c for c in all_ if c.text.startswith("I think")).opinion
    more = extract_claims(text.replace(" I think", " He also said Pyongyang sent 5,000 workers"
                                       " to Russia in May. He visited Seoul in 2019, Kim Jong Un said."
                                       " I think"), nlp=nlp)
    texts = [c.text for c in more]
    assert "Sergei Lavrov also said Pyongyang sent 5,000 workers to Russia in May." in texts
    assert "He visited Seoul in 2019, Kim Jong Un said." in texts


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_empty_text_returns_nothing(nlp, text):
    assert extract_claims(text, nlp=nlp) == []
    assert candidate_sentences(text, nlp=nlp) == []


def test_runs_without_network(nlp, seed_text):
    with pytest.MonkeyPatch.context() as mp:
        _block_network(mp)
        assert extract_claims(seed_text, nlp=nlp)
        assert extract_claims("Lavrov said Russia sent 5 ships in May.", "en", nlp=nlp)


def test_detect_language():
    assert detect_language("Лавров встретился с Ким Чен Ыном.") == "ru"
    assert detect_language("Lavrov met Kim Jong Un in Wonsan.") == "en"
    assert detect_language("Глава МИД РФ посетил КНДР (DPRK) в июле.") == "ru"


def test_unsupported_language_is_rejected(nlp):
    with pytest.raises(InvalidInput):
        extract_claims("Hola, mundo.", "es", nlp=nlp)
    assert extract_claims("Lavrov said Russia sent 5 ships in May 2024.", "en-GB", nlp=nlp)


def _by_start(claims: list[ExtractedClaim], start: str) -> ExtractedClaim:
    return next(c for c in claims if c.text.startswith(start))


def test_passive_participles_and_plans_are_claims_with_kinds(nlp):
    text = ("Новая школа в Кирове\n"
            "Контракт на строительство школы подписан в феврале.\n"
            "Из областного бюджета на проект выделено 900 миллионов рублей.\n"
            "Итоги конкурса на проектирование будут подведены в январе.\n"
            "В ближайшее время мэрия проведёт общественные слушания.\n"
            "Эксперты считают, что школа не решит проблему нехватки мест.\n"
            "Аналитики ожидают, что цены на строительство вырастут в следующем году.\n")
    claims = extract_claims(text, nlp=nlp)
    assert [(c.text[:22], c.kind, c.due) for c in claims] == [
        ("Контракт на строительс", "statement", None),
        ("Из областного бюджета ", "statement", None),
        ("Итоги конкурса на прое", "plan", "в январе"),
        ("В ближайшее время мэри", "plan", "В ближайшее время"),
    ]


def test_russian_attribution_at_the_end_and_in_the_next_sentence(nlp):
    text = ("Министерство обороны заявило, что над регионом сбиты 14 беспилотников. "
            "Ведомство также сообщило об уничтожении двух пусковых установок. "
            "В пунктах временного размещения находятся 230 жителей, сообщили в мэрии Белгорода. "
            "На ремонт дорог в 2025 году потрачено 3 миллиарда рублей. Об этом сообщил губернатор Олег Петров.")
    claims = extract_claims(text, "ru", nlp=nlp)
    assert [c.speaker for c in claims] == ["Министерство обороны", "Министерство обороны", "мэрия Белгорода",
                                           "Олег Петров"]
    # the description is named so the claim reads on its own; «Об этом …» is no claim itself
    assert claims[1].text.startswith("Министерство обороны также сообщило")
    assert not any(c.text.startswith("Об этом") for c in claims)


def test_digest_items_quotes_and_pronouns(nlp):
    text = ("Коротко\n"
            "— Росстат: инфляция в марте составила 0,7%.\n"
            "— В Самаре открыт новый мост длиной 800 метров.\n"
            "Министр Анна Котова выступила в Думе.\n"
            "«Мы откроем 12 поликлиник до конца года», — пообещала она.\n")
    claims = extract_claims(text, nlp=nlp)
    assert [(c.text, c.speaker, c.kind) for c in claims if "Котова" not in c.text or "пообещала" in c.text] == [
        ("Росстат: инфляция в марте составила 0,7%.", "Росстат", "statement"),
        ("В Самаре открыт новый мост длиной 800 метров.", None, "statement"),
        ("«Мы откроем 12 поликлиник до конца года», — пообещала Анна Котова.", "Анна Котова", "plan"),
    ]


def test_english_attribution_anywhere_descriptions_and_plans(nlp):
    text = ("The transport department approved a $30 million bus plan on Monday, the city's transport office said. "
            "Tenders will be published in April, the office added. "
            '"We hired 80 drivers last year," said operations director Jane Moss. '
            '"Ten new routes will open in June," she added. '
            "Analysts say fares could rise next year.")
    claims = extract_claims(text, "en", nlp=nlp)
    got = [(c.speaker, c.kind, c.due) for c in claims]
    assert got == [
        ("city's transport office", "statement", None),
        ("city's transport office", "plan", "in April"),
        ("Jane Moss", "statement", None),
        ("Jane Moss", "plan", "in June"),
    ]
    assert claims[3].text == '"Ten new routes will open in June," Jane Moss added.'


def test_a_claim_from_the_middle_of_an_article_names_its_source(nlp):
    ru = extract_claims("Губернатор Игорь Руденя провёл совещание. По его словам, в прошлом году в регионе "
                        "отремонтировали 312 километров дорог.", "ru", nlp=nlp)
    assert ru[-1].text == "Игорь Руденя: в прошлом году в регионе отремонтировали 312 километров дорог."
    en = extract_claims("Finance Minister Sarah Collins spoke in Wellington. According to the minister, 58,000 "
                        "new jobs were created in 2024.", "en", nlp=nlp)
    assert en[-1].text == "According to Sarah Collins, 58,000 new jobs were created in 2024."
    assert en[-1].speaker == "Sarah Collins"


def test_sample_article_plans_carry_their_dates(seed_claims):
    plans = {c.text[:39]: c.due for c in seed_claims if c.kind == "plan"}
    assert plans == {
        "Кроме того, заместитель министра иностр": "в ближайшее время",
        "Следующей важной точкой в графике Лавро": "на начало следующей недели",
    }
    # the forecast of the intelligence service is no plan
    intel = next(c for c in seed_claims if c.text.startswith("По данным"))
    assert intel.kind == "statement"


@pytest.mark.parametrize("text, lang, due", [
    ("The city will spend $45 million on a flood barrier, Mayor Linda Hart announced.", "en", None),
    ("Officials will review the Marches Act next week.", "en", "next week"),
    ("The council will pay $2030 for the survey.", "en", None),
    ("Tenders will be published in March 2026.", "en", "in March 2026"),
    ("Мэрия закупит смартфоны для врачей.", "ru", None),
    ("Компания Майкрософт откроет офис, сообщил Дмитрий Маевский.", "ru", None),
    ("Школу откроют в мае 2026 года.", "ru", "в мае 2026 года"),
])
def test_a_plan_date_is_a_whole_word_not_part_of_a_name(text, lang, due):
    """«Mayor» is no May, «смартфоны» no March: the due date shown on the card is a real date."""
    from claims.extract.kind import due_phrase

    assert due_phrase(text, lang) == due


def test_the_authority_is_not_renamed_after_another_kind_of_body(nlp):
    """"The authority's board" must not become "Department of Transportation's board": a claim that
    names the wrong body is worse than one that says "the authority"."""
    text = ("The regional transit authority will buy 40 electric buses, the authority said. About 60% of the money "
            "comes from a federal grant, according to the Department of Transportation. The first ten buses will be "
            "delivered in June, a spokeswoman for the authority said. The authority's board approved the contract by "
            "a vote of seven to two.")
    claims = extract_claims(text, "en", nlp=nlp)
    assert not any("Transportation" in c.text for c in claims if "approved" in c.text or "June" in c.text)
    assert next(c for c in claims if "delivered in June" in c.text).speaker != "Department of Transportation"
    assert next(c for c in claims if "approved" in c.text).text.startswith("The authority's board approved")
    # a body of the same kind, named before, still reads on its own
    named = extract_claims("The Northern Transit Authority said fares would stay the same. The authority "
                           "bought 40 buses in 2024.", "en", nlp=nlp)
    assert named[-1].text.startswith("The Northern Transit Authority bought 40 buses")


def test_organisations_named_north_or_general_keep_their_whole_name(nlp):
    """'North' and 'General' open names of bodies as often as titles: 'North Star Energy said' is
    not 'Star Energy', 'General Accounting Office' not 'Accounting Office'; titles still peel off."""
    claims = extract_claims(
        "North Valley Health Authority reported 320 new cases of measles in March. North Star Energy said it "
        "had paid $40 million in taxes. The General Accounting Office found $2 billion in waste. South Korean "
        "President Lee Jae-myung said 40 soldiers died.", "en", nlp=nlp)
    entities = [e["text"] for c in claims for e in c.entities]
    assert "North Valley Health Authority" in entities and "General Accounting Office" in entities
    assert [c.speaker for c in claims] == ["North Valley Health Authority", "North Star Energy", None,
                                           "Lee Jae-myung"]


@pytest.mark.parametrize("text, lang", [
    ("Мэрия не планирует повышать тарифы на проезд в 2026 году, сообщили в департаменте транспорта.", "ru"),
    ("Правительство области не будет строить новый мусорный полигон под Ярославлем.", "ru"),
    ("The report will not be published before the election, the ministry said.", "en"),
    ("The council won't raise parking fees next year, Mayor John Smith said.", "en"),
    ("The new bridge could open in May, officials said.", "en"),
])
def test_a_refusal_or_a_maybe_is_not_a_plan(nlp, text, lang):
    """«не планирует», "will not be published", "could open": nobody committed to anything to check later."""
    assert all(c.kind == "statement" for c in extract_claims(text, lang, nlp=nlp))


@pytest.mark.parametrize("text, lang", [
    ("«Мы не закроем ни одной больницы», — заявил губернатор Иван Петров.", "ru"),
    ('"We will not raise income tax before the election," Finance Minister Sarah Collins said.', "en"),
])
def test_a_promise_not_to_do_something_is_a_plan(nlp, text, lang):
    assert [c.kind for c in extract_claims(text, lang, nlp=nlp)] == ["plan"]


def test_a_pronoun_names_the_person_just_named_not_an_earlier_speaker(nlp):
    """«Она» after two women is the subject of the sentence before; «по её словам» after a new
    sentence about other women is not the woman quoted a paragraph earlier; "She" likewise."""
    ru = extract_claims(
        "Министр образования Ольга Васильева встретилась с ректором университета Натальей Ивановой. Она "
        "заявила, что в 2025 году университет получил 300 миллионов рублей на новые лаборатории.\n"
        "Губернатор Анна Петрова провела совещание с главой города Мариной Сидоровой. По её словам, в городе "
        "отремонтировали 40 дворов.", "ru", nlp=nlp)
    assert [c.speaker for c in ru if c.speaker] == ["Ольга Васильева", "Анна Петрова"]
    en = extract_claims(
        "The council won't raise parking fees next year, Mayor John Smith said. Health Secretary Mary Jones met "
        "hospital director Susan Clark on Monday. She said the hospital had treated 4,000 patients in 2024.",
        "en", nlp=nlp)
    assert en[-1].speaker == "Mary Jones" and en[-1].text.startswith("Mary Jones said")


def test_a_call_to_the_reader_is_not_a_claim(nlp):
    """Lines a news site leaves inside the article ("Subscribe …", «Подписывайтесь …») are no claims,
    even with a number in them; a quoted imperative of a speaker is not touched by this rule."""
    ru = extract_claims("В 2024 году мэрия Томска потратила 3 миллиарда рублей на ремонт дорог. Подписывайтесь на "
                        "наш Telegram-канал, чтобы первыми узнавать новости Томска. Узнайте больше о 12 новых "
                        "маршрутах на сайте мэрии.", "ru", nlp=nlp)
    assert [c.text[:22] for c in ru] == ["В 2024 году мэрия Томс"]
    en = extract_claims("The council spent $3 million on roads in 2024. Subscribe to our newsletter to get the 10 "
                        "most important stories of 2025 every morning. Share this article with 5 friends.", "en",
                        nlp=nlp)
    assert [c.text[:22] for c in en] == ["The council spent $3 m"]


def test_the_hospital_said_names_the_hospital(nlp):
    """"…, the hospital said" after "Riverside General Hospital will …" is attributed to that hospital."""
    claims = extract_claims(
        "Riverside General Hospital will add 120 beds by the end of 2026, chief executive Dana Ruiz said. Emergency "
        "room waiting times rose by 35% last year, the hospital said in its annual report.", "en", nlp=nlp)
    assert claims[-1].speaker == "Riverside General Hospital"
