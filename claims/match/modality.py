"""A forecast, a plan or a proposal in the place of the claim's event: another claim.

«Землетрясение магнитудой 7,8 ожидается на востоке Турции» against «… произошло на востоке
Турции», «Госдума рассмотрит закон о запрете криптовалют» against «Госдума приняла закон …»,
«В Минздраве предложили разрешить продажу антибиотиков без рецепта» against «Минздрав разрешил …»,
"Experts predict a 40% rise" against "Prices rose 40%": the sentences share their words, so the
encoder and the lexical features rate them as the same statement (break test b33: plain matches
at 94–97). A message with a word of forecast, plan, proposal or promise the claim lacks, which does not
state the claim's event itself, is shown at most as "related" (not a reversal: what it says may
still come true). A plan word in the claim keeps the match («В Минздраве предложили …» restated),
and so does the claim's verb stated in the past or present beside the plan word («Как и ожидалось,
ЦБ повысил ключевую ставку», "Markets expected a pause, but the Fed raised rates", "…, fulfilling a
campaign promise": break test b34 — an infinitive after the plan word, «предложили разрешить»,
"expected to close", states nothing).

Russian words by lemma, English by stem; Ukrainian and Belarusian by the beginning of the word as
written (the Russian dictionary does not know their forms). The future tense alone is not read: a
claim's Russian text is not kept in memory, so a claim in the future («пенсионный возраст повысят»)
could not be told from one in the past.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..normalize import NEGATIONS, Token, token_kind, word_norm
from .contradiction import INFINITIVE_ENDINGS, aspect_partners
from .segmentation import en_bases

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
    Ukrainian or Belarusian text, among its casefolded words as written, `surfaces`); not one right
    after a negation ("never expected", «никто не ожидал»: a surprise, no forecast; break test b34)."""
    norms = list(norms)
    out = {n for i, n in enumerate(norms) if (n in _RU or n in _EN) and not (i and norms[i - 1] in NEGATIONS)}
    out.update(s for s in surfaces if s.startswith(_UKBE))
    return out


def event_stated(q_tokens: Sequence[Token], c_norms: Sequence[str], lang: str, c_lang: str | None = None) -> bool:
    """Does the message state the claim's event itself? A verb of a Russian claim (or its aspect
    partner) in a form that is no infinitive; a word of an English claim in a past form ("raised",
    "shut"); for a claim in another language than the message (`c_lang`, None: the message's), any
    verb of the message's own that is no plan word, in such a form («Украина запретила …: Рада приняла
    законопроект» against "Ukraine banned …"). `q_tokens`: the message analysed in `lang`; `c_norms`:
    the claim's normalised tokens."""
    across = c_lang is not None and c_lang != lang
    plans = plan_words(t.norm for t in q_tokens)
    if lang == "en":
        pasts = en_bases()
        c_set = set(c_norms)
        return any((t.norm not in plans if across else t.norm in c_set) and t.surface.isascii()
                   and (t.surface.casefold().endswith("ed") or t.surface.casefold() in pasts) for t in q_tokens)
    verbs = {n for n in c_norms if token_kind(n)[0] == "verb"}
    return any(t.kind == "verb" and not t.surface.casefold().endswith(INFINITIVE_ENDINGS)
               and (t.norm not in plans if across
                    else t.norm in verbs or any(aspect_partners(t.norm, v) for v in verbs)) for t in q_tokens)


def planned_only(q_tokens: Sequence[Token], c_norms: Sequence[str], lang: str, q_surfaces: Iterable[str] = (),
                 c_lang: str | None = None) -> bool:
    """Does the message forecast, plan, propose or promise what the claim states, the claim saying
    none of that and the message not stating its event (`event_stated`)? `q_tokens`: the message
    analysed in `lang`; `c_norms`: the claim's normalised tokens (in `c_lang`, None: `lang`);
    `q_surfaces`: a uk/be message's words as written, casefolded."""
    return bool(plan_words((t.norm for t in q_tokens), q_surfaces)) and not plan_words(c_norms) \
        and not event_stated(q_tokens, c_norms, lang, c_lang)
