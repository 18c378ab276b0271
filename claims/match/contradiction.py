"""Contradiction checks: why a message that resembles a claim may state something else.

Reasons: "negation" (a shared word or a verb negated on one side only: «никогда не был» against
«посетил»), "antonym" (повысил / понизил, открыли / закрыли …: claims/match/data/antonyms.tsv),
"number" (another number of the same kind; numerals in words are numbers after normalisation),
"date" (another date: «15.03.2026», «15/03/2026», «2026-03-15» and «15 марта 2026» are one
date; a month alone, «в мае» against «в июне», is a date too), "period" (another stretch of time
a claim counts over: «за год» against «за месяц», «за 12 месяцев» is «за год»), "roles" (who did what to whom
swapped: «Спартак победил Зенит» / «Зенит победил Спартак», names in any case, known to the
dictionary or not). A hit with a reason is never a plain "match": it is returned with
contradicts=True.

`other_actor` is no reversal but another claim: the message puts another name (person,
organisation, place) where the claim names one («Лукашенко посетил Казань» against «Путин посетил
Казань»); the matcher shows such a hit as "related", never as a plain match, without the flag.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence, Set
from dataclasses import replace
from functools import cache, lru_cache

from rapidfuzz import fuzz

from ..nlp import get_nlp
from ..normalize import (EN_STOP, NEGATIONS, RU_STOP, Token, _en_participle, token_kind, translit_cyr2lat, translit_lat2cyr,
                         ukbe_as_ru, word_known, word_norm)
from .alternatives import default_alternatives
from .english_names import first_word_is_name
from .segmentation import (ASPECT_PREFIXES as _ASPECT_PREFIXES, en_bases as _en_bases, en_past_form, framed_negations,
                           verdict_words)
from .tables import table_rows

ANTONYMS_FILE = "antonyms.tsv"
CONVERSES_FILE = "converses.tsv"
VERBAL_NOUNS_FILE = "verbal_nouns.tsv"
ACTS_FILE = "acts.tsv"
MONTHS = {m: i + 1 for i, m in enumerate((
    "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
    "ноябрь", "декабрь"))}
MONTHS.update({m: i + 1 for i, m in enumerate((
    "januari", "februari", "march", "april", "may", "june", "juli", "august", "septemb", "octob",
    "novemb", "decemb"))})
MONTHS.update({m: i + 1 for i, m in enumerate((
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"))})
# English abbreviations as the stemmer leaves them ("Oct. 25, 2026"); "mar" and "may" are left out
# (a word of their own: "mar" the verb, "may" the modal is handled by the normaliser)
MONTHS.update({"jan": 1, "feb": 2, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
               "nov": 11, "dec": 12})


# Verbs that say something stopped or is not allowed. «больше не продадут» states what «запретили
# продажу» states: a negation on one side only is no reversal when the other side has one of these
# verbs and the negated side has none («не запретили» against «запретили» stays a reversal).
PRIVATIVE_RU = frozenset({
    "запретить", "запрет", "отменить", "отмена", "прекратить", "перестать", "остановить", "приостановить",
    "отказаться", "лишить", "заблокировать", "блокировать", "блокировка", "закрыть", "ликвидировать", "упразднить",
    "снять", "снятой"})     # «снятой»: the lemma the dictionary gives «(запрет) снят», «(блокировка) снята»
PRIVATIVE_EN = ("ban", "banned", "prohibit", "prohibited", "cancel", "cancelled", "stop", "stopped", "halt",
                "halted", "cease", "ceased", "abolish", "abolished", "suspend", "suspended", "block",
                "blocked", "close", "closed", "refuse", "refused", "scrap", "scrapped",
                # what lifts a ban: only ever with another privative («снять» above: "lifted its ban")
                "lift", "lifted", "lifting", "repeal", "repealed", "revoke", "revoked", "rescind", "rescinded",
                "overturn", "overturned", "end", "ended", "ends")


@lru_cache(maxsize=1)
def _privative() -> frozenset[str]:
    return PRIVATIVE_RU | {word_norm(w, "en") for w in PRIVATIVE_EN} | frozenset(PRIVATIVE_EN)


class _Side:
    """One side of an antonym pair: normalised words, and word beginnings («підвищ*») that a
    message word as written (casefolded) may start with — Ukrainian and Belarusian forms, which
    the Russian lemmatiser cannot read."""

    __slots__ = ("words", "prefixes")

    def __init__(self, words: frozenset[str], prefixes: tuple[str, ...]) -> None:
        self.words = words
        self.prefixes = prefixes

    def used(self, norms: set[str], surfaces: Iterable[str] = ()) -> bool:
        if not norms.isdisjoint(self.words):
            return True
        return bool(self.prefixes) and any(w.startswith(self.prefixes) for w in surfaces)


def _surface_forms(tokens: Sequence[Token]) -> list[str]:
    return [t.surface.casefold().replace("’", "'").replace("ʼ", "'") for t in tokens if t.surface]


class AntonymTable:
    """Pairs of opposite word groups, per language, from a TSV file (see claims/match/data/antonyms.tsv).
    `opposed(a_terms, b_terms, lang)` → True when one side uses a word of one group and the other
    side a word of the opposite group, and not also a word of that group itself. A word ending in
    "*" is a beginning of written words (Ukrainian, Belarusian: «знизи*»), checked against a
    message's words as written."""

    def __init__(self) -> None:
        self.pairs: dict[str, list[tuple[_Side, _Side]]] = {}
        # optional 4th column: a key naming the pair in every language (cross-language checks)
        self.keyed: dict[str, dict[str, list[tuple[_Side, _Side]]]] = {}

    @classmethod
    def load(cls, path=None, name: str = ANTONYMS_FILE) -> "AntonymTable":
        """The table in `path`, else the shipped claims/match/data/`name` (antonyms.tsv, or
        converses.tsv: `default_converses`); OSError when `path` cannot be read."""
        table = cls()
        for cols in table_rows(name, path):
            lang = cols[0].strip()
            sides = []
            for col in cols[1:3]:
                items = [w.strip().casefold().replace("’", "'") for w in col.split(",") if w.strip()]
                prefixes = tuple(w[:-1] for w in items if w.endswith("*") and len(w) > 3)
                words = {w for w in items if not w.endswith("*")}
                norm_lang = lang if lang in ("ru", "en") else "ru"
                sides.append(_Side(frozenset(words | {word_norm(w, norm_lang) for w in words}), prefixes))
            table.pairs.setdefault(lang, []).append((sides[0], sides[1]))
            key = cols[3].strip() if len(cols) > 3 else ""
            if key:
                table.keyed.setdefault(key, {}).setdefault(lang, []).append((sides[0], sides[1]))
        return table

    def words(self, lang: str) -> frozenset[str]:
        """Every (normalised) word of `lang`'s rows, either side."""
        return frozenset(w for x, y in self.pairs.get(lang, ()) for w in x.words | y.words)

    def opposed_written(self, a: Sequence[Token], b: Sequence[Token], lang: str) -> bool:
        """`opposed` for two texts written in one language whose rows are word beginnings (uk, be:
        «Кабмін знизив пенсії» against «Кабмін підвищив пенсії»): `a`, `b` their tokens (`analyze`),
        read by their words as written too."""
        return self.opposed({t.norm for t in a}, {t.norm for t in b}, lang, _surface_forms(a), _surface_forms(b))

    def opposed(self, a: set[str], b: set[str], lang: str,
                a_surfaces: Sequence[str] = (), b_surfaces: Sequence[str] = ()) -> bool:
        """`a` uses a word of one side of a pair of `lang` and `b` one of the other side, neither
        also one of the side the other uses; `a_surfaces`, `b_surfaces`: their words as written,
        read against the rows' word beginnings (uk, be: `opposed_written`)."""
        for x, y in self.pairs.get(lang, ()):
            a_x, a_y = x.used(a, a_surfaces), y.used(a, a_surfaces)
            if a_x == a_y:
                continue
            b_x, b_y = x.used(b, b_surfaces), y.used(b, b_surfaces)
            if (a_x and b_y and not b_x) or (a_y and b_x and not b_y):
                return True
        return False

    def opposed_written_across(self, a: Sequence[Token], a_lang: str, b: Sequence[Token], b_lang: str) -> bool:
        """Two texts in two languages (uk, be, ru), each read by its own language's rows, by their
        words as written too: `a` uses one side of a keyed pair and `b` the other side of the pair
        with the same key, neither also the side the other uses («Зеленський звільнив …» against
        «Зяленскі прызначыў …»: appoint_dismiss)."""
        a_n, b_n = {t.norm for t in a}, {t.norm for t in b}
        a_s, b_s = _surface_forms(a), _surface_forms(b)
        for by_lang in self.keyed.values():
            for x1, y1 in by_lang.get(a_lang, ()):
                for x2, y2 in by_lang.get(b_lang, ()):
                    for p1, q1, p2, q2 in ((x1, y1, x2, y2), (y1, x1, y2, x2)):
                        if (p1.used(a_n, a_s) and q2.used(b_n, b_s) and not q1.used(a_n, a_s)
                                and not p2.used(b_n, b_s)):
                            return True
        return False

    def opposed_across(self, a: set[str], a_lang: str, b: set[str], b_lang: str,
                       a_surfaces: Sequence[str] = (), a_own: str | None = None) -> bool:
        """`a` (words in a_lang) uses one side of a keyed pair and `b` (in b_lang) the other side
        of the pair with the same key, and neither also uses the side the other one does.
        `a_own`: the language `a` is written in when it was read as `a_lang` (a Ukrainian or
        Belarusian message read as Russian): that language's rows are checked too, against
        `a_surfaces` (its words as written, casefolded)."""
        langs = [a_lang] + ([a_own] if a_own and a_own != a_lang else [])
        for by_lang in self.keyed.values():
            for lg in langs:
                surf = a_surfaces if lg == a_own else ()
                for x1, y1 in by_lang.get(lg, ()):
                    for x2, y2 in by_lang.get(b_lang, ()):
                        for p1, q1, p2, q2 in ((x1, y1, x2, y2), (y1, x1, y2, x2)):
                            if (p1.used(a, surf) and q2.used(b) and not q1.used(a, surf)
                                    and not p2.used(b)):
                                return True
        return False


@cache
def default_antonyms() -> AntonymTable:
    """The shipped table, loaded once per process."""
    return AntonymTable.load()


@cache
def default_converses() -> AntonymTable:
    """The shipped table of converse verbs (claims/match/data/converses.tsv: «проиграть» /
    «обыграть», «продать» / «купить»: the same event told from the other participant's side),
    loaded once per process; read with `AntonymTable.opposed`."""
    return AntonymTable.load(name=CONVERSES_FILE)


def _is_int(s: str, lo: int, hi: int) -> bool:
    return s.isdigit() and lo <= int(s) <= hi


def dates_in(norms: Sequence[str]) -> tuple[set[tuple[int | None, int, int | None]], set[int]]:
    """Dates in a normalised token sequence as (year or None, month, day or None), and the token
    positions they use. Forms: «15.03» + year (normalised «15.03.2026»), day month year as three
    numbers («15/03/2026» → 15 3 2026), year month day («2026-03-15» → 2026 3 15), day + month
    name [+ year], month name + day + year ("October 25, 2026", "Oct. 25 2026"), month name + year («в июне 2024 года»), a month name alone (year and day None)."""
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
        if t in MONTHS and _is_int(nxt, 1, 31) and _is_int(nxt2, 1900, 2100):
            # the English order "October 25, 2026" (a number before it is no day of it: "to 16% on
            # October 25, 2026" was read as 16 October)
            out.add((int(nxt2), MONTHS[t], int(nxt)))
            used.update((i, i + 1, i + 2))
            i += 3
            continue
        if _is_int(t, 1, 31) and nxt in MONTHS and not (_is_int(nxt2, 1, 31) and i + 3 < n
                                                        and _is_int(norms[i + 3], 1900, 2100)):
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
    # a month alone («в мае», "in May"): a date of any day and year; the English stem "march" is
    # also the verb, so alone it is no date
    for i, t in enumerate(norms):
        if t in MONTHS and i not in used and t != "march":
            out.add((None, MONTHS[t], None))
            used.add(i)
    return out, used


def _same_date(a: tuple, b: tuple) -> bool:
    """Compatible dates: same month, and the same year and day where both give them."""
    return (a[1] == b[1] and (a[0] is None or b[0] is None or a[0] == b[0])
            and (a[2] is None or b[2] is None or a[2] == b[2]))


_YEAR = range(1900, 2101)


# «не станет блокировать», «не смог обыграть», «не сумел», «не успел»: the auxiliary or modal passes the negation on
# to the infinitive after it (break31: «ЦСКА не смог обыграть «Локомотив»» was a plain match of «ЦСКА обыграл …»)
_AUXILIARIES = frozenset({"стать", "быть", "смочь", "суметь", "успеть", "удаться",
                          "нужно", "должный", "обязать", "прийтись"})   # «не нужно платить» negates «платить» (b34)


def aspect_partners(a: str, b: str) -> bool:
    """True when two verb lemmas differ only by a perfective prefix (блокировать / заблокировать) or are an
    imperfective in «-ывать» and its perfective in «-ыть» (`_suffix_partner`: закрывать / закрыть)."""
    return a != b and (any(a == p + b or b == p + a for p in _ASPECT_PREFIXES)
                       or _suffix_partner(a) == b or _suffix_partner(b) == a)


def _suffix_partner(a: str) -> str | None:
    """The perfective partner of an imperfective lemma in «-ывать» whose perfective ends in «-ыть» («закрывать» →
    «закрыть», «открывать» → «открыть», «скрываться» → «скрыться»), which the normaliser does not fold
    (`claims.normalize._perfective` folds «-ывать»/«-ивать» onto «-ать»/«-ить»/«-ять» only): «Финляндия не закрывала
    границу» was a plain match of «Финляндия закрыла границу» (break30). None for any other word."""
    refl = a[-2:] if a.endswith(("ся", "сь")) else ""
    base = a[:-2] if refl else a
    return base[:-5] + "ыть" + refl if base.endswith("ывать") and len(base) > 7 else None


def _has_partner(a: str, words: Set[str]) -> bool:
    """Is some word of `words` an aspect partner of `a` (`aspect_partners`)? Looked up by prefix in
    the set: 2·len(_ASPECT_PREFIXES) look-ups, not a comparison with every word of it (a post has
    ~200 words, and pairing each with every privative word took 26–53 ms a post: bench/RESULTS.md,
    speed10f)."""
    for p in _ASPECT_PREFIXES:
        if p + a in words or (a.startswith(p) and a[len(p):] in words):
            return True
    return (partner := _suffix_partner(a)) is not None and partner in words


def _with_partners(words: set[str], priv: frozenset[str]) -> set[str]:
    """The privative words of `words`, a verb whose aspect partner is privative included: «не будет
    блокировать» negates the «заблокирует» of the other side, it does not state it as «больше не
    продадут» states «запретили продажу»."""
    return {w for w in words if w in priv or _has_partner(w, priv)}


_VERDICT_NEGATORS = frozenset({"не", "ні", "ня", "not", "no"})


# negated, words of doubt or jest emphasise: «і це не жарт», "no joke", "no kidding", "no doubt",
# "no question", "no one can deny"
_EMPHATIC = frozenset({"жарт", "шутка", "joke", "kid", "doubt", "question", "deni", "сомнение", "сумнів"})


def _affirmed(norms: Sequence[str]) -> set[int]:
    """Indices of `norms` (normalised words) that negate a word calling something false, and of that
    word: «это не фейк», «це не міф», "not a myth", "no lie" state what they are said of, they negate
    nothing; nor do the negations of an emphasis (`_EMPHATIC`, one word between allowed: "no one can
    deny")."""
    out: set[int] = set()
    for i in range(len(norms) - 1):
        if norms[i] in _VERDICT_NEGATORS and verdict_words((norms[i + 1],)):
            out.update((i, i + 1))
        elif norms[i] in _VERDICT_NEGATORS:
            j = next((j for j in (i + 1, i + 2) if j < len(norms) and norms[j] in _EMPHATIC), None)
            if j is not None:
                out.update((i, j))
    return out


def _unaffirmed(seq: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`seq` ((norm, kind) pairs) without the pairs of `_affirmed`, a refusal to do something read as its
    negation (`_refusals_negated`)."""
    drop = _affirmed([n for n, _ in seq])
    return _refusals_negated([x for k, x in enumerate(seq) if k not in drop] if drop else seq)


# a refusal or failure to do what the next verb says is its negation: «Финляндия отказалась повышать пенсионный
# возраст» against «… повысила …», "Finland refused to raise …", "CSKA failed to beat …" (break31). Russian:
# before a verb only («отказался от запрета» lifts a ban: the privative checks read it); English stems carry no
# kind, so the word after; not "declin" (a fall: antonyms.tsv)
_REFUSALS = {"отказаться": "не", "отказываться": "не", "refus": "not", "fail": "not"}


def _refusals_negated(seq: list[tuple[str, str]]) -> list[tuple[str, str]]:
    if not any(n in _REFUSALS for n, _ in seq):
        return seq
    return [(_REFUSALS[n], "neg") if n in _REFUSALS and k + 1 < len(seq)
            and (seq[k + 1][1] == "verb" or _REFUSALS[n] == "not" and seq[k + 1][1] == "w") else (n, kind)
            for k, (n, kind) in enumerate(seq)]


@lru_cache(maxsize=1)
def _en_base_forms() -> frozenset[str]:
    """The base forms of `_en_bases` ("sell", "buy" …)."""
    return frozenset(_en_bases().values())


# «никакой» negates the noun after it when a negation follows: «Никакого запрета на продажу … не было» against «…
# запретил продажу …» (the «не» stands after the nouns, and «было» is no word of the analysis; break30)
_NONE_DET = frozenset({"никакой", "ніякий", "жодний", "жоден", "ніякі", "ніякая"})


def _negated(seq: Sequence[tuple[str, str]]) -> set[str]:
    out: set[str] = set()
    for i, (n, k) in enumerate(seq):
        if (n in _NONE_DET and i + 1 < len(seq) and seq[i + 1][1] != "neg" and seq[i + 1][0] not in NEGATIONS
                and any((k2 == "neg" or n2 in NEGATIONS) and (j + 1 >= len(seq) or seq[j + 1][1] != "verb")
                        for j, (n2, k2) in enumerate(seq[i + 2:], i + 2))):
            # only with the «не» / «нет» that makes it a denial, one of being («не было», «нет»: no verb
            # after it): «Никаких энергетиков для подростков: Минздрав запретил их продажу» heads the claim
            # (break test b30d); in «никаким подросткам их больше не продадут» the «не» is the verb's (r2)
            out.add(seq[i + 1][0])
        if k == "neg" or n in NEGATIONS:
            for j in (i + 1, i + 2):
                if j < len(seq) and seq[j][1] != "neg" and seq[j][0] not in NEGATIONS:
                    out.add(seq[j][0])
                    if seq[j][0] in _AUXILIARIES and j + 1 < len(seq) and seq[j + 1][1] == "verb":
                        out.add(seq[j + 1][0])
                    if seq[j][0] in _NONE_DET and j + 1 < len(seq):
                        out.add(seq[j + 1][0])     # «не было никакого землетрясения» (break test b41)
                    break
            if n in ("нет", "неа", "no", "nope", "none") and i > 0 and seq[i - 1][0] not in NEGATIONS:
                out.add(seq[i - 1][0])
    return out


_STRETCH_MARGIN = 3     # tokens either side of the shared words a negation may stand at


def _claim_stretch(seq: Sequence[tuple[str, str]], shared: set[str]) -> Sequence[tuple[str, str]]:
    """The tokens of `seq` from its first shared word to its last, `_STRETCH_MARGIN` tokens wider
    either side (the whole of `seq` when it shares no word)."""
    pos = [i for i, (n, _) in enumerate(seq) if n in shared]
    if not pos:
        return seq
    return seq[max(0, pos[0] - _STRETCH_MARGIN):pos[-1] + _STRETCH_MARGIN + 1]


def _verbs_stated(neg_side: Sequence[tuple[str, str]], plain_side: Sequence[tuple[str, str]]) -> bool:
    """Does the negated side state every verb of the plain side (the same lemma or its aspect
    partner), none of them negated? (Then its negation is about another verb of its own.)"""
    verbs = {n for n, k in plain_side if k == "verb"}
    if not verbs:
        return False
    negated = _negated(neg_side)
    mine = {n for n, k in neg_side if k == "verb"}
    for v in verbs:
        said = [m for m in mine if m == v or aspect_partners(m, v)]
        # (stated in one aspect, negated in the other, is stated: «закрыла границу, хотя прежде её не
        # закрывала» — the «не» is of another time; break test r2)
        if not said or all(m in negated for m in said):
            return False
    return True


def _en_negated_verbs(tokens: Sequence[Token], shared: Set[str], c_norms: Sequence[str]) -> set[str]:
    """The normalised English words a negation makes verbs of, where it stands between words the
    message shares with the claim (`shared`; before them it frames the sentence: "Officials have
    never been clearer: X", "Fans never imagined it, but X"; after them it is a clause of its own:
    "Garlic protects against COVID, which doctors have not admitted"), and only when the message
    does not say every word of the claim (`c_norms`; "Germany, which had never allowed it,
    legalized cannabis" states the claim; break test b34): the word after "never" ("has never
    performed", "will never perform"), a past form after "not" ("was not arrested", "has not
    visited"; a base form after "not" is left out: "don't get sick" leaves "not sick", advice, as
    "didn't perform" leaves "not perform")."""
    if set(c_norms) <= {t.norm for t in tokens}:
        return set()
    at = [i for i, t in enumerate(tokens) if t.norm in shared]
    if not at:
        return set()
    out: set[str] = set()
    for i in range(at[0] + 1, at[-1]):
        t, nxt = tokens[i], tokens[i + 1]
        if t.norm in ("never", "not") and nxt.kind != "neg" and nxt.norm not in _EMPHATIC and (
                t.norm == "never" or en_past_form(nxt.surface.casefold())):
            out.add(nxt.norm)
    return out


@lru_cache(maxsize=8_192)
def _imperative(surface: str) -> bool:
    """A Russian verb form that can only be an imperative («болейте», «верьте», «ешьте»; not
    «держите» or «получите», which are also «вы держите», «вы получите»)."""
    try:
        verbs = [p for p in get_nlp().morph.parse(surface.casefold()) if p.tag.POS == "VERB"]
    except Exception:  # noqa: BLE001 - no dictionary: not an imperative
        return False
    return bool(verbs) and all(p.tag.mood == "impr" for p in verbs)


def _exhortations(tokens: Sequence[Token]) -> set[str]:
    """The verb lemmas a message uses only as imperatives: a «не» on one («ешьте чеснок и не
    болейте») is advice to the reader, not a negation of what the message states."""
    forms: dict[str, bool] = {}
    for t in tokens:
        if t.kind == "verb":
            forms[t.norm] = forms.get(t.norm, True) and bool(t.surface) and _imperative(t.surface)
    return {n for n, only in forms.items() if only and not _DISBELIEF_RE.match(n)}


# the verbs of a negated imperative that warns about what the message says, not advice to the reader:
# «…, не верьте», «не вірте», «не верце», «не слушайте», «не распространяйте», "Don't believe it",
# "don't share this" — the message then denies its claim (a negation, as «… — это неправда» would)
_DISBELIEF_EN = "believe|trust|buy|fall|listen|share|spread|forward|repost"
_DISBELIEF_RE = re.compile(r"(?:(?:по|до|па)?(?:верь|вер[иі]т|верц|вір(?:те)?$|вер$)|довер|давяр|слуш|слух"
                           r"|распростран|поширю|распаўсюдж|пересыл|пересил|перасыл|репост|вед[иі]т[еь]с"
                           r"|%s)" % _DISBELIEF_EN, re.IGNORECASE)


_PRIVATIVE_POS = frozenset({"NOUN", "ADJF", "ADJS", "ADVB"})


# a risk raised is a cause, a risk lowered a protection: «Чеснок повышает риск заражения» against «Чеснок
# защищает от заражения» (break test b38: a plain match at 85); the words of antonyms.tsv's cause_prevent row
_RISK = frozenset({"риск", "risk", "вероятность", "опасность"})
_RISK_UP = frozenset({"повысить", "увеличить", "поднять", "increas", "rais", "boost", "doubl"})
_RISK_DOWN = frozenset({"снизить", "уменьшить", "понизить", "сократить", "reduc", "lower", "cut", "decreas"})


def _risk_read(seq: Sequence[tuple[str, str]], words: Set[str]) -> Set[str]:
    """`words` (a side's normalised words, `seq` in order) with «вызывать» / "caus" added for a risk
    raised and «предотвращать» / "prevent" for one lowered (`_RISK`, `_RISK_UP`, `_RISK_DOWN`)."""
    if not words & _RISK:
        return words
    extra: set[str] = set()
    for i in range(1, len(seq)):
        if seq[i][0] in _RISK:
            prev = seq[i - 1][0]
            if prev in _RISK_UP:
                extra.add("caus" if prev.isascii() else "вызывать")
            elif prev in _RISK_DOWN:
                extra.add("prevent" if prev.isascii() else "предотвращать")
    return words | extra if extra else words


# verbs that keep what follows from happening: «Чеснок защищает от заражения коронавирусом» says what «С
# чесноком коронавирусом не заразишься» says (break test b38: flagged "negation")
_PROTECTIVE = frozenset("""защищать защитить предотвращать предотвратить предохранять предохранить уберечь
оберегать спасать спасти protect prevent""".split())


# catching an illness, whatever it is («не заразишься гриппом», «не заболеешь», "won't catch the flu")
_CATCH = ("зараз", "заболе", "подхват", "infect", "catch", "caught")


def _protected_from(plain_seq: Sequence[tuple[str, str]], negated: Set[str]) -> bool:
    """Does the plain side keep from happening what the other side negates: a word after a verb of
    `_PROTECTIVE` sharing its first four letters (and the length of a word) with a negated word
    («от заражения» / «не заразишься», "prevents infection" / "won't infect"), or negates catching what
    follows that verb (`_CATCH`: «от гриппа» / «гриппом не заразишься»)?"""
    i = next((k for k, (n, _) in enumerate(plain_seq) if n in _PROTECTIVE), None)
    if i is None:
        return False
    after = [n for n, _ in plain_seq[i + 1:] if len(n) >= 5]
    if after and any(w.startswith(_CATCH) for w in negated):
        return True     # «Имбирь защищает от гриппа» / «С имбирём гриппом не заразишься» (break test b41)
    return any(len(w) >= 5 and w not in _PROTECTIVE and any(w[:4] == n[:4] for n in after) for w in negated)


@lru_cache(maxsize=8_192)
def _privative_word(lemma: str) -> bool:
    """A Russian noun, adjective or adverb whose prefix says "without" or "not": «бесплодие»,
    «безработица», «бесплатный», «невозможный» (not «беседа», «невеста», «небоскрёб»: «не» counts
    on an adjective or adverb, before a word the dictionary reads as the same part of speech)."""
    if len(lemma) < 7 or not ("а" <= lemma[0] <= "я"):
        return False
    try:
        morph = get_nlp().morph
        tag = morph.parse(lemma)[0].tag
    except Exception:  # pragma: no cover - no dictionary: no privative words
        return False
    if tag.POS not in _PRIVATIVE_POS:
        return False
    if lemma.startswith(("бес", "без")):
        return not lemma.startswith(("бесед", "беси", "бесн", "бесов"))    # беседа, бесить: no prefix
    if lemma.startswith("не") and tag.POS != "NOUN":     # «невеста», «нефть»: no prefix
        rest = lemma[2:]
        return morph.word_is_known(rest) and morph.parse(rest)[0].tag.POS == tag.POS
    return False


def _num_classes(nums: Iterable[str]) -> tuple[set[str], Counter[str]]:
    """(years, other numbers) of normalised number tokens; the other numbers counted, so that a score
    is compared as one: «вничью 2:2» against «со счётом 5:2» (break test b33) lacks the 5 and says 2
    once more."""
    years, other = set(), Counter()
    for n in nums:
        try:
            v = float(n)
        except ValueError:
            continue
        if v.is_integer() and int(v) in _YEAR:
            years.add(n)
        else:
            other[n] += 1
    return years, other


LIFT_SPAN = 2    # «отменили запрет», «запрет на продажу отменили»: two privatives this close lift a ban
NOUN_LIFT_SPAN = 6  # «Блокировку Instagram в России сняли»: tokens at most from a privative noun to what lifts it


def _same_act(noun: str, verb: str) -> bool:
    """Is `noun` the action of `verb` or of its partner without a perfective prefix (`_noun_of_verb`: «блокировка»
    of «заблокировать»)?"""
    return _noun_of_verb(noun, verb) or any(
        verb.startswith(p) and _noun_of_verb(noun, verb[len(p):]) for p in _ASPECT_PREFIXES)


def _lifted_after(seq: Sequence[tuple[str, str]], i: int, priv: frozenset[str]) -> bool:
    """Is the privative noun seq[i] lifted by the first verb or privative after it, within NOUN_LIFT_SPAN tokens
    and no other verb between: another privative («Блокировку Instagram в России сняли», «Блокировка … снята»,
    «Запрет на продажу алкоголя в Москве отменили»), not its own verb («Блокировку … заблокировали»; break29f)?"""
    noun = seq[i][0]
    for w, k in seq[i + 1:i + 1 + NOUN_LIFT_SPAN]:
        if w in priv:
            return w != noun and not _same_act(noun, w)
        if k == "verb":
            return False
    return False


def _polarity(seq: Sequence[tuple[str, str]], priv: frozenset[str]) -> tuple[bool, bool]:
    """(reversed, negated) of a stretch of tokens that holds privative words (PRIVATIVE_RU/EN):
    `reversed` when two different privatives stand within LIFT_SPAN tokens of each other (the
    second undoes the first: «отменили запрет» lifts the ban «запретили» states), flipped again by
    a negation of a privative («не отменили запрет» keeps the ban); `negated` when a privative is
    negated («не запретили»)."""
    pos = [(i, w) for i, (w, _) in enumerate(seq) if w in priv]
    # (not two verbs: "Latvia revoked their permits and banned cars …" bans; break test b34)
    lift = any(w != v and 0 < j - i <= LIFT_SPAN and "w" in (seq[i][1], seq[j][1])
               for i, w in pos for j, v in pos) or any(seq[i][1] != "verb" and _lifted_after(seq, i, priv) for i, _ in pos)
    negated = bool({w for _, w in pos} & _negated(seq))
    return lift != negated, negated


_VERB_ENDINGS = ("ить", "ать", "ять", "еть", "уть", "ыть", "оть", "ти", "чь")
# a verb stem's last consonant as the noun of the action may have it («повыс-ить» → «повыш-ение»,
# «посет-ить» → «посещ-ение», «запуст-ить» → «запуск»)
_ALTERNATIONS = {"с": ("ш",), "з": ("ж",), "т": ("ч", "щ"), "д": ("ж", "жд"), "ст": ("щ", "ск"),
                 "в": ("вл",), "п": ("пл",), "б": ("бл",), "м": ("мл",), "к": ("ч",), "г": ("ж",)}


def _noun_of_verb(noun: str, verb: str) -> bool:
    """Is `noun` (a lemma) the action of `verb` (a Russian infinitive lemma)? «увольнение» of
    «уволить», «повышение» of «повысить», «продажа» of «продать», «посещение» of «посетить»; not
    «продажа» of «продлить». By the verb's stem (≥ 3 letters, its last consonant alternating)."""
    if noun == verb or not verb.endswith(_VERB_ENDINGS):
        return False
    stem = next(verb[:-len(e)] for e in _VERB_ENDINGS if verb.endswith(e))
    if len(stem) < 3:
        return False
    if noun.startswith(stem):
        return True
    for tail, alts in _ALTERNATIONS.items():
        if stem.endswith(tail) and any(noun.startswith(stem[:-len(tail)] + a) for a in alts):
            return True
    return False


def _action_undone(q_seq: Sequence[tuple[str, str]], c_seq: Sequence[tuple[str, str]],
                   priv: frozenset[str]) -> bool:
    """Does the message cancel, ban or stop the claim's own action? A privative word within
    LIFT_SPAN tokens before the noun of a (non-privative) verb of the claim, or within NOUN_LIFT_SPAN
    after it with no verb between (the noun by its stem or by verbal_nouns.tsv): «отменил увольнение»
    against «уволит», «отказались от повышения» against «повысило», «Визит … отменили» against
    «посетил»."""
    verbs = [n for n, k in c_seq if k == "verb" and n not in priv]
    if not verbs:
        return False
    q_verbs = {n for n, k in q_seq if k == "verb"}
    if any(v == m or aspect_partners(v, m) for v in verbs for m in q_verbs):
        return False        # the claim's act said: «Папа Римский посетил Москву, отменив визит в Киев» (b36)
    table = _act_nouns("ru")

    def act_of(n: str) -> bool:
        return any(_noun_of_verb(n, v) or v in table.get(n, ()) for v in verbs)

    for i, (w, _) in enumerate(q_seq):
        if w in priv:
            for n, k in q_seq[i + 1:i + 1 + LIFT_SPAN]:
                if k != "verb" and act_of(n):
                    return True
            # the noun before what cancels it, no verb between («Визит Си Цзиньпина в Новосибирск
            # отменили» against «… посетил Новосибирск»; break test b33)
            if any(act_of(n) for n, _ in _back_to_verb(q_seq, i)):
                return True
    return False


def _back_to_verb(seq: Sequence[tuple[str, str]], i: int) -> list[tuple[str, str]]:
    """The tokens before seq[i], nearest first, up to NOUN_LIFT_SPAN of them and not past a verb: what a
    privative after them may undo («Визит … отменили», «Концерт … отменён»)."""
    out = []
    for n, k in reversed(seq[max(0, i - NOUN_LIFT_SPAN):i]):
        if k == "verb":
            break
        out.append((n, k))
    return out


INFINITIVE_ENDINGS = ("ть", "ти", "чь", "ться", "тись", "чься")


def _ban_said_alone(q_seq: Sequence[tuple[str, str]], own: Set[str] | None, priv: frozenset[str],
                    shared: Set[str] = frozenset()) -> bool:
    """Does the message say a privative verb — one of `own` (the claim's privatives; None: any) — with
    no other privative right before or after it, and (given `shared`, the words both sides have) one of
    the claim's words within LIFT_SPAN + 2 after it: the claim's ban stated, whatever it lifts elsewhere
    ("India banned rice exports weeks after lifting a ban on onion exports", «Через год после отмены
    моратория в Казахстане запретили продажу …»; break tests b34, b36); not a ban of another thing
    («… отменили запрет на продажу энергетиков и запретили вейпы»; b37)?"""
    for i, (n, k) in enumerate(q_seq):
        if k == "verb" and n in priv and (own is None or n in own) and not any(
                w in priv for w, _ in list(q_seq[max(0, i - 1):i]) + list(q_seq[i + 1:i + 2])) and (
                not shared or _shared_before_privative(q_seq[i + 1:i + 3 + LIFT_SPAN], shared, priv)):
            return True
    return False


def _shared_before_privative(seq: Sequence[tuple[str, str]], shared: Set[str], priv: frozenset[str]) -> bool:
    """Does a word of `shared` come in `seq` before any privative («запретили вейпы и отменили запрет на
    продажу …»: the ban is of another thing)?"""
    for w, _ in seq:
        if w in priv:
            return False
        if w in shared:
            return True
    return False


def _en_verbs_marked(tokens: Sequence[Token], seq: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`seq` (the (norm, kind) of `tokens`, one for one) with an English past form marked "verb"
    (a Latin surface in -ed or an irregular past: "banned", "lifted", "shut"), for `_polarity`: English tokens keep no
    part of speech, so every privative read as a noun a later privative lifts — "India banned rice
    exports and lifted duties on wheat" read as a lifted ban (break test b34); "The ban … was
    lifted" still is one."""
    out = []
    for t, (n, k) in zip(tokens, seq):
        low = t.surface.casefold()
        out.append((n, "verb") if k == "w" and low.isascii() and en_past_form(low) else (n, k))
    return out


# Ukrainian and Belarusian privatives by the beginning of the word as written (the Russian dictionary does
# not read them), as the Russian lemma `_polarity` knows: «скасувала заборону» lifts a ban as «отменила запрет»
_UKBE_PRIVATIVES = (("скасуван", "отмена", "w"), ("скасу", "отменить", "verb"), ("скасов", "отменить", "verb"),
                    ("скасав", "отменить", "verb"), ("адмен", "отмена", "w"), ("адмян", "отменить", "verb"),
                    ("заборон", "запрет", "w"), ("забарон", "запрет", "w"), ("забарані", "запретить", "verb"),
                    ("забаран", "запретить", "verb"),
                    ("зня", "снять", "verb"), ("припин", "прекратить", "verb"),
                    ("спыні", "прекратить", "verb"))


def _ukbe_privatives(q_tokens: Sequence[Token], seq: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`seq` (the (norm, kind) of a Ukrainian or Belarusian message's `tokens`, one for one) with its
    privatives read as the Russian ones (`_UKBE_PRIVATIVES`): «Україна скасувала заборону на російську
    музику» was a plain match of "Ukraine banned Russian music" (break test b34)."""
    out = []
    for t, (n, k) in zip(q_tokens, seq):
        low = t.surface.casefold()
        hit = next(((ru, kind) for pre, ru, kind in _UKBE_PRIVATIVES if low.startswith(pre)), None)
        out.append(hit if hit is not None else (n, k))
    return out


_RU_VERB_OF = {"запрет": "запретить", "отмена": "отменить"}


def _ukbe_privative_norm(n: str, k: str) -> tuple[str, str]:
    """A uk/be word's privative, the claim's or the message's, as its Russian lemma reads it (`_UKBE_PRIVATIVES` by
    the norm's beginning; an infinitive ending makes it the verb): «заборонила» is normalised «заборонить», which
    against «запретила» left the claim with no ban, "negation" (break test b41); «скасував заборону» lifts it
    (b42). Other norms as they are."""
    if not ("а" <= n[:1] <= "я") or k not in ("w", "verb", "ent"):
        return n, k
    hit = next(((ru, kind) for pre, ru, kind in _UKBE_PRIVATIVES if n.startswith(pre)), None)
    if hit is None:
        return n, k
    if n.endswith(("ить", "ать", "ять", "еть", "іць", "аць")):
        return _RU_VERB_OF.get(hit[0], hit[0]), "verb"
    return hit


def _modal_read(q_tokens: Sequence[Token]) -> list[tuple[str, str]]:
    """(norm, kind) of a message's tokens, a «нельзя» that stands before no infinitive read as no
    negation: it forbids the infinitive next to it («нельзя делать прививку», «прививку делать
    нельзя»), it does not negate the clause after it («Прививку от гриппа делать нельзя, она вызывает
    бесплодие у женщин» was flagged negation against «… вызывает бесплодие …»; break test b33)."""
    out = []
    for i, t in enumerate(q_tokens):
        if t.norm == "нельзя" and not (i + 1 < len(q_tokens)
                                       and q_tokens[i + 1].surface.casefold().endswith(INFINITIVE_ENDINGS)):
            out.append(("нельзя·", "w"))
        else:
            out.append((t.norm, t.kind))
    return out


def _object_undone(q_seq: Sequence[tuple[str, str]], c_seq: Sequence[tuple[str, str]],
                   priv: frozenset[str]) -> bool:
    """Does the message cancel, ban or stop what the claim's own verb did to a thing, the message
    not saying that verb? A privative word within LIFT_SPAN tokens before a common noun both sides
    have (or NOUN_LIFT_SPAN after it, no verb between: «Концерт … отменён»), which the claim has
    after a (non-privative) verb the message lacks (nor its aspect partner), the message having no
    verb but privatives and auxiliaries: «Тейлор Свифт отменила концерт в Москве» against «… дала
    концерт в Москве»; not «… дала концерт, хотя его хотели запретить» (the claim's verb said), not
    «… выступила с концертом, несмотря на призывы отменить концерт» (a verb of its own; break test
    b34), nor a privative of the claim verb's root («Поляки закрыли границу» against «Польша
    перекрыла границу»: `_root`)."""
    q_verbs = {n for n, k in q_seq if k == "verb"}
    if any(v not in priv and v not in _AUXILIARIES for v in q_verbs):
        # a verb of the message's own does something to the object: «Земфира выступила с концертом в
        # Тбилиси, несмотря на призывы отменить концерт», «Аэрофлот вернул отменённые рейсы» (b34)
        return False
    objects: dict[str, str] = {}     # the claim's noun → the verb before it
    verb = None
    for n, k in c_seq:
        if k == "verb":
            verb = n if n not in priv and not any(n == m or aspect_partners(n, m) for m in q_verbs) else None
        elif verb is not None and k == "w":
            objects.setdefault(n, verb)
    for i, (w, _) in enumerate(q_seq):
        if w not in priv:
            continue
        # the object after the privative, or before it with no verb between («Концерт … отменён»)
        if any(k == "w" and n in objects and _root(objects[n]) != _root(w)
               for n, k in list(q_seq[i + 1:i + 1 + LIFT_SPAN]) + _back_to_verb(q_seq, i)):
            return True
    return False


def _root(verb: str) -> str:
    """A verb lemma without its first aspect prefix: «перекрыть» and «закрыть» are both «крыть» (one
    act, not its undoing)."""
    return next((verb[len(p):] for p in _LONGEST_PREFIXES if verb.startswith(p) and len(verb) - len(p) >= 3), verb)


_LONGEST_PREFIXES = sorted(_ASPECT_PREFIXES, key=len, reverse=True)     # «отменить»: «от», not «о»


def contradiction_reasons(q_tokens: Sequence[Token], c_norms: Sequence[str], lang: str = "ru",
                          antonyms: AntonymTable | None = None) -> list[str]:
    """Why a message that resembles a claim may state something else: a subset of ["negation",
    "antonym", "date", "number", "period", "roles"], in that order ([] = nothing found). `q_tokens`: the
    message's analysed tokens; `c_norms`: the claim's normalised tokens; `antonyms` defaults to
    the shipped table."""
    reasons: list[str] = []
    if lang == "en":
        q_tokens = _en_possessive_acts(q_tokens)       # "Tottenham's defeat by Arsenal"
    else:
        q_tokens = _surname_cases(q_tokens, c_norms)   # «Илона Маска» against «Илон Маск»
    c_info = [(n, *token_kind(n)) for n in c_norms]
    own = verdict_words(c_norms)
    q_norms = [t.norm for t in q_tokens]
    if own and any(q_norms[i] in _VERDICT_NEGATORS and q_norms[i + 1] in own for i in range(len(q_norms) - 1)):
        # the claim calls something false and the message denies that: «Глобальное потепление — не миф,
        # а реальность» against «… — это миф»
        reasons.append("negation")
    q_seq = _unaffirmed([_ukbe_privative_norm(n, k) for n, k in _modal_read(q_tokens)])
    c_seq = _unaffirmed([_ukbe_privative_norm(n, k) for n, k, _ in c_info])
    q_set = {n for n, _ in q_seq}
    c_set = set(c_norms) | {n for n, _ in c_seq}     # (with a uk/be privative read as the Russian one)
    shared = (q_set & c_set) - NEGATIONS

    # negation: a shared word negated on one side only, or a negated verb on one side only
    qneg, cneg = _negated(q_seq), _negated(c_seq)
    q_has_neg = any(k == "neg" for _, k in q_seq)
    c_has_neg = any(k == "neg" for _, k in c_seq)
    neg = any((t in qneg) != (t in cneg) for t in shared)
    if not neg:   # the same verb in the other aspect, negated on one side only
        q_verbs = {n for n, k in q_seq if k == "verb"}
        c_verbs = {n for n, k in c_seq if k == "verb"}
        # (not where the message also says the claim's own verb: «Финляндия закрыла границу, хотя раньше
        # никогда её не закрывала» states it, the «не» is of another time; break test b30d)
        neg = any(aspect_partners(a, b) and (a in qneg) != (b in cneg)
                  and not (a in qneg and b in q_verbs and b not in qneg) for a in q_verbs for b in c_verbs)
    if not neg:   # an English irregular verb in another form, negated on one side only: "Iran did
        # not sell drones" against "Iran sold drones" (the stems differ, so no word is shared)
        base = _en_bases()
        q_b, c_b = {base.get(n, n) for n in q_set}, {base.get(n, n) for n in c_set}
        qneg_b, cneg_b = {base.get(n, n) for n in qneg}, {base.get(n, n) for n in cneg}
        neg = any((t in qneg_b) != (t in cneg_b) for t in q_b & c_b & _en_base_forms())
    if not neg and q_has_neg != c_has_neg:
        # a negated verb on the negated side only, within the stretch that states the claim (its
        # shared words, give or take a few tokens): in «Чеснок защищает от коронавируса, поэтому
        # бабушка ни разу не болела» the «не» is about something else
        seq = _claim_stretch(q_seq if q_has_neg else c_seq, shared)
        kinds = {n: k for n, k in seq}
        # «…, ешьте больше чеснока и не болейте»: a negated imperative of the message's is advice
        advice = _exhortations(q_tokens) if q_has_neg and lang == "ru" else set()
        # (English tokens keep no part of speech: `_en_negated_verbs` reads the message's verbs)
        verbs = _en_negated_verbs(q_tokens, shared, c_norms) if q_has_neg and lang == "en" else frozenset()
        neg = any((kinds.get(t) == "verb" or t in verbs) and t not in advice for t in _negated(seq))
        if neg and _verbs_stated(q_seq if q_has_neg else c_seq, c_seq if q_has_neg else q_seq):
            # the negated side states every verb of the other side plainly, and its «не» is on a verb
            # of its own: «Сбербанк заблокирует карты всех пенсионеров, кто не пришёл в отделение»
            neg = False
    priv = _privative()
    if neg and q_has_neg != c_has_neg:
        # «больше не продадут» against «запретили продажу»: the plain side's privative verb says
        # what the negation says (PRIVATIVE_RU/EN)
        plain, negated = (c_set, q_set) if q_has_neg else (q_set, c_set)
        if plain & priv and not _with_partners(negated, priv):
            neg = False
        elif not any((t in qneg) != (t in cneg) for t in shared) and _protected_from(
                c_seq if q_has_neg else q_seq, qneg if q_has_neg else cneg):
            neg = False
        elif any(_privative_word(w) for w in plain - negated):
            # «люди не могут иметь детей» against «вызывают бесплодие»: the plain side's word with a
            # privative prefix (бес-, без-, не-) says what the «не» says; with that word on both sides
            # («не вызывают бесплодия») the negated side reverses it (a shared word negated)
            neg = any((t in qneg) != (t in cneg) for t in shared)
    if q_set & priv and c_set & priv:
        # a lifted ban against a ban (or the reverse) is a reversal with no «не» on either side;
        # a negated lift («не отменили запрет») is the ban
        q_pol = _unaffirmed(_en_verbs_marked(q_tokens, _modal_read(q_tokens))) if lang == "en" else q_seq
        (qr, qx), (cr, cx) = _polarity(_claim_stretch(q_pol, shared), priv), _polarity(c_seq, priv)
        if qr != cr and not (qr and not qx and _ban_said_alone(q_pol, {n for n, _ in c_seq if n in priv}, priv,
                                                               shared)):
            neg = True
        elif qx or cx:
            neg = False
    if not neg and not q_has_neg and not c_has_neg and bool(q_set & priv) != bool(c_set & priv):
        # «Сбербанк отменил увольнение 20% сотрудников» against «Сбербанк уволит …», either way round
        # (with a «не» on either side the negation checks above have had their say: «больше не
        # продадут» states «запретили продажу»)
        neg = (_action_undone(q_seq, c_seq, priv) if q_set & priv else _action_undone(c_seq, q_seq, priv))
    if neg and "negation" not in reasons:
        reasons.append("negation")

    # antonyms: «повысили» where the claim says «понизили» (claims/match/data/antonyms.tsv)
    if antonyms is None:
        antonyms = default_antonyms()
    if antonyms.opposed(_risk_read(q_seq, q_set) - qneg, _risk_read(c_seq, c_set) - cneg, lang):
        # (a negated word of a pair says the other side: «больше не нужно платить» is «бесплатно»;
        # a negation of the claim's own word is the negation check's: break test b34)
        reasons.append("antonym")
    elif not reasons and not q_has_neg and not c_has_neg and q_set & priv and not c_set & priv \
            and _object_undone(q_seq, c_seq, priv):
        reasons.append("negation")

    reasons += _date_number_reasons(q_seq, c_seq)

    # roles: who did what (Russian word order + case; sides come from the alias groups)
    act = _act_noun_roles(q_tokens, c_norms, lang) if shared else None
    if shared and (act if act is not None else (
            _roles_swapped(q_tokens, c_info, shared) or _names_swapped(q_tokens, c_info, shared)
            or _voice_swapped(q_tokens, c_norms))):
        reasons.append("roles")
    if shared:
        reasons = _converse_reasons(reasons, q_tokens, q_set, c_norms, c_set, lang, antonyms)
    if "negation" in reasons and "roles" in reasons and _name_negated(q_tokens, c_norms):
        # «Это не Краснодар проиграл Динамо(, а Динамо Краснодару)», "It was not Tottenham that beat
        # Arsenal": the «не» on a name denies the swapped roles, two reversals that leave the claim
        reasons = [r for r in reasons if r not in ("negation", "roles")]
    return reasons


# a negated verb that doubts or denies what came before it («…, но это не подтвердилось», «…, но эксперты не
# верят»): a clause of its own that is still about the claim
_DOUBTED_RE = re.compile(r"подтверд|доказ|соответств|призна|confirm|prov|true|deni", re.IGNORECASE)


def negation_in_other_clause(clauses: Sequence[Sequence[Token]], c_norms: Sequence[str], lang: str = "ru") -> bool:
    """Does the message's negation belong to another clause than the one stating the claim, a clause
    with a subject of its own? `clauses`: the tokens of one sentence's contrast clauses
    (`segmentation.contrast_clauses`: «Центробанк поднял ставку до 21%», «, но инфляция не снизилась»).
    True when the clause sharing the most words with the claim (`c_norms`) reads with no negation
    against it, and each other clause with a negation has a noun or name of its own, none of the claim's
    words and not in an oblique case, before that negation («инфляция», «рубль это не спасло»), negates
    none of the claim's words and doubts nothing (`_DOUBTED_RE`, `_DISBELIEF_RE`: «…, но это не
    подтвердилось» is about the claim). «ЦБ не повысил ставку, но …» negates the claim's own clause;
    «…, но не до 21%» has no subject of its own."""
    if len(clauses) < 2:
        return False
    c_set = set(c_norms)
    shared = [len({t.norm for t in toks} & c_set) for toks in clauses]
    k = max(range(len(clauses)), key=shared.__getitem__)
    if "negation" in contradiction_reasons(clauses[k], c_norms, lang):
        return False
    found = False
    main = {t.norm for t in clauses[k]}
    for j, toks in enumerate(clauses):
        negs = [i for i, t in enumerate(toks) if t.kind == "neg"]
        if j == k or not negs:
            continue
        negated = _negated([(t.norm, t.kind) for t in toks])
        if any(_DOUBTED_RE.match(n) or _DISBELIEF_RE.match(n) for n in negated):
            return False
        other = bool(negated & c_set) and _of_another_thing(toks, main, c_set)
        if negated & c_set and not other:
            return False
        if not other and not any(t.kind in ("w", "ent") and t.case != "obl" and t.norm not in c_set
                                 and t.norm not in NEGATIONS for t in toks[:negs[0]]):
            return False
        found = True
    return found


def _of_another_thing(toks: Sequence[Token], main: Set[str], c_set: Set[str]) -> bool:
    """Does a contrast clause negate the claim's verb said of another thing of the kind the claim names
    (alternatives.tsv: another illness, remedy, product …) and not of the claim's own — «Чеснок защищает от
    коронавируса, но от гриппа он не защищает», "…, but it does not protect against flu" (break test b41)?
    Every claim word the clause holds must be in the clause stating the claim (`main`). A word of another
    kind is no other thing: «…, но на практике / людей / в исследованиях он не защищает» is the claim
    negated (break test b42), and so is «…, но от коронавируса он не защищает» after «Чеснок защищает от
    простуды» (the claim's own thing)."""
    if any(t.norm in c_set and t.norm not in main for t in toks):
        return False
    if any(t.case == "nomn" or t.kind == "ent" and t.case != "obl" for t in toks
           if t.norm not in c_set and "а" <= t.norm[:1] <= "я"):
        return False    # a Russian subject of its own («…, однако прививка от гриппа не защищает»): may be the claim's
    return default_alternatives().other({t.norm for t in toks}, c_set)


def _name_negated(q_tokens: Sequence[Token], c_norms: Sequence[str]) -> bool:
    """Is the message's one negation a «не» / "not" right before one of the claim's two participants
    (`_participants`) that opens a telling of the act with the claim's roles swapped («Это не
    Краснодар проиграл Динамо», "It was not Tottenham that beat Arsenal": `names_reordered` of the
    words after it)? It denies that other telling, not the claim. A «не» on a name in a correction
    of the doer («запрещён Францией, а не Apple», "bought by SpaceX, not by Tesla", "not by Tesla
    but by SpaceX"; the words after it tell no act of both participants) denies the claim's doer."""
    negs = [i for i, t in enumerate(q_tokens) if t.kind == "neg" or t.norm in _OTHER_NEGATIONS]
    if len(negs) != 1 or negs[0] + 1 >= len(q_tokens) or q_tokens[negs[0]].norm in _ANSWER_NO:
        return False        # «Нет, Иран нанёс удар по Израилю», "No, Tottenham beat Arsenal": an answer, then the swap
    p = _participants(q_tokens, c_norms)
    if p is None or q_tokens[negs[0] + 1].norm not in (p[0], p[1]):
        return False
    return names_reordered(q_tokens[negs[0] + 1:], c_norms)


def _converse_reasons(reasons: list[str], q_tokens: Sequence[Token], q_set: set[str], c_norms: Sequence[str],
                      c_set: set[str], lang: str, antonyms: AntonymTable) -> list[str]:
    """`reasons` corrected for a converse verb (`converse_roles`): the same event told from the
    other participant's side («Зенит обыграл Спартак» against «Спартак проиграл Зениту») is neither
    an antonym (unless another antonym pair stays once the converse verbs are set aside) nor
    swapped roles; the converse verb with the claim's roles kept («Китай купил у России …»
    against «Китай продал России …») is a reversal, "roles"."""
    conv = converse_roles(q_tokens, c_norms, lang)
    if conv == "same":
        verbs = default_converses().words(lang) | _verbal_nouns(q_tokens, lang)[1]
        return [r for r in reasons if r != "roles" and (
            r != "antonym" or antonyms.opposed(q_set - verbs, c_set - verbs, lang))]
    if conv == "reversed" and "roles" not in reasons and "antonym" not in reasons:
        return reasons + ["roles"]
    return reasons


def _digits(n: str) -> str:
    """The significant digits of a number: 44, 44000000000 and 4.4 → "44"; 1.5 and 1500000 → "15"."""
    return n.replace(".", "").strip("0") or "0"


def _date_number_reasons(q_seq: Sequence[tuple[str, str]], c_seq: Sequence[tuple[str, str]],
                         scale_free: bool = False) -> list[str]:
    """A subset of ["date", "number", "period"], in that order; `scale_free`: numbers are compared by their significant
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
        qo, co = Counter(_digits(n) for n in qo.elements()), Counter(_digits(n) for n in co.elements())
    # (counted: «вничью 2:2» against «5:2» lacks the 5 and says a 2 of the claim's once more; a number of
    # its own beside a repeated one is no score: «забив по 2 мяча в 30-м туре» states «вничью 2:2», b34)
    rest = qo - co
    if (set(co) - set(qo) and set(qo) - set(co)) or (co - qo and rest and set(rest) <= set(co)) \
            or (cy - qy and qy - cy) or _units_differ(q_seq, c_seq):
        reasons.append("number")

    # periods: «за год» against «за месяц», "in a week" against «за сутки»
    qp, cp = periods_in(q_norms, q_used), periods_in([n for n, _ in c_seq], c_used)
    if qp and cp and not any(abs(a - b) <= PERIOD_TOLERANCE * max(a, b) for a in qp for b in cp):
        reasons.append("period")
    return reasons


# units a number counts in (lemmas and English stems; currencies read through the alias table: «доллар»): the same
# number in another unit is another number («на 100 рублей» against «на 100%», "60 cents" against "60%"; break
# test b32 — the per cent sign was no word before normaliser version 13, so the two read alike)
_NUMBER_UNITS = {"процент": "процент", "percent": "процент", "cent": "цент", "цент": "цент", "рубль": "рубль",
                 "доллар": "доллар", "евро": "евро", "копейка": "копейка", "фунт": "фунт", "pound": "фунт",
                 "юань": "юань", "yuan": "юань", "иена": "иена", "yen": "иена", "euro": "евро",
                 # (b38: «Курс доллара превысил 110 тенге» was a plain match of «… 110 рублей»)
                 "тенг": "тенге", "teng": "тенге", "гривна": "гривна", "гривеня": "гривна", "гривень": "гривна", "hryvnia": "гривна",
                 "злотый": "злотый", "zloty": "злотый", "франк": "франк", "franc": "франк", "рупия": "рупия",
                 "лира": "лира", "лир": "лира", "lira": "лира", "биткоин": "биткоин", "bitcoin": "биткоин",
                 "сом": "сом", "сомовый": "сом", "som": "сом",
                 # currency codes as the normaliser reads them in Russian («KZT» → кзт) and in English
                 "кзт": "тенге", "kzt": "тенге", "уах": "гривна", "uah": "гривна", "эур": "евро", "eur": "евро",
                 "руб": "рубль", "rub": "рубль", "пльн": "злотый", "pln": "злотый"}
# (one unit in either language)


def _units_differ(q_seq: Sequence[tuple[str, str]], c_seq: Sequence[tuple[str, str]]) -> bool:
    """Does a number both sides give count in a unit on one side (`_NUMBER_UNITS`, the word right after
    it) and in another unit on the other?"""
    def units(seq: Sequence[tuple[str, str]]) -> dict[str, str]:
        return {n: _NUMBER_UNITS[seq[i + 1][0]] for i, (n, k) in enumerate(seq[:-1])
                if k == "num" and seq[i + 1][0] in _NUMBER_UNITS}
    qu = units(q_seq)
    if not qu:
        return False
    cu = units(c_seq)
    return any(n in cu and cu[n] != u for n, u in qu.items())


# A unit of time (a lemma, Russian or English) → its length in days: a stretch of time a claim
# counts over («выросли на 15 процентов за год», "rose 15% in a month").
PERIOD_DAYS = {
    "час": 1 / 24, "сутки": 1.0, "день": 1.0, "неделя": 7.0, "месяц": 30.0, "квартал": 91.0,
    "полгода": 182.0, "полугодие": 182.0, "год": 365.0, "пятилетка": 1826.0, "десятилетие": 3652.0,
    "век": 36524.0, "столетие": 36524.0,
    "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.0, "quarter": 91.0, "year": 365.0,
    "decad": 3652.0, "decade": 3652.0, "century": 36524.0,
}
PERIOD_TOLERANCE = 0.1      # periods this close are one (12 months, a year; 4 weeks, a month)


def periods_in(norms: Sequence[str], used: set[int] = frozenset()) -> set[float]:
    """The stretches of time a normalised token sequence names, in days: a unit of time
    (`PERIOD_DAYS`) times the count just before it («за 3 месяца» 90, «за полтора года» 547.5, «за
    год» 365). A unit right after a year («в 2024 году») or inside a date (`used`: positions
    `dates_in` took) names a point in time, not a stretch: it is left out."""
    out: set[float] = set()
    for i, t in enumerate(norms):
        days = PERIOD_DAYS.get(t)
        if days is None or i in used:
            continue
        prev = norms[i - 1] if i else ""
        if i - 1 in used or _is_int(prev, 1900, 2100):
            continue
        try:
            count = float(prev)
        except ValueError:
            count = 1.0
        if count > 0:
            out.add(count * days)
    return out


# negations of Ukrainian and Belarusian that the Russian reading of a message does not mark
_OTHER_NEGATIONS = frozenset({"ні", "ніколи", "ніхто", "ніщо", "ніколі", "нішто", "нiколи"})
# a "no" that answers rather than negates the name after it (`_name_negated`); «ні» is read as «ни»
_ANSWER_NO = frozenset({"нет", "no", "nope", "ни", "ні", "неа"})


# a Ukrainian or Belarusian imperative (the word after a «не»: «не хворійте», «не бійтеся», «не
# хварэйце», «ешце»), also as the word-by-word Russian reading spells it («не хворийте»): advice to the
# reader, not a negation of what the message states. Word endings; checked only right after a negation.
_UKBE_IMPERATIVE = re.compile(r"(?:[йьжш]те|[іи]ть|[іи]те|[йіыьжшеи]це|[йи]теся|[іи]теся|[іи]ться|[йіыьи]цеся"
                              r"|[йі]мо|ймася|[йі]ця)$")
# an English negated imperative: "Don't get sick", "… and never give up", "Please do not panic" at the
# start of a sentence or clause
_EN_ADVICE = re.compile(r"(?:^|[.!?;:,…]\s*|\b(?:and|so|but|then|just|please)\s+)(?:please\s+)?"
                        r"(?:don['’]?t|do\s+not|never)\s+(?!(?:%s)\b)\w" % _DISBELIEF_EN, re.IGNORECASE)


def _advice_after(tokens: Sequence[Token], i: int, msg_lang: str | None) -> bool:
    """Is the word after the negation at `i` an imperative (Russian: `_imperative`; Ukrainian,
    Belarusian: `_UKBE_IMPERATIVE`, when `msg_lang` is "uk" or "be")?"""
    if i + 1 >= len(tokens):
        return False
    surface = tokens[i + 1].surface.casefold()
    if _DISBELIEF_RE.match(surface):        # «не вірте», «не верьте»: a warning, not advice
        return False
    if msg_lang in ("uk", "be"):
        # by the ending only: the Russian dictionary guesses a Ukrainian future («проіндексують», «скасують») an
        # imperative, so «не проіндексують» was advice, no negation (break test b42)
        return _UKBE_IMPERATIVE.search(surface) is not None
    return bool(surface) and not surface.isascii() and _imperative(surface)


# what a «не» before it only restricts («не сразу», «не везде», «але не одразу»: the act is still stated)
_RESTRICTIONS = frozenset("""сразу везде всегда полностью целиком одраз одразу скрізь завжди повністю цілком адразу
усюды заўсёды цалкам""".split())


def _restriction_at(norms: Sequence[str], i: int) -> bool:
    """Is the «не» at `i` of `norms` a restriction, not a negation: nothing after it (its words dropped as function
    words: «…, але не всім», «…, но не для всех»; break test b41), or a word of `_RESTRICTIONS` («…, но не
    сразу»; b42)?"""
    if norms[i] != "не":
        return False
    return i + 1 >= len(norms) or norms[i + 1] in _RESTRICTIONS


def message_negated(q_tokens: Sequence[Token], msg_lang: str | None = None, text: str | None = None) -> bool:
    """Does a message (`q_tokens`, analysed; `msg_lang` the language it is written in) negate
    something other than advice to the reader? A negation followed by an imperative («… и не
    болейте», «не хворійте», «не хварэйце») is advice; in English, where the tokens keep no "do",
    as many negations as `text` has negated imperatives at a sentence or clause start ("Don't get
    sick!") are advice; and in any language as many as stand in the frame of a report that
    affirms it or that denies only part of the text (`framed_negations`: "Nobody denies that X",
    "Nobody says Y, but X"). A «не» that only restricts negates nothing (`_restriction_at`: «…, але не всім»)."""
    affirmed = _affirmed([t.norm for t in q_tokens])
    refused = _refusals_negated([(t.norm, t.kind) for t in q_tokens])
    negs = [i for i, t in enumerate(q_tokens) if (t.kind == "neg" or t.norm in NEGATIONS or t.norm in _OTHER_NEGATIONS
                                                  or refused[i][1] == "neg") and i not in affirmed]
    norms = [t.norm for t in q_tokens]
    plain = [i for i in negs if not _advice_after(q_tokens, i, msg_lang) and not _restriction_at(norms, i)]
    if plain and text:
        framed = framed_negations(text)
        return len(plain) > framed + (len(_EN_ADVICE.findall(text)) if msg_lang == "en" else 0)
    return bool(plain)


def cross_language_reasons(q_tokens: Sequence[Token], q_lang: str, c_norms: Sequence[str], c_lang: str,
                           antonyms: AntonymTable | None = None, msg_lang: str | None = None,
                           text: str | None = None) -> list[str]:
    """The checks that hold when the message and the claim are in different languages (their
    words cannot be compared): "negation" (one side negated, the other not: "Garlic does not
    protect…" against «Чеснок защищает…»; a negated imperative is advice, `message_negated`),
    "antonym" (a word of one side of a pair in the message's language against a word of the other
    side of the same pair in the claim's language: rows of antonyms.tsv sharing a key), "date" and
    "number" (digits and dates read the same in any language), "roles" (a converse verb with the
    claim's participants in the claim's roles, `cross_converse`: "Spartak beat Zenit" against
    «Спартак проиграл Зениту»; with their roles swapped it is the same event, and no antonym).
    `q_tokens`: the message analysed in its own language (`q_lang`); `c_norms`: the claim's
    normalised tokens (`c_lang`); `msg_lang`: the language the message is written in when that is
    not `q_lang` ("uk", "be": read as Russian) — its antonym rows (word beginnings) are read from
    the words as written; its month names the normaliser reads as months («15 червня» → 15 июнь);
    `text`: the message's words as written (English negated imperatives), None: not read."""
    reasons: list[str] = []
    other = msg_lang if msg_lang in ("uk", "be") else None
    q_seq = [(t.norm, t.kind) for t in q_tokens]
    c_seq = [_ukbe_privative_norm(n, k) for n, (k, _) in ((n, token_kind(n)) for n in c_norms)]
    q_neg = message_negated(q_tokens, msg_lang or q_lang, text)
    c_norms_l = list(c_norms)
    c_neg = any((k == "neg" or n in NEGATIONS) and not _restriction_at(c_norms_l, i) for i, (n, k) in enumerate(c_seq))
    priv = _privative()
    if other:
        q_seq = _ukbe_privatives(q_tokens, q_seq)
    if any(n in priv for n, _ in q_seq) and any(n in priv for n, _ in c_seq):
        # a lifted ban against a ban, as in `contradiction_reasons` ("Kazakhstan lifted its ban on …"
        # against «Казахстан запретил …»); a negated lift ("did not lift its ban") is the ban
        q_pol = _en_verbs_marked(q_tokens, q_seq) if q_lang == "en" else q_seq
        (qr, qx), (cr, cx) = _polarity(q_pol, priv), _polarity(c_seq, priv)
        if qr != cr and not (qr and not qx and _ban_said_alone(q_pol, None, priv)):
            q_neg, c_neg = True, False
        elif qx or cx:
            q_neg = c_neg
    if q_neg != c_neg:
        reasons.append("negation")
    if antonyms is None:
        antonyms = default_antonyms()
    conv = cross_converse(q_tokens, q_lang, c_norms, c_lang, msg_lang)
    q_words, c_words = {n for n, _ in q_seq}, set(c_norms)
    surfaces = _surface_forms(q_tokens) if other else []
    if conv is not None and conv[0] == "same":
        # the converse verbs are no antonym of each other here: the rest is checked
        q_words = {t.norm for k, t in enumerate(q_tokens) if k not in conv[1]}
        surfaces = [s for k, s in enumerate(surfaces) if k not in conv[1]] if len(surfaces) == len(q_tokens) \
            else surfaces
        c_words = c_words - default_converses().words(c_lang)
    if antonyms.opposed_across(q_words, q_lang, c_words, c_lang, surfaces, other):
        reasons.append("antonym")
    reasons += _date_number_reasons(q_seq, c_seq, scale_free=True)
    if conv is not None and conv[0] == "reversed" and "antonym" not in reasons:
        reasons.append("roles")
    elif conv is None:
        # the claim's own verb in the passive, its doer in the instrumental, or its noun, the roles
        # swapped (uk «Генератори були передані Японії Україною» against «Японія передала Україні
        # генератори», «Поразка Краснодара від Динамо» against «Динамо проиграло Краснодару»)
        mapped = [Token(_claim_word_of(t, c_words) or t.norm, t.kind, t.case, t.group, t.surface, t.prep)
                  for t in q_tokens]
        nouns = _verbal_nouns(mapped, "ru")[1] if q_lang == "ru" else set()
        conv2 = converse_roles(mapped, c_norms) if nouns else None
        if conv2 == "same" and "antonym" in reasons:
            # a noun of the converse act with the roles swapped is the same event («Перемога Ростова
            # над Рубіном» against «Рубин проиграл Ростову»): no antonym but another pair
            rest = [s for k, s in enumerate(surfaces) if k >= len(q_tokens) or q_tokens[k].norm not in nouns]
            if not antonyms.opposed_across(q_words - nouns, q_lang, c_words - default_converses().words(c_lang),
                                           c_lang, rest, other):
                reasons.remove("antonym")
        if _voice_swapped(mapped, c_norms) or nouns and (
                _act_noun_roles(mapped, c_norms, "ru") is True or conv2 == "reversed" and "antonym" not in reasons):
            # (a noun of the converse act with the claim's roles kept: «Перемога Динамо над
            # Краснодаром» against «Динамо проиграло Краснодару»)
            reasons.append("roles")
    return reasons


def _claim_word_of(t: Token, c_set: Set[str]) -> str | None:
    """`_claim_word` of a message token, or of its surface when that is a Latin name a Russian reading
    changed («Tesla» read as «тесло» in «Tesla купила Twitter»: "tesla"; «твиттер»: "twitter")."""
    word = _claim_word(t.norm, c_set)
    if word is None and t.kind == "ent" and t.surface.isalpha() and len(t.surface) >= 4:
        # a Latin name the Russian reading wrote in Cyrillic letters («твиттер» for "Twitter"): its
        # spelling back in Latin letters close to a claim word (VARIANT_SIM)
        lat = t.surface.casefold() if t.surface.isascii() else translit_cyr2lat(t.surface.casefold())
        word = _claim_word(lat, c_set) or max(
            (w for w in c_set if len(w) >= 4 and w.isascii() and fuzz.ratio(lat, w) >= VARIANT_SIM),
            key=lambda w: fuzz.ratio(lat, w), default=None) or next(
            # or the claim's English stem it begins with ("activis" of "Activision": the stem cuts the
            # name's end, so the ratio of the two falls short)
            (w for w in sorted(c_set, key=len, reverse=True) if len(w) >= 5 and w.isascii() and w.isalpha()
             and len(lat) - len(w) <= 4 and (lat.startswith(w) or t.surface.casefold().startswith(
                 translit_lat2cyr(w)))), None) or next(
            # or a claim word the Russian reading would write as this one («Google» read as «гугл»:
            # the claim's stem "googl" in Cyrillic letters is «гугл»; Cyrillic back to Latin is lossy)
            (w for w in sorted(c_set) if len(w) >= 4 and w.isascii() and w.isalpha()
             and translit_lat2cyr(w) in (t.norm, t.surface.casefold())), None)
    return word


def _claim_word(norm: str, c_set: Set[str]) -> str | None:
    """The claim word a message word (`norm`) is in the claim's script: itself, its
    transliteration («спартак» ~ "spartak"), or the claim word that transliteration begins but for
    its ending (navalni ~ «навальный»); None when the claim has none."""
    if norm in c_set:
        return norm
    for w in (translit_cyr2lat(norm), translit_lat2cyr(norm)):
        if w in c_set:
            return w
    if len(norm) >= 6 and norm.isascii() and norm.isalpha():
        # an English stem of a Russian name cuts or respells its ending ("Navalny" → navalni, the
        # claim's «навальный»): the claim word its transliteration begins, but for its last two letters
        head = translit_lat2cyr(norm)[:-2]
        if len(head) >= 4:
            return next((w for w in sorted(c_set) if w.startswith(head) and len(w) - len(head) <= 5), None)
    return None


def cross_converse(q_tokens: Sequence[Token], q_lang: str, c_norms: Sequence[str], c_lang: str,
                   msg_lang: str | None = None,
                   converses: AntonymTable | None = None) -> tuple[str, frozenset[int]] | None:
    """`converse_roles` across languages: the message (`q_tokens`, analysed as `q_lang`; written in
    `msg_lang` when that is "uk" or "be") read into the claim's language (`c_norms`, `c_lang`) —
    its names as the claim's names they transliterate to («Зеніту» → «зенит», "Spartak" →
    «спартак»), its verbs of a keyed row of converses.tsv as that row's verb in the claim's
    language ("beat" → «обыграть»), a verb of a group of acts.tsv as the claim's verb of it
    ("attacked" → «атаковать»). Returns ("same" | "reversed", the message token positions
    read as converse verbs), or None when the message uses no converse verb of the claim's pair
    or the participants are not both found; with the claim's own verb ("lost" against «проиграл»)
    the roles kept are "same" and swapped "reversed" (`_same_verb_roles`). Cost: a few set look-ups a message word."""
    table = converses if converses is not None else default_converses()
    if q_lang == "en":
        q_tokens = _en_possessive_acts(q_tokens)       # "Tottenham's defeat by Arsenal"
    own = msg_lang if msg_lang in ("uk", "be") else None
    langs = (q_lang,) + ((own,) if own and own != q_lang else ())
    c_set = set(c_norms)
    mapped: list[Token] = []
    verbs: set[int] = set()
    for k, t in enumerate(q_tokens):
        word = _claim_word_of(t, c_set)
        if word is not None:
            mapped.append(Token(word, t.kind, t.case, t.group, t.surface, t.prep))
            continue
        rep = _converse_in(table, t, langs, own, c_lang, c_set) or _act_word(t, q_lang, c_lang, c_set)
        if rep is None and q_lang == "ru" and own is None:
            # a Ukrainian or Belarusian verb in a message taken for Russian («Beats придбала Apple»:
            # Latin names around one word), read as written
            rep = _ukbe_converse(table, t, c_lang, c_set)
        if rep is not None:
            verbs.add(k)
            mapped.append(Token(rep, "verb" if c_lang == "ru" else "w", t.case, t.group, t.surface, t.prep))
        else:
            mapped.append(t)
    if not verbs:
        return None
    conv = converse_roles(mapped, c_norms, c_lang, table) or _same_verb_roles(mapped, c_norms)
    return None if conv is None else (conv, frozenset(verbs))


def _same_verb_roles(q_tokens: Sequence[Token], c_norms: Sequence[str]) -> str | None:
    """With the claim's own verb between the claim's two names (read into the claim's language by
    `cross_converse`: "China sold … to Russia" against «Россия продала Китаю …»): "same" when the
    names keep the claim's roles, "reversed" when they have swapped them (the other event), read the
    other way round for a Russian or Ukrainian passive; None when the verb differs or a name is
    missing."""
    roles = _verb_roles(q_tokens, c_norms)
    if roles is None or not roles[0] & roles[1]:
        return None
    return "reversed" if roles[2] else "same"


GERUND_REACH = 2    # words between a gerund and the first of the two names


def _gerund_before(q_tokens: Sequence[Token], first: int) -> int | None:
    """The position of a Russian gerund («победив», «проиграв», «уступив») standing at most
    GERUND_REACH words before position `first` with no verb between; else None."""
    for k in range(first - 1, max(-1, first - 2 - GERUND_REACH), -1):
        t = q_tokens[k]
        if t.kind == "verb":
            return k if _gerund(t.surface) else None
    return None


@lru_cache(maxsize=50_000)         # as _MORPH_CACHE
def _gerund(surface: str) -> bool:
    """A Russian word as written that the dictionary reads first as a gerund (деепричастие)."""
    low = surface.casefold()
    if not low.isalpha() or low.isascii():
        return False
    try:
        return get_nlp().morph.parse(low)[0].tag.POS == "GRND"
    except Exception:  # pragma: no cover
        return False


@cache
def _noun_stems(lang: str) -> dict[str, str]:
    """Word beginnings of the action nouns of the converse verbs of `lang` (converses.tsv, by
    `_noun_of_verb`'s stems and alternations: «побед» → победить, «продаж» → продать) → the verb."""
    out: dict[str, str] = {}
    for v in sorted(default_converses().words(lang)):
        e = next((e for e in _VERB_ENDINGS if v.endswith(e)), None)
        if e is None or len(v) - len(e) < 3:
            continue
        stem = v[:-len(e)]
        out.setdefault(stem, v)
        for tail, alts in _ALTERNATIONS.items():
            if stem.endswith(tail):
                for a in alts:
                    out.setdefault(stem[:-len(tail)] + a, v)
    return out


@cache
def _act_nouns(lang: str) -> dict[str, tuple[str, ...]]:
    """The nouns of an act not made from their verb's stem (claims/match/data/verbal_nouns.tsv:
    «поражение» → проиграть; «удар» → нанести, ударить: a noun of several rows has several verbs, in
    the table's order, then the other verbs of their acts.tsv group: «атаковать») of `lang`, by their lemma; for "ru" with the Ukrainian and Belarusian rows as
    the Russian dictionary reads their words (uk «поразка» → «поразок»)."""
    langs = (lang, "uk", "be") if lang == "ru" else (lang,)
    out: dict[str, tuple[str, ...]] = {}
    for cols in table_rows(VERBAL_NOUNS_FILE):
        if cols[0].strip() in langs:
            noun, verb = word_norm(cols[1].strip(), lang), word_norm(cols[2].strip(), lang)
            if verb not in out.get(noun, ()):
                out[noun] = out.get(noun, ()) + (verb,)
    for noun, verbs in out.items():
        # then the other verbs of the act (acts.tsv: «нападение» is also «атаковать»)
        out[noun] = verbs + tuple(sorted(v for w in verbs for v in _act_group(w, lang) if v not in verbs))
    return out


@cache
def _acts() -> dict[str, dict[str, frozenset[str]]]:
    """The groups of verbs that tell one act for the role checks (claims/match/data/acts.tsv: «атаковать»,
    «напасть», «нанести (удар)», "attack"): key → language → the words, normalised."""
    out: dict[str, dict[str, frozenset[str]]] = {}
    for cols in table_rows(ACTS_FILE):
        lang, key = cols[0].strip(), cols[2].strip()
        words = frozenset(word_norm(w.strip(), lang) for w in cols[1].split(",") if w.strip())
        out.setdefault(key, {})[lang] = out.get(key, {}).get(lang, frozenset()) | words
    return out


@lru_cache(maxsize=4096)     # asked of any message word ("attack" in "came under attack"): bounded
def _act_group(word: str, lang: str) -> frozenset[str]:
    """The words of `lang` of every acts.tsv group `word` (normalised, of `lang`) is in; empty if none."""
    return frozenset().union(*(by[lang] for by in _acts().values() if word in by.get(lang, ())))


def _act_word(t: Token, q_lang: str, c_lang: str, c_set: Set[str]) -> str | None:
    """The claim's word (`c_set`, of `c_lang`) of the acts.tsv group message token `t` (of `q_lang`) is
    in: "attacked" → the claim's «атаковать»; None when there is none."""
    for by in _acts().values():
        if t.norm in by.get(q_lang, ()):
            word = next(iter(sorted(by.get(c_lang, frozenset()) & c_set)), None)
            if word is not None:
                return word
    return None


# a verb of undergoing before the noun of an act: «Израиль подвергся удару Ирана» is «Иран нанёс удар
# по Израилю» (the subject has it done, the genitive after the noun does it); uk/be «зазнав удару»,
# «зазнаў нападу» (read with the Russian dictionary, so matched as written). Reflexive forms only:
# «Израиль подверг Иран удару» is the active.
_UNDERGO_RE = re.compile(r"(?:подверг\w*с[яь]|подвергнут\w*|зазна\w*)")
UNDERGO_REACH = 3   # words before the verb of undergoing its subject may stand at
# prepositions after the noun of an act that bring in its other party, not its doer (normalize.Token.prep):
# «поражение от Краснодара», uk «поразка від», be «паражэнне ад»
_FROM_PREPS = frozenset({"от", "від", "ад"})
NOUN_VERB_REACH = 3  # words after the name following a noun of an act its own verb may stand at
# «со стороны X», uk «з боку X», be «з боку X» after the noun of an act: X does it
_BY_SIDE = frozenset({"стороны", "боку"})


def _verbal_nouns(q_tokens: Sequence[Token], lang: str, verbs: Set[str] = frozenset()) -> tuple[list[Token], set[str]]:
    """The message with each action noun of a converse verb (or of claims/match/data/verbal_nouns.tsv:
    «поражение» → проиграть) that a name in an oblique case (not the dative: «удар Ирану» is aimed at
    it) follows read as that verb, the name as its doer: «Победа Зенита над Спартаком» is «Зенит(nomn)
    победить Спартаком» (the genitive after the noun of the act is who did it), «Продажа Азербайджаном
    беспилотников Турции» is «Азербайджан продать … Турции» (so is the instrumental). After a verb of
    undergoing (`_UNDERGO_RE`: «Израиль подвергся удару Ирана») the name before that verb has it done
    (marked oblique) and the genitive does it: «Израиль(obl) нанести Иран(nomn)»; a name after «от»
    (`_FROM_PREPS`) is the other party and the clause's subject has it done: «(После) поражения от
    Краснодара Динамо …» is «Краснодар(obl) проиграть Динамо»; a name after «со стороны» (`_BY_SIDE`)
    or in the instrumental after the genitive (of an acts.tsv act) does it, the other has it done
    («Атака на Азербайджан со стороны Армении», «Обстрел Азербайджана Арменией»). A noun its own verb
    follows (`NOUN_VERB_REACH`: «Удар по Армении нанёс Азербайджан») is that verb's object: not read.
    A noun with several
    verbs in the table is read as the one of `verbs` (the claim's) it has, else its first. Returns
    (the tokens, the nouns so read); the tokens unchanged when there is none."""
    stems = _noun_stems(lang) if lang == "ru" else {}
    if not stems:
        return list(q_tokens), set()
    prefixes = tuple(stems)
    table = _act_nouns(lang)
    out: list[Token] | None = None
    nouns: set[str] = set()
    for i in range(len(q_tokens) - 1):
        t, nxt = q_tokens[i], q_tokens[i + 1]
        if t.kind != "w" or not (t.norm in table or t.norm.startswith(prefixes)) or not _named(nxt):
            continue
        side = next((j for j in range(i + 2, min(len(q_tokens) - 1, i + 4))
                     if q_tokens[j].surface.casefold() in _BY_SIDE and _named(q_tokens[j + 1])), None)
        if nxt.case == "nomn" and side is None:
            continue
        if nxt.case is None and (nxt.surface.isascii() or not nxt.surface[:1].isupper()):
            # a Cyrillic name without a case after it is an indeclinable genitive («Победа Динамо над
            # …»); a Latin one is the thing («продажи iPhone», «продажа Bayraktar»), no doer
            continue
        undergo = i > 0 and _UNDERGO_RE.fullmatch(q_tokens[i - 1].surface.casefold()) is not None
        if _noun_case(nxt.surface) in ("datv", "accs") and not undergo and side is None and not (
                i + 2 < len(q_tokens) and q_tokens[i + 2].case == "obl" and _named(q_tokens[i + 2])):
            # «удар (по) Ирану», «нападение (на) Грузию»: the one it is aimed at (the preposition is no
            # token) — unless another
            # oblique name, the target, follows («Удар Ірану по Ізраїлю»: the Ukrainian genitive in
            # -у reads as the Russian dative)
            continue
        cands = table.get(t.norm, ())
        verb = next((v for v in cands if v in verbs), cands[0] if cands else None) or next(
            (v for p, v in stems.items() if t.norm.startswith(p) and _noun_of_verb(t.norm, v)), None)
        if verb is None or not _noun(t.surface):
            continue
        if not undergo and any(q.kind == "verb" and q.norm in cands for q in q_tokens[i + 2:i + 2 + NOUN_VERB_REACH]):
            # «Удар по Армении нанёс Азербайджан»: the noun is the object of its own verb after the name
            # (object first), the name after «по» no doer; the active-voice checks read the clause
            continue
        if out is None:
            out = list(q_tokens)
        if undergo:
            # «Израиль подвергся удару Ирана»: the undergoer has it done, the genitive does it
            subj = next((j for j in range(i - 2, max(-1, i - 2 - UNDERGO_REACH), -1)
                         if _named(q_tokens[j], j == 0)), None)
            if subj is not None:
                s_t = q_tokens[subj]
                out[subj] = Token(s_t.norm, s_t.kind, "obl", s_t.group, s_t.surface, s_t.prep)
            out[i - 1] = Token(verb, "verb", None, None, verb)
            out[i] = out[i + 1] = Token(nxt.norm, nxt.kind, "nomn", nxt.group, nxt.surface, nxt.prep)
            nouns.add(t.norm)
            continue
        if side is not None and not undergo:
            # «Атака на Азербайджан со стороны Армении»: the name after «со стороны» does it, the one
            # before it has it done: «Армения(nomn) атаковать … Азербайджан(obl)»
            doer, s_t = q_tokens[side + 1], q_tokens[side]
            out[i] = Token(doer.norm, doer.kind, "nomn", doer.group, doer.surface, doer.prep)
            out[i + 1] = Token(verb, "verb", None, None, verb)
            out[side] = Token(nxt.norm, nxt.kind, "obl", nxt.group, nxt.surface, nxt.prep)
            out[side + 1] = s_t
            nouns.add(t.norm)
            continue
        if i + 2 < len(q_tokens) and _genitive(nxt.surface) and _named(q_tokens[i + 2]) \
                and _instrumental(q_tokens[i + 2].surface) and _act_group(verb, "ru") and not undergo:
            # «Обстрел Азербайджана Арменией»: the genitive has it done, the instrumental does it — for
            # the nouns of an acts.tsv act only: the instrumental may follow a preposition the analysis
            # dropped («Победа Зенита над Спартаком» is Zenit's)
            doer = q_tokens[i + 2]
            out[i] = Token(doer.norm, doer.kind, "nomn", doer.group, doer.surface, doer.prep)
            out[i + 1] = Token(verb, "verb", None, None, verb)
            out[i + 2] = Token(nxt.norm, nxt.kind, "obl", nxt.group, nxt.surface, nxt.prep)
            nouns.add(t.norm)
            continue
        if nxt.prep in _FROM_PREPS:
            # «(После) поражения от Краснодара Динамо …»: the name after «от» is the other party, the
            # one who has it done to it is the clause's subject: «Краснодар(obl) проиграть Динамо»
            out[i] = nxt
            out[i + 1] = Token(verb, "verb", None, None, verb)
            nouns.add(t.norm)
            continue
        # the doer before the verb, as an active clause has them
        out[i] = Token(nxt.norm, nxt.kind, "nomn", nxt.group, nxt.surface, nxt.prep)
        out[i + 1] = Token(verb, "verb", None, None, verb)     # (the noun's number is not the verb's)
        nouns.add(t.norm)
    return (out if out is not None else list(q_tokens)), nouns


def _en_possessive_acts(q_tokens: Sequence[Token]) -> Sequence[Token]:
    """The message with an English noun of an act after a possessive name (and a score) read as its verb
    (claims/match/data/verbal_nouns.tsv, en rows): "Tottenham's 3-1 defeat by Arsenal" is "Tottenham
    lose … Arsenal" (the owner of a defeat lost), "Arsenal's victory over Tottenham" and "Arsenal's 3-1
    defeat of Tottenham" are "Arsenal beat Tottenham"; so is a noun with no possessive, its two names
    after "of" and "by" / "over" / "to" (`_EN_ACT_PREPS`: "the 3-1 defeat of Tottenham by Arsenal");
    "X came under attack from Y" (`_EN_UNDERGO`, an acts.tsv noun) is "Y attack X". The tokens
    unchanged when there is none."""
    table = _act_nouns("en")
    out: list[Token] | None = None
    for i, t in enumerate(q_tokens):
        if not t.surface.endswith(("'s", "’s")) or not _named(Token(t.norm, t.kind, t.case, t.group,
                                                                   t.surface[:-2])):
            continue
        j = i + 1
        while j < len(q_tokens) and q_tokens[j].kind == "num":
            j += 1
        if j < len(q_tokens) and q_tokens[j].norm in table:
            if out is None:
                out = list(q_tokens)
            v = q_tokens[j]
            nxt = q_tokens[j + 1] if j + 1 < len(q_tokens) else None
            # "Real Madrid's 4-0 defeat of Barcelona": the owner of a defeat "of" someone won
            verb = "beat" if v.norm == "defeat" and nxt is not None and nxt.prep == "of" else table[v.norm][0]
            out[j] = Token(verb, v.kind, v.case, v.group, v.surface)
    for j in range(len(q_tokens) - 2):
        # "The 3-1 defeat of Bayern by Dortmund" is "Dortmund beat Bayern"; "the victory of Bayern over
        # Dortmund", "the loss of Bayern to Dortmund": "Bayern beat / lose … Dortmund"
        v, x, y = q_tokens[j], q_tokens[j + 1], q_tokens[j + 2]
        if v.norm not in table or (j and q_tokens[j - 1].surface.endswith(("'s", "’s"))) or x.prep != "of" \
                or not (_named(x) and _named(y)) or y.prep not in _EN_ACT_PREPS:
            continue
        if out is None:
            out = list(q_tokens)
        doer, done = (y, x) if y.prep == "by" else (x, y)
        verb = "beat" if v.norm == "defeat" else table[v.norm][0]
        out[j] = Token(doer.norm, doer.kind, None, doer.group, doer.surface)
        out[j + 1] = Token(verb, v.kind, None, None, v.surface)
        out[j + 2] = Token(done.norm, done.kind, None, done.group, done.surface)
    for j in range(1, len(q_tokens) - 2):
        # "Pakistan came under attack from India" is "India attack Pakistan" (acts.tsv en words)
        v, noun, y = q_tokens[j], q_tokens[j + 1], q_tokens[j + 2]
        if v.norm not in _EN_UNDERGO or not _act_group(noun.norm, "en") or y.prep not in ("from", "by") \
                or not _named(y):
            continue
        subj = next((k for k in range(j - 1, max(-1, j - 1 - UNDERGO_REACH), -1)
                     if _named(q_tokens[k], k == 0) or q_tokens[k].kind == "w" and q_tokens[k].surface[:1].isupper()),
                    None)
        if subj is None:
            continue
        if out is None:
            out = list(q_tokens)
        x = q_tokens[subj]
        out[subj] = Token(y.norm, y.kind, None, y.group, y.surface)
        out[j + 1] = Token(noun.norm, noun.kind, None, None, noun.surface)
        out[j + 2] = Token(x.norm, x.kind, None, x.group, x.surface)
    return out if out is not None else q_tokens


# prepositions of the other party after "the defeat of X": "by" (the winner), "to", "over", "against"
_EN_ACT_PREPS = frozenset({"by", "to", "over", "against"})
# English verbs of undergoing before an act noun: "came under attack from"
_EN_UNDERGO = frozenset({"came", "come", "comes", "coming", "was", "were", "is", "are", "be", "been"})


@lru_cache(maxsize=4)
def _ukbe_prefixes(table: AntonymTable) -> tuple[str, ...]:
    """Every word beginning of the Ukrainian and Belarusian rows of `table`."""
    return tuple(sorted({p for lg in ("uk", "be") for x, y in table.pairs.get(lg, ()) for p in x.prefixes + y.prefixes}))


def _ukbe_converse(table: AntonymTable, t: Token, c_lang: str = "ru", c_set: Set[str] = frozenset()) -> str | None:
    """The `c_lang` word (`_converse_in`; the claim's own, `c_set`, when it has one) of a message token
    the Russian dictionary does not know whose form as written begins like a Ukrainian or Belarusian
    converse verb of a keyed row of `table` («придбав», «атрымала»); else None."""
    if t.kind == "num" or not t.surface.casefold().replace("’", "'").startswith(_ukbe_prefixes(table)) \
            or word_known(t.surface.casefold()) is not False:
        return None
    return _converse_in(table, t, ("uk", "be"), "uk", c_lang, c_set) or _converse_in(table, t, ("be",), "be",
                                                                                     c_lang, c_set)


def _ukbe_converses(q_tokens: Sequence[Token], table: AntonymTable) -> tuple[list[Token], bool]:
    """The message with each word the Russian dictionary does not know whose form as written begins
    like a Ukrainian or Belarusian converse verb of a keyed row («придбав», «атрымала») read as that
    row's Russian verb of the same side — whatever the spelling corrector made of it («придбать» is
    a letter or two from a claim's «продать», the other side). Returns (the tokens, whether any
    was read)."""
    out: list[Token] | None = None
    for i, t in enumerate(q_tokens):
        rep = _ukbe_converse(table, t)
        if rep is not None:
            if out is None:
                out = list(q_tokens)
            out[i] = Token(rep, "verb", t.case, t.group, t.surface, t.prep)
    return (out, True) if out is not None else (list(q_tokens), False)


def _voice_swapped(q_tokens: Sequence[Token], c_norms: Sequence[str]) -> bool:
    """The claim's own verb in the passive, its doer told by a case, or as a gerund before both names,
    with the claim's roles swapped: «Су-35 были проданы России Китаем», "Su-35s were sold by China to
    Russia" against «Россия продала Китаю …», «Проиграв Динамо 1:2, Краснодар …» against «Динамо
    проиграло Краснодару» (`_verb_roles`). The active voice is read by `_roles_swapped` and
    `_names_swapped`, which leave a passive alone."""
    roles = _verb_roles(q_tokens, c_norms)
    return roles is not None and roles[3] and _one_act(roles[0], roles[1]) and roles[2]


def _one_act(q_verbs: Set[str], c_verbs: Set[str]) -> bool:
    """Do the message's and the claim's verbs tell one act from one side: a verb in common, or verbs
    of the same side of a row of converses.tsv («уступив» against «проиграл»), or of one group of acts.tsv
    («напал» against «атаковал»)?"""
    if q_verbs & c_verbs or any(q_verbs & _act_group(v, lg) for v in c_verbs for lg in ("ru", "en")):
        return True
    return any(q_verbs & side.words and c_verbs & side.words
               for rows in default_converses().pairs.values() for pair in rows for side in pair)


def _act_noun_roles(q_tokens: Sequence[Token], c_norms: Sequence[str], lang: str) -> bool | None:
    """Does the noun of the claim's own act tell it with the claim's roles swapped? «Поражение
    Краснодара от Динамо» against «Динамо проиграло Краснодару», «Продажа Азербайджаном беспилотников
    Турции» against «Турция продала Азербайджану беспилотники», «Удар Ирана по Израилю» and «Израиль
    подвергся удару Ирана» against «Израиль нанёс удар по Ирану» (`_verbal_nouns`: the name after the
    noun does it): True; the claim's roles kept («Иран подвергся удару Израиля»): False; None when
    the message has no such noun of the claim's verb between the claim's two participants. Where it
    has one, its answer stands for the role checks of the active voice, which would read the
    genitive after the noun as one having it done."""
    c_verbs = {n for n in c_norms if token_kind(n)[0] == "verb"}
    mapped, nouns = _verbal_nouns(q_tokens, lang, c_verbs)
    if not nouns:
        return None
    roles = _verb_roles(mapped, c_norms)
    if roles is None or not roles[0] & roles[1]:
        return None
    return roles[2]


def _verb_roles(q_tokens: Sequence[Token], c_norms: Sequence[str]) -> tuple[set[str], set[str], bool, bool] | None:
    """(the message's verb, the claim's verb, whether the message gives the claim's second
    participant the doer's role) for the claim's two participants both sides name (`_participants`):
    the first verb between the two names, the one they are the participants of («Минздрав разрешил
    продавать антибиотики»: «разрешил», not «продавать»; an English verb is read as a plain word,
    so there every word between them; a passive's verb may stand before both, `_verb_zone`). A
    Russian passive («Спартак был обыгран Зенитом») has its doer in the instrumental, an oblique
    case, so its roles read the other way round (an English one is read from its cases, set at
    analysis: claims/normalize.py `_mark_en_passive`). In a passive the doer is the participant a
    case marks (`_case_doer`: the instrumental, the name after "by"), wherever it stands («Су-35
    были проданы России Китаем»). The fourth item: whether the message tells it in the passive or
    with a gerund (grammar the active-voice checks, `_roles_swapped`, `_names_swapped`, do not read).
    None when a participant or a verb is missing."""
    p = _participants(q_tokens, c_norms)
    if p is None:
        return None
    a, b, ca, cb, qa, qb = p
    c_verbs = _first_verb([(n, token_kind(n)[0]) for n in c_norms[ca + 1:cb]])
    q_between = _verb_zone(q_tokens, qa, qb)
    q_verbs = _first_verb([(t.norm, t.kind) for t in q_between])
    if not c_verbs or not q_verbs:
        return None
    if not any(t.kind == "verb" for t in q_between):
        g = _gerund_before(q_tokens, min(qa, qb))
        if g is not None:
            # «Победив Спартак 3:1, Зенит поднялся …»: the name after the gerund is its object, the
            # other one, the subject of the clause it hangs on, does it
            doer = max(qa, qb)
            return {q_tokens[g].norm}, c_verbs, doer == qb, True
    passive = any(_passive(t.surface) for t in q_between if t.norm in q_verbs)
    if not q_verbs & c_verbs:
        # a Ukrainian or Belarusian passive participle of the claim's verb, which the Russian
        # dictionary does not read as a verb («Генератори були передані Японії Україною»: «передані»)
        verb = next((v for t in q_between if _passive(t.surface) for v in [_participle_of(t.surface, c_verbs)] if v),
                    None)
        if verb is not None:
            q_verbs, passive = {verb}, True
    if passive or any(_en_doer(q_tokens[i]) for i in (qa, qb)):
        doer = _case_doer(q_tokens, qa, qb)
        if doer is None and passive:
            # one name in the genitive (after «против», «у», «от») is not the passive's doer: the
            # other one is, though no case shows it («Санкции против Венесуэлы введены США» states
            # «США ввели санкции против Венесуэлы»)
            obl = [i for i in (qa, qb) if _role_case(q_tokens, i) == "obl"]
            if len(obl) == 1 and _genitive(q_tokens[obl[0]].surface):
                doer = qb if obl[0] == qa else qa
        if doer is not None:
            return q_verbs, c_verbs, doer == qb, True
    return q_verbs, c_verbs, _order_swapped(q_tokens, qa, qb) != passive, passive


def _converse_in(table: AntonymTable, t: Token, langs: Sequence[str], own: str | None, c_lang: str,
                 c_set: Set[str] = frozenset()) -> str | None:
    """The claim-language word (`c_lang`) of the converse row side that message token `t` uses in
    one of `langs` (a word beginning of `own`'s rows read from its surface) — the claim's own word
    of that side when it has one (`c_set`: "sold" is the claim's «продать», not «достаться») —
    else None."""
    surf = (t.surface.casefold().replace("’", "'"),) if own else ()
    for by_lang in table.keyed.values():
        c_rows = by_lang.get(c_lang)
        if not c_rows:
            continue
        for lg in langs:
            for x, y in by_lang.get(lg, ()):
                for side, c_side in ((x, c_rows[0][0]), (y, c_rows[0][1])):
                    if side.used({t.norm}, surf if lg == own else ()):
                        return min(c_side.words & c_set or c_side.words)
    return None


def _roles_swapped(q_tokens: Sequence[Token], c_info: Sequence[tuple[str, str, str | None]], shared: set[str]) -> bool:
    verbs = [n for n, k, _ in c_info if k == "verb" and n in shared]
    if not verbs:
        return False
    verb = verbs[0]
    if verb in _SYMMETRIC:          # «Макрон встретился с Зеленским»: the same meeting
        return False
    c_pos = next(i for i, (n, _, _) in enumerate(c_info) if n == verb)
    c_unit = {i for i in range(1, len(c_info)) if c_info[i - 1][1] == "num"}
    c_ag = {g or n for i, (n, k, g) in enumerate(c_info) if k == "ent" and i < c_pos and i not in c_unit}
    c_ob = {g or n for i, (n, k, g) in enumerate(c_info) if k == "ent" and i > c_pos and i not in c_unit}
    q_pos = next((i for i, t in enumerate(q_tokens) if t.norm == verb), None)
    if q_pos is None or not c_ag or not c_ob or _passive(q_tokens[q_pos].surface):
        # a passive («Беспилотники Bayraktar проданы Азербайджану Турцией»: the thing sold stands
        # before the verb, its doer in the instrumental) is read by `_voice_swapped`
        return False
    # a place the message names as where it happened («в Сеуле», `_setting`) is no participant on
    # either side (the claim's lemmas do not say so)
    settings = {t.group or t.norm for t in q_tokens if t.kind == "ent" and _setting(t)}
    c_ag, c_ob = c_ag - settings, c_ob - settings
    q_ag, q_ob = set(), set()
    for i, t in enumerate(q_tokens):
        if t.kind != "ent" or _unit(q_tokens, i) or (t.group or t.norm) in settings:
            continue
        g = t.group or t.norm
        case = _role_case(q_tokens, i) or ("nomn" if _bare_surname(q_tokens, i) else None)
        if case == "nomn":
            q_ag.add(g)
        elif case == "obl":
            q_ob.add(g)
        elif i < q_pos:
            q_ag.add(g)
        else:
            q_ob.add(g)
    return bool((c_ag & q_ob) and (c_ob & q_ag) and not (c_ag & q_ag))


# verbs whose two participants can change places without changing what is said («Зеленский
# встретился с Макроном» = «Макрон встретился с Зеленским»); Russian lemmas (perfective, as the
# normaliser folds them) and English stems
_SYMMETRIC = frozenset({
    "встретиться", "встречаться", "поговорить", "переговорить", "созвониться", "побеседовать",
    "договориться", "поссориться", "помириться", "сыграть", "сразиться", "обменяться", "подраться",
    "столкнуться", "связаться", "расстаться", "пожениться", "жениться", "развестись", "объединиться",
    "meet", "met", "talk", "spoke", "speak", "call", "draw", "drew", "tie", "tied", "clash", "marri"})
_MORPH_CACHE = 50_000


_UK_PASSIVE_RE = re.compile(r"\w{2,}(?:[ая]н|[еє]н|ован|[иуяе]т)(?:ий|а|е|і|о)$")


@lru_cache(maxsize=_MORPH_CACHE)
def _passive(surface: str) -> bool:
    """A Russian passive participle («побеждён», «обвинённый»), or a Ukrainian one the Russian
    dictionary does not know («обіграний», «передані»): the agent comes in another case."""
    if not surface or not surface[0].isalpha() or surface.isascii():
        return False
    low = surface.casefold()
    if _UK_PASSIVE_RE.search(low) and word_known(low) is False:
        return True
    try:
        parses = get_nlp().morph.parse(low)
    except Exception:  # pragma: no cover
        return False
    # the first reading, or one as likely as it: «закрыт», «закрыто» read as the adjective or adverb as
    # often as as the participle, which the normaliser takes (normalize.ru_lex, _mark_predicate_participles)
    top = parses[0].score if parses else 0.0
    return any(p.tag.POS in ("PRTS", "PRTF") and "pssv" in p.tag for p in parses if p.score >= top)


_UKBE_PARTICIPLE_RE = re.compile(r"(\w{2,}?)(ован|[ая]н|[еє]н|[иуяе]т)(?:ий|ый|ая|а|е|і|и|о|ы|ые|ое|ую|у|ої|ого|ым|им|ими|ыми|ых|их|ам|ом)$")


def _participle_of(surface: str, verbs: Set[str]) -> str | None:
    """The one of `verbs` (Russian infinitives: a claim's verbs) that a Ukrainian or Belarusian passive
    participle as written is a form of («передані» → передать, «продані» → продать, «куплені» →
    купить, «обіграні» → обыграть: и and ы are one letter here), else None."""
    low = ukbe_as_ru(surface.casefold()).replace("ы", "и")
    m = _UKBE_PARTICIPLE_RE.fullmatch(low)
    if m is None:
        return None
    stem, suf = m.groups()
    if suf == "ован":
        heads = (stem + "овать",)
    elif suf[0] in "ая" or suf[1] == "т":
        heads = (stem + suf[0] + "ть",)
    else:       # -ен-: a verb in -ить or -еть, maybe with the consonant of its stem changed
        bases = {stem, stem[:-1]} if len(stem) > 3 and stem.endswith("л") and stem[-2] in "бпвмф" else {stem}
        for tail, alts in _ALTERNATIONS.items():
            bases |= {stem[:-len(a)] + tail for a in alts + (("дж",) if tail == "д" else ()) if stem.endswith(a)}
        heads = tuple(b + e for b in bases for e in ("ить", "еть"))
    return next((v for v in sorted(verbs) if v.replace("ы", "и") in heads), None)


@lru_cache(maxsize=_MORPH_CACHE)
def _noun(surface: str) -> bool:
    """The dictionary reads a Cyrillic word first as a noun (or does not know it)."""
    try:
        p = get_nlp().morph.parse(surface.casefold())
    except Exception:  # pragma: no cover
        return False
    return not p or p[0].tag.POS == "NOUN" or not get_nlp().morph.word_is_known(surface.casefold())


def _named(t: Token, first: bool = False) -> bool:
    """A message word that names someone or something: an entity of the dictionary or the alias
    table, or a capitalised word (a name the dictionary does not know, or reads as a common word:
    «Зенит», «Навального»); the first word of a message only when it reads as a noun or in an
    oblique case («Вторая ветка…» is no name)."""
    if t.kind == "ent":
        return True
    if not (t.kind == "w" and t.surface[:1].isupper() and len(t.norm) >= 2 and t.norm not in RU_STOP
            and t.norm not in EN_STOP and t.norm not in NEGATIONS):
        return False
    return not first or t.surface.isascii() or t.case == "obl" or _noun(t.surface)


@lru_cache(maxsize=_MORPH_CACHE)
def _genitive(surface: str) -> bool:
    """A Cyrillic word as written whose likeliest reading is the genitive («Аргентины», «России»)."""
    low = surface.casefold()
    if not low.isalpha() or low.isascii():
        return False
    try:
        tag = get_nlp().morph.parse(low)[0].tag
    except Exception:  # pragma: no cover
        return False
    return tag.case in ("gent", "gen2")


def _role_case(tokens: Sequence[Token], i: int) -> str | None:
    """The case that gives token `i` its role ("nomn" | "obl" | None): its own, except that a name in
    the genitive right after a common noun belongs to that noun and takes its case («Сборная
    Аргентины обыграла Бразилию»: Argentina's team did it, although «Аргентины» is oblique;
    «Президент Франции», «Решение Центробанка»)."""
    t = tokens[i]
    if i > 0 and t.case == "obl" and _genitive(t.surface):
        head = tokens[i - 1]
        if head.kind == "w" and head.case is not None and (i == 1 or not head.surface[:1].isupper()):
            return head.case
    return t.case


def _unit(tokens: Sequence[Token], i: int) -> bool:
    """Token `i` counts a number before it («до 120 рублей», "44 billion dollars"): a unit of
    measure, not one of the participants — unless the number is a year («В 2024 Зенит проиграл») or
    opens the text («2. Китай продал России …», a numbered digest's item)."""
    if i == 0 or tokens[i - 1].kind != "num":
        return False
    if i >= 2 and (tokens[i - 2].kind == "num" or _designation(tokens[i - 2])) or _en_doer(tokens[i]):
        # a score before it («проиграл 1:3 Зениту», "beaten 3-1 by Spartak": two numbers count
        # nothing), the number of a designation («Су-35 Россия продала …», "F-16 Ukraine …"), or
        # the doer of an English passive ("by" stood between)
        return False
    n = tokens[i - 1].norm
    return not (n.isdigit() and (1900 <= int(n) <= 2100 or i == 1 and int(n) <= 99))


def _designation(t: Token) -> bool:
    """A short capitalised word a number may designate a model of («Су»-35, «МиГ»-29, "F"-16,
    «С»-400): the number belongs to it, it counts nothing after it."""
    return t.kind != "num" and t.surface[:1].isupper() and len(t.surface) <= 4


def _en_doer(t: Token) -> bool:
    """The doer of an English passive: a nominative in Latin letters (claims/normalize.py
    `_mark_en_passive` sets it; no other English word has a case)."""
    return t.case == "nomn" and t.surface.isascii()


def active_order(tokens: Sequence[Token]) -> list[str] | None:
    """The normalised tokens of `active_tokens` (None as there)."""
    act = active_tokens(tokens)
    return None if act is None else [t.norm for t in act]


def active_tokens(tokens: Sequence[Token]) -> list[Token] | None:
    """An English claim told in the passive ("Twitter was bought by Elon Musk"; its `analyze`d
    tokens, the doer marked by claims/normalize.py `_mark_en_passive`) as its tokens in the active
    order the role checks read a claim in, the doer first: elon musk bought твиттер
    (read in the order written, Twitter did the buying: "Elon Musk was bought by Twitter" was a plain
    match and the claim's own words swapped roles). The doer (a run of names), then the participle
    and what follows it, then the subject before it, then the rest; None when the claim has no
    passive with its doer named ("Beaten by Zenit, Spartak …": no subject before a participle). A
    message told in the passive is read so too ("Infertility is caused by the Pfizer vaccine" states
    "Pfizer vaccine causes infertility")."""
    doer = next((i for i, t in enumerate(tokens) if _en_doer(t)), None)
    if doer is None:
        return None
    end = doer + 1
    while end < len(tokens) and _en_doer(tokens[end]):
        end += 1
    pre = list(tokens[:doer])
    k = next((i for i in range(1, len(pre)) if _en_participle(pre[i].surface.casefold())), None)
    if k is None:
        return None
    return [*tokens[doer:end], *pre[k:], *pre[:k], *tokens[end:]]


def _names_swapped(q_tokens: Sequence[Token], c_info: Sequence[tuple[str, str, str | None]],
                   shared: set[str]) -> bool:
    """Two names both sides give, on opposite sides of the same word (a verb where there is one,
    "beat"), in the other order or the other grammatical roles: «Спартак победил Зенит» against
    «Зенит победил Спартак», «Навального обвинил Путин» against «Навальный обвинил Путина». The
    message's roles come from case where the word shows it (nominative = who does it), else from
    word order; the claim's from word order. Verbs with two interchangeable participants
    (встретиться, meet) and passive participles are left alone."""
    q_first: dict[str, int] = {}
    named_q: set[str] = set()
    for i, t in enumerate(q_tokens):
        q_first.setdefault(t.norm, i)
        if t.norm in shared and _named(t, i == 0):
            named_q.add(t.norm)
    c_first: dict[str, int] = {}
    for i, (n, _, _) in enumerate(c_info):
        c_first.setdefault(n, i)
    ents = sorted({n for n, k, _ in c_info if n in shared and k == "ent"}, key=c_first.get)
    names = set(ents) if _ents_around_verb(ents, c_first, [n for n, _, _ in c_info]) \
        else {n for n, k, _ in c_info if n in shared and (k == "ent" or n in named_q)}
    # a unit counting a number («до 120 рублей») is no participant
    names = {n for n in names if not _unit(q_tokens, q_first[n])
             and not (c_first[n] > 0 and c_info[c_first[n] - 1][1] == "num")}
    if len(names) < 2:
        return False
    # the pivot: the first shared verb of the claim between two of its names, else any shared word there
    c_names = sorted(c_first[n] for n in names)
    lo, hi = c_names[0], c_names[-1]
    pivot = None
    for want_verb in (True, False):
        for i in range(lo + 1, hi):
            n, k, _ = c_info[i]
            if n in shared and n not in names and k not in ("num", "neg") and (k == "verb") == want_verb \
                    and n not in RU_STOP and n not in EN_STOP:
                pivot = n
                break
        if pivot is not None:
            break
    if pivot is None or pivot in _SYMMETRIC:
        return False
    qp = q_first[pivot]
    if _passive(q_tokens[qp].surface):
        return False
    c_piv = c_first[pivot]
    # the two participants are the claim's names nearest the pivot on either side; names further
    # out («… в финале Кубка России») are circumstances both sides share and say nothing of roles
    left = [n for n in names if c_first[n] < c_piv]
    right = [n for n in names if c_first[n] > c_piv]
    if not left or not right:
        return False
    names = {max(left, key=c_first.get), min(right, key=c_first.get)}
    c_ag = {n for n in names if c_first[n] < c_piv}
    c_ob = {n for n in names if c_first[n] > c_piv}
    # an oblique case is sure; a nominative may be the accusative of an inanimate noun («победил
    # Зенит»), so it counts only beside a name in an oblique case; otherwise word order decides
    case = {n: _role_case(q_tokens, q_first[n]) for n in names}
    any_obl = any(case[n] == "obl" for n in names)
    lone = _en_passive_doer(q_tokens, {q_first[n]: case[n] for n in names}) is not None
    if not lone and not any_obl:
        # a lone nominative that is no accusative beside names without a case does it (uk
        # «Генератори Україні передала Японія», `_order_swapped`)
        sure = [n for n in names if _sure_nominative(q_tokens[q_first[n]].surface, n)
                or _bare_surname(q_tokens, q_first[n])]
        if len(sure) == 1 and q_tokens[qp].kind == "verb" \
                and any(abs(j - qp) == 1 for j in _name_ends(q_tokens, q_first[sure[0]])):
            case[sure[0]], lone = "nomn", True
    q_ag, q_ob = set(), set()
    for n in names:
        role = "obl" if case[n] == "obl" else "nomn" if case[n] == "nomn" and (any_obl or lone) else (
            "obl" if lone else "nomn" if q_first[n] < qp else "obl")
        (q_ag if role == "nomn" else q_ob).add(n)
    verb_num = _number(q_tokens[qp].surface) if q_tokens[qp].kind == "verb" else None
    if verb_num and any(_number(q_tokens[q_first[n]].surface) not in (None, verb_num) for n in q_ag):
        # the would-be doer does not agree with the verb: «Небоскрёб … построят в Москве» has no
        # doer (an indefinite-personal plural), the singular noun before the verb is its object
        return False
    return bool((c_ag & q_ob) and (c_ob & q_ag) and not (c_ag & q_ag) and not (c_ob & q_ob))


# the prepositions said before a place's locative only (not «у», which brings in the other party too)
_LOCATIVE_PREPS = frozenset("в во на о об обо при".split())


@lru_cache(maxsize=_MORPH_CACHE)
def _noun_case(surface: str, case: str | None = None) -> str | None:
    """The case of the likeliest noun reading of a Cyrillic word as written (pymorphy's "ablt",
    "loct" …; a name of several words by its noun: «Соединёнными Штатами»); None for a Latin word,
    an unknown one or on error; a Ukrainian or Belarusian word is read in Russian letters: «Україною»
    → «украиною», the instrumental). `case`: that case when any noun reading has it, else None."""
    low = surface.casefold().rsplit(" ", 1)[-1]
    if not low.isalpha() or low.isascii():
        return None
    try:
        parses = [p for p in get_nlp().morph.parse(ukbe_as_ru(low)) if p.tag.POS == "NOUN"]
    except Exception:  # pragma: no cover
        return None
    if case is not None:
        return case if any(p.tag.case == case for p in parses) else None
    return parses[0].tag.case if parses else None


@lru_cache(maxsize=_MORPH_CACHE)
def _sure_nominative(surface: str, norm: str) -> bool:
    """A Cyrillic word as written (`surface`, its lemma `norm`) that can only be a nominative: a noun
    the dictionary reads in no other case than that and not the accusative («Япония», uk «Японія»,
    «Турция»; not «Зенит», «Китай», «генераторы»: an inanimate masculine or plural noun may be the
    object), or — a word the Russian dictionary does not know (uk «Польща», be «Польшча») — one
    ending in -а/-я as its lemma does (a feminine noun in -а has that ending in the nominative
    only); False for a Latin word."""
    low = surface.casefold().rsplit(" ", 1)[-1]
    if not low.isalpha() or low.isascii():
        return False
    ru = ukbe_as_ru(low)
    if word_known(ru) is False:
        return low.endswith(("а", "я")) and norm.endswith(("а", "я"))
    try:
        cases = {p.tag.case for p in get_nlp().morph.parse(ru) if p.tag.POS == "NOUN"}
    except Exception:  # pragma: no cover
        return False
    return "nomn" in cases and "accs" not in cases


def _setting(t: Token) -> bool:
    """A Russian word whose likeliest reading as written is the locative («Новосибирске», «Москве»,
    «Казани»: the place where), as opposed to a participant; False for an unknown word or on error,
    and for one with surely no preposition before it (`Token.prep` "": «США продали Канаде …», a
    dative — the locative is said only after «в», «на», «о»). Right after one of these (`Token.prep`
    «в»), any locative reading will do: «В России заблокировали Facebook», whose «России» reads first
    as the genitive, names where, and the claim's own words were flagged as swapped roles."""
    if t.prep in _LOCATIVE_PREPS:
        return _noun_case(t.surface, "loct") is not None or _noun_case(t.surface, "loc2") is not None
    return t.prep != "" and _noun_case(t.surface) in ("loct", "loc2")


@lru_cache(maxsize=_MORPH_CACHE)
def _number(surface: str) -> str | None:
    """"sing" / "plur" of a Russian word as written (a verb or a noun), None when it has none or the
    dictionary does not know the word (a name: no guess)."""
    low = surface.casefold()
    if not low.isalpha() or low.isascii() or not word_known(low):
        return None
    try:
        return get_nlp().morph.parse(low)[0].tag.number
    except Exception:  # pragma: no cover
        return None


def shares_only_when(q_tokens: Sequence[Token], c_norms: Sequence[str]) -> bool:
    """Does the message share with the claim a date or a year and otherwise only names — none of
    the claim's words that say what happened? «В апреле 2023 года в Финляндии прошли парламентские
    выборы» against «Финляндия вступила в НАТО в апреле 2023 года» shares «апрель», «2023», «год»
    and «Финляндия»: when and where, another event. False when no date or year is shared, when a
    shared word is neither a date, a number, a unit of time nor a name, or when the claim has no
    other word (it is all names and dates)."""
    q_norms = [t.norm for t in q_tokens]
    _, q_used = dates_in(q_norms)
    _, c_used = dates_in(c_norms)

    def when_words(norms, used):
        return {n for i, n in enumerate(norms) if i in used or _is_int(n, 1900, 2100) or n in PERIOD_DAYS}

    q_when, c_when = when_words(q_norms, q_used), when_words(c_norms, c_used)
    shared = (set(q_norms) & set(c_norms)) - RU_STOP - EN_STOP
    if not shared & q_when & c_when - set(PERIOD_DAYS):
        return False
    for n in shared - q_when - c_when:
        if not n[:1].isdigit() and _claim_name(n) == 0:
            return False            # a shared word that says what
    return any(n not in c_when and not n[:1].isdigit() and n not in RU_STOP and n not in EN_STOP
               and n not in NEGATIONS and _claim_name(n) == 0 for n in c_norms)


# ------------------------------------------------------------------------------ another actor

@lru_cache(maxsize=_MORPH_CACHE)
def _unknown_word(token: str) -> bool:
    """A Cyrillic word the dictionary does not know (a name: «маск», «ротенберг»)."""
    if len(token) < 3 or not token.isalpha() or token.isascii():
        return False
    return word_known(token) is False


def _claim_name(n: str, names: Set[str] | None = None) -> int:
    """2: the claim's token is a name (dictionary or alias table, or capitalised inside a sentence of
    the claim as written: `names`); 1: an unknown word (maybe a name); 0: not a name."""
    kind, _ = token_kind(n)
    if kind == "ent" or names and n in names:
        return 2
    return 1 if kind == "w" and _unknown_word(n) else 0


_EN_WEEKDAYS = frozenset(word_norm(d, "en") for d in "monday tuesday wednesday thursday friday saturday sunday".split())
_EN_CAPITALISED_RE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
_SENTENCE_START_RE = re.compile(r"[.!?…:][\"'“”«»()\s]*+$")


_NEXT_CAPITALISED_RE = re.compile(r"\s+[A-Z][a-z]")


def english_claim_names(text: str) -> frozenset[str]:
    """The normalised words of an English claim's names as written, which its normalised tokens lose
    (English has no name dictionary: «musk» is a word like any other once lower-cased): a word
    capitalised inside a sentence ("Elon Musk bought Twitter" → musk); a first word, whose capital
    says nothing ("Scientists found …"), only when it is a name anyway ("Pfizer vaccine causes …",
    "Finland closed …": `english_names.first_word_is_name`), not an English function word, a month or a weekday, not a word all in capitals
    of three letters or fewer ("US", "WHO": the alias table's).
    Empty for no such word. Costs a regex pass and a cached word look-up per capitalised word."""
    out: set[str] = set()
    text = text or ""
    lead = len(text) - len(text.lstrip(" \"'“”«»("))        # where the first word starts
    for m in _EN_CAPITALISED_RE.finditer(text):
        w = m.group()
        if w.isupper() and len(w) <= 3:
            continue
        if (m.start() <= lead or _SENTENCE_START_RE.search(text, max(0, m.start() - 4), m.start()) is not None) \
                and (not first_word_is_name(w) or _NEXT_CAPITALISED_RE.match(text, m.end())):
            continue        # a first word: capitalised whatever it is ("Scientists found …"; break test b32),
            #                 unless it is a name anyway ("Pfizer vaccine …", "Finland closed …": english_names),
            #                 and not a kind or title before a name ("Typhoon Haikui …": Haikui is the name; b35)
        n = word_norm(w, "en")
        if n in EN_STOP or w.casefold() in EN_STOP or len(n) < 3 or n in MONTHS or n in _EN_WEEKDAYS:
            continue        # (a month or a weekday is capitalised, but no name: "in Oct. 2026" is October)
        out.add(n)
    return frozenset(out)


def _message_name(t: Token, first: bool) -> int:
    """2: a name (dictionary, alias table, or capitalised inside the sentence); 1: maybe a name (a
    capitalised first word the dictionary does not know or reads in an oblique case: «Токаев»,
    "Spain"); 0: not a name."""
    if t.kind == "ent":
        return 2
    if t.kind != "w" or not t.surface[:1].isupper() or t.norm in RU_STOP or t.norm in EN_STOP \
            or t.norm in NEGATIONS or len(t.norm) < 2:
        return 0
    if not first:
        return 2
    return 1 if (t.case == "obl" or t.surface.isascii() or _unknown_word(t.surface.casefold())) else 0


VARIANT_SIM = 80    # rapidfuzz partial_ratio from which a message name is a short or other spelling of
                    # a claim word it lacks («Питер» ~ «Петербург»: 80; «Лукашенко» ~ «Путин»: 29)


def _variant_of(name: str, words: Sequence[str]) -> bool:
    return len(name) >= 4 and any(fuzz.partial_ratio(name, w) >= VARIANT_SIM for w in words)


SLOT = 2     # message words on each side of an anchor looked at for the name taking a claim name's place


SPELLING_PREFIX = 3     # a uk/be message's name with the first letters of a claim word it lacks may be
                        # that word in its own spelling («Туреччина» for «Турция», «Мінсадоўя»)


def other_actor(q_tokens: Sequence[Token], c_norms: Sequence[str], *, respelled: bool = False,
                across: bool = False, names: Set[str] | None = None) -> bool:
    """True when the message puts another name where the claim names one: a name of the claim is
    missing from the message and, next to the words around it that the message shares (within
    SLOT words), the message has a name the claim does not have. «Лукашенко посетил Казань»
    against «Путин посетил Казань», "Spain beat France" against "Germany beat France". Forms and
    aliases of a name are one name («Путина», "Putin" → путин); a country standing for its
    leader («Россия» for Путин: the alias group) is no other actor. At least one of the two must
    be a name for certain (dictionary, alias table, capitalised inside the sentence). `respelled`:
    the message is a Ukrainian/Belarusian one read in Russian words (claims/match/cognates.py),
    where a name may keep its own spelling: a message name beginning with the SPELLING_PREFIX
    letters of a claim word it lacks is then that word («Туреччина» / «Турция»; «Харкові» /
    «Казань» stay two cities). `across`: the message and the claim are in two languages («Netflix
    купил MGM» against "Amazon bought MGM"), so only two names of one group of the alias table count
    (two companies; the table spells a name one way in every script, but not every spelling alike:
    "Moscow" is only Russia to it, and a name it does not know may be written in the other script:
    "Elon" / «Илон»), and a transliteration of the message's name is that name too. `names`: an
    English claim's names as written (`english_claim_names`: "Jeff Bezos bought Twitter" against
    "Elon Musk bought Twitter"). Costs a few dictionary look-ups per candidate, cached per word."""
    q_norms = [t.norm for t in q_tokens]
    q_pos: dict[str, int] = {}
    for j, n in enumerate(q_norms):
        q_pos.setdefault(n, j)
    c_set = set(c_norms)
    groups = {t.norm: t.group for t in q_tokens if t.group}
    c_missing = [c for c in c_set if c not in q_pos and len(c) >= 4 and not c[:1].isdigit()]
    for i, c in enumerate(c_norms):
        if c in q_pos or c[:1].isdigit() or c in NEGATIONS:
            continue
        c_strength = _claim_name(c, names)
        if not c_strength or across and c_strength < 2:
            continue
        c_group = token_kind(c)[1]
        left = next((q_pos[c_norms[j]] for j in range(i - 1, -1, -1) if c_norms[j] in q_pos), None)
        right = next((q_pos[c_norms[j]] for j in range(i + 1, len(c_norms)) if c_norms[j] in q_pos), None)
        window: set[int] = set()
        if left is not None:
            window.update(range(left + 1, min(len(q_tokens), left + 1 + SLOT)))
        if right is not None:
            window.update(range(max(0, right - SLOT), right))
        for j in sorted(window):
            t = q_tokens[j]
            if t.norm in c_set or t.kind in ("num", "neg", "verb"):
                continue
            if t.norm == c_group or groups.get(t.norm) == c:
                continue        # the country for its leader, or the leader for the country
            m_strength = _message_name(t, j == 0)
            if respelled and any(t.norm[:SPELLING_PREFIX] == w[:SPELLING_PREFIX] for w in c_missing):
                continue
            if across and (t.kind != "ent" or not c_group or t.group != c_group or _variant_of(translit_cyr2lat(t.norm), c_missing)
                           or _variant_of(translit_lat2cyr(t.norm), c_missing)):
                continue
            if m_strength and max(m_strength, c_strength) == 2 and not _variant_of(t.norm, c_missing) \
                    and not _variant_of(_name_run(q_tokens, j), c_missing):
                return True
    return False


def _name_run(q_tokens: Sequence[Token], j: int) -> str:
    """The message's name words around position `j` written together: the pieces of a name of
    several words that the alias table reads as one token where it knows this spelling («Ким Чен
    Ын» → кимченын) but not another («Кім Чен Ином»: «ким», «чен»), so that those pieces are that
    name in another spelling (`_variant_of`), not another actor. "" when `j` stands alone."""
    lo = hi = j
    while lo > 0 and _message_name(q_tokens[lo - 1], lo - 1 == 0):
        lo -= 1
    while hi + 1 < len(q_tokens) and _message_name(q_tokens[hi + 1], False):
        hi += 1
    return "".join(t.norm for t in q_tokens[lo:hi + 1]) if hi > lo else ""


def _participants(q_tokens: Sequence[Token], c_norms: Sequence[str]) -> tuple[str, str, int, int, int, int] | None:
    """The claim's two participants both sides name, for the role checks (`names_reordered`,
    `converse_roles`): (a, b, ca, cb, qa, qb) — the claim's first and second name and where each
    first stands in the claim (ca < cb) and in the message; None when there are not exactly two
    (of more names, the first neighbours in the claim with a verb between them), when they stand
    next to each other on either side (unless a case tells the doer, or they open the clause object
    first before its verb: `_object_first`), or when one is a place in the locative (a setting,
    `_setting`)."""
    shared = set(c_norms) & {t.norm for t in q_tokens}
    q_first: dict[str, int] = {}
    for i, t in enumerate(q_tokens):
        q_first.setdefault(t.norm, i)
    named_q = {t.norm for i, t in enumerate(q_tokens) if t.norm in shared and _named(t, i == 0)}
    c_first: dict[str, int] = {}
    for i, n in enumerate(c_norms):
        c_first.setdefault(n, i)
    names = _claim_names(shared, named_q, c_first, q_tokens, q_first, c_norms)
    if len(names) > 2:
        # a short name followed by a number among more names is a designation («Су-35», "F-16"),
        # not a participant
        names = [n for n in names if not (len(n) <= 3 and c_first[n] + 1 < len(c_norms)
                                          and token_kind(c_norms[c_first[n] + 1])[0] == "num")]
    if len(names) > 2:
        # more names («Зенит победил Спартак в финале Кубка России»): the participants are the
        # first two neighbours in the claim with a verb between them; the rest is the setting
        en_verbs = default_converses().words("en")
        pairs = [(a, b) for a, b in zip(names, names[1:])
                 if any(token_kind(c_norms[i])[0] == "verb" or c_norms[i] in en_verbs
                        for i in range(c_first[a] + 1, c_first[b]))]
        names = list(pairs[0]) if pairs else []
    if len(names) != 2:
        return None
    a, b = names
    ca, cb = c_first[a], c_first[b]
    qa, qb = q_first[a], q_first[b]
    told = _case_doer(q_tokens, qa, qb) is not None
    if cb - ca < 2 or abs(qb - qa) < 2 and not told and not _object_first(q_tokens, min(qa, qb)):
        # side by side, two names are one phrase («президент России Путин»), unless a case tells
        # who does it: "sold by China to Russia", «проданы России Китаем», uk «Японії Україна передала»
        return None
    if not told and (_setting(q_tokens[qa]) or _setting(q_tokens[qb])):
        # «В Новосибирске запустили электричку до аэропорта Толмачёво»: a place in the locative is
        # where it happened, not who did it or had it done (its oblique case read as "has it done"
        # flagged the claim's own words as swapped roles); beside a doer in the instrumental, a
        # dative-or-locative («проданы Канаде Польшей») is the dative
        return None
    return a, b, ca, cb, qa, qb


def _object_first(q_tokens: Sequence[Token], i: int) -> bool:
    """Do the names at `i` and `i + 1` open their clause as its object and its subject, the verb after
    them (uk «Японії Україна передала генератори», «Китаю Россия продала …»): the first in an oblique
    case with no common noun before it to belong to (a clause's first word), the second a nominative
    right before the clause's verb? Side by side, two names are otherwise one phrase («президент
    России Путин»)."""
    if i + 2 >= len(q_tokens) or i > 0 and q_tokens[i - 1].kind in ("w", "ent"):
        return False
    a, b = q_tokens[i], q_tokens[i + 1]
    return a.case == "obl" and b.case == "nomn" and q_tokens[i + 2].kind == "verb" and _named(a, i == 0) \
        and _named(b)


def _claim_names(shared: Set[str], named_q: Set[str], c_first: dict[str, int], q_tokens: Sequence[Token],
                 q_first: dict[str, int], c_norms: Sequence[str]) -> list[str]:
    """The claim's words both sides share that name a participant, in the claim's order: names of
    the dictionary or the alias table first, when two of them stand on either side of a verb of
    the claim (`_ents_around_verb`); else a word the message merely capitalises too (`named_q`:
    «Зенит», or a sentence's first word «Санкции») — «Санкции против Ирана ввели США» has its
    participants in США and Иран. A unit counting a number (`_unit`) is none."""
    def usable(n: str) -> bool:
        return not _unit(q_tokens, q_first[n]) and not (
            c_first[n] > 0 and token_kind(c_norms[c_first[n] - 1])[0] == "num")
    ents = [n for n in sorted(shared, key=c_first.get) if token_kind(n)[0] == "ent" and usable(n)]
    if _ents_around_verb(ents, c_first, c_norms):
        return ents
    return [n for n in sorted(shared, key=c_first.get) if (token_kind(n)[0] == "ent" or n in named_q) and usable(n)]


def _ents_around_verb(ents: Sequence[str], c_first: dict[str, int], c_norms: Sequence[str]) -> bool:
    """Do two neighbouring `ents` of the claim (in the claim's order) have a verb of the claim
    between them (the two participants of that verb)?"""
    en_verbs = default_converses().words("en")      # an English verb is a plain word ("sold")
    return any(token_kind(c_norms[i])[0] == "verb" or c_norms[i] in en_verbs
               for a, b in zip(ents, ents[1:]) for i in range(c_first[a] + 1, c_first[b]))


def _instrumental(surface: str) -> bool:
    """A Cyrillic word as written whose likeliest noun reading is the instrumental («Китаем»,
    «Турцией», uk «Зенітом», «Соединёнными Штатами»): the doer of a passive («были проданы России
    Китаем»)."""
    return _noun_case(surface) == "ablt"


def _case_doer(q_tokens: Sequence[Token], qa: int, qb: int) -> int | None:
    """Of two participants at `qa`, `qb`, the one a case marks as a passive's doer: an English
    passive's (`_en_doer`), else the one in the instrumental beside one that is not («были проданы
    России Китаем»); None when no case tells."""
    ta, tb = q_tokens[qa], q_tokens[qb]
    if _en_doer(ta) != _en_doer(tb):
        return qa if _en_doer(ta) else qb
    ia, ib = _instrumental(ta.surface), _instrumental(tb.surface)
    if ia != ib:
        return qa if ia else qb
    return None


def _en_passive_doer(q_tokens: Sequence[Token], cases: dict[int, str | None]) -> int | None:
    """Of the participants at the message positions `cases` maps to their role case (`_role_case`),
    the doer of an English passive: the one nominative, in Latin letters, beside none oblique and
    one without a case (claims/normalize.py `_mark_en_passive` sets it; no other English word has a
    case); else None."""
    noms = [i for i, c in cases.items() if c == "nomn"]
    if len(noms) == 1 and "obl" not in cases.values() and None in cases.values() \
            and q_tokens[noms[0]].surface.isascii():
        return noms[0]
    return None


def _order_swapped(q_tokens: Sequence[Token], qa: int, qb: int) -> bool:
    """Does the message give the claim's second participant (at `qb`) the doer's role and the
    first (at `qa`) the done-to's? An oblique case is sure (a nominative may be an inanimate
    accusative: «обыграл Зенит»); without one, the first name does it. Not when the would-be doer
    does not agree with the verb between them («Небоскрёб в 500 метров построят в Москве»: a
    plural verb with no doer, its object first)."""
    case_a, case_b = (None if _common_noun(q_tokens[i]) else _role_case(q_tokens, i) for i in (qa, qb))
    doer = _en_passive_doer(q_tokens, {qa: case_a, qb: case_b})
    if doer is not None:
        return doer == qb
    obl_a, obl_b = case_a == "obl", case_b == "obl"
    swapped = (not obl_a and qb < qa) if obl_a == obl_b else obl_a
    if not obl_a and not obl_b:
        # one name a nominative that is no accusative, the other not (uk «Генератори Україні передала
        # Японія»: the dative «Україні» the Russian dictionary does not read): the nominative next to
        # the verb does it, on either side of it (a nominative further off may be a gloss's word that
        # lost its case: «… в школа Украина»)
        sure = [i for i in (qa, qb) if _sure_nominative(q_tokens[i].surface, q_tokens[i].norm)
                and not _first_name_before_surname(q_tokens, i) or _bare_surname(q_tokens, i)]
        if len(sure) == 1 and any(_by_verb(q_tokens, j) for j in _name_ends(q_tokens, sure[0])):
            return sure[0] == qb
    if swapped:
        q_between = q_tokens[min(qa, qb) + 1:max(qa, qb)]
        verbs = [_number(t.surface) for t in q_between if t.kind == "verb"]
        doer = _number(q_tokens[qb].surface)
        if doer and verbs and verbs[0] and verbs[0] != doer:
            return False
    return swapped


_NAME_GRAMMEMES = ("Geox", "Name", "Surn", "Patr", "Abbr", "Orgn", "Trad")


@lru_cache(maxsize=_MORPH_CACHE)
def common_noun_word(low: str) -> bool:
    """Does pymorphy3 read a lower-case Russian word first as a common noun («поляки», «бакс»,
    «коронавируса»), not a place, person, organisation or abbreviation («москве», «рф»), nor another part
    of speech? False when the morphology cannot be used."""
    try:
        tag = get_nlp().morph.parse(low)[0].tag
    except Exception:  # pragma: no cover
        return False
    return tag.POS == "NOUN" and not any(g in tag for g in _NAME_GRAMMEMES)


def _common_noun(t: Token) -> bool:
    """A name of the alias table written as a lowercase common noun of the dictionary («коронавируса»,
    «вакцину»): its oblique case tells no role — «Вакцина от коронавируса изменяет ДНК человека», whose
    «от коронавируса» says what the vaccine is for, was read as the done-to and flagged swapped roles
    against its own words; a lowercase person («путина») keeps its case, as does a people («над канадцами»:
    «Хоккеисты сборной России одержали победу над канадцами» was read as Canada the winner; break test b33)."""
    low = t.surface.casefold()
    return t.surface[:1].islower() and low.isalpha() and not low.isascii() and common_noun_word(low) \
        and not _animate_word(low)


@lru_cache(maxsize=_MORPH_CACHE)
def _animate_word(low: str) -> bool:
    """Does pymorphy3 read a lower-case Russian word first as animate («канадцами», «россиянам»)?"""
    try:
        return get_nlp().morph.parse(low)[0].tag.animacy == "anim"
    except Exception:  # pragma: no cover
        return False


def _first_name_before_surname(q_tokens: Sequence[Token], i: int) -> bool:
    """Is token `i` a first name the dictionary knows (its Name reading) followed by a capitalised
    word? Then the surname says the case, and the first name's nominative-only reading is no sure
    nominative: «купила Илона Маска» is Elon Musk in the accusative, not Ilona (a female name)."""
    if i + 1 >= len(q_tokens) or not q_tokens[i + 1].surface[:1].isupper():
        return False
    low = q_tokens[i].surface.casefold()
    try:
        return any("Name" in p.tag for p in get_nlp().morph.parse(ukbe_as_ru(low)))
    except Exception:  # pragma: no cover
        return False


_CONSONANT_END = re.compile(r"[бвгджзклмнпрстфхцчшщй]$")
# a man's surname in an oblique case, its lemma (a consonant-ending stem) and one of these endings:
# «Маска», «Маску», «Маском», «Маске» (gen./acc., dat., instr., loc.)
_SURNAME_OBLIQUE = ("а", "у", "ом", "ым", "е")


def _bare_surname(q_tokens: Sequence[Token], i: int) -> bool:
    """Is token `i` a first name followed by a man's surname written as its lemma with a consonant at
    its end, or that surname itself («Илон Маск», «Дональд Трамп»)? A man's name so written is a
    nominative only (his accusative is «Илона Маска»), though the dictionary reads the surname as an
    inanimate noun («маск») and the first name as another («Илон»: a plural of «Илона»): «Twitter
    купил Илон Маск» tells Musk's buying. Not a surname ending in -ь (a woman's «Меркель» does not
    decline) or a vowel."""
    j = i + 1 if _first_name_before_surname(q_tokens, i) else i
    if j == i and not (i > 0 and _first_name_before_surname(q_tokens, i - 1)):
        return False
    low = q_tokens[j].surface.casefold()
    return low.isalpha() and not low.isascii() and low == q_tokens[j].norm and bool(_CONSONANT_END.search(low))


# nouns of a source in «по словам / со слов / по данным / по мнению … X»: X in the genitive is its source
_SOURCE_NOUNS = frozenset({"слово", "данные", "мнение", "информация", "версия", "оценка", "сведение", "утверждение",
                           "заявление", "подсчёт", "подсчет"})


def _surname_cases(q_tokens: Sequence[Token], c_norms: Sequence[str]) -> Sequence[Token]:
    """`q_tokens` with a person the claim names by first name and surname read in the message's
    case: a first name of the claim followed by the claim's surname (a consonant-ending lemma) plus
    an ending of an oblique case (`_SURNAME_OBLIQUE`) is that person in an oblique case, both words
    marked so and the surname read as the claim's («Илона Маска купил Твиттер» against «Илон Маск
    купил Twitter»: the dictionary reads «Илона» as a woman's name in the nominative and «Маска» as a
    mask, and the object was taken for the doer; the matcher's typo step may have read it as the
    claim's word already). A name right after a noun of a source in an oblique case («По словам Илона
    Маска, …», «По данным Владимира Путина, …», `_SOURCE_NOUNS`) has no case: it is no participant's.
    Other tokens unchanged."""
    c_set = set(c_norms)
    out = list(q_tokens)
    for i in range(len(q_tokens) - 1):
        first, sur = q_tokens[i], q_tokens[i + 1]
        low = sur.surface.casefold()
        if first.norm not in c_set or low in c_set or not _first_name_before_surname(q_tokens, i):
            continue
        stem = next((low[:-len(e)] for e in _SURNAME_OBLIQUE if low.endswith(e) and low[:-len(e)] in c_set
                     and _CONSONANT_END.search(low[:-len(e)])), None)
        if stem is None or low.isascii():
            continue
        out[i] = replace(first, case="obl")
        out[i + 1] = replace(sur, norm=stem, case="obl")
    for i, t in enumerate(out[:-1]):
        if t.norm not in _SOURCE_NOUNS or t.case != "obl":
            continue
        # «По словам Илона Маска, он купил Twitter»: the source, in the genitive after its noun, is
        # no object of the act (its case says nothing of the roles; flagged "roles" before) — unless
        # a name of the claim with no nominative of its own stands between it and the verb («По
        # словам Путина, Шойгу уволил его»: Putin is the one fired; a nominative there, «Северная
        # Корея может …», has the doer's role whatever the source's case)
        end = i + 1
        while end < min(i + 4, len(out)) and out[end].kind != "verb" and out[end].case == "obl":
            end += 1        # the source ends where the statement's doer or verb begins
        verb = next((j for j in range(end, len(out)) if out[j].kind == "verb"), None)
        if verb is None or any(out[j].kind == "ent" and out[j].norm in c_set and out[j].case != "nomn"
                               for j in range(end, verb)):
            continue
        for j in range(i + 1, end):
            out[j] = replace(out[j], case=None)
    return out


def _name_ends(q_tokens: Sequence[Token], i: int) -> tuple[int, int]:
    """The first and the last position of the name at `i`: with the surname after a first name, or
    the first name before a surname («купил Павел Дуров»: the verb is next to the name, not to
    «Дуров»)."""
    if _first_name_before_surname(q_tokens, i):
        return i, i + 1
    return (i - 1, i) if i > 0 and _first_name_before_surname(q_tokens, i - 1) else (i, i)


def _by_verb(q_tokens: Sequence[Token], i: int) -> bool:
    """Does a verb stand right before or right after position `i`?"""
    return any(0 <= j < len(q_tokens) and q_tokens[j].kind == "verb" for j in (i - 1, i + 1))


def _verb_zone(q_tokens: Sequence[Token], qa: int, qb: int) -> Sequence[Token]:
    """The message's words that hold the verb of its two participants at `qa`, `qb`: those between
    them, or — when none is there and a case tells the roles (an English passive: "Drones were sold
    to Russia by Iran", claims/normalize.py `_mark_en_passive`) — those before both; those after both
    when the two open the clause, object first (`_object_first`: uk «Японії Україна передала»)."""
    between = q_tokens[min(qa, qb) + 1:max(qa, qb)]
    if between or not (q_tokens[qa].case or q_tokens[qb].case):
        return between
    if abs(qa - qb) == 1 and _object_first(q_tokens, min(qa, qb)):
        return q_tokens[max(qa, qb) + 1:]      # «Японії Україна передала генератори»: the verb after both
    return q_tokens[:min(qa, qb)]


def _first_verb(seq: Sequence[tuple[str, str]]) -> set[str]:
    """{the first verb} of (norm, kind) pairs, else every word (English verbs are plain words)."""
    return next(({n} for n, k in seq if k == "verb"), {n for n, _ in seq})


def converse_roles(q_tokens: Sequence[Token], c_norms: Sequence[str], lang: str | None = None,
                   converses: AntonymTable | None = None) -> str | None:
    """The message tells the claim's event with a converse verb (claims/match/data/converses.tsv:
    «Зенит обыграл Спартак» against «Спартак проиграл Зениту», «Twitter перешёл к Илону Маску»
    against «Илон Маск купил Twitter»): "same" when its two participants have swapped roles with it
    (the same event from the other side), "reversed" when they keep the claim's roles («Спартак
    обыграл Зенит», «Маск продал Twitter»: the other outcome); None when the verbs are no converse
    pair between the claim's two names (`_participants`), or a word between the message's is a
    passive participle (whose doer
    comes in another case). `lang`: the table's rows of that language, None for every language's.
    `converses` defaults to the shipped table."""
    table = converses if converses is not None else default_converses()
    q_set, c_set = {t.norm for t in q_tokens}, set(c_norms)
    lang = next((lg for lg in ((lang,) if lang else tuple(table.pairs)) if table.opposed(q_set, c_set, lg)), None)
    if lang is None and converses is None:
        # the noun of the act («Победа Зенита над Спартаком»): read as its verb (`_verbal_nouns`);
        # a Ukrainian/Belarusian verb as written («придбав»: `_ukbe_converses`)
        for mapped, found in (_verbal_nouns(q_tokens, "ru"), _ukbe_converses(q_tokens, table)):
            if found and table.opposed({t.norm for t in mapped}, c_set, "ru"):
                q_tokens, lang = mapped, "ru"
                break
    if lang is None:
        return None
    roles = _verb_roles(q_tokens, c_norms)
    if roles is None or not table.opposed(roles[0], roles[1], lang):
        return None
    return "same" if roles[2] else "reversed"


def names_reordered(q_tokens: Sequence[Token], c_norms: Sequence[str]) -> bool:
    """The claim's two names in the other roles with another word between them than the claim's
    («Зенит обыграл Спартак» against «Спартак победил Зенит»: no shared verb to hang the roles
    on). Roles: the claim's first name does it; in the message a name in an oblique case has it
    done and the other one does it; with no oblique case, the first name does it. Looser
    than the "roles" reason, so the matcher asks it only of a would-be plain match (a message on
    another subject naming the same two in the other order is then merely "related"). With a
    converse verb (`converse_roles`: «Зенит обыграл Спартак» against «Спартак проиграл Зениту»)
    swapped roles are the same event, and kept roles the reversed one. A «не» on one of the names
    denies the other roles («Это не Краснодар проиграл Динамо» against «Динамо проиграло
    Краснодару», `_name_negated`): no reversal of roles. A noun of the claim's act
    (`_act_noun_roles`: «Иран подвергся удару Израиля») and an English possessive before one
    (`_en_possessive_acts`: "Tottenham's defeat by Arsenal") are read as its verb."""
    q_tokens = _surname_cases(_en_possessive_acts(q_tokens), c_norms)
    if _name_negated(q_tokens, c_norms):
        return False
    act = _act_noun_roles(q_tokens, c_norms, "ru")
    if act is not None:
        return act
    conv = converse_roles(q_tokens, c_norms)
    if conv is not None:
        return conv == "reversed"
    p = _participants(q_tokens, c_norms)
    if p is None:
        return False
    a, b, ca, cb, qa, qb = p
    c_between = {c_norms[i] for i in range(ca + 1, cb)}
    q_between = list(_verb_zone(q_tokens, qa, qb)) if abs(qa - qb) == 1 \
        else [q_tokens[i] for i in range(min(qa, qb) + 1, max(qa, qb))]
    if c_between & _SYMMETRIC or any(t.norm in _SYMMETRIC or _passive(t.surface) for t in q_between):
        return False
    if not any(t.kind == "verb" or t.surface.isascii() and t.kind == "w" for t in q_between):
        return False
    return _order_swapped(q_tokens, qa, qb)
