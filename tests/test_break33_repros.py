"""Break test b33 (2026-12-03, fourth session): reversals the checks did not read.
- An English negation of a verb the claim does not use ("Taylor Swift has never performed in Moscow"
  against "… gave a concert in Moscow") was a plain match 97.9: English tokens keep no part of speech, so
  the negated-verb check never saw a verb (`contradiction._en_negated_verbs`: the word after "never", a
  past form after "not", before the last word the sides share);
- a lifted ban ("Kazakhstan lifted its ban on gasoline exports", «Россия сняла запрет …») against the ban
  was a plain match 99.6 across languages: "lift", "repeal", "revoke", "rescind", "overturn" undo a
  ban as «снять» does, and the cross-language checks now read a ban's polarity as the same-language ones do;
- a privative verb on the claim's own object, the claim's verb not said («Тейлор Свифт отменила концерт
  в Москве» against «… дала концерт в Москве», «Путин отменил совещание») was a plain match 93.7
  (`contradiction._object_undone`);
- a forecast, plan, proposal or promise in the place of the claim's event («Землетрясение магнитудой 7,8
  ожидается на востоке Турции» against «… произошло …», «Госдума рассмотрит закон …» against «приняла закон»,
  "Finland is expected to close …") was a plain match at 94–98: it is another claim, shown at most as
  related (claims/match/modality.py); a plan word in the claim keeps the restatement a match, and a
  plan word in another sentence of a post does not count;
- antonyms.tsv rows a desk meets: free / paid («о платном проезде» against «о бесплатном проезде» 96.8),
  causes / prevents («защищает от бесплодия» against «вызывает бесплодие» 93.2, "Vaccines prevent autism"),
  kept / changed («сохранил ставки» against «повысил ставки» 97.0), "reopened" / "closed", «питает» / «убивает»;
- a Ukrainian or Belarusian message against an English claim is also scored by its Russian gloss's cosine
  («Фінляндія закрила кордон з Росією» was none at 17.9 against "Finland closed its border with Russia", the
  Russian sentence a match at 97.2);
- a score is compared as one («вничью 2:2» against «со счётом 5:2» was a plain match 91.5: the numbers were
  compared as sets, and {2} lacks nothing of {5, 2} but the 5), and a people in an oblique case keeps its
  role («… одержали победу над канадцами» was read as Canada the winner: a demonym is animate);
- break test b34 (a fresh tester against the rules above: 40 restatements wrongly flagged or demoted at
  first, 2 arguable left): an English negation counts only between words the message shares with the
  claim and when it does not say every word of the claim ("Officials have never been clearer: X"); two
  privative verbs lift nothing ("revoked their permits and banned cars"), an English past form is a verb
  for it; a privative on the claim's object counts only when the message has no verb of its own; a plan
  word beside the claim's event stated in the past or present is a frame («Как и ожидалось, ЦБ повысил
  …»), and one after a negation is a surprise ("never expected"); a negated word of an antonym pair says
  the other side («больше не нужно платить»); a repeated number beside a number of its own is no score;
  Ukrainian/Belarusian privatives are read by their beginnings («скасувала заборону»);
- break test b36 (a regression sweep, 312 messages: 263 right at 0fe5846, 255 at 5365728 with 26 regressions,
  281 now with none): a plan word beside an event the message states itself — any verb of its own in the past or
  present, not a plan word or a verb of saying; in English a past form not after "to" or a modal ("beat", "shut"
  included), or every claim word with none after "to"/a modal and none a gerund — is a frame, not a forecast
  («Грузия перекрыла границу, как и ожидалось», "Real Madrid beat Barcelona 4-0 as expected"); the claim's act
  said beside a cancelled other one is no undoing («Папа Римский посетил Москву, отменив визит в Киев»); a ban
  stated alone beside a lift elsewhere stays the ban ("… weeks after lifting a ban on coffee ads");
- break test b37 (172 messages on the forecast rule and the lifted bans: 100 right at 0fe5846, 126 at eaf9d78
  with 18 regressions, 142 now with 1 left, "Germany reinstated its TikTok ban … after lifting it" flagged): a past
  participle states the event («Граница … закрыта, как и ожидалось», «… запрещена, как и обещали депутаты»), so do
  an English present after a name ("As forecast, Poland closes its border …") and irregular pasts the table lacked
  ("overcame"); a ban said alone must be the claim's thing («запретили вейпы и отменили запрет на продажу
  энергетиков» is the lifted ban);
- a «нельзя» before no infinitive negates nothing («Прививку от гриппа делать нельзя, она вызывает бесплодие
  у женщин» was flagged negation against «… вызывает бесплодие у женщин»).
"""

from __future__ import annotations

import pytest

from claims.match import Matcher

STORES = {
    "en": {1: ("Taylor Swift gave a concert in Moscow", "en"),
           2: ("Kazakhstan banned gasoline exports", "en"),
           3: ("Garlic protects against COVID", "en"),
           4: ("Tesla bought Twitter", "en")},
    "cross": {1: ("Казахстан запретил экспорт бензина", "ru"),
              2: ("Russia banned the export of grain", "en")},
    "plans": {1: ("Землетрясение магнитудой 7,8 произошло на востоке Турции", "ru"),
              2: ("Госдума приняла закон о запрете криптовалют в России", "ru"),
              3: ("Минздрав разрешил продавать антибиотики без рецепта врача", "ru"),
              4: ("В Минздраве предложили запретить энергетики", "ru"),
              5: ("Finland closed its border with Russia", "en"),
              6: ("Чеснок защищает от коронавируса", "ru")},
    "antonyms": {1: ("Собянин объявил о бесплатном проезде в метро для всех школьников Москвы", "ru"),
                 2: ("Прививка от гриппа вызывает бесплодие у женщин", "ru"),
                 3: ("Горячая вода с лимоном убивает раковые клетки", "ru"),
                 4: ("Сбербанк повысил ставки по вкладам до 18% годовых", "ru"),
                 5: ("Finland closed its border with Russia", "en"),
                 6: ("Vaccines cause autism", "en"),
                 7: ("Наводнение оставило без жилья 10 тысяч человек", "ru")},
    "ukbe_en": {1: ("Finland closed its border with Russia", "en")},
    "score": {1: ("Сборная России по хоккею обыграла Канаду со счётом 5:2", "ru")},
    "modal": {1: ("Прививка от гриппа вызывает бесплодие у женщин", "ru"),
              2: ("В России можно купить iPhone", "ru"),
              3: ("Россиянам разрешили въезд в Грузию без виз", "ru")},
    "b34": {1: ("Elton John gave a concert in Tehran", "en"),
            2: ("Germany legalized cannabis for recreational use", "en"),
            3: ("Latvia banned cars with Russian plates", "en"),
            4: ("Земфира дала концерт в Тбилиси", "ru"),
            5: ("Центробанк повысил ключевую ставку до 21%", "ru"),
            6: ("The Fed raised interest rates to 5.5%", "en"),
            7: ("Собянин объявил о бесплатном проезде в метро для школьников Москвы", "ru"),
            8: ("Спартак и Зенит сыграли вничью 2:2", "ru"),
            9: ("Ukraine banned Russian music on radio and TV", "en")},
    "b36": {1: ("Real Madrid beat Barcelona 4-0", "en"),
            2: ("Грузия закрыла границу с Россией", "ru"),
            3: ("Vitamin C cures cancer", "en"),
            4: ("Папа Римский посетил Москву", "ru"),
            5: ("В Казахстане запретили продажу энергетиков подросткам", "ru"),
            6: ("Министр просвещения отменил домашние задания в начальной школе", "ru"),
            7: ("Germany legalized cannabis for recreational use", "en")},
    "b37": {1: ("Финляндия закрыла границу с Россией", "ru"),
            2: ("В России запретили продажу энергетиков несовершеннолетним", "ru"),
            3: ("Poland shut its border with Belarus", "en"),
            4: ("Manchester City beat Arsenal 3-1 in the FA Cup final", "en")},
    "ru": {1: ("Тейлор Свифт дала концерт в Москве", "ru"),
           2: ("Путин провёл совещание по экономике", "ru"),
           3: ("Школьников отправят на каникулы 1 ноября", "ru"),
           4: ("Польша перекрыла границу с Беларусью", "ru")},
}
FLAGGED = [
    ("en", 1, "Taylor Swift has never performed in Moscow"),
    ("en", 3, "Garlic has never protected anyone against COVID"),
    ("en", 2, "Kazakhstan lifted its ban on gasoline exports"),
    ("en", 2, "Kazakhstan repealed its ban on gasoline exports"),
    ("en", 2, "Kazakhstan did not ban gasoline exports"),
    ("cross", 1, "Kazakhstan lifted its ban on gasoline exports"),
    ("cross", 2, "Россия сняла запрет на экспорт зерна"),
    ("cross", 2, "Россия не запрещала экспорт зерна"),
    ("ru", 1, "Тейлор Свифт отменила концерт в Москве"),
    ("ru", 1, "Тейлор Свифт никогда не выступала в Москве"),
    ("ru", 2, "Путин отменил совещание по экономике"),
    ("ru", 3, "Школьникам отменили каникулы 1 ноября"),
    ("antonyms", 1, "Собянин объявил о платном проезде в метро для всех школьников Москвы"),
    ("antonyms", 1, "Школьникам Москвы придётся платить за проезд в метро, заявил Собянин"),
    ("antonyms", 2, "Прививка от гриппа защищает от бесплодия у женщин"),
    ("antonyms", 3, "Горячая вода с лимоном питает раковые клетки"),
    ("antonyms", 4, "Сбербанк сохранил ставки по вкладам на уровне 18% годовых"),
    ("antonyms", 5, "Finland reopened its border with Russia"),
    ("antonyms", 6, "Vaccines prevent autism"),
    ("ukbe_en", 1, "Фінляндія відкрила кордон з Росією"),
    ("ukbe_en", 1, "Фінляндія не закривала кордон з Росією"),
    ("score", 1, "Сборная России по хоккею сыграла с Канадой вничью 2:2"),
    ("score", 1, "Сборная России по хоккею обыграла Канаду со счётом 4:2"),
    ("score", 1, "Канадцы обыграли сборную России по хоккею 5:2"),
    ("b34", 1, "Elton John has never performed in Tehran"),
    ("b34", 3, "Latvia lifted the ban on cars with Russian plates"),
    ("b34", 4, "Концерт Земфиры в Тбилиси отменён"),
    ("b34", 8, "Спартак и Зенит сыграли вничью 1:1"),
    ("b34", 9, "Україна скасувала заборону на російську музику на радіо"),
    ("b36", 4, "Папа Римский отменил визит в Москву"),
    ("b36", 5, "Kazakhstan lifted its ban on selling energy drinks to teenagers"),
    ("b36", 6, "Министр просвещения не отменял домашние задания в начальной школе"),
    ("b37", 2, "В России запретили вейпы и отменили запрет на продажу энергетиков несовершеннолетним"),
    ("modal", 2, "В России нельзя купить iPhone"),
    ("modal", 3, "Россиянам нельзя въезжать в Грузию без виз"),
]
PLAIN = [
    ("en", 2, "Kazakhstan did not lift its ban on gasoline exports"),    # a negated lift keeps the ban
    ("en", 2, "Kazakhstan banned gasoline exports"),
    ("en", 3, "Garlic protects against COVID, so eat garlic and don't get sick"),          # advice
    ("en", 3, "Garlic protects against COVID, which doctors have not admitted"),           # a clause of its own
    ("en", 4, "Tesla never denied reports of buying Twitter"),
    ("cross", 2, "Россия запретила экспорт зерна"),
    ("cross", 1, "Kazakhstan banned gasoline exports"),
    ("ru", 1, "Тейлор Свифт дала концерт в Москве, хотя его хотели запретить"),           # the claim's verb said
    ("ru", 2, "Путин провёл совещание по экономике и закрыл тему"),
    ("ru", 4, "Поляки закрыли границу с Беларусью"),          # a privative of the claim verb's root: one act
    ("antonyms", 1, "Проезд в метро для всех школьников Москвы будет бесплатным, объявил Собянин"),
    ("antonyms", 2, "Прививка от гриппа провоцирует бесплодие у женщин"),
    ("antonyms", 4, "Сбербанк поднял ставки по вкладам до 18% годовых"),
    ("antonyms", 6, "Vaccines trigger autism"),
    ("antonyms", 7, "10 тысяч человек остались без жилья из-за наводнения"),
    ("ukbe_en", 1, "Фінляндія закрила кордон з Росією"),
    ("ukbe_en", 1, "Фінляндыя закрыла мяжу з Расіяй"),
    ("score", 1, "Хоккеисты сборной России одержали победу над канадцами со счётом 5:2"),
    ("score", 1, "Россияне обыграли канадцев в хоккей 5:2"),
    ("score", 1, "Россия обыграла Канаду в хоккее 5:2, два гола забил один игрок"),
    ("b34", 1, "Officials have never been clearer: Elton John gave a concert in Tehran"),
    ("b34", 1, "Unbelievable but true, never expected: Elton John gave a concert in Tehran"),
    ("b34", 2, "Germany, which had never allowed it, legalized cannabis for recreational use"),
    ("b34", 3, "Latvia revoked their permits and banned cars with Russian plates from entering"),
    ("b34", 4, "Земфира выступила с концертом в Тбилиси, несмотря на призывы отменить концерт"),
    ("b34", 5, "Как и ожидалось, ЦБ повысил ключевую ставку до 21%"),
    ("b34", 6, "Markets expected a pause, but the Fed raised interest rates to 5.5%"),
    ("b34", 7, "Школьникам Москвы больше не нужно платить за проезд в метро, объявил Собянин"),
    ("b34", 8, "Спартак и Зенит сыграли вничью, забив по 2 мяча в 30-м туре"),
    ("b36", 1, "Real Madrid beat Barcelona 4-0 as expected"),
    ("b36", 2, "Грузия перекрыла границу с Россией, как и ожидалось"),
    ("b36", 3, "Vitamin C cures cancer, as doctors predicted"),
    ("b36", 4, "Папа Римский посетил Москву, отменив визит в Киев"),
    ("b36", 5, "Kazakhstan banned the sale of energy drinks to teenagers weeks after lifting a ban on coffee ads"),
    ("b36", 5, "Через год после отмены моратория в Казахстане запретили продажу энергетиков подросткам"),
    ("b37", 1, "Граница Финляндии с Россией закрыта, как и ожидалось"),
    ("antonyms", 1, "Собянин объявил о бесплатном проезде в метро для всех школьников Москвы, как и обещал"),
    ("b37", 2, "Продажа энергетических напитков несовершеннолетним в России запрещена, как и обещали депутаты"),
    ("b37", 3, "As forecast, Poland closes its border with Belarus"),
    ("b37", 4, "Manchester City overcame Arsenal 3-1 in the FA Cup final, as forecast"),
    ("modal", 1, "Прививку от гриппа делать нельзя, она вызывает бесплодие у женщин"),
    ("modal", 1, "Прививку от гриппа делать нельзя: после неё женщины не могут забеременеть"),
    ("plans", 1, "На востоке Турции произошло землетрясение магнитудой 7,8"),
    ("plans", 4, "Минздрав предложил запретить энергетики"),    # the claim's own plan word
    ("plans", 5, "Финляндия закрыла границу с Россией"),
    ("plans", 6, "В Подмосковье ожидается облачная погода. Чеснок защищает от коронавируса."),
]
PLANNED = [
    (1, "Землетрясение магнитудой 7,8 ожидается на востоке Турции"),
    (1, "Учёные предсказали землетрясение магнитудой 7,8 на востоке Турции"),
    (2, "Госдума рассмотрит закон о запрете криптовалют в России"),
    (3, "В Минздраве предложили разрешить продажу антибиотиков без рецепта"),
    (5, "Finland is expected to close its border with Russia"),
    (5, "Finland plans to close its border with Russia"),
    (5, "Финляндия планирует закрыть границу с Россией"),
]
PLANNED_B36 = [
    (1, "Pundits predict Real Madrid will beat Barcelona 4-0"),
    (2, "Грузия закроет границу с Россией, как и планировалось"),
    (7, "Germany is considering legalizing cannabis for recreational use"),
]


@pytest.fixture(scope="module")
def store(encoder):
    from tests.test_match_written_language import stores_by_group

    return stores_by_group(encoder, STORES)


def _hit(m: Matcher, text: str, cid: int):
    from tests.test_match_written_language import hit_of

    return hit_of(m, text, cid)


@pytest.mark.parametrize("group, cid, text", FLAGGED)
def test_a_reversal_or_denial_is_flagged(store, group, cid, text):
    hit = _hit(store(group), text, cid)
    assert hit is not None and hit.contradicts, hit


@pytest.mark.parametrize("group, cid, text", PLAIN)
def test_a_restatement_stays_a_plain_match(store, group, cid, text):
    hit = _hit(store(group), text, cid)
    assert hit is not None and (hit.relation, hit.contradicts) == ("match", False), hit


@pytest.mark.parametrize("cid, text", PLANNED)
def test_a_forecast_or_plan_is_no_plain_match(store, cid, text):
    hit = _hit(store("plans"), text, cid)
    assert hit is None or hit.relation != "match" or hit.contradicts, hit


@pytest.mark.parametrize("cid, text", PLANNED_B36)
def test_a_forecast_beside_no_event_of_its_own_is_no_plain_match(store, cid, text):
    hit = _hit(store("b36"), text, cid)
    assert hit is None or hit.relation != "match" or hit.contradicts, hit
