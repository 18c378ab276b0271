"""Contradiction checks: why a message that resembles a claim may state something else.

Reasons: "negation" (a shared word or a verb negated on one side only: «никогда не был» against
«посетил»), "antonym" (повысил / понизил, открыли / закрыли …: claims/match/data/antonyms.tsv),
"number" (another number of the same kind; numerals in words are numbers after normalisation),
"date" (another date: «15.03.2026», «15/03/2026», «2026-03-15» and «15 марта 2026» are one
date), "roles" (who did what to whom swapped). A hit with a reason is never a plain "match": it
is returned with contradicts=True.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from importlib import resources

from ..normalize import NEGATIONS, Token, token_kind, word_norm

ANTONYMS_FILE = "antonyms.tsv"
MONTHS = {m: i + 1 for i, m in enumerate((
    "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
    "ноябрь", "декабрь"))}
MONTHS.update({m: i + 1 for i, m in enumerate((
    "januari", "februari", "march", "april", "may", "june", "juli", "august", "septemb", "octob",
    "novemb", "decemb"))})
MONTHS.update({m: i + 1 for i, m in enumerate((
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"))})


class AntonymTable:
    """Pairs of opposite word groups, per language, from a TSV file (see claims/match/data/antonyms.tsv).
    `opposed(a_terms, b_terms, lang)` → True when one side uses a word of one group and the other
    side a word of the opposite group, and not also a word of that group itself."""

    def __init__(self) -> None:
        self.pairs: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}
        # optional 4th column: a key naming the pair in every language (cross-language checks)
        self.keyed: dict[str, dict[str, list[tuple[frozenset[str], frozenset[str]]]]] = {}

    @classmethod
    def load(cls, path=None) -> "AntonymTable":
        if path is None:
            text = resources.files("claims.match").joinpath("data", ANTONYMS_FILE).read_text(encoding="utf-8")
        else:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        table = cls()
        for line in text.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                continue
            lang = cols[0].strip()
            sides = []
            for col in cols[1:3]:
                words = {w.strip().casefold() for w in col.split(",") if w.strip()}
                sides.append(frozenset(words | {word_norm(w, lang) for w in words}))
            table.pairs.setdefault(lang, []).append((sides[0], sides[1]))
            key = cols[3].strip() if len(cols) > 3 else ""
            if key:
                table.keyed.setdefault(key, {}).setdefault(lang, []).append((sides[0], sides[1]))
        return table

    def opposed(self, a: set[str], b: set[str], lang: str) -> bool:
        for x, y in self.pairs.get(lang, ()):
            for p, q in ((x, y), (y, x)):
                if a & p and b & q and not (a & q) and not (b & p):
                    return True
        return False


    def opposed_across(self, a: set[str], a_lang: str, b: set[str], b_lang: str) -> bool:
        """`a` (words in a_lang) uses one side of a keyed pair and `b` (in b_lang) the other side
        of the pair with the same key, and neither also uses the side the other one does."""
        for by_lang in self.keyed.values():
            for x1, y1 in by_lang.get(a_lang, ()):
                for x2, y2 in by_lang.get(b_lang, ()):
                    for p1, q1, p2, q2 in ((x1, y1, x2, y2), (y1, x1, y2, x2)):
                        if a & p1 and b & q2 and not (a & q1) and not (b & p2):
                            return True
        return False


_ANTONYMS: AntonymTable | None = None
_ANT_LOCK = threading.Lock()


def default_antonyms() -> AntonymTable:
    """The shipped table, loaded once per process."""
    global _ANTONYMS
    with _ANT_LOCK:
        if _ANTONYMS is None:
            _ANTONYMS = AntonymTable.load()
        return _ANTONYMS


def _is_int(s: str, lo: int, hi: int) -> bool:
    return s.isdigit() and lo <= int(s) <= hi


def dates_in(norms: Sequence[str]) -> tuple[set[tuple[int | None, int, int | None]], set[int]]:
    """Dates in a normalised token sequence as (year or None, month, day or None), and the token
    positions they use. Forms: «15.03» + year (normalised «15.03.2026»), day month year as three
    numbers («15/03/2026» → 15 3 2026), year month day («2026-03-15» → 2026 3 15), day + month
    name [+ year], month name + year («в июне 2024 года»)."""
    out: set[tuple[int | None, int, int | None]] = set()
    used: set[int] = set()
    n = len(norms)
    i = 0
    while i < n:
        t = norms[i]
        nxt = norms[i + 1] if i + 1 < n else ""
        nxt2 = norms[i + 2] if i + 2 < n else ""
        if "." in t and t.count(".") == 1:
            d, m = t.split(".")
            if _is_int(d, 1, 31) and len(m) == 2 and _is_int(m, 1, 12):
                year = int(nxt) if _is_int(nxt, 1900, 2100) else None
                out.add((year, int(m), int(d)))
                used.update(range(i, i + (2 if year else 1)))
                i += 2 if year else 1
                continue
        if _is_int(t, 1, 31) and _is_int(nxt, 1, 12) and _is_int(nxt2, 1900, 2100):
            out.add((int(nxt2), int(nxt), int(t)))
            used.update((i, i + 1, i + 2))
            i += 3
            continue
        if _is_int(t, 1900, 2100) and _is_int(nxt, 1, 12) and _is_int(nxt2, 1, 31):
            out.add((int(t), int(nxt), int(nxt2)))
            used.update((i, i + 1, i + 2))
            i += 3
            continue
        if _is_int(t, 1, 31) and nxt in MONTHS:
            year = int(nxt2) if _is_int(nxt2, 1900, 2100) else None
            out.add((year, MONTHS[nxt], int(t)))
            used.update(range(i, i + (3 if year else 2)))
            i += 3 if year else 2
            continue
        if t in MONTHS and _is_int(nxt, 1900, 2100):        # «в июне 2024 года»: a month, any day
            out.add((int(nxt), MONTHS[t], None))
            used.update((i, i + 1))
            i += 2
            continue
        i += 1
    return out, used


def _same_date(a: tuple, b: tuple) -> bool:
    """Compatible dates: same month, and the same year and day where both give them."""
    return (a[1] == b[1] and (a[0] is None or b[0] is None or a[0] == b[0])
            and (a[2] is None or b[2] is None or a[2] == b[2]))


_YEAR = range(1900, 2101)


# «не станет блокировать»: the auxiliary passes the negation on to the infinitive after it
_AUXILIARIES = frozenset({"стать", "быть"})
# perfective prefixes: «заблокировать» is the perfective partner of «блокировать»
_ASPECT_PREFIXES = ("за", "по", "с", "со", "про", "на", "о", "об", "у", "вы", "от", "раз", "рас",
                    "из", "ис", "при", "под", "пере", "в", "во")


def _aspect_partners(a: str, b: str) -> bool:
    """True when two verb lemmas differ only by a perfective prefix (блокировать / заблокировать)."""
    return a != b and any(a == p + b or b == p + a for p in _ASPECT_PREFIXES)


def _negated(seq: Sequence[tuple[str, str]]) -> set[str]:
    out: set[str] = set()
    for i, (n, k) in enumerate(seq):
        if k == "neg" or n in NEGATIONS:
            for j in (i + 1, i + 2):
                if j < len(seq) and seq[j][1] != "neg" and seq[j][0] not in NEGATIONS:
                    out.add(seq[j][0])
                    if seq[j][0] in _AUXILIARIES and j + 1 < len(seq) and seq[j + 1][1] == "verb":
                        out.add(seq[j + 1][0])
                    break
            if n in ("нет", "no", "none") and i > 0 and seq[i - 1][0] not in NEGATIONS:
                out.add(seq[i - 1][0])
    return out


def _num_classes(nums: Iterable[str]) -> tuple[set[str], set[str]]:
    years, other = set(), set()
    for n in nums:
        try:
            v = float(n)
        except ValueError:
            continue
        (years if v.is_integer() and int(v) in _YEAR else other).add(n)
    return years, other


def contradiction_reasons(q_tokens: Sequence[Token], c_norms: Sequence[str], lang: str = "ru",
                          antonyms: AntonymTable | None = None) -> list[str]:
    """Why a message that resembles a claim may state something else: a subset of ["negation",
    "antonym", "date", "number", "roles"], in that order ([] = nothing found). `q_tokens`: the
    message's analysed tokens; `c_norms`: the claim's normalised tokens; `antonyms` defaults to
    the shipped table."""
    reasons: list[str] = []
    c_info = [(n, *token_kind(n)) for n in c_norms]
    q_seq = [(t.norm, t.kind) for t in q_tokens]
    c_seq = [(n, k) for n, k, _ in c_info]
    q_set = {n for n, _ in q_seq}
    c_set = set(c_norms)
    shared = (q_set & c_set) - NEGATIONS

    # negation: a shared word negated on one side only, or a negated verb on one side only
    qneg, cneg = _negated(q_seq), _negated(c_seq)
    q_has_neg = any(k == "neg" for _, k in q_seq)
    c_has_neg = any(k == "neg" for _, k in c_seq)
    neg = any((t in qneg) != (t in cneg) for t in shared)
    if not neg:   # the same verb in the other aspect, negated on one side only
        q_verbs = {n for n, k in q_seq if k == "verb"}
        c_verbs = {n for n, k in c_seq if k == "verb"}
        neg = any(_aspect_partners(a, b) and (a in qneg) != (b in cneg) for a in q_verbs for b in c_verbs)
    if not neg and q_has_neg != c_has_neg:
        negs = qneg if q_has_neg else cneg
        kinds = {n: k for n, k in (q_seq if q_has_neg else c_seq)}
        neg = any(kinds.get(t) == "verb" for t in negs)
    if neg:
        reasons.append("negation")

    # antonyms: «повысили» where the claim says «понизили» (claims/match/data/antonyms.tsv)
    if antonyms is None:
        antonyms = default_antonyms()
    if antonyms.opposed(q_set, c_set, lang):
        reasons.append("antonym")

    reasons += _date_number_reasons(q_seq, c_seq)

    # roles: who did what (Russian word order + case; sides come from the alias groups)
    if shared and _roles_swapped(q_tokens, c_info, shared):
        reasons.append("roles")
    return reasons


def _digits(n: str) -> str:
    """The significant digits of a number: 44, 44000000000 and 4.4 → "44"; 1.5 and 1500000 → "15"."""
    return n.replace(".", "").strip("0") or "0"


def _date_number_reasons(q_seq: Sequence[tuple[str, str]], c_seq: Sequence[tuple[str, str]],
                         scale_free: bool = False) -> list[str]:
    """["date"] / ["number"] / both / []; `scale_free`: numbers are compared by their significant
    digits (across languages a scale word the reading does not know — «44 мільярди» — leaves 44)."""
    reasons = []
    # dates: any written form is one date; another day or month is a different date
    q_norms = [n for n, _ in q_seq]
    qd, q_used = dates_in(q_norms)
    cd, c_used = dates_in([n for n, _ in c_seq])
    if qd and cd and not any(_same_date(a, b) for a in qd for b in cd):
        reasons.append("date")

    # numbers: a number of the claim is missing and the message has another one of the same kind
    # (the parts of a date are compared as a date above, not as numbers)
    qy, qo = _num_classes(n for i, (n, k) in enumerate(q_seq) if k == "num" and i not in q_used)
    cy, co = _num_classes(n for i, (n, k) in enumerate(c_seq) if k == "num" and i not in c_used)
    if qd and cd:
        qy -= {str(d[0]) for d in qd | cd if d[0]}
        cy -= {str(d[0]) for d in qd | cd if d[0]}
    if scale_free:
        qo, co = {_digits(n) for n in qo}, {_digits(n) for n in co}
    if (co - qo and qo - co) or (cy - qy and qy - cy):
        reasons.append("number")

    return reasons


# negations of Ukrainian and Belarusian that the Russian reading of a message does not mark
_OTHER_NEGATIONS = frozenset({"ні", "ніколи", "ніхто", "ніщо", "ніколі", "нішто", "нiколи"})


def cross_language_reasons(q_tokens: Sequence[Token], q_lang: str, c_norms: Sequence[str], c_lang: str,
                           antonyms: AntonymTable | None = None) -> list[str]:
    """The checks that hold when the message and the claim are in different languages (their
    words cannot be compared): "negation" (one side negated, the other not: "Garlic does not
    protect…" against «Чеснок защищает…»), "antonym" (a word of one side of a pair in the message's
    language against a word of the other side of the same pair in the claim's language: rows of
    antonyms.tsv sharing a key), "date" and "number" (digits and dates read the same in any
    language). `q_tokens`: the message analysed in its own language (`q_lang`); `c_norms`: the
    claim's normalised tokens (`c_lang`)."""
    reasons: list[str] = []
    q_seq = [(t.norm, t.kind) for t in q_tokens]
    c_seq = [(n, k) for n, (k, _) in ((n, token_kind(n)) for n in c_norms)]
    q_neg = any(k == "neg" or n in NEGATIONS or n in _OTHER_NEGATIONS for n, k in q_seq)
    c_neg = any(k == "neg" or n in NEGATIONS for n, k in c_seq)
    if q_neg != c_neg:
        reasons.append("negation")
    if antonyms is None:
        antonyms = default_antonyms()
    if antonyms.opposed_across({n for n, _ in q_seq}, q_lang, set(c_norms), c_lang):
        reasons.append("antonym")
    reasons += _date_number_reasons(q_seq, c_seq, scale_free=True)
    return reasons


def _roles_swapped(q_tokens: Sequence[Token], c_info: Sequence[tuple[str, str, str | None]], shared: set[str]) -> bool:
    verbs = [n for n, k, _ in c_info if k == "verb" and n in shared]
    if not verbs:
        return False
    verb = verbs[0]
    c_pos = next(i for i, (n, _, _) in enumerate(c_info) if n == verb)
    c_ag = {g or n for i, (n, k, g) in enumerate(c_info) if k == "ent" and i < c_pos}
    c_ob = {g or n for i, (n, k, g) in enumerate(c_info) if k == "ent" and i > c_pos}
    q_pos = next((i for i, t in enumerate(q_tokens) if t.norm == verb), None)
    if q_pos is None or not c_ag or not c_ob:
        return False
    q_ag, q_ob = set(), set()
    for i, t in enumerate(q_tokens):
        if t.kind != "ent":
            continue
        g = t.group or t.norm
        if t.case == "nomn":
            q_ag.add(g)
        elif t.case == "obl":
            q_ob.add(g)
        elif i < q_pos:
            q_ag.add(g)
        else:
            q_ob.add(g)
    return bool((c_ag & q_ob) and (c_ob & q_ag) and not (c_ag & q_ag))
