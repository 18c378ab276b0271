"""A forecast, a plan or a proposal in the place of the claim's event: another claim.

«Землетрясение магнитудой 7,8 ожидается на востоке Турции» against «… произошло на востоке
Турции», «Госдума рассмотрит закон о запрете криптовалют» against «Госдума приняла закон …»,
«В Минздраве предложили разрешить продажу антибиотиков без рецепта» against «Минздрав разрешил …»,
"Experts predict a 40% rise" against "Prices rose 40%": the sentences share their words, so the
encoder and the lexical features rate them as the same statement (break test b33: plain matches
at 94–97). A message with a word of forecast, plan, proposal or promise the claim lacks is shown at
most as "related" (not a reversal: what it says may still come true). A word in the claim keeps it
(«В Минздраве предложили …» restated is a match).

Russian words by lemma, English by stem; Ukrainian and Belarusian by the beginning of the word as
written (the Russian dictionary does not know their forms). The future tense alone is not read: a
claim's Russian text is not kept in memory, so a claim in the future («пенсионный возраст повысят»)
could not be told from one in the past.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..normalize import word_norm

_RU = frozenset("""
ожидаться ожидать прогноз прогнозировать спрогнозировать предсказать предсказывать предложить предлагать
рассмотреть рассматривать планировать запланировать пообещать обещать собираться намереваться намерить
законопроект""".split())
_EN = frozenset(word_norm(w, "en") for w in """
expected forecast forecasts predicted predicts proposed proposes plans planned promised promises
considering considers intends""".split())
_UKBE = ("очіку", "прогноз", "передбач", "запропон", "пропону", "розгляне", "розглян", "плану", "заплан",
         "пообіця", "обіця", "збира", "чака", "прапан", "разгледз", "абяца", "паабяца")


def plan_words(norms: Iterable[str], surfaces: Iterable[str] = ()) -> set[str]:
    """The words of forecast, plan, proposal or promise among normalised tokens `norms` (and, for a
    Ukrainian or Belarusian text, among its casefolded words as written, `surfaces`)."""
    out = {n for n in norms if n in _RU or n in _EN}
    out.update(s for s in surfaces if s.startswith(_UKBE))
    return out


def planned_only(q_norms: Iterable[str], c_norms: Iterable[str], q_surfaces: Iterable[str] = ()) -> bool:
    """Does the message forecast, plan, propose or promise what the claim states, the claim saying
    none of that? `q_norms`, `c_norms`: normalised tokens; `q_surfaces`: a uk/be message's words as
    written, casefolded."""
    return bool(plan_words(q_norms, q_surfaces)) and not plan_words(c_norms)
