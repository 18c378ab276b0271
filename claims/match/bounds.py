"""A bound reversed: «менее 30» where the claim says «более 30», "fewer than 30" against "more than 30".

The normaliser drops «более» and «менее» with the other function words (claims/normalize.py, RU_STOP),
so «Лукашенко помиловал менее 30 политзаключённых» and «… более 30 …» read alike (break test b38: a
plain match at 87.7). The bound is read here from both texts as written: the in-memory index keeps
no Russian claim's text, so the use case that reads the claims it shows applies it
(claims/services/matching.py). A number with a bound on one side only is no reversal («помиловал 32
политзаключённых» against «более 30»). The word lists are this project's own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..normalize import analyze

# a lower bound: the number or more («более 30», «не менее 30», "at least 30"); an upper one: the number or less
_ABOVE = (r"более(?:\s+чем)?|больше(?:\s+чем)?|свыше|выше|не\s+менее(?:\s+чем)?|не\s+меньше(?:\s+чем)?"
          r"|как\s+минимум|минимум|по\s+меньшей\s+мере|понад|більше(?:\s+ніж)?|больш\s+за|звыш"
          r"|not\s+(?:less|fewer)\s+than|more\s+than|over|above|at\s+least|upwards\s+of|no\s+(?:less|fewer)\s+than|>"
          # a verb of passing the number («превысила 70 рублей», «перевалил за 100»; break test b41)
          r"|не\s+ниже|превысил\w*|превышает|превышают|превысит|перевалил\w*\s+за|перевищ\w*|перавысі\w*|перавышае"
          r"|exceed(?:s|ed)?|surpass(?:es|ed)?|topped")
_BELOW = (r"менее(?:\s+чем)?|меньше(?:\s+чем)?|не\s+более(?:\s+чем)?|не\s+больше(?:\s+чем)?"
          r"|как\s+максимум|максимум|не\s+свыше|ниже|менше(?:\s+ніж)?|не\s+більше|менш\s+за"
          r"|not\s+more\s+than|not\s+over|less\s+than|fewer\s+than|under|below|at\s+most|no\s+more\s+than|<"
          r"|не\s+выше|не\s+превыша\w*|не\s+превысил\w*|не\s+дотягива\w*\s+до|не\s+дотянул\w*\s+до|не\s+перевищ\w*"
          r"|did\s+not\s+exceed|does\s+not\s+exceed|not\s+exceeding")
# a match starts at its leftmost word, so «не менее 30» is read whole (a lower bound), never as «менее 30»; a
# preposition may stand between («менее чем на 3%»); digits grouped by spaces or commas of three are one number.
# The number is in digits or in words, read as the normaliser reads them («менее пятисот» 500, «свыше полутора
# тысяч» 1500: up to three words, break test b41)
_BOUND_RE = re.compile(r"(?<![\w-])(?:(?P<below>%s)|(?P<above>%s))(?:\s+(?:на|в|до|by))?\s*"
                       r"(?:(?P<n>\d(?:[\d\u00a0]|\s(?=\d{3}(?!\d))|,(?=\d{3}(?!\d)))*(?:[.,]\d+)?)"
                       r"(?:\s*(?P<mult>тыс(?:\.|яч\w*)?|тисяч\w*|млн|миллион\w*|мільйон\w*|млрд|миллиард\w*"
                       r"|мільярд\w*|thousand|million|billion)(?!\w))?"
                       r"|(?P<w>[^\W\d_]+(?:[\s-]+[^\W\d_]+){0,2}))"
                       % (_BELOW, _ABOVE), re.IGNORECASE)


def _scale(word: str | None) -> float:
    """What a scale word after the digits multiplies by («40 тысяч» is 40 000); 1 for none."""
    w = (word or "").casefold()
    if w.startswith(("тыс", "тис", "thou")):
        return 1e3
    if w.startswith(("млрд", "миллиард", "мільярд", "bill")):
        return 1e9
    return 1e6 if w else 1.0


@lru_cache(maxsize=4096)
def _number_said(words: str) -> float | None:
    """The number the words open with, as the normaliser reads number words («пятисот человек» 500,
    «двадцати одного» 21), or None when the first word is no number."""
    lang = "en" if words.isascii() else "ru"
    first = analyze(words.split()[0], lang)
    if not first or first[0].kind != "num":
        return None     # no number, or one that begins with a later word («выше нормы в три раза»)
    toks = analyze(words, lang)
    if not toks or toks[0].kind != "num":
        return None
    try:
        return float(toks[0].norm)
    except ValueError:
        return None


def bounds(text: str) -> dict[float, str]:
    """{number: "above" | "below"} for each number `text` gives with a bound right before it
    («более 30» → {30.0: "above"}, «свыше 1 000» and "over 1,000" → 1000.0, «менее 9,5» → 9.5, «менее
    пятисот» → 500.0). A number bounded both ways is left out."""
    out: dict[float, str] = {}
    for m in _BOUND_RE.finditer(text or ""):
        if m.group("n") is None:
            n = _number_said(m.group("w"))
            if n is None:
                continue
        else:
            raw = re.sub(r"[\s\u00a0]|,(?=\d{3}(?!\d))", "", m.group("n")).replace(",", ".")
            try:
                n = float(raw) * _scale(m.group("mult"))
            except ValueError:
                continue
        side = "below" if m.group("below") else "above"
        out[n] = side if out.get(n, side) == side else ""
    return {n: s for n, s in out.items() if s}


def bound_reversed(message: str, claim: str) -> bool:
    """Does `message` bound a number the other way than `claim` bounds the same number («менее 30»
    against «более 30», "no more than 5%" against "at least 5%")? Any language the lists know
    (Russian, Ukrainian, Belarusian, English), as written."""
    cb = bounds(claim)      # the claim first: short, and most claims bound nothing
    if not cb:
        return False
    return any(n in cb and cb[n] != side for n, side in bounds(message).items())
