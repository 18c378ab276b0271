"""What both languages score a candidate claim on, and the score (shared by russian.py and english.py)."""

from __future__ import annotations

from dataclasses import dataclass

@dataclass
class _Features:
    n_entities: int = 0
    number: bool = False
    time: bool = False
    past: bool = False
    source: bool = False
    opinion: bool = False  # "по его мнению", "I think": a stance, not a fact
    hedge: bool = False  # "возможно", "probably"
    prediction: bool = False  # future tense, "может", "will"
    scheduled: bool = False  # "запланирован на ...": a future event that can be checked
    plan: bool = False  # an announced commitment ("мэрия проведёт слушания в январе"), claims/extract/kind.py
    evaluation: bool = False  # "важный", "historic"
    question: bool = False
    framing: bool = False  # "X spoke to reporters", «встретился с журналистами»: the occasion, not a claim
    n_words: int = 0

    @property
    def opinion_marker(self) -> bool:
        return self.opinion or self.hedge or (self.prediction and not self.plan) or self.evaluation


def _score(f: _Features) -> float:
    """Additive and deliberately simple, so a fact-checker can see why a claim is in."""
    s = 0.15
    s += 0.1 * min(f.n_entities, 3)
    s += 0.2 if f.number else 0.0
    s += 0.15 if f.time else 0.0
    s += 0.15 if f.past else 0.0
    s += 0.15 if f.source else 0.0
    s -= 0.4 if f.opinion else 0.0
    s -= 0.15 if f.hedge else 0.0
    s -= 0.15 if f.prediction and not (f.scheduled or f.plan) else 0.0
    s += 0.1 if f.plan else 0.0  # a commitment a desk tracks and checks later
    s -= 0.1 if f.evaluation else 0.0
    s -= 0.5 if f.question else 0.0
    s -= 0.5 if f.framing else 0.0
    s -= 0.15 if f.n_words < 5 else 0.0
    return round(min(1.0, max(0.0, s)), 3)


@dataclass
class _Raw:
    text: str
    speaker: str | None
    entities: list[dict]
    features: _Features
    sentence: object = None  # the sentence the claim was cut from (clauses of one sentence share it)


def _add_entity(entities: list[dict], text: str, type_: str) -> None:
    if text and not any(e["text"] == text for e in entities):
        entities.append({"text": text, "type": type_})
