"""Claim kind: `statement` (a fact that can be checked now) or `plan` (an announced commitment).

A plan is a future action somebody committed to — «мэрия проведёт слушания», «итоги будут
подведены в январе», "tenders will be published in March", "we will not raise taxes" — which a
desk tracks and checks when its date comes ("promise tracking"). A forecast is not a plan: a
future hedged («может», "could", "likely"), expected by commentators («аналитики ожидают»,
"analysts expect") or held as an opinion stays a prediction and keeps its lower score. To be a
plan the future also needs an anchor: a date or time, a verb of commitment («пообещал»,
«планируется», "promised", "plans to"), a first-person subject («мы», "we") or a passive future
(«будут подведены», "will be published"). A refusal is no plan («мэрия не планирует …», «не будет
строить», "will not be published", "has no plans to") unless the speakers bind themselves («мы не
будем», "we will not raise taxes"). The rules are written for this project and tuned on the
development articles of bench/extract_corpus only.
"""

from __future__ import annotations

import re

STATEMENT = "statement"
PLAN = "plan"
KINDS = (STATEMENT, PLAN)

RU_COMMIT_LEMMAS = frozenset(
    """
    пообещать обещать планировать планироваться запланировать намереваться намерен собираться
    обязаться гарантировать наметить намечать
    """.split()
)
_RU_FIRST_PERSON = frozenset("мы я".split())
_RU_FORECAST = re.compile(
    r"\bожида\w+|\bпрогноз\w*|\bв\s+будущем\b|\bвероятн\w+|\bвозмож\w+|"
    r"\b(?:аналитик|эксперт|экономист|политолог|синоптик)\w*",
    re.I,
)

_RU_SCHEDULED_WORDS = re.compile(r"\b(?:запланирован|намечен|назначен)\w*", re.I)
_EN_FUTURE = re.compile(
    r"\b(?:will|won[’']t|shall|would|going\s+to|plans?\s+to|planned\s+to|set\s+to|(?:is|are)\s+due\s+to|"
    r"scheduled\s+(?:to|for)|expected\s+to|intends?\s+to|aims?\s+to)\b|\w+[’']ll\b",
    re.I,
)
_EN_COMMIT = re.compile(
    r"\b(?:promised|promises|pledged|pledges|vowed|vows|committed|plans?\s+to|planned|intends?\s+to|"
    r"scheduled|set\s+to)\b",
    re.I,
)
_EN_PASSIVE_FUTURE = re.compile(r"\b(?:will|would)\s+be\s+\w+(?:ed|en|wn|lt|id|ne)\b", re.I)
_EN_REFUSED = re.compile(
    r"\b(?:will\s+not|won[’']t|shall\s+not|(?:does|do|did)\s+not\s+(?:plan|intend|expect)|"
    r"(?:doesn|don|didn)[’']t\s+(?:plan|intend)|(?:has|have)\s+no\s+plans?|not\s+(?:planning|going)\s+to)\b",
    re.I,
)
_EN_FIRST_PERSON = re.compile(r"(?:^|[\"“‘'\s])(?:[Ww]e|I)\s+(?:will|won[’']t|shall|are\s+going|'ll|’ll)\b")
_EN_FORECAST = re.compile(
    r"\b(?:could|might|(?-i:may)|probably|likely|unlikely|possibly|perhaps|forecasts?|predicts?|"
    r"analysts?|economists?|experts?)\b",
    re.I,
)

_RU_MONTHS = (
    r"январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|"
    r"ноябр\w*|декабр\w*"
)
_RU_DUE = re.compile(
    rf"(?:\b(?:до|к|с|со|в|во|на|по|не\s+позднее)\s+)?"
    rf"(?:(?:начал[аеу]|конц[аеу]|середин[аеуы]|перв\w+|втор\w+|трет\w+|четв[её]рт\w+)\s+)?"
    rf"(?:\d{{1,2}}\s+)?\b(?:{_RU_MONTHS}|квартал\w*)\b(?:\s+(?:19|20)\d{{2}}(?:\s+года?)?)?"
    rf"|(?:\b(?:до|к|с|в|во)\s+)?(?:конц[аеу]\s+|начал[аеу]\s+|середин[аеуы]\s+)?(?:19|20)\d{{2}}\s+год\w*"
    rf"|(?:\b(?:до|к|в|на|с)\s+)?(?:конец|начало|конц[аеу]|начал[аеу]|середин\w+)\s+"
    rf"(?:(?:следующ|этого|текущ|будущ|нынешн)\w*\s+)?(?:года|месяца|недели|лета|осени|зимы|весны)"
    rf"|\bв\s+(?:ближайш\w+|следующ\w+|будущ\w+)\s+(?:время|году|месяце|неделе|годы)"
    rf"|\b(?:весной|летом|осенью|зимой)\b|\b(?:завтра|послезавтра)\b",
    re.I,
)
_EN_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
)
_EN_DUE = re.compile(
    rf"\b(?:(?:in|on|by|from|before|until|no\s+later\s+than)\s+)?(?:the\s+(?:end|start|beginning|middle)\s+of\s+)?"
    rf"(?:(?:\d{{1,2}}\s+(?:{_EN_MONTHS})|(?:{_EN_MONTHS})(?:\s+\d{{1,2}})?)(?:,?\s+(?:19|20)\d{{2}})?|(?<![$€£\d])(?:19|20)\d{{2}})\b"
    rf"|\b(?:next|this|later\s+this)\s+(?:week|month|year|spring|summer|autumn|fall|winter)\b"
    rf"|\b(?:tomorrow|soon)\b",
)


def due_phrase(text: str, lang: str) -> str | None:
    """When a plan is due, as the article put it («в декабре 2027 года», "by the end of 2026"), or None.

    The first date-like phrase of the claim; returned as written, not parsed (articles say
    «весной», «в ближайшее время» as often as a day).
    """
    rx = _RU_DUE if lang == "ru" else _EN_DUE
    m = rx.search(text)
    if not m and lang == "ru":
        m = re.search(r"\bв\s+ближайшее\s+время\b", text, re.I)
    return m.group().strip() if m else None


def ru_is_plan(text: str, toks, *, hedged: bool, opinion: bool, has_time: bool, attributed: bool = False) -> bool:
    """A Russian clause announces a commitment (see the module docstring); `attributed`: an
    official said it («Володин сообщил, что введут штрафы»), which anchors a future as a plan.

    `toks` are natasha tokens of the clause (with `lemma`, `pos`, `feats`, `text`).
    """
    if hedged or opinion or _RU_FORECAST.search(text):
        return False
    def negated(i: int) -> bool:
        return i > 0 and toks[i - 1].text.lower() == "не"

    commit = any(t.lemma in RU_COMMIT_LEMMAS and not negated(i) for i, t in enumerate(toks))
    future = False
    first_person = False
    passive_future = False
    refused = False  # «не планирует», «не будет строить»: no commitment (a promise only from «мы не будем»)
    for i, t in enumerate(toks):
        finite = t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin"
        if t.lemma in RU_COMMIT_LEMMAS and negated(i):
            refused = True
        if finite and t.feats.get("Tense") == "Fut" and t.lemma not in ("мочь", "смочь", "стать"):
            if negated(i) and t.feats.get("Person") != "1":  # «мы не закроем»: a promise all the same
                refused = True
                continue
            future = True
            if t.feats.get("Person") == "1":
                first_person = True
        if t.text.lower() in ("будет", "будут", "будем") and not negated(i):
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and (nxt.feats.get("Variant") == "Short" or nxt.feats.get("VerbForm") == "Inf"):
                future = passive_future = True
        if t.text.lower() in _RU_FIRST_PERSON and t.rel in ("nsubj", "nsubj:pass"):
            first_person = True
    if refused and not first_person and not commit and not future:
        return False
    if commit and (future or any(t.feats.get("VerbForm") == "Inf" for t in toks)):
        return True
    if _impersonal_plan(toks):
        return True
    if has_time and _RU_SCHEDULED_WORDS.search(text):
        return True  # «поездка …, запланированная на начало следующей недели»
    return future and (has_time or first_person or passive_future or commit or attributed)


def _impersonal_plan(toks) -> bool:
    """«планируется провести», «предстоит построить»: an impersonal verb of intent with an infinitive."""
    lemmas = {t.lemma for t in toks}
    has_inf = any(t.feats.get("VerbForm") == "Inf" for t in toks)
    return has_inf and bool(lemmas & {"планироваться", "предстоять", "намечаться"})


def en_is_plan(text: str, *, hedged: bool, opinion: bool, has_time: bool, attributed: bool = False) -> bool:
    """An English sentence announces a commitment (see the module docstring); `attributed`: somebody
    said it ("Reed said the money would pay for …"), which anchors a future as a plan."""
    if opinion or _EN_FORECAST.search(text):
        return False
    if not _EN_FUTURE.search(text):
        return False
    if _EN_REFUSED.search(text) and not _EN_FIRST_PERSON.search(text):
        return False  # "will not be published", "does not plan to": no commitment ("we will not …" is one)
    anchored = (has_time or attributed or _EN_COMMIT.search(text) or _EN_FIRST_PERSON.search(text)
                or _EN_PASSIVE_FUTURE.search(text))
    return bool(anchored) and not (hedged and not _EN_COMMIT.search(text))
