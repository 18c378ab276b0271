"""A channel post's lines without full stops (headlines, bullets, lines ending in an emoji) are
parts of their own: a claim on such a line is found as alone, and the next line's words do not lend
it a reversal. In-memory matchers: no database."""

from __future__ import annotations

import time

import pytest

from claims.match import Matcher
from claims.match.segmentation import split_parts
from claims.settings import Settings
from test_match_every_sentence import NEWS as _NEWS

FACT_CHECKS = {
    5: "Сбербанк заблокирует карты всех пенсионеров с 1 июля",
    17: "Польша закрыла границу с Белоруссией для грузовиков",
}
NEWS = _NEWS[:8]           # the same news sentences as around a claim in a long post


@pytest.fixture(scope="module")
def ru(fact_check_matcher, encoder) -> Matcher:
    return fact_check_matcher(FACT_CHECKS, Settings(_env_file=None), encoder)


def _lines(line: str, bullet: str) -> str:
    body = [bullet + s for s in NEWS[:4]] + [bullet + line] + [bullet + s for s in NEWS[4:]]
    return "🔥 СРОЧНО 🔥\n" + "\n".join(body)


@pytest.mark.parametrize("bullet", ["", "• ", "— ", "1. "])
@pytest.mark.parametrize("line, claim_id", [
    ("Поляки перекрыли границу с Беларусью для фур 🚛", 17),
    ("Сбербанк заблокирует карты всех пенсионеров с 1 июля", 5),
])
def test_a_claim_on_a_line_without_a_full_stop_is_a_match(ru, line, claim_id, bullet):
    # before: razdel joined the line to the next one («… для фур 🚛\n• Театр драмы …»), the claim
    # was read diluted and «открылась выставка» two lines up made it a possible contradiction
    # (related 33.7, antonym) — a verbatim claim shown as its reversal
    post = _lines(line, bullet)
    hits = [h for h in ru.match(post) if h.claim_id == claim_id]
    assert hits and hits[0].relation == "match" and not hits[0].contradicts, hits
    assert line in hits[0].part_text and "Театр" not in hits[0].part_text


def test_lines_split_where_the_next_line_does_not_go_on_in_lower_case():
    text = ("Важно знать\n1. Первый пункт списка здесь\n2) Второй пункт списка здесь\n"
            "• Третий пункт без точки\nэто продолжение третьего пункта\n2024 год был трудным для всех")
    parts = [p.text for p in split_parts(text)]
    assert "Первый пункт списка здесь" in parts and "2) Второй пункт списка здесь" in parts
    # a line going on in lower case or with a number is the same sentence
    assert parts[-1] == "• Третий пункт без точки\nэто продолжение третьего пункта\n2024 год был трудным для всех"
    for p in split_parts(text):
        assert text[p.start:p.end] == p.text
    # a hard-wrapped sentence stays one part
    assert [p.text for p in split_parts("Сбербанк заблокирует карты\nвсех пенсионеров с 1 июля")] == \
        ["Сбербанк заблокирует карты\nвсех пенсионеров с 1 июля"]


def _texts(text: str) -> list[str]:
    parts = split_parts(text)
    for p in parts:
        assert text[p.start:p.end] == p.text and p.text.strip() == p.text and p.text, p
    return [p.text for p in parts]


def test_windows_and_old_mac_line_ends_split_like_newlines_without_a_stray_carriage_return():
    for nl in ("\r\n", "\r", "\u2028"):
        text = nl.join(["Главное за сегодня без точки", FACT_CHECKS[5], NEWS[4].rstrip(".")])
        assert _texts(text) == ["Главное за сегодня без точки", FACT_CHECKS[5], NEWS[4].rstrip(".")]


@pytest.mark.parametrize("text", [
    "Рада ухвалила закон про мову\nіншим рішенням вона скасувала пільги",         # uk і
    "Новы закон пра мову прынялі\nўчора вечарам у Мінску",                        # be ў
    "Le gouvernement a augmenté les impôts\nélevés encore une fois aujourd'hui",  # latin é
    "Польша закрыла границу с\nБелоруссией для грузовиков вчера вечером",          # a preposition ends the line
    "The ministry said the border with\nPoland would stay closed until May",      # ... in English
    "Правительство повысило НДС до 22 процентов,\nМинфин сообщил об этом в пятницу",  # a comma ends the line
    "Митинг прошёл вчера на ул.\nЛенина в центре города",                        # an abbreviation ends the line
    "Указ подписал В. В.\nПутин в пятницу вечером",                              # initials end the line
    "Президент назвал это решение\n«провокацией» и пообещал ответить",           # a quote, then lower case
    "Сбербанк заблокирует карты всех\n(по данным источников) пенсионеров с июля",  # a bracket, then lower case
    "Сбербанк заблокирует карты\n\u200bвсех пенсионеров с 1 июля",                # an invisible character
    "Сбербанк заблокирует карты\n\x00всех пенсионеров с 1 июля",                  # a NUL byte
    "Население города выросло до\n1.5 миллиона человек за десять лет",            # a number, not a list marker
])
def test_a_hard_wrapped_sentence_stays_one_part(text):
    assert _texts(text) == [text]


def test_quotes_dashes_keycaps_and_emoji_lines_start_a_part():
    text = ("Что изменится с 1 июля:\n— пенсии вырастут на пять процентов\n"
            "«Спартак» сыграл вничью с «Зенитом» в субботу\n🔥🔥🔥\n"
            "1️⃣ Сбербанк заблокирует карты пенсионеров\n2️⃣ Театр драмы представил премьеру")
    assert _texts(text) == ["Что изменится с 1 июля:", "— пенсии вырастут на пять процентов",
                            "«Спартак» сыграл вничью с «Зенитом» в субботу",
                            "1️⃣ Сбербанк заблокирует карты пенсионеров", "2️⃣ Театр драмы представил премьеру"]


@pytest.mark.parametrize("text", [
    "Слово " + " " * 100_000 + " конец текста здесь",          # the clause pattern backtracked: minutes
    "Слово раз два" + "\n" * 100_000 + "конец текста здесь",   # the line-end pattern backtracked: seconds
    "Новость дня номер\n" * 10_000,                             # 10,000 parts: keeping sentences was quadratic
    "• Сбербанк заблокирует карты\x00 пенсионеров 🚛\n" * 2_200,
])
def test_a_100_kb_post_is_split_in_a_few_seconds_at_most(text):
    # the backtracking and quadratic splits these texts once caused took from seconds to minutes; a linear
    # split takes 0.6-0.7 s of CPU for the 180 KB one on a quiet core, and a loaded CI run measured 1.4 s
    took = []
    for _ in range(2):  # the better of two: a busy machine's hiccup is not a quadratic split
        t0 = time.process_time()
        parts = _texts(text)
        took.append(time.process_time() - t0)
    assert min(took) < 3.0 and parts
