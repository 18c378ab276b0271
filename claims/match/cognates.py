"""A Ukrainian or Belarusian message read as Russian: each word glossed into the Russian word it most
likely is, so the message can be scored against Russian claims like a Russian message
(claims/match/matcher.py scores the gloss with the Russian model and reports the hit as crossing
languages). The default sentence encoder (USE multilingual v3) was not trained on Ukrainian or
Belarusian, so its cosine and its single-word vectors rate «Часник захищає від коронавірусу» far from
«Чеснок защищает от заражения коронавирусом»; the letters say more.

A word is glossed, in order, by
1. the word table `claims/match/data/ukbe_ru.tsv` (function words — «від» → «от», «ад» → «от» — and
   frequent words without a Russian cognate — «уряд» → «правительство»; data a desk can extend);
2. a cognate among the candidate claims' Russian words: the word's Russian spellings
   (`russian_spellings`: і ї → и, є → е, ґ → г, ў → в, э → е, Ukrainian и → ы, Belarusian akanye
   а → о, verb endings -ае/-яе/-є → -ает/-яет/-ет, дз → д, Belarusian -ва- after a consonant →
   -ива-/-ыва-, Ukrainian prefixes від-/під-/роз- → от-/под-/раз-/рас-) against each claim lemma by
   letters (rapidfuzz ratio) or by consonant skeleton («часник» ~ «чеснок»: ч-с-н-к), `cognate_similarity`;
3. a Russian spelling the Russian dictionary knows («абараняе» → «обороняет»);
4. else its first Russian spelling.

Cost: a few rapidfuzz comparisons per word and candidate word (C code), cached per word; the whole
gloss of a short message takes well under a millisecond. Nothing here imports the matcher.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
import re

from rapidfuzz import fuzz

from ..normalize import _UKBE_MONTHS, UKBE_TO_RU, word_known
from .tables import table_rows

TABLE_FILE = "ukbe_ru.tsv"
COGNATE_SIM = 0.78              # letters-alike (rapidfuzz ratio of a Russian spelling and a claim lemma)
SKELETON_SIM = 0.6              # ... or this ratio with the same consonant skeleton (vowels differ:
                                # «часник» / «чеснок» 0.67; «грипу» / «группа» differ in skeleton length)
MAX_GLOSS_CHARS = 600           # longer text is glossed by its parts (each sentence of a post)
_VOWELS = frozenset("аеёиоуыэюяйь")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|%")
_SOFT = frozenset("еиёюяь")
# a Belarusian verb with the imperfective suffix -ва- right after a consonant (group 2 is the suffix),
# written in Russian letters: «вылечвае», «запісвала», «разглядваць»
_BE_VA = re.compile(r"([бвгджзклмнпрстфхцчшщ])(ва(?:е|ет|ю|юць|ють|ць|ть|ў|л|ла|ло|лі|ли|ем|еце|еш)?)$")


@dataclass(frozen=True)
class WordTable:
    exact: dict[str, tuple[str, ...]]
    prefixes: tuple[tuple[str, tuple[str, ...]], ...]      # longest first

    def readings(self, word: str) -> tuple[str, ...]:
        """Every Russian word the table gives `word` (its rows' order; an exact row before a
        beginning), () when none."""
        hit = self.exact.get(word)
        if hit is not None:
            return hit
        for p, ru in self.prefixes:
            if word.startswith(p):
                return ru
        return ()

    def get(self, word: str, vocabulary: Collection[str] = ()) -> str | None:
        """The Russian word for `word`: of a word of several meanings (rows of the same word,
        «звільн*» → «уволить», «освободить»), the first one `vocabulary` has (the words it is matched
        against), else the first row's."""
        ru = self.readings(word)
        if not ru:
            return None
        return next((r for r in ru if r in vocabulary), ru[0]) if len(ru) > 1 and vocabulary else ru[0]


def load_table(path=None) -> dict[str, WordTable]:
    """{"uk": WordTable, "be": WordTable} from the word table (`path` None → the shipped
    claims/match/data/ukbe_ru.tsv). Lines: language TAB word TAB Russian word; "#" comments;
    a malformed line is skipped. Rows of the same word are its meanings, in their order."""
    exact: dict[str, dict[str, list[str]]] = {"uk": {}, "be": {}}
    pref: dict[str, dict[str, list[str]]] = {"uk": {}, "be": {}}
    for cols in table_rows(TABLE_FILE, path):
        if cols[0] not in exact:
            continue
        word, ru = cols[1].strip().casefold(), cols[2].strip()
        if not word or not ru:
            continue
        if word.endswith("*"):
            pref[cols[0]].setdefault(word[:-1], []).append(ru)
        else:
            exact[cols[0]].setdefault(word, []).append(ru)
    return {lg: WordTable({w: tuple(dict.fromkeys(r)) for w, r in exact[lg].items()},
                          tuple(sorted(((p, tuple(dict.fromkeys(r))) for p, r in pref[lg].items()),
                                       key=lambda p: -len(p[0]))))
            for lg in exact}


@lru_cache(maxsize=1)
def _tables() -> dict[str, WordTable]:
    return load_table()


def table_word(word: str, lang: str, vocabulary: Collection[str] = ()) -> str | None:
    """The Russian word the word table gives a casefolded uk/be word (of several, the first
    `vocabulary` has), or None."""
    table = _tables().get(lang)
    return table.get(word, vocabulary) if table is not None else None


_UK_UVAV = re.compile(r"([ую])ва(в|ла|ли|ло)$")   # (after UKBE_TO_RU: «атакував», «фінансувала»)


@lru_cache(maxsize=50_000)
def russian_spellings(word: str, lang: str) -> tuple[str, ...]:
    """Russian-lettered spellings a casefolded Ukrainian ("uk") or Belarusian ("be") word may have,
    most literal first: «коронавірусу» → («коронавирусу», «коронавырусу», …); «каранавіруса» →
    (…, «коронавируса», …); «абараняе» → (…, «обороняет»). At most 16; never raises."""
    base = word.translate(UKBE_TO_RU).replace("э", "е")
    out = [base]
    if lang == "be":
        # verb endings: -ае/-яе/-е (3rd person) → -ает/-яет/-ет; дз → д, ц → т before a soft vowel
        stems = [base]
        if base.endswith(("ае", "яе", "уе", "юе")):
            stems.append(base + "т")
        v = re.sub(r"дз", "д", base)
        v = re.sub(r"ц(?=[еиёюяь])", "т", v)
        if v != base:
            stems.append(v)
        # the imperfective suffix -ва- after a consonant is Russian -ива-/-ыва-: «вылечвае» →
        # «вылечивает», «запісвае» → «записывает»
        for s in list(stems):
            m = _BE_VA.search(s)
            if m:
                stems.extend(s[:m.start(2)] + i + s[m.start(2):] for i in ("и", "ы"))
        # akanye: an unstressed «о» is written «а»; any «а» but the last letter may be an «о»
        for s in list(stems):
            idx = [i for i, ch in enumerate(s[:-1]) if ch == "а"][:4]
            for bits in product((0, 1), repeat=len(idx)):
                if any(bits):
                    chars = list(s)
                    for i, b in zip(idx, bits):
                        if b:
                            chars[i] = "о"
                    stems.append("".join(chars))
        out.extend(stems[1:])
        out.extend("от" + v[2:] for v in list(out) if v.startswith(("ад", "од")) and len(v) > 5)
    else:
        if word.endswith(("ає", "яє", "ує", "ює")):
            out.insert(0, base + "т")       # a verb: «захищає» reads «захищает» first
        past = _UK_UVAV.search(base)
        if past:
            # a past tense in -ував/-ювала…: Russian -овал/-евала… («атакував» → «атаковал»)
            out.insert(1, base[:past.start()] + ("ова" if past.group(1) == "у" else "ева")
                       + ("л" if past.group(2) == "в" else past.group(2)))
        if "и" in base:
            out.append(base.replace("и", "ы"))
        # prefixes: Ukrainian від-, під-, роз- are Russian от-, под-, раз-/рас- («відкрили» →
        # «открыли», «підготовку» → «подготовку», «розвідки» → «развидки» ~ «разведка»,
        # «розслідування» → «расследование»)
        for v in list(out):
            if v.startswith("вид") and len(v) > 5:
                out.append("от" + v[3:])
            elif v.startswith("пид") and len(v) > 5:
                out.append("под" + v[3:])
            elif v.startswith("роз") and len(v) > 5:
                out.extend(("раз" + v[3:], "рас" + v[3:]))
    if base.startswith("е"):                # «енергетики», «економіка»: Russian «э»
        out.extend("э" + v[1:] for v in list(out) if v.startswith("е"))
    return tuple(dict.fromkeys(out))[:16]


def _skeleton(word: str) -> str:
    return "".join(ch for ch in word if ch not in _VOWELS)


_DOUBLE = re.compile(r"(.)\1")


def _single(word: str) -> str:
    """Doubled letters written once («россия» → «росия»: Ukrainian «Росія»)."""
    return _DOUBLE.sub(r"\1", word)


def _stem(word: str) -> str:
    """The word without its last vowels (an ending: «грипу» → «грип», «коронавірусу»'s «…рус»)."""
    return word.rstrip("аеиоуыэюяйь") or word


def cognate_similarity(word: str, lang: str, ru: str) -> float:
    """0..1: how alike a casefolded uk/be word and a Russian word (lemma) are by letters: the best,
    over the word's Russian spellings with the Russian word's first letter, of the rapidfuzz ratio
    of their stems (final vowels off, doubled letters once; a stem under 4 letters must be equal);
    a spelling with the Russian word's consonant skeleton (at least four consonants, one skeleton
    beginning the other: «часник» ~ «чеснок») counts from SKELETON_SIM as COGNATE_SIM.
    «грипу» / «группа» (stems «грип» / «груп», three consonants) stay apart."""
    best = 0.0
    if not ru or not word:
        return 0.0
    ru = _single(ru)
    st_ru = _stem(ru)
    sk_ru = _skeleton(ru)
    for v in russian_spellings(word, lang):
        if not v or v[0] != ru[0]:
            continue
        v = _single(v)
        st = _stem(v)
        if min(len(st), len(st_ru)) < 4:
            r = 1.0 if st == st_ru else 0.0
        else:
            r = fuzz.ratio(st, st_ru) / 100.0
        if SKELETON_SIM <= r < COGNATE_SIM:
            sk = _skeleton(v)
            short, long_ = sorted((sk, sk_ru), key=len)
            if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 1:
                r = max(r, COGNATE_SIM)
        best = max(best, r)
    return best


@lru_cache(maxsize=20_000)
def _dictionary_spelling(word: str, lang: str) -> str | None:
    for v in russian_spellings(word, lang):
        if v.isalpha() and word_known(v):
            return v
    return None


@dataclass
class Gloss:
    text: str                   # the message in Russian words, space-separated (a capitalised word
                                # capitalised: names stay names)
    words: dict[str, str]       # each uk/be word (casefolded) → its gloss, for the words that changed
    snapped: int                # words read as a cognate of a candidate claim's word


def gloss(text: str, lang: str, vocabulary: Iterable[str], months: bool = False) -> Gloss | None:
    """The uk/be `text` (≤ MAX_GLOSS_CHARS, else None) read in Russian words: each word by the word
    table, else a cognate among `vocabulary` (the candidate claims' Russian lemmas), else a Russian
    spelling the dictionary knows, else its first Russian spelling; numbers and «%» are kept. None
    when `lang` is neither "uk" nor "be" or the text has no words. `months`: a month's name as the
    Russian month («січня» → «январь»), for a gloss only the encoder reads (the checks read dates
    by the normaliser's own uk/be month names)."""
    if lang not in ("uk", "be") or not isinstance(text, str) or len(text) > MAX_GLOSS_CHARS:
        return None
    vocab = [v for v in dict.fromkeys(vocabulary) if len(v) >= 3 and v[0].isalpha()]
    vocab_set = frozenset(vocab)
    by_first: dict[str, list[str]] = {}
    for v in vocab:
        by_first.setdefault(v[0], []).append(v)
    out, changed, snapped = [], {}, 0
    for written in _WORD.findall(text.replace("ё", "е").replace("Ё", "Е")):
        w = written.casefold()
        if w == "%" or w[0].isdigit():
            out.append(w)
            continue
        ru = table_word(w, lang, vocab_set) or (_UKBE_MONTHS.get(w) if months else None)
        if ru is None:
            ru = _cognate(w, lang, by_first)
            if ru is not None:
                snapped += 1
        if ru is None and len(written) >= 2 and written.isupper():
            # an abbreviation no claim word spells («ЄДІ») is kept as written: the normaliser reads
            # the alias table's uk/be variants (ЄДІ → егэ); a Russian spelling of it is another word
            out.append(written)
            continue
        if ru is None:
            ru = _dictionary_spelling(w, lang) or russian_spellings(w, lang)[0]
        if ru != w:
            changed[w] = ru
        # a capitalised word keeps its capital: inside a sentence it names someone or somewhere
        # («у Харкові» → «в Харкови»), which the actor check reads (contradiction.other_actor)
        out.append(ru[:1].upper() + ru[1:] if written[:1].isupper() and ru[:1].isalpha() else ru)
    if not out:
        return None
    return Gloss(" ".join(out), changed, snapped)


def _cognate(word: str, lang: str, by_first: dict[str, list[str]]) -> str | None:
    if len(word) < 4:
        return None
    firsts = {v[0] for v in russian_spellings(word, lang) if v}
    best, best_r = None, 0.0
    for f in firsts:
        for ru in by_first.get(f, ()):
            r = cognate_similarity(word, lang, ru)
            if r > best_r:
                best, best_r = ru, r
    return best if best_r >= COGNATE_SIM else None


def glossed_words(gl: Gloss | None) -> Sequence[str]:
    """The gloss's words (empty without a gloss)."""
    return gl.text.split() if gl is not None else []
