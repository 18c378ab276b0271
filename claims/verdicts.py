"""The verdict scale, in one place: labels in both languages and the schema.org ClaimReview rating."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import InvalidInput


class Verdict(StrEnum):
    UNVERIFIED = "unverified"
    TRUE = "true"
    MOSTLY_TRUE = "mostly_true"
    MIXED = "mixed"
    MISLEADING = "misleading"
    MOSTLY_FALSE = "mostly_false"
    FALSE = "false"
    UNPROVEN = "unproven"


@dataclass(frozen=True)
class VerdictInfo:
    verdict: Verdict
    label_ru: str
    label_en: str
    badge: str
    rating: int | None  # schema.org ratingValue on 1 (false) .. 5 (true); None = no number
    alternate_name: str

    def label(self, lang: str) -> str:
        return self.label_ru if lang == "ru" else self.label_en


VERDICTS: dict[Verdict, VerdictInfo] = {
    v.verdict: v
    for v in (
        VerdictInfo(Verdict.UNVERIFIED, "не проверено", "unverified", "⚪", None, "Unverified"),
        VerdictInfo(Verdict.TRUE, "правда", "true", "🟢", 5, "True"),
        VerdictInfo(Verdict.MOSTLY_TRUE, "в основном правда", "mostly true", "🟢", 4, "Mostly true"),
        VerdictInfo(Verdict.MIXED, "полуправда", "mixed", "🟡", 3, "Mixed"),
        VerdictInfo(Verdict.MISLEADING, "вводит в заблуждение", "misleading", "🟠", 2, "Misleading"),
        VerdictInfo(Verdict.MOSTLY_FALSE, "в основном ложь", "mostly false", "🔴", 2, "Mostly false"),
        VerdictInfo(Verdict.FALSE, "ложь", "false", "🔴", 1, "False"),
        VerdictInfo(Verdict.UNPROVEN, "недоказуемо", "unproven", "⚫", None, "Unproven"),
    )
}

BEST_RATING = 5
WORST_RATING = 1

# Verdicts that state a finding and so need evidence (an approved source) behind them.
NEEDS_EVIDENCE = frozenset(v for v in Verdict if v not in (Verdict.UNVERIFIED, Verdict.UNPROVEN))

_ALIASES = {
    "mostly true": Verdict.MOSTLY_TRUE,
    "mostly false": Verdict.MOSTLY_FALSE,
    "half true": Verdict.MIXED,
    "mixture": Verdict.MIXED,
    "half-true": Verdict.MIXED,
    "pants on fire": Verdict.FALSE,
    "fake": Verdict.FALSE,
    "unsupported": Verdict.UNPROVEN,
    # the words Russian-language desks put in their sheets (Проверено.медиа, «Лапша медиа», …)
    "неправда": Verdict.FALSE,
    "фейк": Verdict.FALSE,
    "скорее правда": Verdict.MOSTLY_TRUE,
    "скорее неправда": Verdict.MOSTLY_FALSE,
    "скорее ложь": Verdict.MOSTLY_FALSE,
    "частично правда": Verdict.MIXED,
    "отчасти правда": Verdict.MIXED,
    "манипуляция": Verdict.MISLEADING,
    "нельзя проверить": Verdict.UNPROVEN,
    "не доказано": Verdict.UNPROVEN,
    "не подтверждено": Verdict.UNPROVEN,
}


def parse_verdict(value: str) -> Verdict:
    """Accept the code, either language's label, or a common fact-checker synonym in English or
    Russian («неправда», «фейк», «манипуляция», «частично правда», …; case, ё, `_` and `-` aside).
    Raises InvalidInput naming the valid codes with their Russian labels."""
    key = " ".join(value.strip().casefold().replace("ё", "е").replace("_", " ").replace("-", " ").split())
    for info in VERDICTS.values():
        if key in (info.verdict.value.replace("_", " "), info.label_ru, info.label_en):
            return info.verdict
    if key in _ALIASES:
        return _ALIASES[key]
    valid = ", ".join(v.value for v in Verdict)
    labelled = ", ".join(f"{v.value} ({VERDICTS[v].label_ru})" for v in Verdict)
    raise InvalidInput(f"unknown verdict {value!r}; valid verdicts: {labelled}", value=value, valid=valid)


def split_verdict(words: list[str]) -> tuple[str, str]:
    """("mostly", "false", "reason", …) → ("mostly false", "reason …"): the longest leading verdict
    (three words, then two), else the first word; ("", "") for no words. The verdict is not checked."""
    for n in (3, 2):
        if len(words) >= n:
            try:
                parse_verdict(" ".join(words[:n]))
                return " ".join(words[:n]), " ".join(words[n:])
            except InvalidInput:
                pass
    return (words[0] if words else ""), " ".join(words[1:])


def info(verdict: str | Verdict) -> VerdictInfo:
    return VERDICTS[Verdict(verdict)]


def known(verdict: str) -> VerdictInfo | None:
    """The scale's entry for a verdict code; None for a code not on the scale."""
    try:
        return VERDICTS[Verdict(verdict)]
    except ValueError:
        return None


def label_of(verdict: str, lang: str) -> str:
    """The verdict's label in `lang` ("ru" or else English); a code not on the scale as itself."""
    found = known(verdict)
    return found.label(lang) if found else verdict
