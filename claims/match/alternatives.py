"""Another thing of the same kind in the claim's place: another claim, not a rephrasing.

«В Китае построили крупнейшую ветряную электростанцию» against «Китай построил крупнейшую в мире
солнечную электростанцию», «Лимонный сок лечит простуду» against «Лимонный сок … убивает
коронавирус», «Цены на электричество выросли на 10 процентов» against «Цены на бензин выросли на
10 процентов»: the sentences share their frame and differ by one word, so the encoder and the
lexical features rate them as the same statement. A table of alternatives (kinds of things that
take each other's place: energy sources, means of transport, illnesses, remedies and the household
chemicals offered as cures, school subjects, fuels and staple foods (commodities), currencies, parts of a
country, sexes, sports, vaccine brands, disasters, what people are left without, classes of medicines, hot
and cold, …: `claims/match/data/alternatives.tsv`, data a desk can extend like the antonyms) tells the
matcher that the message names another one. A line may be named without being said (its 4th column: an
unmarked «сборная» is the senior team, so «Молодёжная сборная …» is another claim). Language-independent: each line
holds the words of every language, so an English or Ukrainian message is checked against a
Russian claim the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from ..normalize import word_norm
from .tables import table_rows

ALTERNATIVES_FILE = "alternatives.tsv"
# A Russian adjective made from a table noun names the noun's thing: «имбирный чай» (имбирь),
# «гриппозный», «диабетический», «коронавирусная инфекция», «онкологический», «алкогольный»: the
# lemma is the noun's stem (the noun without its final vowel, «ь» or «й», at least STEM_MIN letters)
# and one of these endings.
STEM_MIN = 5
_ADJ_ENDING_RE = re.compile(r"[йь]?(?:н|ов|ев|ск|озн|ическ|ческ|енн)(?:ый|ий|ой)")
_RU_WORD_RE = re.compile(r"[а-яё]+")


class AlternativeTable:
    """kind → name → (normalised words, word beginnings as written). `concepts(norms, surfaces)`
    → the set of (kind, name) a text names; `other(q, c)` → does the message name another
    alternative of a kind the claim names, and not the claim's own?"""

    def __init__(self) -> None:
        self.by_word: dict[str, set[tuple[str, str]]] = {}
        self.prefixes: list[tuple[str, tuple[str, str]]] = []
        # Russian noun stems by their first STEM_MIN letters, for the adjectives made from them
        self.stems: dict[str, list[tuple[str, tuple[str, str]]]] = {}
        # a line a text names without saying it (4th column): a word → the (kind, name) it implies
        # when the text names nothing of that kind («сборная» is the senior team unless it is «молодёжная»)
        self.implied: dict[str, set[tuple[str, str]]] = {}

    @classmethod
    def load(cls, path=None) -> "AlternativeTable":
        """Read the TSV (the shipped one when `path` is None). Lines: kind, name, words; `#` comments.
        Raises OSError for a path that cannot be read."""
        table = cls()
        for cols in table_rows(ALTERNATIVES_FILE, path):
            key = (cols[0].strip(), cols[1].strip())
            for w in (w.strip().casefold() for w in cols[2].split(",")):
                if not w:
                    continue
                if w.endswith("*"):
                    if len(w) > 4:
                        table.prefixes.append((w[:-1], key))
                    continue
                # lemma and stem only: the alias table would read «русский» as the country
                forms = {w, word_norm(w, "ru"), word_norm(w, "en")}
                for f in forms:
                    table.by_word.setdefault(f, set()).add(key)
                stem = w[:-1] if w[-1:] in "аеиоуыэюяьй" else w
                if len(stem) >= STEM_MIN and _RU_WORD_RE.fullmatch(stem):
                    table.stems.setdefault(stem[:STEM_MIN], []).append((stem, key))
            for w in (w.strip().casefold() for w in (cols[3].split(",") if len(cols) > 3 else ())):
                if w:
                    for f in {w, word_norm(w, "ru"), word_norm(w, "en")}:
                        table.implied.setdefault(f, set()).add(key)
        return table

    def _adjective_of(self, norm: str) -> set[tuple[str, str]]:
        """The (kind, name) of a table noun a Russian adjective lemma is made from («имбирный» →
        remedy ginger), or an empty set."""
        out: set[tuple[str, str]] = set()
        for stem, key in self.stems.get(norm[:STEM_MIN], ()):
            if norm.startswith(stem) and _ADJ_ENDING_RE.fullmatch(norm, len(stem)):
                out.add(key)
        return out

    def concepts(self, norms: Iterable[str], surfaces: Iterable[str] = ()) -> set[tuple[str, str]]:
        """The (kind, name) pairs named by normalised tokens `norms`, or by a written word (casefolded)
        of `surfaces` beginning with a "*" entry (pass surfaces for Ukrainian/Belarusian text only), and
        the line a word of the 4th column implies when nothing else of its kind is named."""
        out: set[tuple[str, str]] = set()
        norms = list(norms)
        for n in norms:
            found = self.by_word.get(n)
            if found:
                out |= found
            elif len(n) > STEM_MIN + 1:
                out |= self._adjective_of(n)
        for s in surfaces:
            for p, key in self.prefixes:
                if s.startswith(p):
                    out.add(key)
        if self.implied:
            kinds = {k for k, _ in out}
            for n in norms:
                for key in self.implied.get(n, ()):
                    if key[0] not in kinds:
                        out.add(key)
        return out

    def other(self, q_norms: Iterable[str], c_norms: Iterable[str], q_surfaces: Sequence[str] = (),
              c_surfaces: Sequence[str] = ()) -> bool:
        """True when the claim names an alternative of some kind that the message does not name, and
        the message names another alternative of that kind that the claim does not name («ветряная»
        where the claim says «солнечная»). A claim naming two of one kind is another claim when the
        message keeps one and puts another in the other's place («Коронавирус вызывает рак» against
        «Коронавирус вызывает диабет»); a message naming one more beside all of the claim's is not.
        `q_surfaces`: the message's words as written, casefolded (a Ukrainian or Belarusian
        message), for the word beginnings of the table; `c_surfaces` the claim's, when it is written in one."""
        c = self.concepts(c_norms, c_surfaces)
        if not c:
            return False
        q = self.concepts(q_norms, q_surfaces)
        for kind, _ in q - c:
            if any(key[0] == kind for key in c - q):
                return True
        return False


@cache
def default_alternatives() -> AlternativeTable:
    """The shipped table, loaded once per process."""
    return AlternativeTable.load()
