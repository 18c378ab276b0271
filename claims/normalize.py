"""Text normalisation shared by claim extraction, the write path and the matcher.

`normalize(text, lang)` turns a claim or an incoming message into space-joined tokens:
boilerplate, links, mentions and emoji removed; casefolded, ё→е; Russian words lemmatised with
pymorphy3 (imperfective verbs folded onto their perfective partner where a rule or the alias table
knows it), English words stemmed with PyStemmer; a word mixing Cyrillic and Latin look-alike
letters read in one script («Cбepбaнк» with Latin C, e, p, a → сбербанк; table HOMOGLYPHS);
names transliterated into the script of the target language (Lavrov → лавров in Russian,
Лавров → lavrov in English); entities folded by the alias table in claims/data/aliases.tsv (КНДР / Северная Корея / Пхеньян → кндр); numbers written
as plain digits («12 тысяч», «12 000», "12k" → 12000); stop words dropped except negations.
Ukrainian and Belarusian text is read with the Russian dictionary: its letters і ї є ґ ў as the
Russian ones («Казані» → казань), its month names as months («15 червня» → 15 июнь), its function
words dropped (UKBE_STOP), and the case forms of a uk/be alias variant folded («Північну Корею» →
кндр).

The result is what `claim.normalized` stores and what the match index is built from, so it must be
deterministic for a given alias table and library version. Nothing here downloads anything, and
no public function raises on any `str` input.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .nlp import get_nlp  # imported first: it pins BLAS threads before numpy is imported anywhere
from .textclean import clean_text

log = logging.getLogger(__name__)

MAX_CHARS = 20_000          # work cap for one text (a message of 100 KB is cut here)
DEFAULT_ALIASES_PATH = Path(__file__).resolve().parent / "data" / "aliases.tsv"
# Bump when `normalize` gives other output for the same text and alias table (stored
# `claim.normalized` strings then need `claims db reindex`). 2: collective numerals (трое → 3).
# 3: English numerals in words ("twenty-one" → 21), "May" the month kept ("in May").
# 4: Ukrainian/Belarusian words read with Russian letters before lemmatising («Казані» → казань),
#    their month names read as months («15 червня» → 15 июнь), inflected uk/be alias variants
#    matched («Північну Корею» → кндр), their function words dropped (UKBE_STOP).
# 5: a word mixing Cyrillic and Latin look-alike letters read in one script by the table HOMOGLYPHS
#    (fold_homoglyphs: «Cбepбaнк» → сбербанк, «вce» → все, «мiської» with a Latin i → «міської»);
#    the old fold transliterated letters without a look-alike and read «вce» as Latin.
# 6: a picture link glued to the word before it ("Amazoniapic.twitter.com/…") no longer takes that
#    word with it, and hashtags written together ("#ImpeachTrump#StopTheHate") are split as two.
# 7: a capitalised Latin word in Russian text that the dictionary does not know is kept as
#    transliterated ("Nokia" → нокя, a name), no longer given a guessed lemma (the verb «нокть»);
#    colloquial numbers: «сотка», «сотня» → 100; «косарь», «тыща», «лям», «ярд» after a number.
# 8: a day.month before a year keeps its two-digit month («14.10.2026» → 14.10 2026, «01.10.2026»
#    → 1.10 2026); it was read as the decimal 14.1 / 1.1, so October dates were no dates at all.
# 9: acute and grave accents on Latin letters are read without them («diabetés», "tyṕe" — a stress
#    mark typed after a Latin letter that NFC composed into it —, "café" → cafe).
# 10: the Russian month «мае» after «в» («в мае 2024 года») is kept; as the Belarusian «мае» ("has",
#    UKBE_STOP) it was dropped, so such a date had no month.
# 11: the default-ignorable Hangul fillers (U+3164, U+FFA0, U+115F, U+1160), the combining grapheme
#    joiner and the Khmer inherent vowels are removed inside words (clean_text): «Пу\u3164тин» was
#    «пуᅠтина», one unknown word.
# 12: a masculine short passive participle pymorphy reads as an adjective as often as as the verb
#    («отменен», «закрыт», «снят») is the verb (ru_lex): «Запрет отменён» was «запрет отменный»; and
#    a neuter one tied with the adverb or adjective, with no verb but a copula in its clause
#    (`_mark_predicate_participles`): «Движение открыто» was «движение открыто».
# 13: the colloquial answers "nope" and «неа» are negations (NEGATIONS), like "no" and «нет»: «X. Nope.»
#    was X restated; a number's per cent sign is read as the word («40%» → 40 процент, "40%" → 40 percent):
#    «выросла на 40% за год» was «40 год», forty years.
# 14: number words with a fraction are the number («девять с половиной» 9.5, «две целых пять десятых» 2.5,
#    "nine and a half", "two point five", «полмиллиона»); a month and a year in digits («06.2024», «6/2024») are
#    the month's name and the year; a forward header line («Переслано из группы «X». …») removes only its source
#    when the line goes on with the post (the whole post was removed when its lines were joined).
#    «не» before «менее», «более», «меньше», «больше» ("no more / less than") is a bound, not a negation.
# 15: the Ukrainian and Belarusian forms of «весь» («усіх», «всім», «ўсім», «усяго» …) are function words
#    (UKBE_STOP), as «всех», «всем» are in Russian: «…, але не всім» negated a word, so restated claims were flagged.
#    A clock time with "am" / "pm" is the 24-hour time ("after 10 pm" is «после 22:00», not the number 10).
NORMALIZER_VERSION = 15
_BOUND_WORDS = frozenset({"менее", "более", "меньше", "больше", "свыше", "more", "less", "fewer"})

# --------------------------------------------------------------------------------------------
# Word lists

NEGATIONS = frozenset({"не", "нет", "неа", "ни", "никогда", "ничто", "никто", "нельзя", "неправда", "фейк", "миф",
                       "опровергнуть", "no", "nope", "not", "never", "nor", "none", "nobody", "nothing", "neither"})

RU_STOP = frozenset("""
и в во на с со к ко по о об обо от до из изо у за над надо под подо при про для без через между
перед передо среди вокруг около возле после вместо кроме ради сквозь вдоль мимо против из-за из-под
а но или либо да же ли бы то это этот тот та те что чтобы как так также тоже уже еще вот вон лишь
только даже ведь мол де который какой такой свой весь все сам самый он она они оно мы вы я ты его
ее их мой твой наш ваш себя кто где когда там тут здесь туда сюда быть являться это очень более
менее ну ах ох вообще просто именно однако поэтому если чем чего куда откуда потому поскольку хотя
пусть пускай будто словно ибо причем притом зато иначе тогда затем потом сейчас теперь ещё всего
всё мочь каждый любой иной другой некоторый сей оный какой-то что-то кто-то где-то чей таков столь
том тем той тех этом этим этих нибудь либо-то ли-то также-то вроде т д т.д. др пр
""".split())

EN_STOP = frozenset("""
a an the of to in on at by for with from and or but is are was were be been being am do does did
doing has have had having this that these those it its itself he him his she her hers they them
their theirs we us our ours you your yours i me my mine myself as than then so such there here
what which who whom whose when where why how all any both each few more most other some own same
too very can will just should now would could may might must shall about into through during before
after above below up down out off over under again further once if while because until also via
rt amp s t d ll m re ve y let lets let's get got gets its it's that's there's here's what's
""".split())

# Ukrainian and Belarusian function words (as written, in any case), dropped from a message read
# with the Russian dictionary: in Russian letters «від» would be «вид» and «що» a guessed noun.
# Words that are also Russian content words («ад», «як» — the aircraft, «ось», «пад») are not here.
UKBE_STOP = frozenset("""
від до на з зі із у в що щодо і й та для про за під над це цей ця ці цього цих його її їх їм їй вже
ще також теж але або чи бо коли де який яка яке які якого якої якій яких якщо щоб після через між
біля серед без є був була були було буде будуть має мають може можуть свій свої своє своєї своїх усі
всі все весь вони воно він вона ми ви ти нас нам вас вам тому навіть лише тільки адже проте однак саме
дуже ж же би б там тут тоді потім зараз тепер усіх всіх усім всім усіма всіма усього всього усьому всьому
усієї всієї усю всю уся вся
да з са у ў што і й ды для пра за над гэта гэты гэтая гэтыя гэтага гэтай яго яе іх ужо яшчэ
таксама але або ці бо калі дзе які якая якое якія якога каб пасля праз паміж каля сярод без быў была
былі было будзе будуць мае маюць можа могуць свой сваіх усе ўсе яны яно ён яна мы вы я ты таму нават
толькі аднак вельмі жа бы тады потым цяпер ёсць есць ўсіх ўсім усімі ўсімі усяго ўсяго ўсю ўся
""".split())
_UKBE_STOP_ANYCASE = frozenset(v for w in UKBE_STOP for v in (w, w.capitalize(), w.upper()))

_NUMERAL_WORDS = {
    "ноль": 0, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18,
    "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100,
    "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600,
    "семьсот": 700, "восемьсот": 800, "девятьсот": 900, "полтора": 1.5,
    "полтысячи": 500, "полтысяча": 500, "полмиллиона": 500_000, "полмиллиарда": 500_000_000,
    # colloquial: «доллар перевалил за сотку», «сотня рублей»
    "сотня": 100, "сотка": 100,
    # collective numerals (pymorphy3 lemmas: троих → трое): «погибли трое» = «погибли три человека»
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7, "восьмеро": 8,
    "девятеро": 9, "десятеро": 10,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12,
}
_MULTIPLIERS = {
    "тысяча": 1_000, "тыс": 1_000, "тысяч": 1_000, "миллион": 1_000_000, "млн": 1_000_000,
    "миллиард": 1_000_000_000, "млрд": 1_000_000_000, "триллион": 10**12, "трлн": 10**12,
    # colloquial: «5 косарей», «3 ляма», «44 ярда»
    "тыща": 1_000, "косарь": 1_000, "лям": 1_000_000, "ярд": 1_000_000_000,
    "thousand": 1_000, "million": 1_000_000, "mln": 1_000_000, "billion": 1_000_000_000,
    "bn": 1_000_000_000, "trillion": 10**12,
}

# --------------------------------------------------------------------------------------------
# Cleaning

_URL_RE = re.compile(
    r"(?:(?:https?|ftp)://|www\.)\S+"
    r"|\b(?:pic\.twitter\.com|t\.me|t\.co|youtu\.be|bit\.ly|vk\.cc|goo\.gl)/\S*"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|ru|org|net|io|me|ly|info|su|ua|by|kz|tv|gov|edu|рф)/\S*",
    re.IGNORECASE)
_MENTION_RE = re.compile(r"(?<![\w@])@\w{1,64}")
_HASHTAG_RE = re.compile(r"(?<![\w#])#(\w+)")
_GLUED_PIC_RE = re.compile(r"(?<=\w)(?=pic\.twitter\.com/)")
_GLUED_HASHTAG_RE = re.compile(r"(?<=[^\W\d_]{2})#(?=[^\W\d_])")
_CAMEL_RE = re.compile(r"(?<=[a-zа-яё])(?=[A-ZА-ЯЁ])|(?<=[A-Za-zА-Яа-яЁё])(?=\d)|(?<=\d)(?=[A-Za-zА-Яа-яЁё])")
_TWEET_TAIL_RE = re.compile(
    r"[—–]\s*[^\n—–]{0,100}?\(\s*@?\w{1,40}\s*\)\s*"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2},?\s+\d{4})?\s*$",
    re.IGNORECASE)
_FORWARD_HEAD = (r"(?:forwarded (?:from|message)|переслано (?:из|от)|пересланное сообщение|"
                 r"repost(?:ed)? from|reposted|переслал[аи]?\b|forwarded)\b")
_FORWARD_LINE_RE = re.compile(r"^[ \t>]*" + _FORWARD_HEAD + r"[^\n]*$", re.IGNORECASE | re.MULTILINE)
_FORWARD_LINE_HEAD_RE = re.compile(r"[ \t>]*" + _FORWARD_HEAD, re.IGNORECASE)
# the end of a forward header's source on a line the post goes on after («Переслано из группы «Здоровая
# мама». Девочки, …», a post copied with its lines joined): a sentence end or colon after a word of the
# source (a name in quotes read whole), before a space
_FORWARD_SOURCE_END_RE = re.compile(r"(?:«[^»\n]*»|\"[^\"\n]*\"|“[^”\n]*”|[^\n.!?…:«\"“])*?(?<=[\w»\"”)])[.!?…:]+\s+")
_FORWARD_REST_WORDS = 3     # words the line must go on with to be the post's, not the source's («Dr. Smith»)


def _forward_line_rest(m: re.Match) -> str:
    """A forward header line («Переслано из …», "Forwarded from …") removed, and with it the source it
    names; what the line goes on with after that source's sentence ends is kept when it is a text of its own
    (`_FORWARD_REST_WORDS` words or more): a post whose lines were joined was removed whole."""
    line = m.group(0)
    head = _FORWARD_LINE_HEAD_RE.match(line)
    end = _FORWARD_SOURCE_END_RE.match(line, head.end()) if head else None
    if end is None or len(re.findall(r"\w+", line[end.end():])) < _FORWARD_REST_WORDS:
        return " "
    return " " + line[end.end():]


_URGENT_WORDS = (r"срочно|срочная новость|молния|экстренно|экстренная новость|внимание|важно|"
                 r"шок|сенсация|эксклюзив|breaking(?: news)?|urgent|just in|alert|exclusive|"
                 r"must read|read this|обязательно к прочтению")
# (a line's lead read up to its own end: over a run of blank lines, each line start re-read the rest)
_URGENT_LEAD_RE = re.compile(rf"^(?:[^\w\n]|_)*+(?:{_URGENT_WORDS})(?:[\s!:.\-–—]*!|[\s]*[:.\-–—]+|\s*$)[\s!.:]*",
                             re.IGNORECASE | re.MULTILINE)
_URGENT_ANY_RE = re.compile(rf"(?<!\w)(?:{_URGENT_WORDS})\s*!{{2,}}", re.IGNORECASE)
_CALL_TO_SHARE_RE = re.compile(
    r"(?<!\w)(?:распространите|распространяйте|поделитесь|перешлите(?: всем| друзьям| знакомым)?|"
    r"максимальный репост|репост(?:ните)?|share (?:this|before it.s deleted)|please share|"
    r"подпис(?:ывайтесь|аться|ывайся|ись)(?: на [^\n.!]{0,60})?|subscribe(?: to [^\n.!]{0,60})?|"
    r"follow us(?: on [^\n.!]{0,60})?)[\s!.]*(?=$|\n|[!.])",
    re.IGNORECASE)
_KEEP_CHARS_RE = re.compile(r"[^\w\s.,;:!?()«»\"'’‘“”„\-–—…/%$€₽£№+=&*\[\]]")
_DROP_CATEGORIES = frozenset({"So", "Sk", "Cs", "Co", "Cn", "Cf", "Cc", "Mn", "Me", "Sm"})
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES_RE = re.compile(r"\n\s*\n+")


def _drop_symbol(m: re.Match) -> str:
    ch = m.group(0)
    try:
        cat = unicodedata.category(ch)
    except Exception:  # pragma: no cover - a str always has categories
        return " "
    if ch in "\n\t":
        return ch
    return " " if cat in _DROP_CATEGORIES else ch


# A Latin letter carrying an acute or grave accent (precomposed, or composed by NFC from a letter
# and a combining stress mark): «diabetés», "tyṕe", "café". Matching reads it without the accent,
# so a stress mark slipped into a Latin word changes nothing and "cafe" finds "café".
_LATIN_ACCENTED_RE = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")


def _unaccent(m: re.Match) -> str:
    ch = m.group(0)
    plain = unicodedata.normalize("NFD", ch).replace("\u0301", "").replace("\u0300", "")
    return unicodedata.normalize("NFC", plain)


def _strip_symbols(text: str) -> str:
    # Invisible characters go first and without a space, so «пре\u00adзидент» stays one word.
    text = unicodedata.normalize("NFKC", clean_text(text))
    if not text.isascii():
        text = _LATIN_ACCENTED_RE.sub(_unaccent, text)
    return _KEEP_CHARS_RE.sub(_drop_symbol, text)


def _split_hashtag(m: re.Match) -> str:
    return _CAMEL_RE.sub(" ", m.group(1)).replace("_", " ")


_TAIL_AUTHOR_RE = re.compile(r"[—–]\s*([^\n—–()]{1,100}?)\s*\(\s*@?\w{1,40}\s*\)\s*"
                             r"(?:(\w+)\.?\s+\d{1,2},?\s+(\d{4}))?\s*$")
_EN_MONTH_NAMES = frozenset("january february march april may june july august september october november "
                            "december jan feb mar apr jun jul aug sep sept oct nov dec".split())
# attribution() also gives the month and year of an embedded tweet's date («— Name (@handle) August
# 25, 2019» → "August 2019"): fact-checks date what they check ("Portions of the Amazon rainforest
# were on fire in August 2019"). CheckThat! 2A, claim + title only, train/dev MAP@5 0.850/0.932 →
# 0.868/0.932 (lexical only 0.820/0.918 → 0.833/0.925).
TAIL_DATE = True
_HANDLE_RE = re.compile(r"(?<![\w@])@(\w{2,64})")


def attribution(text: str) -> str:
    """Who a message names as its source: the author of an embedded tweet («— Name (@handle)
    date») and the @handles it mentions, split into words (@BernieSanders → "Bernie Sanders"),
    then the month and year of that tweet's date when it has one ("April 2016"; `TAIL_DATE`).
    clean_message drops both; the matcher uses them as extra query words, because fact-checked
    claims usually say who said what."""
    try:
        if not isinstance(text, str) or not text:
            return ""
        text = text[:MAX_CHARS]
        out = []
        m = _TAIL_AUTHOR_RE.search(text)
        when = ""
        if m:
            out.append(m.group(1))
            if TAIL_DATE and m.group(2) and m.group(2).casefold() in _EN_MONTH_NAMES:
                when = f"{m.group(2)} {m.group(3)}"
            text = text[: m.start()]
        for h in _HANDLE_RE.findall(_URL_RE.sub(" ", text))[:20]:
            out.append(_CAMEL_RE.sub(" ", h).replace("_", " "))
        if when:
            out.append(when)
        return " ".join(out)
    except Exception:  # pragma: no cover
        return ""


def clean_message(text: str) -> str:
    """The text a person would still read: links, @mentions, emoji and forward boilerplate removed."""
    try:
        return _clean(text)
    except Exception:  # never raise on input
        log.exception("clean_message failed")
        return ""


def _clean(text: str, fold: bool = False) -> str:
    """clean_message; with `fold`, words mixing look-alike letters of two scripts are read in one
    (fold_homoglyphs) once links are out, so the boilerplate patterns below see «Переслано» even
    when it is written with Latin «e», «a», «o» (the normaliser; the text shown is never folded)."""
    if not isinstance(text, str) or not text:
        return ""
    text = text[:MAX_CHARS * 2].replace("\r\n", "\n").replace("\r", "\n")
    text = _strip_symbols(text)
    if "/" in text or "www" in text:
        if "pic.twitter.com/" in text:     # a copied tweet glues its picture link to the word before
            text = _GLUED_PIC_RE.sub(" ", text)     # it: "#PrayforAmazoniapic.twitter.com/…"
        text = _URL_RE.sub(" ", text)
    if fold:
        text = fold_homoglyphs(text)
    if "—" in text or "–" in text:
        text = _TWEET_TAIL_RE.sub(" ", text)
    low = text.casefold()
    if "forward" in low or "пересл" in low or "repost" in low:
        text = _FORWARD_LINE_RE.sub(_forward_line_rest, text)
    if "@" in text:
        text = _MENTION_RE.sub(" ", text)
    if "#" in text:
        text = _GLUED_HASHTAG_RE.sub(" #", text)    # "#ImpeachTrump#StopTheHate": two hashtags
        text = _HASHTAG_RE.sub(_split_hashtag, text)
    text = _URGENT_LEAD_RE.sub(" ", text)
    text = _URGENT_ANY_RE.sub(" ", text)
    text = _CALL_TO_SHARE_RE.sub(" ", text)
    text = _SPACES_RE.sub(" ", text)
    text = _BLANK_LINES_RE.sub("\n", text)
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if re.search(r"\w", ln)]
    out = "\n".join(lines)
    return re.sub(r"^[\s\W_]+(?=\w)", "", out).strip() if out else ""


# --------------------------------------------------------------------------------------------
# Scripts, language and transliteration

_CYR_RE = re.compile(r"[а-яёА-ЯЁ]")
_LAT_RE = re.compile(r"[a-zA-Z]")
_CYR_ANY_RE = re.compile(r"[а-яёіїєґў]", re.IGNORECASE)     # Russian, Ukrainian and Belarusian letters
_CYR_WORDS_RE = re.compile(r"[а-яёіїєґў'’ʼ]+")               # (casefolded text)
_UKBE_LETTER_RE = re.compile(r"[іїєґў]")

# Ukrainian / Belarusian letters read as the Russian ones («Фінляндія» → «финляндия», «Путін» → «путин»)
UKBE_TO_RU = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "ў": "в", "'": "", "’": ""})
_UKBE_MARKS = frozenset("іїєґў'’")
_UKBE_MARKS_RE = re.compile("[іїєґў'’]")


def ukbe_as_ru(word: str) -> str:
    """A casefolded Cyrillic word with its Ukrainian/Belarusian letters (і ї є ґ ў, apostrophe)
    written as the Russian ones, for the Russian dictionary: «казані» → «казани», «лінію» →
    «линию». A word without them is returned unchanged."""
    if _UKBE_MARKS_RE.search(word) and _CYR_RE.search(word):
        return word.translate(UKBE_TO_RU)
    return word


def _months(*rows: str) -> dict[str, str]:
    ru = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
          "ноябрь", "декабрь")
    return {form: ru[i] for i, row in enumerate(rows) for form in row.split()}


# Ukrainian and Belarusian month names in the forms a date uses (nominative, genitive «15 червня»,
# locative «у червні»), read as the Russian month: «15 червня 2026» is «15 июня 2026».
_UKBE_MONTHS = _months(
    "січень січня січні студзень студзеня студзені",
    "лютий лютага",
    "березень березня березні сакавік сакавіка сакавіку",
    "квітень квітня квітні красавік красавіка красавіку",
    "травень травня травні траўня траўні",
    "червень червня червні чэрвень чэрвеня чэрвені",
    "липень липня липні ліпень ліпеня ліпені",
    "серпень серпня серпні жнівень жніўня жніўні",
    "вересень вересня вересні верасень верасня верасні",
    "жовтень жовтня жовтні кастрычнік кастрычніка кастрычніку",
    "листопаді лістапад лістапада лістападзе",
    "грудень грудня грудні снежань снежня снежні")
# forms that are also Russian or other common words («лютого» — of «лютый», «листопад» — leaf fall,
# be «люты» — fierce): a month only next to a day number or before a year («15 листопада», «лютого
# 2025»); the locatives «у лютому», «у лютым», «у маі» after «у» / «в» too
_UKBE_MONTHS_IN_DATES = _months("", "лютого лютому люты лютым", "", "", "маі", "", "", "", "", "",
                                "листопад листопада", "")
_UKBE_MONTHS_IN_DATES_ANYCASE = {v: m for k, m in _UKBE_MONTHS_IN_DATES.items()
                                 for v in (k, k.capitalize(), k.upper())}


def without_links(text: str) -> str:
    """`text` with its links and @mentions blanked out (same length not kept): their Latin letters
    are no language, so language detection must not count them."""
    if "/" in text or "www" in text:
        if "pic.twitter.com/" in text:     # a copied tweet glues its picture link to the word before
            text = _GLUED_PIC_RE.sub(" ", text)     # it: "#PrayforAmazoniapic.twitter.com/…"
        text = _URL_RE.sub(" ", text)
    if "@" in text:
        text = _MENTION_RE.sub(" ", text)
    return text


_LAT_WORD_RE = re.compile(r"[a-zA-Z][a-zA-Z'’-]*")
_CYR_WORD_RE = re.compile(r"[а-яёА-ЯЁіїєґўІЇЄҐЎ]{3,}")


def latin_names_only(sample: str) -> bool:
    """Has `sample` a Cyrillic word of three letters or more, and are its Latin words all names — each
    with a capital letter («Tesla», «SpaceX», «iPhone») and none an English function word ("The", "In")?"""
    if not _CYR_WORD_RE.search(sample):
        return False
    words = _LAT_WORD_RE.findall(sample)
    return bool(words) and all(any(c.isupper() for c in w) and w.casefold() not in EN_STOP for w in words)


def detect_language(text: str) -> str:
    """"ru" or "en" by the letters used outside links and @mentions, invisible characters removed
    and full-width / mathematical letters folded (clean_text), words mixing Cyrillic and Latin
    look-alikes read in one script (fold_homoglyphs); Cyrillic wins ties; empty text → "ru". A text
    whose Latin words are all names among Russian words (`latin_names_only`: «Twitter купила Tesla, а
    не SpaceX») is Russian however many Latin letters its names have."""
    try:
        # cleaned first: 𝐃𝐫𝐢𝐧𝐤𝐢𝐧𝐠 (mathematical letters), Ｄｒｉｎｋ (full-width) are Latin letters
        sample = fold_homoglyphs(without_links(clean_text(text[:5000]))) if isinstance(text, str) else ""
        cyr = len(_CYR_RE.findall(sample))
        lat = len(_LAT_RE.findall(sample))
        if lat > cyr and latin_names_only(sample):
            return "ru"     # «Twitter купила Tesla, а не SpaceX»: Russian words around Latin names
        return "en" if lat > cyr else "ru"
    except Exception:  # pragma: no cover
        return "ru"


def written_language(text: str) -> str:
    """"ru", "uk", "be" or "en": English when Latin letters outnumber Cyrillic ones (unless the Latin
    words are all names among Russian ones, `latin_names_only`), else told apart by its letters
    (Ukrainian ї є ґ, or і without ы; Belarusian ў, or і with ы) unless under a quarter of its words
    have one and the rest reads as Russian (Russian quoting a Ukrainian word or two), links and
    @mentions not counted,
    look-alike Latin letters folded (fold_homoglyphs: «мiської» with a Latin i is Ukrainian); empty
    text → "ru". Ukrainian and Belarusian are normalised by the Russian pipeline (`analyze` reads any
    Cyrillic text as "ru"); this says what language a claim or a message is written in, for the
    store's `language` and for whether a match crosses languages."""
    sample = fold_homoglyphs(without_links(clean_text(text[:5000]))) if isinstance(text, str) else ""
    lat = len(_LAT_RE.findall(sample))
    if lat > len(_CYR_ANY_RE.findall(sample)) and not latin_names_only(sample):   # «Twitter купила Tesla»: Russian
        return "en"
    low = sample.lower()
    words = _CYR_WORDS_RE.findall(low)
    marked = [w for w in words if _UKBE_LETTER_RE.search(w)]
    if not marked:
        return "ru"
    if len(marked) * 4 < len(words):
        # a few such words: a Russian text quoting one or two («горілки», «Українська правда»), or
        # a Russian word typed with a Latin i («Мiнздрав»), when the rest is Russian: it has «и»
        # (no Belarusian word does) and ы, э, ъ or ё (no Ukrainian word does), or every other
        # word is in the Russian dictionary (not so «Туреччина скасувала візи для громадян
        # Казахстану», one such word in six; «Китай купив порт в Одесі» reads as Russian)
        rest = [w for w in words if len(w) >= 3 and not _UKBE_LETTER_RE.search(w)]
        if ("и" in low and any(c in low for c in "ыэъё")
                or len(rest) >= 2 and all(word_known(w) for w in rest)):
            return "ru"
    marked_text = " ".join(marked)
    if "ў" in marked_text:
        return "be"
    if any(c in marked_text for c in "їєґ"):
        return "uk"
    return "be" if "ы" in low else "uk"


def claim_language(text: str, lang: str) -> str:
    """The language to store for a claim labelled `lang` (an article's, or an older release's):
    "uk" or "be" when `lang` is "ru" and the claim's letters say so (`written_language`), else
    `lang` (a Russian claim of mostly Latin names stays "ru": it is normalised as Russian)."""
    if lang == "ru":
        written = written_language(text)
        if written in ("uk", "be"):
            return written
    return lang


_LAT2CYR_MULTI = [
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("tz", "ц"), ("ts", "ц"), ("ch", "ч"),
    ("sh", "ш"), ("yu", "ю"), ("iu", "ю"), ("ju", "ю"), ("ya", "я"), ("ia", "я"), ("ja", "я"),
    ("yo", "е"), ("jo", "е"), ("ye", "е"), ("je", "е"), ("ck", "к"), ("ph", "ф"), ("th", "т"),
    ("ee", "и"), ("oo", "у"), ("yy", "ый"), ("iy", "ий"), ("ij", "ий"),
]
_LAT2CYR_ONE = {
    "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
    "j": "дж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р",
    "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "z": "з", "'": "ь", "’": "ь",
}
_VOWELS_LAT = set("aeiouy")
_CYR2LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}


@lru_cache(maxsize=100_000)
def translit_lat2cyr(word: str) -> str:
    """Latin spelling of a Russian word or name → Cyrillic (lavrov → лавров, zelensky → зеленский)."""
    w = word.casefold()
    out: list[str] = []
    i, n = 0, len(w)
    while i < n:
        ch = w[i]
        if ch == "e" and i == 0:
            out.append("э")
            i += 1
            continue
        if ch == "y":
            nxt = w[i + 1] if i + 1 < n else ""
            if nxt in ("a", "u", "o", "e"):
                out.append({"a": "я", "u": "ю", "o": "е", "e": "е"}[nxt])
                i += 2
                continue
            prev = w[i - 1] if i else ""
            if i == n - 1 and prev and prev not in _VOWELS_LAT:
                out.append("ий")           # zelensky → зеленский
            elif not prev or prev not in _VOWELS_LAT:
                out.append("ы")            # krym → крым
            else:
                out.append("й")            # shoigu-like diphthongs: ay/oy/ey → ай/ой/ей
            i += 1
            continue
        for lat, cyr in _LAT2CYR_MULTI:
            if w.startswith(lat, i):
                out.append(cyr)
                i += len(lat)
                break
        else:
            out.append(_LAT2CYR_ONE.get(ch, ch))
            i += 1
    return "".join(out)


@lru_cache(maxsize=100_000)
def translit_cyr2lat(word: str) -> str:
    """Cyrillic → Latin (Лавров → lavrov); used for names inside English text."""
    return "".join(_CYR2LAT.get(ch, ch) for ch in word.casefold())


# Look-alike letters (homoglyphs) of the Cyrillic and Latin scripts, as (Cyrillic, Latin) pairs:
# only letters drawn the same in ordinary fonts, so a word mixing the two scripts («Cбepбaнк» with
# Latin C, e, p, a; «мiської» with a Latin i; "Вiden" with a Cyrillic В) can be read in one.
# Lower-case Cyrillic в м н т look like small capitals, so they pair with Latin capitals only
# (В/B, М/M, Н/H, Т/T): a Latin "b" is no «в», a Cyrillic «т» no "t". Ukrainian і ї and
# Belarusian ў are Cyrillic letters. ј ѕ ԁ һ ԛ ԝ (Serbian, Macedonian, Komi, Abkhaz …) are read as
# the Latin letter in a Latin word; a Latin j s d h q w inside a Cyrillic word is no Russian,
# Ukrainian or Belarusian letter, so such a word is not folded to Cyrillic.
HOMOGLYPHS: tuple[tuple[str, str], ...] = (
    ("а", "a"), ("е", "e"), ("ё", "ë"), ("о", "o"), ("р", "p"), ("с", "c"), ("у", "y"), ("х", "x"),
    ("к", "k"), ("і", "i"), ("ї", "ï"), ("ў", "ŭ"),
    ("А", "A"), ("В", "B"), ("Е", "E"), ("Ё", "Ë"), ("К", "K"), ("М", "M"), ("Н", "H"), ("О", "O"),
    ("Р", "P"), ("С", "C"), ("Т", "T"), ("У", "Y"), ("Х", "X"), ("І", "I"), ("Ї", "Ï"), ("Ў", "Ŭ"),
    # Cyrillic letters of other languages: only ever read as the Latin letter
    ("ј", "j"), ("ѕ", "s"), ("ԁ", "d"), ("һ", "h"), ("ԛ", "q"), ("ԝ", "w"), ("ӏ", "l"),
    ("Ј", "J"), ("Ѕ", "S"), ("Ԛ", "Q"), ("Ԝ", "W"),
)
_RU_UK_BE_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў")
HOMO_LAT2CYR = {lat: cyr for cyr, lat in HOMOGLYPHS if cyr.casefold() in _RU_UK_BE_LETTERS}
HOMO_CYR2LAT = {cyr: lat for cyr, lat in HOMOGLYPHS}
_HOMO_LAT2CYR_T = str.maketrans(HOMO_LAT2CYR)
_HOMO_CYR2LAT_T = str.maketrans(HOMO_CYR2LAT)
_ANY_CYR_RE = re.compile("[\u0400-\u052f]")
_LAT_CLASS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_ANY_LAT_RE = re.compile(f"[{_LAT_CLASS}]")
_LETTERS_RE = re.compile(r"[^\W\d_]+")


_CYR_CHARS = frozenset(map(chr, range(0x400, 0x530)))
_LAT_CHARS = frozenset(c for c in map(chr, range(0x250)) if _ANY_LAT_RE.match(c))


@lru_cache(maxsize=50_000)
def _spellable(word: str) -> tuple[int, int, bool, bool]:
    """(Cyrillic letters, Latin letters, all Latin letters have a Cyrillic look-alike, all Cyrillic
    letters have a Latin one) of a word."""
    cyr = lat = 0
    as_cyr = as_lat = True
    for c in word:
        if c in _CYR_CHARS:
            cyr += 1
            if as_lat and c not in HOMO_CYR2LAT:
                as_lat = False
        elif c in _LAT_CHARS:
            lat += 1
            if as_cyr and c not in HOMO_LAT2CYR:
                as_cyr = False
    return cyr, lat, as_cyr, as_lat


def fold_word_script(word: str, prefer_cyrillic: bool | None = True) -> str:
    """A word mixing Cyrillic and Latin letters, read in one script by the look-alike table
    HOMOGLYPHS: in the only script all its letters can be read in («Cбepбaнк» → «Сбербанк»: б and н
    have no Latin look-alike; "Вiden" → "Biden"; «вce» → «все»: a lower-case в is no Latin
    letter). A word every letter of which is a look-alike («coк») looks the same in both scripts,
    so the script of the text around it decides (`prefer_cyrillic` True / False), or with None the
    majority of its letters (a tie → Cyrillic). A word that neither script can spell by look-alikes
    («iPhoneом») and a word in one script (or none) are returned unchanged.
    Shape: str -> str of the same length; never raises on a str."""
    cyr, lat, as_cyr, as_lat = _spellable(word)
    if not cyr or not lat or not (as_cyr or as_lat):
        return word
    if as_cyr and as_lat:
        as_cyr = prefer_cyrillic if prefer_cyrillic is not None else cyr >= lat
    return word.translate(_HOMO_LAT2CYR_T if as_cyr else _HOMO_CYR2LAT_T)


def fold_homoglyphs(text: str) -> str:
    """`text` with every word that mixes Cyrillic and Latin letters read in one script
    (fold_word_script). A word every letter of which is a look-alike goes to the script of the
    text's other words: the letters of its words in one script and of its mixed words only one
    script can spell, Cyrillic when equal; if there are none, to the majority of its own letters.
    Words are runs of letters, as the normaliser's tokenizer splits them: «PR-кампания» is two
    words, each in one script, and stays as written. Only for what matching, search and the
    language guesses read, never for the text stored or shown.
    Shape: str -> str of the same length (non-str → ""); never raises."""
    if not isinstance(text, str):
        return ""
    if not (_ANY_CYR_RE.search(text) and _ANY_LAT_RE.search(text)):
        return text
    mixed = []
    for m in _LETTERS_RE.finditer(text):
        w = m.group(0)
        if not w.isascii() and _ANY_LAT_RE.search(w) and _ANY_CYR_RE.search(w):
            mixed.append((m, _spellable(w)))
    if not mixed:
        return text
    prefer: bool | None = True
    if any(as_cyr and as_lat for _, (_, _, as_cyr, as_lat) in mixed):
        cyr_ctx, lat_ctx = len(_ANY_CYR_RE.findall(text)), len(_ANY_LAT_RE.findall(text))
        for _, (cyr, lat, as_cyr, as_lat) in mixed:
            cyr_ctx, lat_ctx = cyr_ctx - cyr, lat_ctx - lat
            if as_cyr != as_lat:
                if as_cyr:
                    cyr_ctx += cyr + lat
                else:
                    lat_ctx += cyr + lat
        prefer = None if not (cyr_ctx or lat_ctx) else cyr_ctx >= lat_ctx
    out, pos = [], 0
    for m, _info in mixed:
        out.append(text[pos:m.start()])
        out.append(fold_word_script(m.group(0), prefer))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Numbers (done on the cleaned text, before tokenising)

_THOUSANDS_SPACE_RE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[ \u00a0\u202f\u2009](\d{3}))+)(?![\d])(?![.,]\d)")
_THOUSANDS_COMMA_RE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+)(?![\d])(?!\.\d)")
_DECIMAL_RE = re.compile(r"(?<![\d.,])(\d+)[.,](\d+)(?![\d.,]*\d)")
_SUFFIX_K_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?([kкKК]|mln|bn|млн\.?|млрд\.?|тыс\.?|трлн\.?)(?![\w])")
_ORDINAL_RE = re.compile(r"(?<=\d)-?(?:й|я|е|го|му|м|х|ми|ый|ой|ая|ое|ые|st|nd|rd|th)\b", re.IGNORECASE)


def _fmt_number(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return "0"
    if abs(value - round(value)) < 1e-9:
        return str(int(round(value)))
    return f"{value:.6f}".rstrip("0").rstrip(".")


_SUFFIX_MULT = {"k": 1_000, "к": 1_000, "mln": 1_000_000, "bn": 1_000_000_000, "млн": 1_000_000,
                "млрд": 1_000_000_000, "тыс": 1_000, "трлн": 10**12}


def _suffix_sub(m: re.Match) -> str:
    mult = _SUFFIX_MULT.get(m.group(2).casefold().rstrip("."), 1)
    try:
        return _fmt_number(float(m.group(1)) * mult)
    except ValueError:  # pragma: no cover
        return m.group(0)


_DAY_MONTH_RE = re.compile(r"(\d{1,2})\.(\d{2})")   # the month in two digits: «3.5 2026» stays 3.5


def _date_day_month(surface: str, following: str) -> str | None:
    """«14.10» followed by a year (the tokeniser splits «14.10.2026» into «14.10» and «2026») →
    "14.10", «01.03» → "1.03": day and two-digit month, the form the date reader takes, instead of
    the decimal it would otherwise become («14.1»: October, and any day written with a leading
    zero, was lost). None when `surface` is no day.month or `following` no year 1900-2100."""
    m = _DAY_MONTH_RE.fullmatch(surface or "")
    if m is None or not (following.isdigit() and 1900 <= int(following) <= 2100):
        return None
    d, mo = int(m.group(1)), int(m.group(2))
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    return f"{d}.{mo:02d}"


# a number's per cent sign, read as the word («40%» → «40 процентов», "40%" → "40 percent"): «на 40% за год» was
# «40 год», forty years to the period check; «40%» and «40 процентов» read alike. Not «100%-ная».
_PERCENT_RE = re.compile(r"(\d)[^\S\n]?%(?![\w-])")


# a month and a year in digits, no day («в 06.2024», «с 1/2025», "in 06/2024"): the month's name and the year,
# as «в июне 2024 года» reads (it was the decimal 6.2024, or two numbers of no date)
_MONTH_YEAR_RE = re.compile(r"(?<![\d.,/\-])(0?[1-9]|1[0-2])[./](19\d\d|20\d\d)(?![\d/]|[.,]\d)")
_MONTH_NAMES = {"ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
                       "октябрь", "ноябрь", "декабрь"),
                "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                       "October", "November", "December")}


# a clock time with "am" / "pm" ("10 pm", "10:30 p.m.", "7am"): the 24-hour time, as «22:00» reads
_AM_PM_RE = re.compile(r"(?<![\d:.])(1[0-2]|0?[1-9])(?::([0-5]\d))?\s?([ap])\.?m(?:\.(?!\w)|(?![^\W\d_]))",
                       re.IGNORECASE)


def _clock_24(m: re.Match) -> str:
    hour = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0)
    return f"{hour}:{m.group(2) or '00'}"


def _numbers_prepass(text: str, lang: str = "ru") -> str:
    if "m" in text or "M" in text:
        text = _AM_PM_RE.sub(_clock_24, text)
    if "." in text or "/" in text:
        names = _MONTH_NAMES["en" if lang == "en" else "ru"]
        text = _MONTH_YEAR_RE.sub(lambda m: f"{names[int(m.group(1)) - 1]} {m.group(2)}", text)
    text = _THOUSANDS_SPACE_RE.sub(lambda m: re.sub(r"\D", "", m.group(1)), text)
    text = _THOUSANDS_COMMA_RE.sub(lambda m: m.group(1).replace(",", ""), text)
    text = _DECIMAL_RE.sub(lambda m: _fmt_number(float(f"{m.group(1)}.{m.group(2)}")), text)
    text = _ORDINAL_RE.sub("", text)
    text = _SUFFIX_K_RE.sub(_suffix_sub, text)
    if "%" in text:
        text = _PERCENT_RE.sub(r"\1 percent" if lang == "en" else r"\1 процентов", text)
    return text


# --------------------------------------------------------------------------------------------
# Morphology (cached)

_stem_lock = threading.Lock()
_stemmer = None


def _en_stem(word: str) -> str:
    return _en_stem_cached(word)


@lru_cache(maxsize=200_000)
def _en_stem_cached(word: str) -> str:
    global _stemmer
    with _stem_lock:
        if _stemmer is None:
            import Stemmer

            _stemmer = Stemmer.Stemmer("english")
        return _stemmer.stemWord(word)


_NOMN_OBLIQUE = {"nomn": "nomn", "voct": "nomn", "accs": "obl", "gent": "obl", "gen2": "obl",
                 "datv": "obl", "ablt": "obl", "loct": "obl", "loc2": "obl", "acc2": "obl"}
_ENTITY_GRAMS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr")


@dataclass(frozen=True, slots=True)
class _Lex:
    lemma: str
    kind: str            # "verb" | "ent" | "w"
    case: str | None     # "nomn" | "obl" | None (unknown / ambiguous)


def _tied_participle(parses: list, neuter: bool):  # noqa: ANN202 - a pymorphy3 Parse, or None
    """The short passive participle among pymorphy3 `parses` (of one word) as likely as the first reading,
    neuter or not as `neuter` says, else None: «отменен» («отменный» or «отменить»), «открыто»."""
    top = parses[0].score
    return next((p for p in parses if p.tag.POS == "PRTS" and "pssv" in p.tag and ("neut" in p.tag) == neuter
                 and p.score >= top), None)


@lru_cache(maxsize=300_000)
def ru_lex(word: str) -> _Lex:
    """pymorphy3 lemma of a (casefolded) Russian word, its rough kind and its case class."""
    try:
        parses = get_nlp().morph.parse(word)
    except Exception:  # pragma: no cover
        return _Lex(word, "w", None)
    if not parses:
        return _Lex(word, "w", None)
    best = parses[0]
    if best.tag.POS == "ADJS":
        # a masculine short passive participle with «ё» folded reads as an adjective as often as as
        # the verb («отменен»: «отменный» or «отменить»; «закрыт», «снят»: «закрытый», «снятой»), where
        # «отменена», «отменены», «закрыли» read as the verb: on a tie, the verb («Запрет отменён»
        # states what «Запрет отменили» does, and reverses «Запрет ввели»); a neuter one («закрыто»)
        # may be the adverb: its clause decides (`_mark_predicate_participles`)
        best = _tied_participle(parses, neuter=False) or best
    lemma = best.normal_form.replace("ё", "е")
    tag = best.tag
    pos = tag.POS
    if pos in ("VERB", "INFN", "PRTF", "PRTS", "GRND"):
        kind = "verb"
        if "impf" in tag:
            lemma = _perfective(lemma)
    elif any(g in tag for g in _ENTITY_GRAMS):
        kind = "ent"
    else:
        kind = "w"
    cases = set()
    top = best.score
    for p in parses:
        if p.score < top * 0.5 and cases:
            break
        if p.tag.POS != pos:
            continue
        if "Fixd" in p.tag:
            cases.add("?")
        cases.add(_NOMN_OBLIQUE.get(p.tag.case or "", "?"))
    case = cases.pop() if len(cases) == 1 and "?" not in cases else None
    return _Lex(lemma, kind, case)


_ALTERNATIONS = (("щ", "т"), ("жд", "д"), ("ч", "т"), ("ж", "з"), ("ж", "д"), ("ш", "с"), ("бл", "б"),
                 ("вл", "в"), ("пл", "п"), ("мл", "м"), ("фл", "ф"))


@lru_cache(maxsize=50_000)
def _perfective(lemma: str) -> str:
    """Fold a regular imperfective infinitive onto its perfective partner (заявлять → заявить)."""
    refl = ""
    base = lemma
    if base.endswith(("ся", "сь")):
        refl, base = base[-2:], base[:-2]
    cands: list[str] = []
    if base.endswith(("ывать", "ивать")):
        stem = base[:-5]
        cands += [stem + "ать", stem + "ить", stem + "ять"]
    elif base.endswith(("ать", "ять")):
        stem = base[:-3]
        cands.append(stem + "ить")
        for a, b in _ALTERNATIONS:
            if stem.endswith(a):
                cands.append(stem[: -len(a)] + b + "ить")
    for c in cands:
        full = c + ("ся" if refl else "")
        if _is_perfective_infinitive(full):
            return full
    return lemma


def _is_perfective_infinitive(word: str) -> bool:
    morph = get_nlp().morph
    try:
        if not morph.word_is_known(word):
            return False
        return any(p.tag.POS == "INFN" and "perf" in p.tag and p.normal_form == word for p in morph.parse(word))
    except Exception:  # pragma: no cover
        return False


# `token_kind` answers computed ahead for a matcher's whole vocabulary (`remember_kinds`, at
# Matcher.build): kept for the process, where the lru_cache below holds what messages brought
_KINDS: dict[str, tuple[str, str | None]] = {}
KINDS_KEPT = 2_000_000          # terms `remember_kinds` keeps (~100 B each; more start over)


def token_kind(token: str) -> tuple[str, str | None]:
    """(kind, group) of a stored normalised token: num | neg | ent | verb | w, and the alias group."""
    found = _KINDS.get(token)
    return found if found is not None else _token_kind(token)


def remember_kinds(tokens: Iterable[str]) -> int:
    """Work out `token_kind` of every one of `tokens` now and keep the answers for the process:
    what a matcher does with its index vocabulary at start-up, so that the candidate claims of a
    message — whose terms are mostly new to it, one pymorphy3 analysis each — cost no analysis
    when it is matched. Cost ~0.05 ms a term on average (the 38,412 terms of the 100k synthetic bench
    store: ~1.8 s on one core; 65,070 at 1M); nothing for a term already kept. Returns the number
    of terms newly kept. Never raises (`_token_kind` reads an unknown word as "w")."""
    new = 0
    kinds = _KINDS
    compute = _token_kind.__wrapped__
    for t in tokens:
        if t not in kinds:
            if len(kinds) >= KINDS_KEPT:
                kinds.clear()
            kinds[t] = compute(t)
            new += 1
    return new


@lru_cache(maxsize=200_000)
def _token_kind(token: str) -> tuple[str, str | None]:
    if not token:
        return "w", None
    if token[0].isdigit():
        return "num", None
    if token in NEGATIONS:
        return "neg", None
    aliases = default_aliases()
    if token in aliases.canonicals:
        return _canon_kind(token, aliases)
    if _CYR_RE.match(token):
        lex = ru_lex(token)
        if lex.kind == "verb" or lex.lemma != token and ru_lex(lex.lemma).kind == "verb":
            return "verb", None
        if lex.kind == "ent":
            return "ent", token
    return "w", None


# --------------------------------------------------------------------------------------------
# Alias table

@dataclass
class AliasTable:
    """Multi-word variants (as lemma sequences) → one canonical token."""

    by_first: dict[str, list[tuple[tuple[str, ...], str, bool]]] = field(default_factory=dict)
    exact: dict[str, tuple[str, bool]] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    canonicals: set[str] = field(default_factory=set)
    single_variants: dict[str, str] = field(default_factory=dict)   # one-word variant key → canonical
    sources: tuple[str, ...] = ()
    # Cyrillic variants by their first word's first letters in Russian spelling, for inflected
    # Ukrainian/Belarusian forms (see _inflected_form_of); ids of the variants written in uk/be
    by_head: dict[str, list[tuple[tuple[tuple[str, str], ...], str, bool]]] = field(default_factory=dict)
    ukbe_variants: set[int] = field(default_factory=set)
    by_head_ukbe: dict[str, list[tuple[tuple[tuple[str, str], ...], str, bool]]] = field(default_factory=dict)
    # canonicals with a variant in Latin letters (an English text can name them: "NATO", "Apple")
    latin_named: set[str] = field(default_factory=set)
    # canonical → its first Latin variant as written (an exact "=MGM" first): the spelling the encoder
    # knows a company by (claims/match/matcher.py `_resolved_text`: «Амазон» read as "Amazon")
    latin_spelling: dict[str, str] = field(default_factory=dict)

    def add(self, canonical: str, variant: str, group: str | None = None) -> None:
        canonical = canonical.strip().casefold().replace("ё", "е")
        variant = variant.strip()
        if not canonical or not variant:
            return
        self.canonicals.add(canonical)
        if group:
            self.groups[canonical] = group.strip().casefold().replace("ё", "е")
        additive = variant.startswith("+")
        if additive:
            variant = variant[1:].strip()
        if re.search(r"[A-Za-z]", variant):
            self.latin_named.add(canonical)
            if canonical not in self.latin_spelling or variant.startswith("=") \
                    and not self.latin_spelling[canonical][:1].isupper():
                self.latin_spelling[canonical] = variant.lstrip("=")
        if variant.startswith("="):
            self.exact[variant[1:].strip()] = (canonical, additive)
            return
        words = _WORD_RE.findall(fold_homoglyphs(variant.replace("-", " ")))
        seq = tuple((_alias_key(w), w.casefold().replace("ё", "е")) for w in words)
        seq = tuple(k for k in seq if k[0])
        if not seq:
            return
        entry = (seq, canonical, additive)
        for first in {seq[0][0], seq[0][1]}:
            bucket = self.by_first.setdefault(first, [])
            bucket.append(entry)
            bucket.sort(key=lambda e: -len(e[0]))
        head = ukbe_as_ru(seq[0][1])[:_INFLECTED_MIN_STEM]
        if len(head) == _INFLECTED_MIN_STEM and _CYR_RE.match(head):
            bucket = self.by_head.setdefault(head, [])
            bucket.append(entry)
            bucket.sort(key=lambda e: -len(e[0]))
            if any(_UKBE_MARKS_RE.search(w) for _, w in seq):
                self.ukbe_variants.add(id(seq))
                self.by_head_ukbe.setdefault(head, []).append(entry)
        if len(seq) == 1:
            self.single_variants.setdefault(seq[0][0], canonical)
            self.single_variants.setdefault(seq[0][1], canonical)

    def load(self, path: str | os.PathLike) -> None:
        p = Path(path)
        with p.open(encoding="utf-8") as fh:
            for lineno, raw in enumerate(fh, 1):
                line = raw.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) < 2:
                    log.warning("%s:%d: expected canonical<TAB>variants", p, lineno)
                    continue
                canonical, variants = parts[0], parts[1]
                group = parts[2] if len(parts) > 2 and parts[2].strip() else None
                if not re.fullmatch(r"\w+", canonical.strip()):
                    log.warning("%s:%d: canonical %r must be one token", p, lineno, canonical)
                    continue
                self.add(canonical, canonical, group)
                for v in variants.split("|"):
                    self.add(canonical, v, group)
        self.sources = self.sources + (str(p),)

    def apply(self, keys: list[str], surfaces: list[str],
              alts: list[tuple[str, str] | None] | None = None) -> list[tuple[int, int, str, bool]]:
        """Spans (start, end, canonical, additive) over a token sequence, longest match first.
        `alts[i]` is another (key, surface) reading of word i (a transliterated Latin word)."""
        spans = []
        i, n = 0, len(keys)
        while i < n:
            hit = None
            ex = self.exact.get(surfaces[i])
            if ex is not None:
                hit = (i, i + 1, ex[0], ex[1])
            else:
                seen = set()
                low = surfaces[i].casefold().replace("ё", "е")
                firsts = [keys[i], low]
                if alts and alts[i]:
                    firsts += list(alts[i])
                cands = [e for first in firsts for e in self.by_first.get(first, ())]
                # inflected uk/be forms (_inflected_form_of): only the variants such a word may be
                if _UKBE_MARKS_RE.search(low):
                    cands += self.by_head.get(ukbe_as_ru(low)[:_INFLECTED_MIN_STEM], ())
                elif self.by_head_ukbe:
                    cands += self.by_head_ukbe.get(low[:_INFLECTED_MIN_STEM], ())
                for seq, canonical, additive in cands:
                    if id(seq) in seen:
                        continue
                    seen.add(id(seq))
                    m = len(seq)
                    if hit is not None and m <= hit[1] - hit[0]:
                        continue
                    ukbe = id(seq) in self.ukbe_variants
                    if i + m <= n and all(
                            _variant_word_matches(seq[j], keys[i + j], surfaces[i + j])
                            or (alts is not None and alts[i + j] is not None
                                and _variant_word_matches(seq[j], *alts[i + j]))
                            or _inflected_form_of(seq[j][1], surfaces[i + j], ukbe)
                            for j in range(m)):
                        hit = (i, i + m, canonical, additive)
            if hit:
                spans.append(hit)
                i = hit[1]
            else:
                i += 1
        return spans


_CASE_ENDINGS = frozenset("а я у ю е и ы ом ем ой ей ым им ою ею ах ях ам ям ами ями ов ев ью".split())


def _variant_word_matches(vw: tuple[str, str], key: str, surface: str) -> bool:
    """A word of an alias variant against a message word: same lemma, same spelling, or the
    variant spelling plus a case ending (foreign names pymorphy does not know: Ыном → ын)."""
    if key == vw[0] or key == vw[1]:
        return True
    low = surface.casefold().replace("ё", "е")
    if low == vw[1]:
        return True
    return low.startswith(vw[1]) and low[len(vw[1]):] in _CASE_ENDINGS and _CYR_RE.match(low) is not None


_INFLECTED_MIN_STEM = 4
_INFLECTED_TAIL_RE = re.compile(r"[аеиоуыэюяйьвгмх]{0,3}")


@lru_cache(maxsize=100_000)
def word_known(low: str) -> bool | None:
    """Does pymorphy3's Russian dictionary know `low` (a casefolded word)? None when the morphology
    cannot be used. The one dictionary look-up of the normaliser, the spelling corrector and the
    contradiction checks (each says what an unusable morphology means for it)."""
    try:
        return bool(get_nlp().morph.word_is_known(low))
    except Exception:  # pragma: no cover
        return None


def _inflected_form_of(variant_word: str, surface: str, ukbe_variant: bool) -> bool:
    """A message word as an inflected form of an alias variant's word, for Ukrainian and
    Belarusian, which the Russian lemmatiser cannot read: both written in Russian letters
    (ukbe_as_ru), they share a beginning of at least 4 letters that is at most 2 letters shorter
    than the shorter word, and both differ after it only by an ending of ≤ 3 letters from
    _INFLECTED_TAIL_RE («Північну» ~ «північна» → пивничн + у / а; «Росією» ~ «росія»;
    «Австралії» is not «Австрия»: «алии» is no ending). Only for a message word written in uk/be
    letters (і ї є ґ ў, apostrophe), or one the Russian dictionary does not know against a variant
    written in uk/be (`ukbe_variant`: «Карэю» ~ «карэя» of «паўночная карэя»); a Russian word keeps
    its lemma comparison alone (so «роса» is never «Росія»)."""
    low = surface.casefold().replace("ё", "е")
    if not _CYR_RE.search(low):
        return False
    marked = _UKBE_MARKS_RE.search(low) is not None
    if not marked and not (ukbe_variant and word_known(low) is False):  # «карэю», «сполучених»
        return False
    a, b = ukbe_as_ru(low), ukbe_as_ru(variant_word)
    k = 0
    for x, y in zip(a, b):
        if x != y:
            break
        k += 1
    if k < max(_INFLECTED_MIN_STEM, min(len(a), len(b)) - 2):
        return False
    return bool(_INFLECTED_TAIL_RE.fullmatch(a[k:]) and _INFLECTED_TAIL_RE.fullmatch(b[k:]))


def _alias_key(word: str) -> str:
    w = word.casefold().replace("ё", "е")
    if _CYR_RE.search(w):
        return ru_lex(ukbe_as_ru(w)).lemma
    if w.endswith("'s") or w.endswith("’s"):
        w = w[:-2]
    return w


_aliases_lock = threading.Lock()
_default_aliases: AliasTable | None = None


_configured_extra: str | None = None


def configure_aliases(extra_path: str | os.PathLike | None) -> None:
    """Set the desk's own alias file (settings ALIASES_FILE) for this process, at start-up."""
    global _configured_extra, _default_aliases
    with _aliases_lock:
        _configured_extra = str(extra_path) if extra_path else None
        _default_aliases = None
        _KINDS.clear()          # an alias canonical is an entity or verb of the table


def normalization_fingerprint() -> str:
    """Identifies what `normalize` produces in this process: the normaliser version and the bytes of
    the alias files in use. Stored claims carry the one they were normalised under (AppMeta)."""
    h = hashlib.sha256(f"normalizer {NORMALIZER_VERSION}".encode())
    for path in (DEFAULT_ALIASES_PATH, _configured_extra):
        if path:
            try:
                h.update(Path(path).read_bytes())
            except OSError:
                h.update(b"<unreadable>")
    return f"{NORMALIZER_VERSION}:{h.hexdigest()[:16]}"


def load_aliases(extra_path: str | os.PathLike | None = None) -> AliasTable:
    """The shipped alias table plus the configured extra file and an optional further one."""
    table = AliasTable()
    table.load(DEFAULT_ALIASES_PATH)
    for extra in (_configured_extra, extra_path):
        if extra:
            try:
                table.load(extra)
            except OSError as err:
                log.warning("alias file %s not loaded: %s", extra, err)
    return table


def default_aliases() -> AliasTable:
    global _default_aliases
    with _aliases_lock:
        if _default_aliases is None:
            _default_aliases = load_aliases()
        return _default_aliases


# --------------------------------------------------------------------------------------------
# Tokens and the pipeline

_WORD_RE = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(slots=True)
class Token:
    norm: str
    kind: str = "w"            # w | verb | ent | num | neg
    case: str | None = None    # nomn | obl | None
    group: str | None = None   # alias group (side) for entities
    surface: str = ""
    # the preposition bringing in the other party right before a name («от», «у», «против» …:
    # `_mark_prepositional`), which the analysis drops as a word: «поражение от Краснодара»; "" when
    # surely none stands before it («продали Канаде»: no locative), None when not known
    prep: str | None = field(default=None, compare=False)


_BE_FORMS = frozenset("is are was were be been being get gets got gotten".split())


# English past participles that do not end in -ed, -en or -wn (a participle clause: ", sold by …")
_EN_PARTICIPLES = frozenset("sold bought won lost beat held hit made sent brought caught taught got left led "
                            "paid told built struck shot spent kept".split())


def _en_participle(w: str) -> bool:
    """A lower-case English word that may be a past participle ("beaten", "handed", "sold")."""
    return w.isalpha() and w not in EN_STOP and (w.endswith(("ed", "en", "wn")) or w in _EN_PARTICIPLES)


# Russian, Ukrainian and Belarusian prepositions that bring in the other party of an act («санкции
# против США», «купил у КНДР», «получил от ОАЭ»; none takes the nominative): the name after one is in
# an oblique case whatever its form. Not the prepositions of place and time («в», «на», «из»): a name
# after them is a setting, which the claim's word order (it has no cases) may put anywhere.
_PREPOSITIONS = frozenset("против от у к ко проти від до супраць ад да".split())
# English prepositions kept on the name after them (`Token.prep`)
_EN_PREPOSITIONS = frozenset("of by to over against from".split())
# the prepositions the locative is said after («в Канаде», «на Кубе», «о Франции», «при Путине»)
_LOCATIVE_PREPOSITIONS = frozenset("в во на о об обо при у ў".split())


COMPANY_GROUP = "компания"      # the alias table's group of companies and services


def _span_case(toks: list[Token], surfaces: list[str]) -> str | None:
    """The case of a name of several words (an alias-table span): its first noun's («Северной
    Кореей», «Соединённые Штаты Америки»: «Штаты»; Belarusian «Злучаныя Штаты» takes the case of
    «Штаты», not the dictionary's guess for the adjective it does not know), else its first word's."""
    if len(toks) > 1:
        for t, w in zip(toks, surfaces):
            if _cyr_noun(w.casefold()):
                return t.case       # None: a form of two cases («Штаты»: nominative or accusative)
    return toks[0].case


@lru_cache(maxsize=50_000)
def _cyr_noun(low: str) -> bool:
    """A Cyrillic word the Russian dictionary knows and reads first as a noun."""
    if not low.isalpha() or low.isascii() or not word_known(low):
        return False
    try:
        return get_nlp().morph.parse(low)[0].tag.POS == "NOUN"
    except Exception:  # pragma: no cover
        return False


_COPULAS = frozenset({"быть", "стать", "оказаться"})     # «было открыто», «будет открыто»: the participle


@lru_cache(maxsize=4_096)
def _neuter_participle(word: str) -> str | None:
    """The verb (its lemma) of a neuter short passive participle that pymorphy reads as an adverb or
    a short adjective as often («открыто»: "openly", «открытый» or «открыть»; «закрыто»), else
    None. `word` casefolded, «ё» folded."""
    try:
        parses = get_nlp().morph.parse(word)
    except Exception:  # pragma: no cover
        return None
    if not parses or parses[0].tag.POS not in ("ADVB", "ADJS"):
        return None
    verb = _tied_participle(parses, neuter=True)
    return None if verb is None else verb.normal_form.replace("ё", "е")


def _mark_predicate_participles(raw: list[Token], surfaces: list[str], keys: list[str],
                                clause_starts: frozenset[int] = frozenset()) -> None:
    """A neuter word that is an adverb, a short adjective or a short participle as often («открыто»,
    «закрыто») is the participle, read as its verb, where its clause (`clause_starts`: positions
    opening one, after a comma, dash, colon …) has no verb but a copula («было», «будет»): «Движение
    по мосту открыто, сообщили в Росавтодоре», «Метро будет закрыто» say what «движение открыли»
    does; «Министр открыто заявил», «Финляндия открыто и без объяснений закрыла границу», «работает
    открыто», «Переговоры прошли закрыто» keep the adverb. `raw`, `surfaces` and `keys` are
    aligned; changed in place."""
    for i, tok in enumerate(raw):
        surface = surfaces[i].casefold().replace("ё", "е")
        if tok.kind != "w" or not surface.endswith("о"):
            continue
        verb = _neuter_participle(surface)
        if verb is None:
            continue
        start = max((c for c in clause_starts if c <= i), default=0)
        end = min((c for c in clause_starts if c > i), default=len(raw))
        if any(raw[j].kind == "verb" and raw[j].norm not in _COPULAS for j in range(start, end) if j != i):
            continue
        tok.norm, tok.kind = verb, "verb"
        keys[i] = verb


def _mark_prepositional(raw: list[Token], surfaces: list[str]) -> None:
    """A name right after one of these prepositions is in an oblique case ("obl") whatever its
    form: an indeclinable name («санкции против США», «у КНДР»), or a form the dictionary reads as
    a nominative (a uk/be message glossed into Russian: «супраць Ірана» → «против Иран»). It has
    something done to it, it does not do it (claims/match/contradiction.py reads roles from cases);
    the preposition is kept as its `prep`. A capitalised word with no preposition of the locative
    before it (`_LOCATIVE_PREPOSITIONS`) nor a common noun it may name («в городе Казани») has `prep`
    "" (None: not known); one right after such a preposition keeps it («в России»: "в", a form the
    dictionary reads first as the genitive is then the locative of a setting). `raw` and
    `surfaces` are aligned; changed in place."""
    for i in range(len(raw)):
        if raw[i].kind not in ("ent", "w") or not surfaces[i][:1].isupper():
            continue
        if i and surfaces[i - 1].casefold() in _PREPOSITIONS:
            raw[i].case = "obl"
            raw[i].prep = surfaces[i - 1].casefold()
        elif i and surfaces[i - 1].casefold() in _LOCATIVE_PREPOSITIONS:
            raw[i].prep = surfaces[i - 1].casefold()
        elif i == 0 or not (
                surfaces[i - 1][:1].islower() and _cyr_noun(surfaces[i - 1].casefold())):
            # no preposition of the locative before it (nor a common noun it may be the name of: «в
            # городе Казани»): a form of the dative or the locative («продали Канаде», «не Польше»)
            # is the dative, the locative being said only after one («в Канаде»)
            raw[i].prep = ""


def _reduced_relative_by(low: list[str], surfaces: list[str], i: int) -> int | None:
    """The position of the "by" of a reduced relative whose participle stands at `i` ("drones sold
    by Iran", "drones sold to Venezuela by Iran"): right after it, or after "to/from/for" and one
    word, with a capitalised name after it; else None. A score or another number may stand between
    ("Tottenham beaten 3-1 by Arsenal")."""
    while i + 1 < len(low) and low[i + 1][:1].isdigit():
        i += 1
    k = i + 1 if low[i + 1:i + 2] == ["by"] else (
        i + 3 if low[i + 1:i + 2] in (["to"], ["from"], ["for"]) and low[i + 3:i + 4] == ["by"] else None)
    return k if k is not None and k + 1 < len(surfaces) and surfaces[k + 1][:1].isupper() else None


def _mark_en_passive(raw: list[Token], surfaces: list[str], clause_starts: frozenset[int] = frozenset()) -> None:
    """English has no cases; in a passive its roles are told by "by": the name after "by" does it
    ("Spartak was beaten by Zenit", "Drones were sold to Russia by Iran"). For a form of "be" or
    "get", a participle after it (an adverb in -ly between allowed) and "by" within the next six
    words, mark the word after "by" (after an article; with the capitalised words after it, a name of
    several words) as the doer (case "nomn"), as a Russian
    noun's case would say: claims/match/contradiction.py reads roles from cases first (a lone
    nominative does it), order second. A participle opening a clause (`clause_starts`: positions
    after a comma, a dash or a bracket, or the first word: "Zenit, beaten by Spartak 3-1, dropped
    to fifth", "Beaten by Zenit, Spartak …") is a passive too, with "by" within the next four words;
    so is a reduced relative after a noun, "by" and a name right after it or after "to X"
    ("Drones sold by Iran to Venezuela", "… sold to Venezuela by Iran", `_reduced_relative_by`).
    `raw` and `surfaces` are aligned; changed in place."""
    low = [w.casefold() for w in surfaces]
    for i, w in enumerate(low):
        if w in _BE_FORMS:
            j = i + 1 + (i + 1 < len(low) and low[i + 1].endswith("ly"))
            if not (j < len(low) and low[j].isalpha() and low[j] not in EN_STOP and "by" in low[j + 1:j + 7]):
                continue
        elif i in clause_starts and _en_participle(w) and "by" in low[i + 1:i + 5]:
            j = i
        elif i and _en_participle(w) and low[i - 1].isalpha() and low[i - 1] not in EN_STOP \
                and _reduced_relative_by(low, surfaces, i) is not None:
            # a reduced relative: "Drones sold by Iran to Venezuela", "drones sold to Venezuela by
            # Iran" (no form of "be"; "by" right after the participle, or after "to/from/for" and one
            # word, and a name after it — "Iran sold drones to Venezuela by sea" stays active)
            j = i
        else:
            continue
        k = low.index("by", j + 1)
        agent = k + 1 + (k + 1 < len(low) and low[k + 1] in ("the", "a", "an"))
        if agent >= len(raw):
            continue
        # a title before the name ("by billionaire Elon Musk", "by tech entrepreneur Elon Musk"): the
        # name does it, not the title's word (which left "musk" with no case: swapped roles)
        name = next((m for m in range(agent, min(agent + 3, len(raw))) if surfaces[m][:1].isupper()), None)
        if name is not None and all(low[m].isalpha() and low[m] not in EN_STOP for m in range(agent, name)):
            agent = name
        raw[agent].case = "nomn"
        while agent + 1 < len(raw) and surfaces[agent][:1].isupper() and surfaces[agent + 1][:1].isupper() \
                and surfaces[agent + 1].isalpha():
            # a name of several words the alias table does not join ("by Elon Musk"): each word of it
            # does it, so the participant the roles checks take (the surname: "musk") has the case too
            agent += 1
            raw[agent].case = "nomn"


def analyze(text: str, lang: str | None = None, *, aliases: AliasTable | None = None,
            max_chars: int = MAX_CHARS) -> list[Token]:
    """Clean and normalise `text`; return the tokens with the little grammar the matcher uses."""
    try:
        return _analyze(text, lang, aliases, max_chars)
    except Exception:  # never raise on input
        log.exception("normalisation failed")
        return []


def normalize(text: str, lang: str | None = None, *, aliases: AliasTable | None = None) -> str:
    """Space-joined normalised tokens (what claim.normalized stores). Deterministic; never raises."""
    return " ".join(t.norm for t in analyze(text, lang, aliases=aliases))


def normalize_tokens(text: str, lang: str | None = None, *, aliases: AliasTable | None = None) -> list[str]:
    return [t.norm for t in analyze(text, lang, aliases=aliases)]


@lru_cache(maxsize=300_000)
def _word_info(w: str, lang: str) -> tuple:
    """(norm, kind, case, token surface, alias key, alt reading, adds "not", fixed word) of a word."""
    w = fold_word_script(w, lang != "en")
    low = w.casefold().replace("ё", "е")
    extra_not = False
    if _LAT_RE.match(low):
        for suf in ("n't", "n’t"):
            if low.endswith(suf) and len(low) > 3:
                low = low[: -len(suf)]
                if low in ("ca", "wo", "sha"):
                    low = {"ca": "can", "wo": "will", "sha": "shall"}[low]
                extra_not = True
        low = re.sub(r"['’](?:s|re|ll|ve|d|m)$", "", low)
        low = low.replace("’", "'")
    month = _UKBE_MONTHS.get(low) if lang == "ru" else None
    if month is not None:
        return month, "w", None, w, month, None, extra_not, w
    if _CYR_RE.match(low) or (low[:1] in _UKBE_MARKS and _CYR_RE.search(low)):
        lex = ru_lex(ukbe_as_ru(low))
        norm = translit_cyr2lat(lex.lemma) if lang == "en" else lex.lemma
        return norm, lex.kind, lex.case, w, lex.lemma, None, extra_not, w
    if lang == "ru":
        cyr = translit_lat2cyr(low.replace("'", ""))
        lex = ru_lex(cyr)
        kind = "ent" if w[:1].isupper() else lex.kind
        lemma = lex.lemma
        if kind == "ent" and word_known(cyr) is False:
            # a capitalised Latin word the dictionary does not know is a name ("Nokia"): kept as
            # transliterated, not given a guessed lemma (it was read as the verb «нокть»)
            lemma = cyr
        return lemma, kind, None, cyr, low, (lemma, cyr), extra_not, w
    # numerals and scale words as written ("twenty" would stem to "twenti" and stop being a number)
    keep = low in EN_STOP or low in NEGATIONS or low in _NUMERAL_WORDS or low in _MULTIPLIERS or low == "one"
    norm = low if keep else _en_stem(low)
    return norm, "w", None, w, low, None, extra_not, w


def word_norm(word: str, lang: str) -> str:
    """The normalised form of one word (lemma or stem, transliterated as for `lang`)."""
    try:
        return _word_info(word, lang)[0]
    except Exception:  # pragma: no cover
        return word


def _analyze(text: str, lang: str | None, aliases: AliasTable | None, max_chars: int) -> list[Token]:
    if not isinstance(text, str) or not text.strip():
        return []
    if aliases is None:
        aliases = default_aliases()
    cleaned = _clean(text[:max_chars], fold=True)
    if lang not in ("ru", "en"):
        lang = detect_language(cleaned)
    cleaned = re.sub(r"\bU\.S\.(?:A\.)?", "USA", cleaned)
    cleaned = re.sub(r"\bU\.K\.", "UK", cleaned)
    if any(c.isdigit() for c in cleaned):
        cleaned = _numbers_prepass(cleaned, lang)
    words: list[str] = []
    starts: set[int] = set()        # words opening a clause (English participle clauses)
    for mt in _WORD_RE.finditer(cleaned):
        before = cleaned[max(0, mt.start() - 3):mt.start()].rstrip()
        if mt.start() == 0 or before[-1:] in (",", ";", ":", "—", "–", "(", ".", "!", "?"):
            starts.add(len(words))
        words.append(mt.group())

    # 1) per-word lexical analysis
    raw: list[Token] = []
    keys: list[str] = []
    surfaces: list[str] = []
    alts: list[tuple[str, str] | None] = []
    clause_starts: set[int] = set()        # `starts` as positions of `surfaces`
    for wi, w in enumerate(words):
        if wi in starts:
            clause_starts.add(len(surfaces))
        if w[0].isdigit():
            raw.append(Token(w, "num", surface=w))
            keys.append(w)
            surfaces.append(w)
            alts.append(None)
            continue
        norm, kind, case, tsurf, key, alt, extra_not, w = _word_info(w, lang)
        if lang == "en" and kind == "w" and w[:1].isupper() and raw:
            kind = "ent"
        tok = Token(norm, kind, case, surface=tsurf)
        raw.append(tok)
        keys.append(key)
        surfaces.append(w)
        alts.append(alt)
        if extra_not:
            raw.append(Token("not", "neg", surface="not"))
            keys.append("not")
            surfaces.append("not")
            alts.append(None)

    if lang == "en" and "by" in words:
        _mark_en_passive(raw, surfaces, frozenset(clause_starts))
    if lang == "ru":
        _mark_predicate_participles(raw, surfaces, keys, frozenset(clause_starts))
        _mark_prepositional(raw, surfaces)
    elif lang == "en":
        for i in range(1, len(raw)):
            # English has no cases: a name keeps the preposition before it ("defeat of Barcelona" —
            # Barcelona lost — against "defeat by Barcelona": claims/match/contradiction.py reads it)
            if raw[i].kind == "ent" and (prep := surfaces[i - 1].casefold()) in _EN_PREPOSITIONS:
                raw[i].prep = prep

    # uk/be month names that are also other words: months only in a date («15 листопада»)
    for i, tok in enumerate(raw):
        month = _UKBE_MONTHS_IN_DATES_ANYCASE.get(surfaces[i])
        if month is None:
            continue
        prev = raw[i - 1].norm if i else ""
        nxt = raw[i + 1].norm if i + 1 < len(raw) else ""
        if ((prev.isdigit() and 1 <= int(prev) <= 31) or (nxt.isdigit() and 1900 <= int(nxt) <= 2100)
                or (i and surfaces[i - 1].casefold() in ("у", "ў", "в") and month in ("февраль", "май")
                    and surfaces[i].casefold() != "листопада")):
            tok.norm, tok.kind, tok.case = month, "w", None
            keys[i] = month

    # 2) aliases over the lemma sequence
    out: list[Token] = []
    spans = aliases.apply(keys, surfaces, alts) if raw else []
    span_at = {s[0]: s for s in spans}
    i = 0
    while i < len(raw):
        sp = span_at.get(i)
        if sp is not None:
            start, end, canonical, additive = sp
            first = raw[start]
            if additive:
                for t in raw[start:end]:
                    out.append(t)
            kind, group = _canon_kind(canonical, aliases)
            case = _span_case(raw[start:end], surfaces[start:end])
            if group == COMPANY_GROUP and end - start == 1 and not surfaces[start].isascii() and \
                    aliases.single_variants.get(surfaces[start].casefold().replace("ё", "е")) == canonical:
                # a company's name in Cyrillic as the table writes it: «Амазон», not «амазона»'s
                # genitive (a Latin one has the case an English passive gives it, `_mark_en_passive`)
                case = None
            out.append(Token(canonical, kind, case, group, " ".join(surfaces[start:end]), first.prep))
            i = end
            continue
        out.append(raw[i])
        i += 1

    # 3) numbers written as words, multipliers, negations, stop words
    final: list[Token] = []
    stop = RU_STOP if lang == "ru" else EN_STOP
    may = _month_may(out) if lang == "en" else ()
    skip: set[int] = set()      # words read into a number before them ("point five")
    for i, t in enumerate(out):
        n = t.norm
        if i in may:            # the month, not the modal verb (a stop word)
            final.append(Token("may", "w", surface=t.surface))
            continue
        if n in _HALF and final and (final[-1].kind == "num" or final[-1].norm in ("один", "one")) \
                and _fraction_after_number(out, i):
            # «девять с половиной процентов», "nine and a half percent": the number and a half (9.5),
            # which a scale word after it multiplies («два с половиной миллиона»)
            whole = _token_value(final[-1])
            # «сто с половиной» is 150, «две тысячи с половиной» 2,500: half of the number's order past 99
            half = 10 ** (len(str(int(whole))) - 1) / 2 if whole >= 100 else 0.5
            final[-1] = Token(_fmt_number(whole + half), "num", surface=final[-1].surface)
            continue
        if t.surface.casefold() in _DECIMAL_PLACES and final and final[-1].kind == "num" \
                and final[-1].surface[:1].isalpha() and "." not in final[-1].norm:
            # «две целых пять десятых», «пять десятых процента»: the whole number, «целых», and the
            # fraction's numerator in words, then its denominator (2.5, 0.5)
            frac = float(final[-1].norm) / _DECIMAL_PLACES[t.surface.casefold()]
            whole = 0.0
            if len(final) >= 3 and final[-2].norm == "целый" and (final[-3].kind == "num"
                                                                 or final[-3].norm in ("один", "one")):
                whole = _token_value(final[-3])
                del final[-3:-1]
            final[-1] = Token(_fmt_number(whole + frac), "num", surface=final[-1].surface)
            continue
        if n == "point" and lang == "en" and final and final[-1].kind == "num" and "." not in final[-1].norm \
                and i + 1 < len(out) and _NUMERAL_WORDS.get(out[i + 1].norm, 10) < 10:
            # "two point five percent": 2.5
            final[-1] = Token(_fmt_number(float(final[-1].norm) + _NUMERAL_WORDS[out[i + 1].norm] / 10),
                              "num", surface=final[-1].surface)
            skip.add(i + 1)
            continue
        if i in skip:
            continue
        if t.kind == "num" or n in _NUMERAL_WORDS:
            val = _NUMERAL_WORDS.get(n)
            if val is None:
                try:
                    val = float(n)
                except ValueError:
                    val = None
            if val is not None:
                prev = final[-1] if final else None
                if prev is not None and prev.kind == "num" and n in _NUMERAL_WORDS and _NUMERAL_WORDS[n] < 100 \
                        and prev.surface[:1].isalpha() and 20 <= float(prev.norm) < 1000 \
                        and float(prev.norm) % 10 == 0 and float(prev.norm) > _NUMERAL_WORDS[n]:
                    prev.norm = _fmt_number(float(prev.norm) + val)     # двадцать пять → 25
                    continue
                if n == "один" or n == "one":
                    final.append(Token(n, "w", surface=t.surface))
                    continue
                day_month = _date_day_month(t.surface, out[i + 1].norm if i + 1 < len(out) else "")
                if day_month:   # «14.10.2026»: day and month, not the decimal 14.1
                    final.append(Token(day_month, "num", surface=t.surface))
                    continue
                final.append(Token(_fmt_number(val), "num", surface=t.surface))
                continue
        mult = _MULTIPLIERS.get(n) or _MULTIPLIERS.get(t.surface.casefold().rstrip("."))
        if mult and final and final[-1].kind == "num":
            final[-1].norm = _fmt_number(float(final[-1].norm) * mult)
            continue
        if mult and final and final[-1].norm in ("один", "one"):
            final[-1] = Token(_fmt_number(mult), "num", surface=t.surface)
            continue
        if n in NEGATIONS:
            if n in ("не", "not", "no") and i + 2 < len(out) and out[i + 1].surface.casefold() in _BOUND_WORDS \
                    and (out[i + 2].surface.casefold() in ("чем", "than") or out[i + 2].kind == "num"):
                continue        # «не менее 500», "no more than 5%": a bound (claims/match/bounds.py), no negation
                #                 ("no more free rides" negates)
            t.kind = "neg"
            final.append(t)
            continue
        if n in stop or (t.surface.casefold() in stop and n not in aliases.canonicals):
            continue
        if lang == "ru" and t.surface in _UKBE_STOP_ANYCASE and n not in aliases.canonicals \
                and not _ru_month_in_date(out, i):
            continue
        if len(n) == 1 and not n.isdigit():
            continue
        final.append(t)
    return final


# a half after a number: «с половиной» (also «с половиною»), "and a half"
_HALF = frozenset({"половина", "half"})
# a decimal fraction's denominator in words (genitive plural, as written): «пять десятых», «двадцать пять сотых»
_DECIMAL_PLACES = {"десятых": 10, "сотых": 100, "тысячных": 1000}


def _token_value(tok: Token) -> float:
    """The value of a number token, or of «один» / "one" (kept as a word)."""
    return 1.0 if tok.norm in ("один", "one") else float(tok.norm)


def _fraction_after_number(out: Sequence[Token], i: int) -> bool:
    """Is out[i] (a half) said right after a number: «девять с половиной», "nine and a half"?"""
    before = [t.surface.casefold() for t in out[max(0, i - 2):i]]
    if before[-1:] in (["с"], ["со"]):
        j = i - 2
    elif before == ["and", "a"]:
        j = i - 3
    else:
        return False
    return j >= 0 and (out[j].kind == "num" or out[j].norm in _NUMERAL_WORDS)


_MAY_BEFORE = frozenset("in of since until till by from early late mid last next this during on between "
                        "through before after".split())


_RU_MONTH_LEMMAS = frozenset(("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                              "сентябрь", "октябрь", "ноябрь", "декабрь"))


def _ru_month_in_date(tokens: Sequence[Token], i: int) -> bool:
    """Is tokens[i], a word that is also a Belarusian function word (UKBE_STOP: «мае», "has"), the
    Russian month its lemma names here, after the Russian «в» («в мае»; Belarusian has «у», so «у
    мае», «ён мае» stay "has")? Dropped as a stop word, «Путин посетил КНДР в мае 2024 года» lost
    its month and was a plain match of «… в июне 2024 года»."""
    return tokens[i].norm in _RU_MONTH_LEMMAS and i > 0 and tokens[i - 1].surface.casefold() == "в"


def _month_may(tokens: Sequence[Token]) -> set[int]:
    """Positions of "May" the month in an English token list: written "May" after a preposition or
    a time word ("in May", "since May", "early May") or next to a number ("May 5", "5 May",
    "May 2024"). Lower-case "may" and "May" elsewhere (the modal verb at a sentence start, Theresa
    May) stay a stop word."""
    out = set()
    for i, t in enumerate(tokens):
        if t.surface != "May":
            continue
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if (prev is not None and (prev.kind == "num" or prev.surface.casefold() in _MAY_BEFORE)) \
                or (nxt is not None and nxt.kind == "num"):
            out.add(i)
    return out


def _canon_kind(canonical: str, aliases: AliasTable) -> tuple[str, str | None]:
    if canonical in aliases.groups:
        return "ent", aliases.groups[canonical]
    if _CYR_RE.match(canonical) and ru_lex(canonical).kind == "verb":
        return "verb", None
    return "ent", canonical


def content_words(text: str, lang: str | None = None) -> int:
    """How many content tokens a message has (negations count, numbers count)."""
    return len(analyze(text, lang))
