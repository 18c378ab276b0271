"""Claim extraction from news text: candidate sentences, speakers, entities, check-worthiness, kind.

Russian goes through natasha (syntax + NER) because attribution in Russian news hangs on
grammar (case of the source after «по словам», the subject of «заявил»); English gets a
lighter regex pipeline. Nothing here touches the network, the database or Telegram.

Modules: layout (lines, list items, headings), russian, english, discourse (who was named and
quoted, for «он», «ведомство», "the minister"), scoring (features and the check-worthiness
score), kind (statement or plan, and a plan's date). Rules are tuned on the `dev` articles of
bench/extract_corpus only; bench/bench_extract.py scores them on the `test` articles too.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.errors import InvalidInput
from claims.nlp import NLP, get_nlp
from claims.normalize import detect_language  # noqa: F401  (re-exported: one language detector for the project)

from .english import _english_candidates
from .kind import KINDS, PLAN, STATEMENT, due_phrase
from .layout import _blocks
from .scoring import _score
from .russian import _RussianExtractor

__all__ = ["KINDS", "PLAN", "STATEMENT", "ExtractedClaim", "candidate_sentences", "detect_language",
           "extract_claims"]


@dataclass
class ExtractedClaim:
    text: str  # the claim as written (a sentence or a clause of it), stripped
    speaker: str | None  # nominative attribution («Сергей Лавров»); None if nobody is named
    entities: list[dict]  # [{"text": "Ким Чен Ын", "type": "PER"|"LOC"|"ORG"}, ...]
    checkworthiness: float  # 0..1
    position: int  # 0-based order among the article's candidates
    opinion: bool  # an opinion, evaluation or prediction marker was found
    kind: str = STATEMENT  # "statement" (checkable now) | "plan" (an announced commitment), see kind.py
    due: str | None = None  # a plan's date as the article gave it («в декабре 2027 года»), else None


def extract_claims(
    text: str,
    lang: str | None = None,
    *,
    nlp: NLP | None = None,
    threshold: float = 0.35,
) -> list[ExtractedClaim]:
    """Check-worthy claims in article order.

    `position` is the claim's index among all candidates, so it does not shift when the
    threshold changes.
    """
    return [
        c for c in candidate_sentences(text, lang, nlp=nlp) if c.checkworthiness >= threshold
    ]


def candidate_sentences(
    text: str, lang: str | None = None, *, nlp: NLP | None = None
) -> list[ExtractedClaim]:
    """Every candidate clause with its score, unfiltered, so thresholds can be tuned."""
    if not text or not text.strip():
        return []
    lang = _normalise_lang(lang) if lang else detect_language(text)
    blocks = _blocks(text)
    if lang == "ru":
        raw = _RussianExtractor(nlp or get_nlp()).run(blocks)
    else:
        raw = _english_candidates(blocks)
    return [
        ExtractedClaim(
            text=c.text,
            speaker=c.speaker,
            entities=c.entities,
            checkworthiness=_score(c.features),
            position=i,
            opinion=c.features.opinion_marker,
            kind=PLAN if c.features.plan else STATEMENT,
            due=due_phrase(c.text, lang) if c.features.plan else None,
        )
        for i, c in enumerate(raw)
    ]


def _normalise_lang(lang: str) -> str:
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    if code not in ("ru", "en"):
        raise InvalidInput(f"Unsupported language {lang!r}: only 'ru' and 'en'.", lang=lang)
    return code
