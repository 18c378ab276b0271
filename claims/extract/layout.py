"""Layout of an article: lines, headings and the title, list items; and what both languages share
(the features a claim is scored on, the score, the discourse of named people and sources)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# ---------------------------------------------------------------------------------------
# Layout: headings and title
# ---------------------------------------------------------------------------------------

_CLOSERS = "\"'»”’)]"
_TERMINAL = ".!?…"
_HEADING_MAX_WORDS = 20


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS + " ")[-1:] in _TERMINAL


# A list item: "— ", "- ", "• ", "* ", "1. ", "2)" at the start of a line (digests, briefings).
_LIST_MARKER = re.compile(r"^(?:[—–•*·▪►-]|\d{1,2}[.)])\s+(?=\S)")


def _blocks(text: str) -> list[tuple[str, bool]]:
    """(line, is_heading) pairs, list markers removed (each item of a digest is its own line).

    Lines are split first because razdel glues a heading without a full stop onto the
    next sentence. The first line of a multi-line text is the headline unless it ends
    with a full stop (then the text simply has no title).
    """
    lines = [_LIST_MARKER.sub("", ln.strip()) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    out = []
    for i, line in enumerate(lines):
        is_title = (
            i == 0 and len(lines) > 1 and not line.rstrip(_CLOSERS + " ").endswith((".", ":"))
        )
        is_heading = (
            len(lines) > 1  # a lone line is a submitted claim, not a heading
            and not _ends_sentence(line)
            and not line.endswith(":")  # «Лавров заявил:» introduces the next line
            and len(line.split()) <= _HEADING_MAX_WORDS
        )
        out.append((line, is_title or is_heading))
    return out


# ---------------------------------------------------------------------------------------
# Scoring (shared by both languages)
# ---------------------------------------------------------------------------------------


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


def _as_sentence(text: str) -> str:
    """A clause cut out of a sentence, made to read as one."""
    text = text.strip().strip(",;:—–- ").strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if not _ends_sentence(text):
        text += "."
    return text




class _Discourse:
    """Who has been named so far, for «он», «российский дипломат» and bare surnames."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.gender: dict[str, str | None] = {}
        self.verb_gender: dict[str, str] = {}  # from «заявила»: agreement beats the tagger on rare names
        self.speakers: list[str] = []
        self.orgs: list[str] = []  # organisations named in the text (NER), most recent last
        self.org_speakers: list[str] = []  # organisations and bodies that were quoted

    def mention_org(self, name: str) -> None:
        _move_to_end(self.orgs, name)

    def full(self, name: str) -> str:
        if len(name.split()) == 1:
            for known in reversed(self.names):
                parts = known.split()
                if len(parts) > 1 and parts[-1] == name:
                    return known
        return name

    def mention(self, name: str, gender: str | None) -> str:
        name = self.full(name)
        if name in self.names:
            self.names.remove(name)
        self.names.append(name)
        if gender or name not in self.gender:
            self.gender[name] = gender or self.gender.get(name)
        return name

    def spoke(self, name: str) -> None:
        if name in self.names:
            _move_to_end(self.speakers, name)
        else:
            _move_to_end(self.org_speakers, name)

    def resolve_org(self) -> str | None:
        """«ведомство», "the office": the body quoted last, else the organisation named last."""
        for pool in (self.org_speakers, self.orgs):
            if pool:
                return pool[-1]
        return None

    def resolve(self, gender: str | None) -> str | None:
        """Most recent speaker, else most recent person, agreeing in gender when known."""
        for pool in (self.speakers, self.names):
            for name in reversed(pool):
                g = self.verb_gender.get(name) or self.gender.get(name)
                if gender is None or g is None or g == gender:
                    return name
        return None


def _move_to_end(pool: list[str], name: str) -> None:
    if name in pool:
        pool.remove(name)
    pool.append(name)
