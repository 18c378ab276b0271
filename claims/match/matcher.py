"""Match incoming messages against stored claims (the in-memory part: no SQL here).

Pipeline for one message:
1. `claims.normalize.analyze` cleans and normalises it (lemmas, aliases, transliteration, numbers);
   a mostly-Latin message is also read as transliterated Russian when the store holds Russian
   claims. Who the message names as its source is added as extra query words.
2. A post of several sentences is split into parts (claims/match/segmentation.py); the whole
   message and each part are matched, so a claim repeated inside a long post is found by its part.
   Every sentence is a part, however many; with an encoder, a part is matched on its own when a claim
   vector is near it, from a cosine that falls continuously with the message's length
   (`part_min_cos`), or near its reading with resolved words (step 3, as a short message is read)
   from PART_MIN_COS.
3. Unknown words are corrected against the index vocabulary (claims/match/spelling.py).
4. Candidates: the BM25 top candidates (`claims.index.LexicalIndex`) plus, when a sentence encoder
   is loaded (claims/match/encoder.py), the nearest claim vectors (claims/match/vectors.py): that
   is how a rephrasing with other words or a message in another language is found.
5. Each candidate gets ~30 lexical features and the encoder cosine `sem` (claims/match/features.py);
   a logistic model per claim language (weights: claims/match/data/weights.json) fuses them into a
   0-100 score, a fitted P(message states this claim). A candidate in another language than the
   message is scored by the cosine alone (`cross` model). Without an encoder (or for a claim whose
   vector is not computed yet) the lexical-only model scores it.
6. Decision against the Settings thresholds, and contradiction checks (claims/match/contradiction.py:
   negation, antonyms, numbers, dates, roles): such a hit is at most "related", with
   `contradicts=True`, and is kept even below the related threshold when it resembles the claim.
   A message naming another actor in the claim's place (`contradiction.other_actor`), or another
   thing of a kind the claim names (claims/match/alternatives.py: a wind plant for a solar one) is
   another claim: at most "related", without the flag.

Heavy objects are handed in: the alias table and the encoder are built once per process.
The change feed (other processes' writes) is followed by claims/services/match_index.py.
One re-entrant lock guards the index and the vectors.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice

import numpy as np
from rapidfuzz import fuzz

from ..nlp import get_nlp
from ..index import LexicalIndex
from ..normalize import (
    COMPANY_GROUP,
    EN_STOP,
    NEGATIONS,
    RU_STOP,
    UKBE_STOP,
    AliasTable,
    Token,
    analyze,
    attribution,
    default_aliases,
    detect_language,
    normalize,
    remember_kinds,
    token_kind,
    ukbe_as_ru,
    word_known,
    word_norm,
    written_language,
)
from .alternatives import AlternativeTable, default_alternatives
from .contradiction import (MONTHS, active_order, active_tokens, common_noun_word, contradiction_reasons, cross_converse,
                            cross_language_reasons, default_antonyms, english_claim_names, names_reordered,
                            negation_in_other_clause, other_actor, shares_only_when)
from .cognates import MAX_GLOSS_CHARS, gloss
from .encoder import SentenceEncoder, encoder_text, message_case, message_text
from .modality import plan_words, planned_only
from .features import RANK, WHOLE_LANGS, _QView, all_features, cap_by_rank, rank_score, score_of, sem_score
from .segmentation import (Part, after_other_question, answer_after, answers_masked, contrast_clauses, denied_reports,
                           sentences, split_parts, verdict_words)
from .spelling import UKBE_TO_RU, Corrector
from .vectors import VectorStore

log = logging.getLogger(__name__)

_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")
_LETTER_RE = re.compile(r"[^\W\d_]")


def _mostly_latin(text: str) -> bool:
    """More Latin letters than other letters in `text` (a rough count, links included; by regular
    expressions: a loop over the characters cost ~0.15 ms a message part)."""
    latin = len(_LATIN_LETTER_RE.findall(text))
    return latin > 0 and 2 * latin > len(_LETTER_RE.findall(text))


ANSWER_STATES = 0.6     # share of the claim's words an answer «Нет, …» must have to state the claim itself
MAX_MESSAGE_CHARS = 8_000      # a Telegram post is at most 4096; longer input is cut
MAX_QUERY_TOKENS = 256          # tokens of a message used for retrieval and features
CANDIDATES = 12                 # BM25 candidates re-ranked per query variant (10-40 measured equal)
SEM_CANDIDATES = 8              # nearest claim vectors added to them per message
PART_MIN_COS = 0.5              # with an encoder, a part of a long post is matched on its own only if
                                # some claim vector is at least this close (most sentences of a post
                                # are about nothing stored; a repeat or rephrasing is far above it)
SHORT_POST_CHARS = 400          # ... and in a message of at most this many characters (a tweet with
SHORT_PART_MIN_COS = 0.7        # its «— author date» tail) only from this: there a sentence half like
                                # another claim outranked the claim the whole message repeats.
                                # CheckThat! claim + title only, train MAP@5 0.869 at 0.5, 0.874 at
                                # 0.6, 0.880 at 0.7, 0.881 at 0.8 (dev 0.932, 0.930, 0.932, 0.932);
                                # dev set dev split the same at all four.
LONG_POST_CHARS = 800           # between the two lengths the bar falls linearly (`part_min_cos`): it
                                # jumped at 600 characters, so one sentence was related in a post of
                                # 590 and a match in one of 610. CheckThat! train/dev MAP@5 0.884/0.941
                                # with this ramp as with the jump; 0.871/0.939 with 0.5 at any length
WHOLE_VEC_CHARS = SHORT_POST_CHARS  # a message of several parts and at most this many characters (a
                                # tweet) is also encoded whole, in the same batch, when the store holds
                                # claims whose model reads `sem_w`, the claim's cosine with that vector,
                                # beside `sem` (the best part's; so far English: `features.WHOLE_LANGS`).
                                # CheckThat! claim + title only, 2-fold CV on train (bench/fit_fusion.py
                                # --write-lang en --checkthat-text both --cv): MAP@5 0.882 -> 0.886 with
                                # the fused model alone; 0.893 with the listwise ranking (`RANK`)
PART_CANDIDATES = 4             # BM25 and vector candidates per part of a long post (each part is
                                # one sentence: its claim is at the top or nowhere)
MAX_TERMS = 32                  # rarest query terms whose posting lists are read
MIN_DOCS = 300                # idf prior: statistics as if the store held at least this many claims
                                # (a new desk's 1-5 claims score like the same claims in a real store;
                                # the fit and benchmark stores are larger, so their figures do not move)
BACKGROUND_COS = 0.4            # cross-language margin is taken against at least this cosine (the
                                # nearest unrelated claim in a real store), so a store of one claim
                                # does not give every claim a zero margin
KINDS_AT_START = 300_000        # vocabulary terms whose kind `build` works out ahead (`remember_kinds`,
                                # ~0.05 ms a term: at most ~15 s of start-up whatever the store's
                                # vocabulary; the 1M synthetic bench store has 65,070 terms)
SEGMENTS_KEPT = 20_000          # `_segment` answers kept until the index changes
WORD_CACHE = 4_096              # word vectors kept for the cross-language word coverage (2 KB each)
MAX_COVER_WORDS = 64            # message words compared with a claim's words across languages
CROSS_MIN_COS = 0.45            # below this cosine a claim in another language gets no word coverage:
                                # its margin is then at most 0.05 and, even fully covered, the fitted
                                # cross model gives it < 17 (under RELATED_THRESHOLD), so encoding its
                                # words would change no decision
RESTATED_SCORE = 75.0          # a message made of exactly the claim's content words (aliases resolved,
                                # order aside, ≥ RESTATED_MIN_WORDS of them) scores at least this: on the
                                # dev split of bench/data/devset_ru.json «Россия вышла из ВОЗ» against
                                # «Россия вышла из Всемирной организации здравоохранения» fused to 33.7
                                # (the encoder knows ВОЗ poorly, and three words give the idf features
                                # little mass) while the verbatim three-word claims of the set score
                                # 63–88; 75 is above every match bar and below the short-message bar
RESTATED_MIN_WORDS = 3
CORE_MIN_WORDS = 3              # a short message of the claim's words but one (`states_core`) has at least these
GLOSS_CANDIDATES = 4            # BM25 and vector candidates of a uk/be message's Russian gloss (the
                                # gloss restating a claim puts it first; each candidate costs features)
WHEN_ONLY_SEM = 0.75            # a message sharing only a date and names with a claim (`shares_only_when`)
                                # is a plain match only from this encoder cosine («В апреле 2023 года в
                                # Финляндии прошли выборы» 0.70 from the NATO claim; its rephrasings 0.80-0.90)
SCATTERED_SHARE = 0.5           # a whole-post match whose shared words no two neighbouring parts say
                                # more of than this share is related (`_words_scattered`)
DENIED_SHARE = 0.6              # a denied report (`denied_reports`) states the claim when it holds this share
                                # of the claim words its part shares (or of the part's words, across languages)
CONTRA_FLOOR = 15.0             # a flagged reversal is returned from this score up (never dropped)
CONTRA_SEM = 0.6                # ... and below it when it is the claim nearest to the message (or to a
                                # part of it) with at least this cosine: a reversal in other words
                                # («никогда не был» against «посетил») shares few words, so its fused
                                # score is low while the encoder still puts the claim first


@dataclass
class MatchHit:
    claim_id: int
    score: float          # 0..100, rounded to 1 decimal
    relation: str         # "match" | "related" | "none"
    contradicts: bool
    reasons: list[str] = field(default_factory=list)   # e.g. ["negation"], ["antonym"], ["date"]
    part: tuple[int, int] | None = None                # character offsets [start, end) in the message
    part_text: str = ""                                 # the message part that matched
    cross_language: bool = False                        # message and claim in different languages
    language: str = "ru"                                # the message's language (ru, en, uk, be)


# ------------------------------------------------------------------------------------------

@dataclass
class _Query:
    lang: str
    tokens: list[Token]              # the message itself (contradiction checks look only here)
    norms: list[str]                 # tokens + attribution words: what retrieval and features use
    extra: list[Token] = field(default_factory=list)
    gloss: str = ""                  # a uk/be message read in Russian words (claims/match/cognates.py)
    gloss_vec: np.ndarray | None = None   # the gloss's encoder vector
    rewritten: dict[str, str] = field(default_factory=dict)   # surface → term `_resolve` put for it


_COVER_STOP = RU_STOP | EN_STOP | UKBE_STOP | frozenset(
    "і й та що як це від до на у в з із за для про але чи або які який яка було буде є "
    "і ў ад да на у з за для пра але ці або якія які якая было будзе ёсць гэта што".split())
SPELL_SIM = 0.7                 # letters-alike (rapidfuzz ratio of the Russian-lettered word) that count
                                # as the same word in the cross-language coverage
_WORD_SPLIT = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def message_words(text: str) -> list[str]:
    """Content words of a message as written (casefolded, stop words out), for the cross-language
    word coverage: the multilingual encoder compares inflected forms of any language directly.
    Read as the encoder reads it (`encoder_text`: cleaned, look-alike letters in one script).
    Kept for the last few texts: `cross_coverage` asks once per candidate in another language,
    and reading a 2,000-character post costs about 1 ms."""
    return list(_message_words(text))


@lru_cache(maxsize=64)
def _message_words(text: str) -> tuple[str, ...]:
    out = []
    for w in _WORD_SPLIT.findall(encoder_text(text).casefold().replace("ё", "е")):
        if len(w) >= 2 and w not in _COVER_STOP and w not in out:
            out.append(w)
            if len(out) >= MAX_COVER_WORDS:
                break
    return tuple(out)


def _cover_words(c_toks: Sequence[str]) -> list[str]:
    return [t for t in dict.fromkeys(c_toks) if t not in _COVER_STOP and len(t) >= 2][:MAX_COVER_WORDS]


_WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")


def _ukbe_words(src: str | None, msg_lang: str) -> list[str]:
    """A Ukrainian or Belarusian message's words as written, casefolded (the data tables' word
    beginnings are read on them); [] for any other message or no `src`."""
    return [w.casefold().replace("’", "'") for w in _WORD_RE.findall(src)] \
        if src is not None and msg_lang in ("uk", "be") else []


_MODIFIER_POS = frozenset({"ADJF", "ADJS", "ADVB", "COMP"})


@lru_cache(maxsize=8_192)
def _russian_tag(lemma: str):  # noqa: ANN202 - a pymorphy3 OpencorporaTag, or None
    """pymorphy3's most likely tag of a lower-case Russian word (None for a name, number, alias or
    a word it cannot parse)."""
    if not lemma or not ("а" <= lemma[0] <= "я" or lemma[0] == "ё") or token_kind(lemma)[0] != "w":
        return None
    try:
        return get_nlp().morph.parse(lemma)[0].tag
    except Exception:  # noqa: BLE001 - unknown word: no tag
        return None


def _common_noun(word: str) -> bool:
    """`contradiction.common_noun_word` of a lower-case Russian word that is no name, number or alias
    (`_russian_tag`'s words)."""
    return _russian_tag(word) is not None and common_noun_word(word)


def _is_modifier(lemma: str) -> bool:
    """A Russian adjective or adverb («питьевой», «рекордно»), not an ordinal («второй») nor a name."""
    tag = _russian_tag(lemma)
    return tag is not None and tag.POS in _MODIFIER_POS and "Anum" not in tag


def names_specifics(q_norms: Iterable[str], c_norms: Sequence[str]) -> bool:
    """Does a short message state what the claim states, not only name its topic? True when it
    has a verb and shares a number with the claim and another word that is no verb («НДС подняли
    до 22%» against «Правительство повысило НДС до 22 процентов»), or when every claim word it
    lacks is an adjective or adverb («Сода излечивает рак» against «Питьевая сода излечивает рак»).
    False for «КНДР отправила войска» against «КНДР отправила войска в Россию» (it names no
    destination), for keyword queries without a verb («Путин КНДР 2024», «НДС 22%») and for a
    number with only what it counts («18 процентов снизили», «16 лет запретили»: the claim's word
    after the number, or a month)."""
    q = {n for n in q_norms if n not in NEGATIONS}
    c = set(c_norms)
    shared = q & c
    kinds = {n: token_kind(n)[0] for n in shared}
    # what the claim's numbers count or measure («22 процентов», «до 16 лет», «20% сотрудников»):
    # the word after each number, and months; sharing only those with the number names no object
    units = {c_norms[i + 1] for i in range(len(c_norms) - 1) if token_kind(c_norms[i])[0] == "num"}
    if (any(k == "num" for k in kinds.values())
            and any(k not in ("num", "verb") and n not in units and n not in MONTHS for n, k in kinds.items())
            and any(token_kind(n)[0] == "verb" for n in q)):
        return True
    return len(shared) >= 2 and all(_is_modifier(n) for n in c - q)


def states_core(q_norms: Iterable[str], c_norms: Sequence[str]) -> bool:
    """Does a short message state the claim with fewer words? True when it has a verb, at least
    CORE_MIN_WORDS words, every one of them a word of the claim (aliases, spelling and
    diminutives resolved: «Чеснок защищает от ковида», «Чесночок защищает от коронавируса» against
    «Чеснок защищает от заражения коронавирусом»), and the claim words it lacks are at most one,
    no name, place, alias-table entity or number. False for «Китай направил войска» against
    «Китай направил войска на Тайвань» (no destination), «Чеснок защищает от простуды» (a word
    the claim lacks) and keyword queries without a verb («Чеснок коронавирус»)."""
    q = {n for n in q_norms if n not in NEGATIONS}
    c = set(c_norms)
    if len(q) < CORE_MIN_WORDS or not q <= c:
        return False
    if not any(token_kind(n)[0] == "verb" for n in q):
        return False
    lack = c - q
    return len(lack) <= 1 and all(token_kind(n)[0] not in ("ent", "num") and not n[:1].isdigit() for n in lack)


def _adjective(lemma: str, relational: bool = False) -> bool:
    """A Russian full adjective, ordinals included («женский», «второй»), not a name or alias;
    `relational`: not a qualitative one («большой», «крупный», «новый» have near-synonyms)."""
    tag = _russian_tag(lemma)
    return tag is not None and tag.POS == "ADJF" and not (relational and "Qual" in tag)


def _chains(norms: Sequence[str]) -> dict[str, set[str]]:
    """Each noun (a token that is no adjective) → the adjectives right before it."""
    out: dict[str, set[str]] = {}
    run: list[str] = []
    for n in norms:
        if _adjective(n):
            run.append(n)
        else:
            if run:
                out.setdefault(n, set()).update(run)
            run = []
    return out


# a person named through another one: «Жена Си Цзиньпина посетила Новосибирск» is not «Си Цзиньпин посетил …»,
# «Двойник Путина …» is not «Путин …» (normalised forms: word_norm in Russian and in English)
RELATIVE_NOUNS = frozenset(
    "жена муж супруг супруга сын дочь брат сестра мать отец мама папа внук внучка племянник племянница зять невестка "
    "вдова любовница двойник пресс-секретарь советник помощник адвокат "
    "wife husband spous son daughter brother sister mother father grandson granddaught nephew niec widow "
    "spokesman spokeswoman lawyer".split())


def _is_name(norm: str) -> bool:
    return token_kind(norm)[0] == "ent"


def relative_in_place(q_norms: Sequence[str], c_norms: Sequence[str], is_name) -> bool:  # noqa: ANN001
    """Does one side name a person through the other side's name — a relative or aide right before a
    name both share («жена» + «сицзиньпин») — where the other side names that person alone (no such
    word)? Another person, another claim. Not when the side names that person a second time, as an actor
    of its own («Пресс-секретарь Путина: Путин не собирается …»). `is_name(norm)`: is the token a name."""
    for a, b in ((q_norms, c_norms), (c_norms, q_norms)):
        b_set = set(b)
        if RELATIVE_NOUNS & b_set:
            continue
        for x, y in zip(a, a[1:]):
            if x in RELATIVE_NOUNS and y in b_set and is_name(y) and a.count(y) == 1:
                return True
    return False


def other_modifier(q_norms: Sequence[str], c_norms: Sequence[str]) -> bool:
    """Does the message put another adjective on a noun the claim qualifies? «Мужская сборная
    проиграла Швеции» against «Женская сборная проиграла Швеции», «зимние Олимпийские игры»
    against «летние …», «третью линию» against «вторую линию»: another object, another claim.
    Both adjectives relational or ordinal, each absent from the other side, in the run of
    adjectives right before the same noun («новые» against «дополнительные», «самая большая»
    against «крупнейшая» are qualitative: rephrasings)."""
    q_set, c_set = set(q_norms), set(c_norms)
    q_chains = _chains(q_norms)
    for noun, c_adj in _chains(c_norms).items():
        q_adj = q_chains.get(noun)
        if not q_adj:
            continue
        if (any(a not in q_set and _adjective(a, relational=True) for a in c_adj)
                and any(b not in c_set and _adjective(b, relational=True) for b in q_adj)):
            return True
    return False


# English function words: a Latin-letter message with none of them is taken for Russian in Latin
# letters («privivki ot covida vyzyvayut besplodie», "Lavrov vstretilsya s Kim Chen Ynom"), which
# restates a claim's clause as a Russian message does rather than translating the whole claim
EN_FUNCTION_WORDS = frozenset(
    "the a an in on of to for with from by at as into over after about is are was were be been has have had "
    "will would can could and or but not no its their his her this that these those it they he she we".split())


def reads_as_english(text: str) -> bool:
    """Does a Latin-letter message read as English (at least one English function word,
    `EN_FUNCTION_WORDS`), not as Russian in Latin letters?"""
    return any(w.casefold() in EN_FUNCTION_WORDS for w in _WORD_RE.findall(text))


_NOT_UK = frozenset("ыэъё")     # letters Russian (and Belarusian) write and Ukrainian does not ...
_NOT_BE = frozenset("ищъ")      # ... and ones Russian (and Ukrainian) write and Belarusian does not


def part_languages(parts: Sequence[Part], whole: str) -> tuple[str, list[str]]:
    """The language of a post of several parts and of each part: a part is read in its own
    language when its letters say so plainly — an English sentence (with an English function word)
    or a Ukrainian/Belarusian one quoted in a Russian post, a Russian one in a Ukrainian post (a
    letter Ukrainian lacks: «ы», «э», «ъ», «ё») or a Belarusian one («и», «щ», «ъ») — and the post's
    language is the one most of its characters are written in (`whole`, the language of the whole
    text by its letters, on a tie). Before, one Ukrainian «і» anywhere made a whole Russian post
    Ukrainian (each Russian sentence's hit marked as crossing languages) and an English sentence in
    a Russian post was read as Russian (never across languages). Any other part (a name in Latin
    letters, a Ukrainian sentence without і/ї/є) takes the post's language."""
    langs: list[str] = []
    evidence: list[tuple[bool, bool]] = []      # a "ru" part: (not Ukrainian, not Belarusian) by its letters
    for p in parts:
        lg = written_language(p.text)
        low = set(p.text.lower()) if lg == "ru" else set()
        evidence.append((bool(low & _NOT_UK), bool(low & _NOT_BE)))
        langs.append(lg if lg != "en" or reads_as_english(p.text) else "")
    weight: dict[str, int] = {}
    for p, lg, ev in zip(parts, langs, evidence):
        if lg and (lg != "ru" or all(ev)):
            weight[lg] = weight.get(lg, 0) + len(p.text)
    main = max(weight, key=lambda lg: (weight[lg], lg == whole)) if weight else whole
    out = []
    for lg, (not_uk, not_be) in zip(langs, evidence):
        if lg == "ru":
            sure = not_be if main == "be" else not_uk if main in ("uk", "en") else True
            lg = "ru" if sure else main
        out.append(lg or main)
    return main, out


@lru_cache(maxsize=16)
def _read_post(text: str) -> tuple[tuple[Part, ...], str, tuple[str, ...]]:
    """A message's parts (`split_parts`), its language and each part's (`part_languages`), for the
    last few messages: `Matcher.match` and then `post_language` (the JSON's "language") read one
    post once. `text` is already cut to MAX_MESSAGE_CHARS."""
    parts = tuple(split_parts(text))
    whole = written_language(text)
    if len(parts) <= 1:
        return parts, whole, (whole,) * len(parts)
    main, langs = part_languages(parts, whole)
    return parts, main, tuple(langs)


def _asserted_within(parts: Sequence[Part], i: int, j: int | None) -> bool:
    """Whether part `i` is a clause the author asserts (`Part.asserted`: «X — фейк, а Y — правда»: Y)
    inside the whole message (`j` None) or inside part `j`: a claim the clause states takes the clause
    as its part, judged alone, over the sentence around it, whose verdict may be another clause's."""
    p = parts[i]
    return p.asserted and not p.denied and (j is None or j != i and parts[j].start <= p.start
                                            and p.end <= parts[j].end)


def _plain_sentence(parts: Sequence[Part], i: int) -> bool:
    """Whether part `i` of a post is a sentence of its own, neither reported nor denied, holding no denied
    report («Новость о том, что Y, оказалась фейком» holds Y)."""
    p = parts[i]
    return not (p.reported or p.denied or any(q.denied and p.start <= q.start and q.end <= p.end for q in parts))


def _nearest_part(parts: Sequence[Part], per_part: Sequence, cid: int, pi: int | None) -> int | None:
    """Of the parts of a post that are not reports inside a sentence, the one whose encoder vector is
    nearest claim `cid` (`per_part`: each part's nearest claims as (claim id, cosine)), when it is
    nearer than part `pi` (None: the whole post); else `pi`. A cross-language hit's part: «Mobile
    phones cause brain cancer.\nMeasles vaccines cause autism.» states «Прививки от кори вызывают
    аутизм» in its second line, which its lexical score did not say."""
    def cos(i: int) -> float:
        return next((c for k, c in per_part[i] or () if k == cid), -1.0)
    cands = [(cos(i), i) for i, p in enumerate(parts) if not p.reported]
    best = max(cands, default=(-1.0, None))
    if best[1] is None or best[0] < 0 or pi is not None and cos(pi) >= best[0]:
        return pi
    return best[1]


def _with_next(text: str, parts: Sequence[Part], i: int) -> str:
    """The text of part `i` of a post and of the part right after it (the next sentence: parts are in
    text order, a sentence before its clauses), or the part alone when it is the last."""
    end = parts[i].end
    nxt = next((p for p in parts[i + 1:] if p.start >= end), None)
    return text[parts[i].start:nxt.end] if nxt is not None else parts[i].text


def _after_question(text: str, parts: Sequence[Part], pi: int | None, src: str) -> str:
    """`src` with its labelled «нет» blanked out (`answers_masked`) when part `pi` follows a question of
    another thing in `text` (`after_other_question`): «Можно ли въехать в Финляндию? X. Коротко: нет.»
    answers the question, it denies no X."""
    if pi is not None and after_other_question(text, parts[pi].start, parts[pi].end):
        return answers_masked(src)
    return src


def _part_at(parts: Sequence[Part], pos: int) -> int | None:
    """The index of the shortest part of a post that is no reported clause (a sentence, or a clause
    of «…; …») holding the character offset `pos`, or None."""
    at = [(p.end - p.start, i) for i, p in enumerate(parts) if p.start <= pos < p.end and not p.reported]
    return min(at)[1] if at else None


def post_language(text: str) -> str:
    """The language a message is read in ("ru", "uk", "be", "en"): of a post of several parts, the
    one most of it is written in (`part_languages`), as `Matcher.match` reads it. Never raises."""
    if not isinstance(text, str):
        return "ru"
    return _read_post(text[:MAX_MESSAGE_CHARS])[1]


def _known_cases(tokens: Sequence[Token]) -> list[Token]:
    """A Ukrainian/Belarusian message read with the Russian dictionary, keeping a word's case only
    where the dictionary knows the word: the case of an unknown one is a guess from its ending, and
    a Ukrainian nominative in «-ія» («Росія» → «росия») reads as a Russian oblique case, which made
    «Росія вийшла з ВООЗ» a swap of roles."""
    return [t if t.case is None or word_known(ukbe_as_ru(t.surface.casefold())) is not False
            else replace(t, case=None) for t in tokens]


def _as_cased(term: str, surface: str) -> str:
    """`term` (a lower-case lemma put for `surface`) with the surface's capital first letter: the
    encoder is case-sensitive, and a name read lower-case is far from it («Поляки перекрыли границу
    с Беларусью для фур» read «польша …» is at 0.68 from «Польша закрыла границу с Белоруссией для
    грузовиков», read «Польша …» at 0.87)."""
    return term[:1].upper() + term[1:] if surface[:1].isupper() else term


def part_min_cos(chars: int, msg_lang: str) -> float:
    """The encoder cosine from which a part of a message of `chars` characters in language
    `msg_lang` ("ru", "en", "uk", "be") is matched on its own by its own nearest claim vector (its
    resolved reading passes from PART_MIN_COS at any length: `Matcher._match`): SHORT_PART_MIN_COS up to SHORT_POST_CHARS, PART_MIN_COS from LONG_POST_CHARS,
    linear in between, so a sentence a few characters of other text apart gets the same gate (the
    source of the numbers: the constants' comments). Shape: (int, str) -> float; never raises."""
    if msg_lang in ("uk", "be"):
        # a uk/be part is gated by its word-by-word gloss, whose cosine runs lower (0.68 for a
        # restating sentence, `_gloss_parts_near`): it keeps the long-post bar at any length
        return PART_MIN_COS
    if chars <= SHORT_POST_CHARS:
        return SHORT_PART_MIN_COS
    if chars >= LONG_POST_CHARS:
        return PART_MIN_COS
    return SHORT_PART_MIN_COS - (SHORT_PART_MIN_COS - PART_MIN_COS) * (chars - SHORT_POST_CHARS) / (
        LONG_POST_CHARS - SHORT_POST_CHARS)


def whole_text(text: str, parts: Sequence[Part], langs: dict[str, int]) -> str | None:
    """The message itself when it is read in several parts, has at most WHOLE_VEC_CHARS characters
    (a tweet: its sentences' vectors and its own) and the store holds claims (`langs`: claims per
    language) of a language whose model reads the whole message's cosine (`WHOLE_LANGS`), else None."""
    if len(parts) > 1 and len(text) <= WHOLE_VEC_CHARS and any(langs.get(lg) for lg in WHOLE_LANGS):
        return text
    return None


def _maybe_passive(row: tuple) -> bool:
    """Is a `build` row's claim English with a " by " in its text (one that may be told in the passive)?"""
    return row[3] == "en" and len(row) > 4 and bool(row[4]) and " by " in row[4].casefold()


_PERCENT_WORDS = frozenset({"процент", "percent"})


def _content_count(tokens: Sequence[Token]) -> int:
    """How many content words a message's tokens hold, for the short-message bar: a per cent after a
    number is part of the number («18%», «18 процентов»: one), not a word of its own."""
    return len(tokens) - sum(1 for i in range(1, len(tokens))
                             if tokens[i].norm in _PERCENT_WORDS and tokens[i - 1].kind == "num")


def _en_names_of(row: tuple) -> frozenset[str]:
    """A `build` row's English claim's names as written (`english_claim_names`), empty for none or
    another language."""
    if row[3] != "en" or len(row) <= 4 or not row[4]:
        return frozenset()
    return english_claim_names(row[4])


def _distinct(texts: Sequence[str]) -> tuple[list[str], list[int]]:
    """(the distinct texts in first-seen order, for each text the index of its distinct text)."""
    first: dict[str, int] = {}
    rows = [first.setdefault(t, len(first)) for t in texts]
    return list(first), rows


def _other_best(near: list[tuple[int, float]], cid: int, default: float) -> float:
    """The best cosine of any other claim among the nearest vectors (`default` when none)."""
    return max(next((c for i, c in near if i != cid), BACKGROUND_COS), BACKGROUND_COS)


class Matcher:
    """In-memory claim matcher. Build with `claims.services.match_index.load_matcher` (or `build`
    + `put_vectors` in benchmarks); keep in step with `claims.services.match_index.follow_changes`.

    `aliases`: the alias table (default: the process-wide one, `normalize.default_aliases()`, which
    already includes a desk's ALIASES_FILE); `encoder`: a loaded SentenceEncoder or None (lexical
    matching only). Both are built once per process and handed in."""

    def __init__(self, settings=None, *, aliases: AliasTable | None = None,
                 encoder: SentenceEncoder | None = None, alternatives: AlternativeTable | None = None) -> None:
        if settings is None:
            from ..settings import Settings

            settings = Settings()
        self.settings = settings
        self.aliases: AliasTable = aliases if aliases is not None else default_aliases()
        # kinds of things that take each other's place (claims/match/data/alternatives.tsv)
        self.alternatives: AlternativeTable = alternatives if alternatives is not None else default_alternatives()
        self.encoder = encoder
        self._vectors = VectorStore(encoder.dim) if encoder is not None else None
        self._index = LexicalIndex(max_terms=MAX_TERMS, min_docs=MIN_DOCS)
        self._lock = threading.RLock()
        self.candidates = CANDIDATES
        self.feed = None               # change-feed position, owned by claims.services.match_index
        self._corrector, self._alias_targets = self._new_corrector([])
        self._words: dict[str, np.ndarray] = {}     # word vectors (cross-language coverage)
        self._segments: dict[tuple[str, str], list[str]] = {}  # `_segment` answers for this index
        self._words_lock = threading.Lock()
        # claims stored as Ukrainian or Belarusian ({claim_id: ("uk" | "be", text as written or "")}):
        # indexed and read as Russian (their normalised text is the Russian pipeline's), written in
        # their own language, so a Russian message stating one is also scored on the claim's Russian
        # gloss (`_glossed_claim`), a Ukrainian one is not marked as crossing languages, and the
        # claim's own words as written are checked against the message's for a reversal
        # (`_written_reasons`)
        self._written: dict[int, tuple[str, str]] = {}
        # such a claim's Russian gloss encoded ({claim_id: (its text, vector)}, made on its first
        # candidacy: `_gloss_vector`), the cosine a Russian or English message is also scored by
        self._gloss_vecs: dict[int, tuple[str, np.ndarray]] = {}
        # an English claim told in the passive → its text (`_maybe_passive`), and its tokens in active
        # order, which the reversal checks read it by (`_role_tokens`: made on its first hit, [] for none)
        self._passive: dict[int, str] = {}
        self._active: dict[int, list[str]] = {}
        # an English claim's names as written ({claim_id: normalised words}: its normalised tokens lose
        # the capitals; `english_claim_names`), for another name in a name's place
        self._en_names: dict[int, frozenset[str]] = {}

    def _new_corrector(self, terms) -> tuple[Corrector, dict[str, str]]:
        corrector = Corrector()
        for t in terms:
            corrector.add(t)
        targets: dict[str, str] = {}
        for key, canonical in self.aliases.single_variants.items():
            if len(key) >= 4 and key != canonical:
                targets[key] = canonical
                corrector.add(key)
        return corrector, targets

    # -------------------------------------------------------------- building
    def build(self, rows: Iterable[tuple]) -> None:
        """Replace the index with `rows` of (claim_id, normalized, title, lang[, text[, title_normalized]]).
        `lang`: "ru", "en", or "uk"/"be" (indexed as "ru"; give their `text` too, for the reversal
        checks of `_written_reasons`).

        Stored normalised strings are used as they are; an empty one is normalised here (claims
        written before `title_normalized` existed, or without `normalized`). Vectors are kept."""
        written: dict[int, tuple[str, str]] = {}
        passive: dict[int, str] = {}
        en_names: dict[int, frozenset[str]] = {}

        def docs():
            # a chunk at a time, column-wise: at start-up every row already holds its normalised
            # strings, so the per-row work is a few list comprehensions (1M claims, load_matcher)
            it = iter(rows)
            while chunk := list(islice(it, 50_000)):
                cids = [r[0] for r in chunk]
                norms = [r[1] for r in chunk]
                langs = [r[3] if r[3] in ("ru", "en") else "ru" for r in chunk]
                written.update((r[0], (r[3], r[4] if len(r) > 4 and r[4] else "")) for r in chunk
                               if r[3] in ("uk", "be"))
                passive.update((r[0], r[4]) for r in chunk if _maybe_passive(r))
                en_names.update((r[0], names) for r in chunk if (names := _en_names_of(r)))
                tnorms = [r[5] if len(r) > 5 and r[5] else "" for r in chunk]
                for i, r in enumerate(chunk):
                    if not r[1] and len(r) > 4 and r[4]:
                        norms[i] = normalize(r[4], langs[i], aliases=self.aliases)
                    if r[2] and not tnorms[i]:
                        tnorms[i] = normalize(r[2], langs[i], aliases=self.aliases)
                yield from zip(cids, norms, tnorms, langs)

        index = LexicalIndex(max_terms=MAX_TERMS, min_docs=MIN_DOCS)
        index.build(docs())
        # the candidates' term kinds, analysed now rather than per message: the KINDS_AT_START
        # terms found in most claims (a rarer one is analysed when a message first needs it)
        terms = index._terms
        by_df = np.argsort(-index._df[:len(terms)], kind="stable")[:KINDS_AT_START]
        remember_kinds(terms[i] for i in by_df.tolist())
        corrector, targets = self._new_corrector(index._terms)
        with self._lock:
            self._index = index
            self._corrector = corrector
            self._alias_targets = targets
            self._segments = {}
            self._written = written
            self._passive, self._active = passive, {}
            self._en_names = en_names

    def _role_tokens(self, cid: int, c_toks: list[str]) -> list[str]:
        """The tokens the reversal checks read claim `cid` by: an English claim told in the passive in
        the active order (`contradiction.active_order` of its text, analysed on its first hit rather than
        for every such claim at start-up: ~0.5 ms each, 16% of CheckThat!'s claims), else `c_toks`."""
        text = self._passive.get(cid)
        if text is None:
            return c_toks
        order = self._active.get(cid)
        if order is None:
            order = self._active[cid] = active_order(analyze(text, "en", aliases=self.aliases)) or []
        return order or c_toks

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, claim_id: object) -> bool:
        return isinstance(claim_id, int) and claim_id in self._index

    def claim_ids(self) -> np.ndarray:
        """Sorted int64 array of the indexed claim ids (one array, for bulk membership tests)."""
        with self._lock:
            return self._index.live_ids()

    # -------------------------------------------------------------- incremental
    def add_claim(self, claim_id: int, normalized: str, title_normalized: str = "", lang: str = "ru",
                  text: str = "") -> None:
        """Index (or re-index) one claim from its stored normalised text; `lang` and `text` as in
        `build` (the text is kept only for a claim written in Ukrainian or Belarusian, or in English
        with a " by ": `_maybe_passive`; an English claim's names are read from it: `_en_names_of`)."""
        toks = (normalized or "").split()
        ttoks = (title_normalized or "").split()
        row = (claim_id, normalized, "", lang, text)
        names = _en_names_of(row)       # (word look-ups: read before the lock)
        with self._lock:
            self._index.add(int(claim_id), toks, ttoks, lang if lang in ("ru", "en") else "ru")
            if lang in ("uk", "be"):
                self._written[int(claim_id)] = (lang, text or "")
            else:
                self._written.pop(int(claim_id), None)
            self._active.pop(int(claim_id), None)
            if _maybe_passive(row):
                self._passive[int(claim_id)] = text
            else:
                self._passive.pop(int(claim_id), None)
            if names:
                self._en_names[int(claim_id)] = names
            else:
                self._en_names.pop(int(claim_id), None)
            self._segments = {}  # a new term may split a word that did not split before
            for t in toks + ttoks:
                self._corrector.add(t)
            if self._index.needs_compaction():
                self._index.compact()

    def remove_claim(self, claim_id: int) -> None:
        with self._lock:
            self._index.remove(int(claim_id))
            self._written.pop(int(claim_id), None)
            self._passive.pop(int(claim_id), None)
            self._en_names.pop(int(claim_id), None)
            self._active.pop(int(claim_id), None)
            self._segments = {}  # a term gone may leave a split without one of its pieces
            if self._vectors is not None:
                self._vectors.remove(int(claim_id))
            if self._index.needs_compaction():
                self._index.compact()

    # -------------------------------------------------------------- vectors
    def put_vectors(self, claim_ids: Sequence[int], vectors: np.ndarray) -> None:
        """Attach stored encoder vectors ((n, dim) float32 unit rows) to claims; ignored without
        an encoder or when the dimension differs (vectors of another encoder)."""
        if self._vectors is None or not len(claim_ids):
            return
        vectors = np.asarray(vectors)
        if vectors.ndim != 2 or vectors.shape[1] != self._vectors.dim:
            return
        with self._lock:
            self._vectors.put_many(claim_ids, vectors)

    def put_vector_codes(self, claim_ids: Sequence[int], codes: np.ndarray, scales: np.ndarray) -> None:
        """Attach stored vectors in their stored form (int8 codes + scales, claims/match/vectors.py
        `from_bytes`): a bulk load copies them in. Ignored without an encoder."""
        if self._vectors is None or not len(claim_ids) or codes.shape[-1] != self._vectors.dim:
            return
        with self._lock:
            self._vectors.put_codes(claim_ids, codes, scales)

    def reserve_vectors(self, n: int) -> None:
        """Room for `n` claim vectors in all (one allocation before a bulk load); no-op without an encoder."""
        if self._vectors is not None:
            with self._lock:
                self._vectors.reserve(n)

    def has_vector(self, claim_id: int) -> bool:
        return self._vectors is not None and int(claim_id) in self._vectors

    def _word_vectors(self, words: Iterable[str]) -> dict[str, np.ndarray]:
        words = list(dict.fromkeys(words))
        with self._words_lock:
            known = {w: self._words[w] for w in words if w in self._words}
        missing = [w for w in words if w not in known]
        if missing:
            vecs = self.encoder.encode(missing)
            with self._words_lock:
                if len(self._words) + len(missing) > WORD_CACHE:
                    self._words.clear()
                for w, v in zip(missing, vecs):
                    self._words[w] = known[w] = v
        return known

    def cross_coverage(self, text: str, c_toks: Sequence[str], q_norms: Iterable[str] = ()) -> float:
        """How well a claim's words are said in a message of another language, 0..1: the mean,
        over the claim's content words (its stored lemmas), of the best encoder cosine with a word
        of the message. A translation covers every claim word («чеснок» ~ "garlic", «защитить» ~
        "protects"); a message on the same topic shares only the names ("Apple unveiled a new
        iPhone" against «Apple прекратила продажи iPhone в России»), which the sentence cosine
        alone rates as close. A claim word among `q_norms` (the message's normalised tokens after
        aliases, transliteration and spelling correction: "Putin" → путин, "North Korea" → кндр,
        «Фінляндія» → финляндия) counts as fully said: single-word vectors rate a name and its
        translation lower than a verb and its translation; a number of the claim is said only by the same
        number there (the encoder rates any two numbers alike). 0.0 without an encoder or words."""
        if self.encoder is None:
            return 0.0
        qw = message_words(text)
        cw = _cover_words(c_toks)
        if not qw or not cw:
            return 0.0
        try:
            vec = self._word_vectors(qw + cw)
        except Exception:  # an encoder failing here: no coverage, the cosine alone decides
            log.exception("encoder failed on words; cross-language coverage skipped")
            return 0.0
        q = np.stack([vec[w] for w in qw])
        c = np.stack([vec[w] for w in cw])
        sims = np.clip(c @ q.T, 0.0, 1.0)
        said = set(q_norms)
        if said:
            for i, cword in enumerate(cw):
                if cword in said:
                    sims[i, :] = 1.0
                elif cword[0].isdigit():    # the encoder rates any two numbers alike ("19" ~ "22")
                    sims[i, :] = 0.0
        # Ukrainian and Belarusian words often spell the Russian one with other letters
        # («коронавірусом» ~ «коронавирус»), which single-word vectors rate lower than the letters do
        qr = [w.translate(UKBE_TO_RU) for w in qw]
        for i, cword in enumerate(cw):
            for j, w in enumerate(qr):
                if w != qw[j] or cword[0] == w[0]:
                    r = fuzz.ratio(cword, w) / 100.0
                    if r >= SPELL_SIM and r > sims[i, j]:
                        sims[i, j] = r
        return float(sims.max(axis=1).mean())

    def cross_entity_clash(self, q_tokens: Sequence[Token], c_toks: Sequence[str]) -> float:
        """1.0 when a message and a claim in different languages each name an entity of the alias
        table the other does not name (the table's names are one token in every language: "China"
        and «Китай» are `китай`), else 0.0: «Путин посетил КНДР» and "Putin visited China" share
        Putin and still state different things."""
        canon = self.aliases.canonicals
        q = {t.norm for t in q_tokens if t.kind == "ent" and t.norm in canon}
        c = {t for t in c_toks if t in canon}
        return 1.0 if q - c and c - q else 0.0

    def english_misses_name(self, q_tokens: Sequence[Token], c_toks: Sequence[str]) -> bool:
        """Does an English message (`q_tokens`: read in English with the alias table) leave out a
        name the claim in another language gives — an alias-table entity with a variant in Latin
        letters ("NATO", "Apple", "Russia"; verbs of the table excluded)? Then it states something
        else about what the claim is about: "Finland held parliamentary elections in April 2023"
        against «Финляндия вступила в НАТО в апреле 2023 года», "Nokia stopped selling phones in
        Russia" against «Apple прекратила продажи iPhone в России» (the encoder and the word
        coverage rate both close to a translation). Ukrainian and Belarusian messages are not
        judged so: the table does not know every uk/be form of its names («НАТА», «АДКБ»); nor is
        Russian in Latin letters (`reads_as_english`). The caller asks twice, also of the message
        read as transliterated Russian, whose names an English reading may miss."""
        named = self.aliases.latin_named
        q = {t.norm for t in q_tokens}
        return any(t in named and t not in q and token_kind(t)[0] == "ent" for t in set(c_toks))

    # -------------------------------------------------------------- queries
    def _queries(self, text: str) -> list[_Query]:
        if not isinstance(text, str):
            return []
        text = text[:MAX_MESSAGE_CHARS]
        lang = detect_language(text)
        counts = self._index.lang_counts()
        langs = [lang]
        if lang == "en" and counts.get("ru", 0) > 0:
            langs = ["ru", "en"] if counts.get("en", 0) > 0 else ["ru"]
        elif lang == "ru" and counts.get("en", 0) > 0 and _mostly_latin(text):
            # Russian words around Latin names («Tesla купила Twitter», `latin_names_only`): the names
            # are read in English too, so an English claim of them is found
            langs = ["ru", "en"]
        out = []
        src = attribution(text)
        for lg in langs:
            toks = analyze(text, lg, aliases=self.aliases)[:MAX_QUERY_TOKENS]
            extra = analyze(src, lg, aliases=self.aliases)[:32] if src else []
            if toks or extra:
                out.append(_Query(lg, toks, [t.norm for t in toks + extra], extra))
        return out

    def _resolve(self, q: _Query, memo: dict | None = None, split_known: bool = True,
                 segment: bool = True) -> None:
        """Replace unknown words by the nearest known term or alias (typos, transliteration).
        `memo`: look-ups already made for this message (its parts repeat the whole message's words);
        `split_known` False: a word of the Russian dictionary is not split into known terms (the
        parts of a post: its splits are pieces of it, «выходила» → выход + ил, «возведут» → воз +
        вести on the dev split, and trying one normalises each of its substrings, ~3 ms for a word
        not seen before); `segment` False: no word is split (a later call on the same query,
        with the same memo, splits what is still unknown). Call under the lock."""
        index = self._index
        memo = {} if memo is None else memo
        budget = 12
        for t in q.tokens + q.extra:
            n = t.norm
            if index.df(n) > 0 or budget <= 0 or len(n) < 4 or n[0].isdigit() or t.kind == "neg":
                continue
            if n in MONTHS:     # «июль» is no typo of a stored «июнь»: another date, for the date check
                continue
            budget -= 1
            best = None
            forms = [n]
            sl = t.surface.casefold().replace("ё", "е")
            if sl != n and sl.isalpha():
                forms.append(sl)
            # English: typo correction measured slightly harmful on CheckThat! train/dev, so only
            # run-together words are split there; Russian gets both (typos, transliteration).
            for form in (forms if q.lang == "ru" else []):
                found = memo.get(form)
                if found is None:
                    found = memo[form] = self._corrector.candidates(form)
                for cand, dist in found:
                    target = self._alias_targets.get(cand, cand)
                    df = index.df(target)
                    if df <= 0:
                        continue
                    key = (dist, -df, target)
                    if best is None or key < best[0]:
                        best = (key, target)
            if best is not None:
                t.norm = best[1]
                if t.surface:
                    q.rewritten[t.surface] = best[1]
                if best[1] in self.aliases.canonicals:
                    t.kind = "ent"
                    t.group = self.aliases.groups.get(best[1], best[1])
            elif segment and len(sl) >= 7 and sl.isalpha() and (split_known or q.lang != "ru" or not word_known(sl)):
                key = ("segment", sl, q.lang)
                pieces = memo.get(key)
                if pieces is None:
                    pieces = memo[key] = self._segment(sl, q.lang)
                if pieces:
                    q.extra.extend(Token(p, "w", surface=p) for p in pieces)
        q.norms = [t.norm for t in q.tokens + q.extra]

    def _segment(self, word: str, lang: str) -> list[str]:
        """Split a run-together word into known terms (#shameonoreos → shame, oreo); [] when it is
        not one. Answers are kept until the index changes (build, add_claim, remove_claim): an
        unknown long word comes back in message after message (an English word in the Russian
        reading of an English post), and each split normalises every piece of it (~1-10 ms cold).
        Call under the lock; the list is shared: read it, do not change it."""
        key = (word, lang)
        found = self._segments.get(key)
        if found is None:
            found = self._split_word(word, lang)
            if len(self._segments) >= SEGMENTS_KEPT:
                self._segments = {}
            self._segments[key] = found
        return found

    def _split_word(self, word: str, lang: str) -> list[str]:
        n = len(word)
        if n > 40:
            return []
        index = self._index
        stop = EN_STOP if lang == "en" else RU_STOP
        best: list[tuple[int, int, list[str]] | None] = [None] * (n + 1)
        best[0] = (0, 0, [])
        for i in range(1, n + 1):
            for j in range(max(0, i - 20), i - 1):
                prev = best[j]
                if prev is None:
                    continue
                piece = word[j:i]
                if piece in stop:
                    cand = (prev[0] + 1, prev[1] - len(piece) ** 2, prev[2])
                else:
                    if len(piece) < 3:
                        continue
                    norm = word_norm(piece, lang)
                    if index.df(norm) <= 0:
                        continue
                    cand = (prev[0] + 1, prev[1] - len(piece) ** 2, prev[2] + [norm])
                if best[i] is None or cand[:2] < best[i][:2]:
                    best[i] = cand
        res = best[n]
        if res is None or len(res[2]) < 2 or res[0] > 4:
            return []
        return res[2]

    def _retrieve(self, q: _Query, index: LexicalIndex, k: int, near: list[tuple[int, float]],
                  vecs: VectorStore | None) -> list[tuple]:
        """The candidates of one query: its BM25 top `k` plus the `near` claim vectors, each as
        (query, claim id, claim tokens, title tokens, claim language, bm25, top bm25, idf, vector).
        Call under the lock."""
        tids = [index.term_id(t) for t in q.norms]
        slots, scores = index.search(tids, k)
        top = float(scores[0]) if len(slots) else 1.0
        idf_cache: dict[str, float] = {}

        def idf(t, _c=idf_cache, _i=index):
            v = _c.get(t)
            if v is None:
                v = _c[t] = _i.idf(t)
            return v
        seen = set()
        out = []
        cands = list(zip(slots.tolist(), scores.tolist()))
        for cid, _cos in near:
            s = index.slot_of(cid)
            if s is not None:
                cands.append((s, 0.0))
        for s, sc in cands:
            if s in seen:
                continue
            seen.add(s)
            cid = index.claim_id(s)
            c_toks, t_toks = index.doc_tokens(s)
            v = vecs.get(cid) if vecs is not None else None
            out.append((q, cid, c_toks, t_toks, index.lang_of(s), sc, top, idf, v))
        return out

    def _gloss_parts_near(self, parts: list[Part], langs: Sequence[str | None], per_part: list[list[tuple[int, float]]],
                          vocab: Sequence[str] = ()) -> list[list[tuple[int, float]]]:
        """The nearest claims of each part of a uk/be post, by its own vector or by the vector of
        its gloss into Russian (word table and dictionary spellings, no candidates yet), whichever
        is closer per claim: the encoder rates a Ukrainian sentence far from its Russian claim
        («Лікарі розповіли: часник захищає від коронавірусу…» 0.28 to «Чеснок защищает от заражения
        коронавирусом», under PART_MIN_COS), its gloss close (0.68), so the part is matched on its
        own. `vocab`: Russian claim words a part's words may be cognates of (the words of the
        claims the whole post ranks first: «Польща … Білоруссю» read «Польша … Беларусь»; without
        them «Польща закрила кордон з Білоруссю для вантажівок» glossed stays at 0.38 from «Польша
        закрыла границу с Белоруссией для грузовиков», with them 0.75). Cost: one encoder batch over
        the parts (about as much as encoding the post). `langs`: each part's language ("uk", "be"),
        None for a part not glossed (a Russian sentence of a Russian post quoting a Ukrainian one)."""
        idx, texts = [], []
        for i, p in enumerate(parts):
            if langs[i] not in ("uk", "be"):
                continue
            gl = gloss(p.text, langs[i], vocab)
            if gl is not None and gl.words:
                idx.append(i)
                texts.append(gl.text)
        if not texts:
            return per_part
        try:
            gmat = self.encoder.encode(texts)
        except Exception:  # noqa: BLE001 - the parts' own vectors still gate them
            log.exception("encoder failed on the glosses of a post's parts")
            return per_part
        with self._lock:
            gper, _ = self._vectors.top_many(gmat, SEM_CANDIDATES)
        out = list(per_part)
        for i, near in zip(idx, gper):
            best: dict[int, float] = dict(out[i] or [])
            for cid, cos in near:
                if cos > best.get(cid, -1.0):
                    best[cid] = cos
            out[i] = sorted(best.items(), key=lambda x: (-x[1], x[0]))[:SEM_CANDIDATES]
        return out

    def _resolved_text(self, text: str, q: _Query, unknown_only: bool = False) -> str | None:
        """What the encoder reads of a short Russian message (≤ MAX_GLOSS_CHARS, `q` its resolved
        query) with the words the matcher resolved written as resolved: a typo, a diminutive or a
        Ukrainian spelling as its term (`_resolve`: «чесночок» → чеснок), a slang or foreign name or a
        demonym of the alias table as the table's name («ковида» → коронавирус, «Поляки» → Польша: a
        capital kept, `_as_cased`); cased by `message_case`. The
        encoder knows neither «чесночок» nor «ковид»: «Чесночок спасает от ковида, ешьте больше» is
        far from «Чеснок защищает от заражения коронавирусом» (cosine 0.26), its resolved reading
        close. `unknown_only`: only what the encoder may not know is rewritten — a word corrected
        to a term the Russian dictionary knows («чесночок» → чеснок; not a name corrected to a stored
        made-up term), a name of the table whose surface the dictionary does not know («ковида») or
        reads as a common noun (a demonym «Поляки», slang «бакс»; not «РФ», «Москве»,
        «американского», which the encoder reads as the name): the reading that gates a sentence of a post
        (`_resolve_parts` gate_reading), where most renames were of names the encoder knows. None
        without an encoder, when no word changes or the text is longer."""
        if self.encoder is None or len(text) > MAX_GLOSS_CHARS:
            return None
        repl = {sf: term for sf, term in q.rewritten.items() if not unknown_only or word_known(term)}
        canon = self.aliases.canonicals
        for t in q.tokens:
            sf = t.surface.casefold()
            # a name of the table under another name («ковида» → коронавирус), not a case form of
            # it («Путина» → путин: the encoder knows those)
            if (t.kind == "ent" and t.norm in canon and sf.isalpha() and t.norm.isalpha()
                    and sf[:4] != t.norm[:4] and "а" <= t.norm[0] <= "я" and "а" <= sf[0] <= "я"
                    and not (unknown_only and word_known(sf) is not False and not _common_noun(sf))):
                repl.setdefault(t.surface, t.norm)
            elif t.group == COMPANY_GROUP and t.norm in self.aliases.latin_spelling and not sf.isascii():
                # a company written in Cyrillic («Амазон купил МГМ»: cosine 0.47 from «Amazon купил
                # MGM») as the table spells it in Latin letters, which the encoder knows it by
                latin = self.aliases.latin_spelling[t.norm]
                repl.setdefault(t.surface, latin.upper() if t.surface.isupper() and len(sf) > 1 else latin)
        if not repl:
            return None
        pat = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(repl, key=len, reverse=True))
                         + r")(?!\w)")
        src = message_text(text)
        out = pat.sub(lambda m: _as_cased(repl[m.group(1)], m.group(1)), src)
        return None if out == src else message_case(out)

    def _gloss_query(self, text: str, msg_lang: str, prepared: list[tuple], vecs: VectorStore | None,
                     memo: dict | None, split_known: bool = True) -> tuple[_Query | None, list[tuple[int, float]]]:
        """A Ukrainian or Belarusian message read in Russian words (claims/match/cognates.py), its
        cognates taken from the Russian candidates already found (`prepared`), as a Russian query
        (`gloss` set, `gloss_vec` its encoder vector when an encoder is loaded) and the claim
        vectors nearest to that vector. (None, []) when nothing changes or the text is too long
        (a long post is glossed by its parts). Cost: one gloss (well under 1 ms) and one encoder
        call for a short text (about 2 ms). Call under the lock."""
        vocab = [t for c in prepared if c[4] == "ru" for t in c[2]]
        gl = gloss(text, msg_lang, vocab)
        if gl is None or not gl.words:
            return None, []
        toks = analyze(gl.text, "ru", aliases=self.aliases)[:MAX_QUERY_TOKENS]
        if not toks:
            return None, []
        gq = _Query("ru", toks, [t.norm for t in toks], gloss=gl.text)
        self._resolve(gq, memo, split_known)
        near: list[tuple[int, float]] = []
        if vecs is not None and self.encoder is not None:
            try:
                gq.gloss_vec = self.encoder.encode([gl.text])[0]
                near = vecs.top(gq.gloss_vec[None, :], SEM_CANDIDATES)
            except Exception:  # noqa: BLE001 - an encoder failing here: the gloss is matched by words
                log.exception("encoder failed on a gloss; matched by its words")
                gq.gloss_vec = None
        return gq, near

    def _resolve_parts(self, texts: Sequence[str], msg_lang: str, memo: dict | None, split_known: bool,
                       encode: bool, gate_reading: bool = False,
                       ) -> list[tuple[list[_Query], np.ndarray | None, list[tuple[int, float]]]]:
        """For each of `texts` (a message `_rank` ranks, or the distinct parts of a post that `_match`
        ranks on their own, made together): its
        queries with their words resolved (`_queries`, `_resolve`), the (dim,) vector of its
        resolved reading (`_resolved_text`) or None, and that vector's PART_CANDIDATES nearest claims
        ([(claim_id, cosine)], best first; [] without a vector) — what `_rank` makes of one text,
        made for the parts together so that their readings are encoded in one encoder call and
        searched in one vector search. `encode`: the parts were encoded (an encoder and claim
        vectors are there); only then, and for a Russian post, is a reading encoded. `gate_reading`:
        for the gate of a post's parts (`_match`): no word is split yet (`_resolve` segment) and the
        reading rewrites only what the encoder may not know (`_resolved_text` unknown_only). An
        encoder failing here is logged and leaves the parts without reading vectors."""
        out: list[list] = []
        readings: list[tuple[int, str]] = []
        for i, text in enumerate(texts):
            queries = self._queries(text)
            with self._lock:
                for q in queries:
                    self._resolve(q, memo, split_known, not gate_reading)
            q_ru = next((q for q in queries if q.lang == "ru"), None) if encode and msg_lang == "ru" else None
            reading = self._resolved_text(text, q_ru, gate_reading) if q_ru is not None else None
            if reading is not None:
                readings.append((i, reading))
            out.append([queries, None, []])
        if readings:
            try:
                rmat = self.encoder.encode([r for _, r in readings])      # (readings, dim)
            except Exception:  # noqa: BLE001 - the parts' own vectors still decide
                log.exception("encoder failed on the resolved readings of a post's parts")
                rmat = None
            if rmat is not None:
                with self._lock:
                    per, _ = self._vectors.top_many(rmat, PART_CANDIDATES)
                for (i, _), v, near in zip(readings, rmat, per):
                    out[i][1], out[i][2] = v, near
        return [(q, v, near) for q, v, near in out]

    def _rank(self, text: str, k: int, qvec: np.ndarray | None = None,
              msg_lang: str | None = None, near: list[tuple[int, float]] | None = None,
              memo: dict | None = None, split_known: bool = True,
              resolved: tuple[list[_Query], np.ndarray | None, list[tuple[int, float]]] | None = None,
              wvec: np.ndarray | None = None) -> tuple[list[tuple], int]:
        """Scored candidates: (score, claim_id, query, claim tokens, lang, features, cross) best
        first. `qvec`: the message's encoder vector(s) ((dim,) or (parts, dim), best over parts);
        `memo`: spelling look-ups shared by the parts of one message, `split_known`: see `_resolve`;
        `resolved`: the text's resolved queries, reading vector and its nearest claims, as
        `_resolve_parts` makes them (None: made here, the same way); `wvec`: the vector of the whole
        message when it has several parts (`whole_text`), for the feature `sem_w` (else `sem`)."""
        msg_lang = msg_lang or written_language(text)
        if resolved is None:
            resolved = self._resolve_parts([text], msg_lang, memo, split_known,
                                           encode=qvec is not None and self._vectors is not None)[0]
        queries = resolved[0]
        if not queries:
            return [], 0
        n_content = max(_content_count(q.tokens) for q in queries)
        pool: dict[int, tuple] = {}
        vecs = self._vectors if qvec is not None and self._vectors is not None else None
        with self._lock:
            index = self._index
            if not len(index):
                return [], n_content
            log_n = math.log(index.n_docs + 1.0)
            if near is None:
                near = vecs.top(qvec, SEM_CANDIDATES) if vecs is not None else []
            prepared = []
            rvec = None
            if resolved[1] is not None and vecs is not None:
                rvec = resolved[1]
                near = list(near) + resolved[2]
            for q in queries:
                prepared.extend(self._retrieve(q, index, k, near, vecs))
            gq = None
            if msg_lang in ("uk", "be"):
                # the message glossed into Russian against its candidates' words, matched as Russian
                gq, gnear = self._gloss_query(text, msg_lang, prepared, vecs, memo, split_known)
                if gq is not None:
                    prepared.extend(self._retrieve(gq, index, min(k, GLOSS_CANDIDATES), gnear[:GLOSS_CANDIDATES],
                                                   vecs))
        views: dict[int, _QView] = {}
        raw_norms: list[str] | None = None      # the message's own lemmas, for glossing a uk/be claim
        if self.encoder is not None and qvec is not None:
            # the words of every cross-language candidate close enough for the word coverage, and
            # the message's own, encoded in one batch (then read from the cache)
            words = []
            for q, cid, c_toks, t_toks, doc_lang, sc, top, idf, v in prepared:
                if v is not None and msg_lang != doc_lang and float(np.max(v @ qvec.T)) >= CROSS_MIN_COS:
                    words.extend(_cover_words(c_toks))
            if words:
                try:
                    self._word_vectors(message_words(text) + words)
                except Exception:  # noqa: BLE001 - cross_coverage logs and scores without it
                    pass
        for q, cid, c_toks, t_toks, doc_lang, sc, top, idf, v in prepared:
            if q.gloss:
                if doc_lang != "ru":
                    continue
                # the gloss is a Russian message: the Russian model, its own cosine; still a hit
                # across languages ("gloss" is truthy for the hit's cross_language)
                qv = views.get(id(q))
                if qv is None:
                    qv = views[id(q)] = _QView(q.norms, "ru")
                fd = all_features(qv, c_toks, t_toks, idf, sc, top, log_n, "ru")
                if v is not None and q.gloss_vec is not None:
                    fd["sem"] = fd["sem_w"] = float(v @ q.gloss_vec)
                score = score_of(fd, "ru")
                prev = pool.get(cid)
                if prev is None or score > prev[0]:
                    pool[cid] = (score, cid, q, c_toks, doc_lang, fd, "gloss")
                continue
            cross = msg_lang != doc_lang
            sem = None
            if v is not None:
                sims = v @ qvec.T
                sem = float(np.max(sims))
                if rvec is not None:
                    sem = max(sem, float(v @ rvec))
                if msg_lang not in ("uk", "be") and cid in self._written:
                    # a claim written in Ukrainian or Belarusian: its Russian gloss's cosine too (the
                    # encoder was not trained on those languages: «Зеленський звільнив
                    # головнокомандувача ЗСУ …» 0.31 from «Зеленский уволил Залужного», its gloss 0.64)
                    gv = self._gloss_vector(cid)
                    if gv is not None:
                        sem = max(sem, float(np.max(gv @ qvec.T)))
                if cross and doc_lang != "ru" and gq is not None and gq.gloss_vec is not None:
                    # a uk/be message against an English claim: its Russian gloss's cosine too (the
                    # encoder puts Russian and English closer than Ukrainian and English: «Фінляндія
                    # закрила кордон з Росією» 17.9 against "Finland closed its border with Russia",
                    # its Russian reading 97.2; break test b33)
                    sem = max(sem, float(v @ gq.gloss_vec))
            if len(queries) > 1 and doc_lang != q.lang and sem is None:
                continue
            qv = views.get(id(q))
            if qv is None:
                qv = views[id(q)] = _QView(q.norms, q.lang)
            fd = all_features(qv, c_toks, t_toks, idf, sc, top, log_n, doc_lang)
            if sem is not None:
                fd["sem"] = sem
                fd["sem_w"] = float(v @ wvec) if wvec is not None else sem
            if cross:
                # the lexical model for what the words share (names, transliteration), the cosine
                # calibrated on its own for what they cannot share across languages
                lex = score_of(fd, doc_lang, semantic=False) if doc_lang == q.lang else 0.0
                cover = (self.cross_coverage(text, c_toks, q.norms)
                         if sem is not None and sem >= CROSS_MIN_COS else 0.0)
                score = max(lex, sem_score(sem, margin=sem - _other_best(near, cid, sem), cover=cover,
                                           clash=self.cross_entity_clash(q.tokens, c_toks))
                            if sem is not None else 0.0)
            else:
                score = score_of(fd, doc_lang)
            prev = pool.get(cid)
            if prev is None or score > prev[0]:
                pool[cid] = (score, cid, q, c_toks, doc_lang, fd, cross)
            if msg_lang == "ru" and q.lang == "ru" and cid in self._written:
                # a claim written in Ukrainian or Belarusian, read in Russian words (glossed, the
                # message's lemmas as cognates) and scored as a Russian claim, with the Russian
                # checks of a reversal to follow: the encoder was not trained on those languages,
                # «Чеснок защищает от коронавируса» scored 24 against «Часник захищає від коронавірусу»
                if raw_norms is None:
                    # the message's words before `_resolve` (which may have respelled a Russian
                    # word as the claim's unglossed one: «Киеве» as «києві»'s «киевить»)
                    raw_norms = [t.norm for t in analyze(text, "ru", aliases=self.aliases)]
                g_toks = self._glossed_claim(cid, raw_norms + q.norms)
                if g_toks and set(g_toks) <= set(raw_norms) | set(q.norms):
                    # (only a gloss the message says every word of: a word the gloss left
                    # unread — be «ўначы» against «днём» — may be the one the message changes)
                    # its BM25 as the share of the message's term weight the gloss covers, of the
                    # best candidate's (the index holds the claim's unglossed words)
                    q_terms = set(q.norms)
                    mass = sum(idf(t) for t in q_terms) or 1.0
                    g_sc = max(sc, top * sum(idf(t) for t in q_terms & set(g_toks)) / mass)
                    gfd = all_features(qv, g_toks, t_toks, idf, g_sc, top, log_n, "ru")
                    g_score = score_of(gfd, "ru", semantic=False)
                    if g_score >= pool[cid][0]:
                        gfd["claim_glossed"] = 1.0      # (no feature: `_match` checks both readings)
                        pool[cid] = (g_score, cid, q, g_toks, "ru", gfd, False)
        if RANK:
            # the ranking model orders the claims of its language, the fused score says how sure
            ranks = {cid: z for cid, r in pool.items()
                     if r[6] is False and (z := rank_score(r[5], r[4])) is not None}
            if len(ranks) > 1:
                capped = cap_by_rank({cid: pool[cid][0] for cid in ranks}, ranks,
                                     {cid: pool[cid][4] for cid in ranks})
                for cid, sc in capped.items():
                    pool[cid] = (sc, *pool[cid][1:])
        ranked = sorted(pool.values(), key=lambda r: (-r[0], r[1]))
        return ranked, n_content

    def _decide(self, score: float, n_content: int, reasons: list[str], claim_words: int = 99,
                cross: bool = False, specific: bool = False) -> str:
        """"match" / "related" / "none" against the Settings thresholds (cross_match_threshold for a
        claim in another language than the message). A message of fewer than short_message_words
        content words (a keyword query) needs short_message_threshold, unless the claim is no
        longer than the message (a short headline stated in full) or `specific` (the message names
        the claim's number or every word of it but adjectives: `names_specifics`)."""
        s = self.settings
        short = n_content < s.short_message_words and claim_words > n_content and not specific
        base = s.cross_match_threshold if cross else s.match_threshold
        match_at = max(s.short_message_threshold, base) if short else base
        related_at = s.related_threshold
        rel = "match" if score >= match_at else "related" if score >= related_at else "none"
        if reasons and rel != "none":
            rel = "related"
        return rel

    def _gloss_vector(self, cid: int) -> np.ndarray | None:
        """The encoder vector of the Russian gloss of a claim written in Ukrainian or Belarusian
        (`_written`; glossed by the word table, month names and the dictionary alone, no message's
        words), made once per claim text; None without its text, an encoder, or when the encoder
        fails."""
        lang, text = self._written.get(cid, ("", ""))
        if not text or self.encoder is None:
            return None
        hit = self._gloss_vecs.get(cid)
        if hit is not None and hit[0] == text:
            return hit[1]
        gl = gloss(text, lang, (), months=True)
        if gl is None:
            return None
        try:
            vec = np.asarray(self.encoder.encode([gl.text])[0])
        except Exception:  # noqa: BLE001 - scored on the claim's own vector alone
            log.exception("encoder failed on a claim's gloss")
            return None
        with self._words_lock:
            if len(self._gloss_vecs) >= WORD_CACHE:
                self._gloss_vecs.clear()
            self._gloss_vecs[cid] = (text, vec)
        return vec

    def _glossed_claim(self, cid: int, vocabulary: Sequence[str]) -> list[str]:
        """The normalised Russian words of a claim written in Ukrainian or Belarusian (`_written`),
        glossed with the message's lemmas as cognates (claims/match/cognates.py `gloss`); [] when
        its text was not given to the index."""
        lang, text = self._written.get(cid, ("", ""))
        gl = gloss(text, lang, vocabulary) if text else None
        return [t.norm for t in analyze(gl.text, "ru", aliases=self.aliases)] if gl is not None else []

    def _names_reordered(self, cid: int, q_tokens: Sequence[Token], c_norms: Sequence[str],
                         known_cases: bool = False) -> bool:
        """`names_reordered(q_tokens, c_norms)`, unless the claim's own words (a claim written in
        Ukrainian or Belarusian, `_written`, read as the message is: `_known_cases` too when
        `known_cases`) read as reordered against `c_norms` as well: the Russian dictionary's cases
        of their words are no roles («У Мінску ўвялі каменданцкую гадзіну», «гадзіну» read as a
        name, was "roles" against its own text)."""
        if not names_reordered(q_tokens, c_norms):
            return False
        text = self._written.get(cid, ("", ""))[1]
        if not text:
            return True
        own = analyze(text, "ru", aliases=self.aliases)
        return not names_reordered(_known_cases(own) if known_cases else own, c_norms)

    def _claim_tokens(self, cid: int) -> list[str]:
        """A claim's stored normalised tokens ([] when it is not in the index)."""
        with self._lock:
            slot = self._index.slot_of(cid)
            return self._index.doc_tokens(slot)[0] if slot is not None else []

    def _written_reasons(self, cid: int, sents: Sequence[str], q: _Query, msg_lang: str) -> list[str]:
        """Reversal reasons of a claim written in Ukrainian or Belarusian (`_written`), read from
        its own words as written, which its normalised tokens (the Russian pipeline's) lose: in the
        message's language, an antonym by the language's word beginnings (`opposed_written`); in
        another, `cross_language_reasons` with the claim in the message's place (its negation,
        antonyms, numbers, dates and roles against the message: «Правительство Украины снизило
        пенсии» against «Кабмін підвищив пенсії»). `sents`: the message words matched (one text),
        or the sentences of a post matched as a whole, of which the one sharing the most words with
        the claim is read (a «не» of another sentence says nothing of it); `q` the message's query
        (its lemmas gloss the claim, to find that sentence), `msg_lang` the language of the words
        matched. [] when the claim's text was not given to the index."""
        lang, text = self._written.get(cid, ("", ""))
        if not text or not sents:
            return []
        c_tokens = analyze(text, "ru", aliases=self.aliases)
        m_lang = "en" if msg_lang == "en" else "ru"
        c_set = {t.norm for t in c_tokens} | set(self._glossed_claim(cid, q.norms))
        src, m_tokens = self._closest_sentence(sents, c_set, m_lang)
        # a Belarusian message told from a Ukrainian one by its words alone («У Мінску адмянілі …»,
        # no «ў»), and the other way round: each language's rows, read on both texts as written;
        # a message read as Russian may be Ukrainian with no letter of its own («Зеленський
        # призначив Залужного …»): the claim's language's rows are read on it too. Each text by its
        # own language's rows as well, through the pair's key («звільнив» against «прызначыў»)
        antonyms = default_antonyms()
        opposed = msg_lang in ("uk", "be", "ru") and (
            any(antonyms.opposed_written(c_tokens, m_tokens, lg)
                for lg in dict.fromkeys((lang, msg_lang if msg_lang != "ru" else lang)))
            or msg_lang != lang and antonyms.opposed_written_across(c_tokens, lang, m_tokens, msg_lang))
        if msg_lang == lang:
            return ["antonym"] if opposed else []
        reasons = cross_language_reasons(c_tokens, "ru", [t.norm for t in m_tokens], m_lang, msg_lang=lang, text=text)
        return reasons + ["antonym"] if opposed and "antonym" not in reasons else reasons

    def _claim_lang(self, claim_id: int) -> str | None:
        """The language a stored claim is written in ("ru", "en", "uk", "be"), None when it is not
        in the index."""
        with self._lock:
            slot = self._index.slot_of(claim_id)
            return None if slot is None else self._written.get(claim_id, (self._index.lang_of(slot),))[0]

    def _answered(self, answer: str, lang: str, c_toks: Sequence[str], doc_lang: str, plain: str,
                  reasons: list[str]) -> tuple[str, list[str]]:
        """(relation, reasons) of a claim matched on a question the next sentence answers «Нет, …» /
        "No, …" (`answer_after`: `answer`, the words after its «нет»): an answer that states the claim
        itself — it has most of the claim's words (ANSWER_STATES of them) and no reason against it —
        asserts the claim, whatever the question asked («Иран нанёс удар по Израилю? Нет, это Израиль
        нанёс удар по Ирану»: a plain match); any other answer («Нет.», "No, by Russia.", «Нет, это
        сделал Иран») denies what the question asked: flagged, "negation" when it had no reason of its
        own (the question asked the claim). `plain`: the relation the hit's score gives with no
        reason against it (`_decide`)."""
        toks = analyze(answer, lang, aliases=self.aliases) if answer else []
        c_set = set(c_toks) - NEGATIONS
        shared = {t.norm for t in toks} & c_set
        if c_set and len(shared) >= max(2, math.ceil(ANSWER_STATES * len(c_set))):
            a_reasons = contradiction_reasons(toks, c_toks, doc_lang)
            if not a_reasons and not names_reordered(toks, c_toks) and not other_actor(toks, c_toks):
                return plain, []
            return "related", a_reasons or ["roles"]
        return "related", reasons or ["negation"]

    def _sentence_reasons(self, sents: Sequence[str], q: _Query, c_toks: Sequence[str], doc_lang: str,
                          msg_lang: str, cross: bool | str, memo: dict) -> list[str]:
        """The contradiction reasons (`contradiction_reasons`, or `cross_language_reasons` for a
        claim matched across languages or on a uk/be gloss) of the one of `sents` that shares
        the most words with the claim (`c_toks`), read on its own; [] when none shares two (across
        languages) or more than half the words the whole message `q` shares with the claim.
        `memo`: (sentence, language) → tokens, shared by the hits of one message."""
        lg = ("en" if msg_lang == "en" else "ru") if cross else q.lang
        toks = self._saying_sentence(sents, q, c_toks, lg, bool(cross), memo)
        if toks is None:
            return []
        if cross == "gloss":     # a uk/be sentence read word by word in Russian, as the whole was
            text = next(t for t in sents if memo[(t, lg)] is toks)
            gl = gloss(text, msg_lang, c_toks)
            reasons = contradiction_reasons(analyze(gl.text, "ru", aliases=self.aliases), c_toks, doc_lang) \
                if gl is not None else []
            return reasons + [r for r in cross_language_reasons(toks, lg, c_toks, doc_lang, msg_lang=msg_lang,
                                                                text=text)
                              if r not in reasons]
        if cross:
            text = next(t for t in sents if memo[(t, lg)] is toks)
            return cross_language_reasons(toks, lg, c_toks, doc_lang, msg_lang=msg_lang, text=text)
        return contradiction_reasons(toks, c_toks, doc_lang)

    def _saying_sentence(self, sents: Sequence[str], q: _Query, c_toks: Sequence[str], lg: str, cross: bool,
                         memo: dict) -> list[Token] | None:
        """The tokens (analysed in `lg`) of the one of `sents` that shares the most words with the claim
        (`c_toks`), the first of those that tie; None when none shares two (`cross`: across languages) or
        more than half the words the whole message `q` shares with the claim. `memo`: (sentence,
        language) → tokens, shared by the hits of one message."""
        c_set = set(c_toks)
        # read in the claim's language, the sentence must say most of what the whole message shares
        # with the claim: a sentence sharing «последний год» with it alone is no statement of it
        least = 2 if cross else max(2, len(c_set & set(q.norms)) // 2 + 1)
        best: tuple[int, list[Token]] | None = None
        for text in sents:
            toks = memo.get((text, lg))
            if toks is None:
                toks = memo[(text, lg)] = analyze(text, lg, aliases=self.aliases)
            shared = len({t.norm for t in toks} & c_set)
            if shared >= least and (best is None or shared > best[0]):
                best = (shared, toks)
        return best[1] if best is not None else None

    def _negation_elsewhere(self, sents: Sequence[str], q: _Query, c_toks: Sequence[str], lang: str,
                            memo: dict) -> bool:
        """Is the message's negation in a contrast clause of its own (`negation_in_other_clause`) of the one
        of `sents` that says the claim (`_saying_sentence`; the only one when `sents` has one): «Центробанк
        поднял ключевую ставку до 21%, но инфляция не снизилась» states «… повысил ключевую ставку до 21%»."""
        text = sents[0] if sents else None
        if len(sents) > 1:
            toks = self._saying_sentence(sents, q, c_toks, q.lang, False, memo)
            text = None if toks is None else next(t for t in sents if memo.get((t, q.lang)) is toks)
        if not text:
            return False
        clauses = contrast_clauses(text)
        if len(clauses) < 2:
            return False
        return negation_in_other_clause([analyze(c, q.lang, aliases=self.aliases) for c in clauses], c_toks, lang)

    def _sentence_words(self, parts: Sequence[Part], i: int, lang: str, memo: dict) -> int:
        """The content words (`analyze` tokens) of the longest part of `parts` holding part `i`
        inside it — the sentence a clause part was cut from; 0 when part `i` is no clause.
        `memo`: (text, language) → tokens, shared by the hits of one message."""
        p = parts[i]
        outer = max((q for j, q in enumerate(parts) if j != i and q.start <= p.start and p.end <= q.end
                     and q.end - q.start > p.end - p.start), key=lambda q: q.end - q.start, default=None)
        if outer is None:
            return 0
        toks = memo.get((outer.text, lang))
        if toks is None:
            toks = memo[(outer.text, lang)] = analyze(outer.text, lang, aliases=self.aliases)
        return len(toks)

    def _words_scattered(self, q: _Query, c_toks: Sequence[str], parts: Sequence[Part]) -> bool:
        """Do the claim words that the whole message `q` shares with a claim (`c_toks`) lie apart:
        no two neighbouring parts together say more than SCATTERED_SHARE of them (a part says a word
        when its own tokens, or a word of it the matcher resolved, give it)? False when fewer than
        3 words are shared. Cost: one `analyze` per part, asked only of a whole-post match that no
        part is near."""
        shared = set(c_toks) & set(q.norms)
        if len(shared) < 3:
            return False
        said = []
        for p in parts:
            words = {t.norm for t in analyze(p.text, q.lang, aliases=self.aliases)}
            words |= {norm for surface, norm in q.rewritten.items() if surface in p.text}
            said.append(words & shared)
        best = max(len(a | b) for a, b in zip(said, said[1:] + [set()]))
        return best <= SCATTERED_SHARE * len(shared)

    def _other_alternative(self, q_norms: set[str], c_toks: Sequence[str], src: str | None, msg_lang: str,
                           cid: int | None = None) -> bool:
        """Does the message name another thing of a kind the claim names (`AlternativeTable.other`:
        a wind plant where the claim has a solar one, «простуда» where it has «коронавирус»)? `src`:
        the message's text, whose words as written are read for the table's word beginnings when it
        is Ukrainian or Belarusian (None: not needed); so are the words of claim `cid` when it is written
        in one of those languages (`_written`: «Ціна на хліб …» names bread; break test b41)."""
        lang, text = self._written.get(cid, ("", "")) if cid is not None else ("", "")
        return self.alternatives.other(q_norms, c_toks, _ukbe_words(src, msg_lang), _ukbe_words(text or None, lang))

    def _closest_sentence(self, sents: Sequence[str], c_set: Set[str], lang: str) -> tuple[str, list[Token]]:
        """(text, tokens analysed in `lang`) of the one of `sents` sharing the most words with `c_set`
        (a claim's normalised words); the first of those that tie."""
        return max(((x, analyze(x, lang, aliases=self.aliases)) for x in sents),
                   key=lambda st: len({t.norm for t in st[1]} & c_set))

    def _planned(self, q_tokens: Sequence[Token], c_toks: Sequence[str], src: str, msg_lang: str, lang: str) -> bool:
        """Does the message forecast, plan or propose what the claim states as done
        (`modality.planned_only`)? `q_tokens`: the message it was matched on, analysed in `lang`
        (written in `msg_lang`), `src` its text. In a text of several sentences, only the sentence
        sharing the most words with the claim is read («В Подмосковье ожидается облачная погода.
        Чеснок защищает от коронавируса.» states the claim)."""
        if not plan_words((t.norm for t in q_tokens), _ukbe_words(src, msg_lang)):
            return False
        sents = sentences(src)
        if len(sents) > 1:
            src, q_tokens = self._closest_sentence(sents, set(c_toks), lang)
        return planned_only(q_tokens, c_toks, lang, _ukbe_words(src, msg_lang), src)

    def _ukbe_other_actor(self, gloss_tokens: Sequence[Token], src: str, c_toks: Sequence[str]) -> bool:
        """Does a Ukrainian/Belarusian message (`src`, read word by word into Russian as
        `gloss_tokens`) name another actor in the claim's name's place (`other_actor`)? Read on the
        gloss, which keeps the capitals of names («в Харкови»), with the claim's alias-table names
        that the text read by the normaliser names added: it knows the uk/be forms of the table's
        names («Паўночнай Карэі» is КНДР, where the word-by-word gloss has «Кореи»)."""
        c_set = set(c_toks)
        said = [t for t in analyze(src, "ru", aliases=self.aliases) if t.kind == "ent" and t.norm in c_set]
        return other_actor(list(gloss_tokens) + said, c_toks, respelled=True)

    def _latin_converse_reversed(self, src: str, c_toks: Sequence[str], doc_lang: str) -> bool:
        """Does `src`, a part in Latin letters read as Russian (no English function word,
        `reads_as_english`: "Spartak beat Zenit 3:1." in a Russian post), use an English converse
        verb with the claim's participants in the claim's roles (`cross_converse` on its English
        reading: the other outcome)? False for a part with fewer than two Latin words (no
        analysis then)."""
        if sum(w.isascii() for w in _WORD_RE.findall(src)) < 2:
            return False
        conv = cross_converse(analyze(src, "en", aliases=self.aliases), "en", c_toks, doc_lang)
        return conv is not None and conv[0] == "reversed"

    def _denied(self, src: str, q: _Query, c_toks: Sequence[str], lang: str,
                memo: dict, ctx: str = "") -> tuple[int, int] | None:
        """Does `src` (the words a hit was matched on, read as the query `q`) report the claim
        only to deny it (`denied_reports`: «Никто не говорит, что X», «Нет никаких доказательств,
        что X», "Nobody says that X")? A denied X states the claim when it holds at least
        DENIED_SHARE of the claim words `q` shares (a uk/be X read by its gloss, `lang` its language), or, when `q` shares none (another language),
        at least DENIED_SHARE of `src`'s own words. `memo`: the message's memo (each text's
        denied Xs and their words are read once per message). `ctx`: `src` and the sentence after it, when
        `src` is a part of a post (`_with_next`): a denial of others' verdict that sentence contradicts
        is none («X, но это фейк, говорят в Кремле. Документы доказывают обратное.»), as `split_parts`
        reads it. Returns the denied X's [start, end) offsets in `src`, or None."""
        spans = memo.get(src)
        if spans is None:
            spans = memo[src] = denied_reports(src)
        if spans and len(ctx) > len(src):
            kept = memo.get(("ctx", ctx))
            if kept is None:
                kept = memo[("ctx", ctx)] = {x for x, _ in denied_reports(ctx)}
            spans = [r for r in spans if r[0] in kept]
        if not spans:
            return None
        lg = "en" if lang == "en" else "ru"
        claim = set(c_toks)
        said = {t.norm for t in q.tokens} & claim
        own = verdict_words(claim)
        n_src = len(_WORD_RE.findall(src))
        for a, b in spans:
            if said or own:
                wkey = (src[a:b], lang)
                words = memo.get(wkey)
                if words is None:
                    # a uk/be X read in the claim's Russian words, as its query was (`_gloss_query`):
                    # «Газпром спыніў пастаўкі газу ў Малдову» read as Russian shared two of its words
                    gl = gloss(src[a:b], lang, claim) if lang in ("uk", "be") else None
                    words = memo[wkey] = {t.norm for t in analyze(gl.text if gl is not None else src[a:b], lg,
                                                                  aliases=self.aliases)}
                if own - words:
                    continue    # the claim's own «миф» said after its statement: the claim, repeated
            if said:
                if len(words & claim) >= DENIED_SHARE * len(said):
                    return a, b
            elif len(_WORD_RE.findall(src, a, b)) >= DENIED_SHARE * n_src:
                return a, b
        return None

    def match(self, text: str, *, limit: int = 5, min_score: float | None = None) -> list[MatchHit]:
        """Hits for a forwarded or typed message. min_score None → only "match" and "related" hits
        (and flagged reversals: "related" with contradicts=True); min_score=0 → the ranked
        candidates whatever their score. Order: the "match" hits in the order their parts appear
        in the message, then the rest by score. Never raises (a failure is logged, [] returned)."""
        try:
            return self._match(text, limit, min_score)
        except Exception:  # never let a message break the caller
            log.exception("match failed")
            return []

    def query_vectors(self, text: str) -> np.ndarray | None:
        """(parts, dim) encoder vectors of the message's parts (split_parts), or None without an
        encoder or claim vectors. The whole-message ranking uses the best part per claim."""
        parts = split_parts(text[:MAX_MESSAGE_CHARS]) if isinstance(text, str) else []
        return self._encode_texts([p.text for p in parts]) if parts else None

    def whole_vector(self, text: str) -> np.ndarray | None:
        """The encoder vector of the whole message when it is read in several parts and is short
        (`whole_text`), else None (then `sem_w` is `sem`). What `_match` passes to `_rank` as `wvec`."""
        parts = split_parts(text[:MAX_MESSAGE_CHARS]) if isinstance(text, str) else []
        with self._lock:
            langs = self._index.lang_counts()
        whole = whole_text(text, parts, langs)
        vecs = self._encode_texts([whole]) if whole is not None else None
        return vecs[0] if vecs is not None else None

    def _encode_texts(self, texts: list[str]) -> np.ndarray | None:
        """(len(texts), dim) encoder vectors of message parts' texts, or None without an encoder or
        claim vectors, or when the encoder fails (logged: lexical matching for this message)."""
        if self.encoder is None or self._vectors is None or not len(self._vectors):
            return None
        try:
            return self.encoder.encode([message_case(message_text(t)) for t in texts])
        except Exception:  # an encoder failing on one message: lexical for this message
            log.exception("encoder failed on a message; lexical matching for it")
            return None

    def _match(self, text: str, limit: int, min_score: float | None) -> list[MatchHit]:
        if limit <= 0 or not isinstance(text, str):
            return []
        text = text[:MAX_MESSAGE_CHARS]
        # an English or Ukrainian sentence quoted in a Russian post is read as such
        parts, msg_lang, part_langs = _read_post(text)
        if not parts:
            return []
        # a post repeating a sentence word for word ("Перешлите!" after each paragraph, a
        # copy-pasted claim) encodes, searches and ranks it once: the same text gets the same
        # vector, neighbours and candidates
        utexts, urow = _distinct([p.text for p in parts])
        with self._lock:
            langs = self._index.lang_counts()
        whole = whole_text(text, parts, langs)
        # (distinct parts, dim), and the whole message's vector in the same batch (a tweet's: `sem_w`)
        qmat = self._encode_texts(utexts + [whole] if whole is not None else utexts)
        wvec = None
        if qmat is not None and whole is not None:
            qmat, wvec = qmat[:-1], qmat[-1]
        k = max(self.candidates, limit)
        # (score, cid, query, c_toks, lang, fd, cross, part index or None, n_content)
        best: dict[int, tuple] = {}
        per_part, near_all = [None] * len(parts), None
        if qmat is not None:
            with self._lock:
                per_u, near_all = self._vectors.top_many(qmat, SEM_CANDIDATES)
            per_part = [per_u[r] for r in urow]
        memo: dict = {}         # spelling look-ups, shared by the whole message and its parts
        ranked, n_content = self._rank(text, k, qmat, msg_lang, near_all, memo, wvec=wvec)
        if qmat is not None and len(parts) > 1 and (msg_lang in ("uk", "be") or "uk" in part_langs
                                                     or "be" in part_langs):
            # each part glossed against the words of the claims the whole post ranks first (every
            # part of a uk/be post; of another post, its uk/be sentences: «Ніхто не каже, що часник
            # захищає від коронавірусу.» quoted in a Russian post was at 0.28 from its claim, unread)
            vocab = [t for r in ranked[:GLOSS_CANDIDATES] if r[4] == "ru" for t in r[3]]
            langs = [msg_lang] * len(parts) if msg_lang in ("uk", "be") else part_langs
            per_part = self._gloss_parts_near(parts, langs, per_part, vocab)
        for r in ranked:
            best[r[1]] = (*r, None, n_content)
        by_part: dict[int, dict[int, tuple]] = {}
        if len(parts) > 1:
            ulang = {urow[i]: part_langs[i] for i in range(len(parts))}     # distinct part → its language
            gated = []              # (part index, its nearest claims) of the parts matched on their own
            for i in range(len(parts)):
                near_i = per_part[i][:PART_CANDIDATES] if per_part[i] is not None else None
                bar = part_min_cos(len(text), part_langs[i])
                if near_i is None or (near_i and (near_i[0][1] >= bar or near_i[0][1] >= CROSS_MIN_COS
                                                  and self._claim_lang(near_i[0][0]) != part_langs[i])):
                    # a claim in another language is nearer at a lower cosine ("Garlic protects you
                    # from COVID." 0.49 from «Чеснок защищает от заражения коронавирусом»): from
                    # CROSS_MIN_COS, as the whole message's cross-language candidates are scored
                    gated.append((i, near_i))
            # the other parts of a Russian post are read with their words resolved, as a short
            # message is (`_resolve_parts` gate_reading: a diminutive, typo or slang name as a word the
            # encoder knows): «Чесночок спасает от ковида» is at 0.28 from its claim, its reading far
            # above PART_MIN_COS, from which such a reading passes at any length (the tweet bar was
            # measured on English CheckThat! posts, which have no reading; with the length's bar the
            # sentence was still missed in a post of 450 characters). Cost, 2,000-character posts at
            # 10k synthetic claims: see the README (Matching).
            pre: dict[int, tuple] = {}
            if qmat is not None and "ru" in part_langs:
                own = {urow[i] for i, _ in gated}
                rest = [u for u in dict.fromkeys(urow) if u not in own and ulang[u] == "ru"]
                pre = dict(zip(rest, self._resolve_parts([utexts[u] for u in rest], "ru", memo, False, True,
                                                         gate_reading=True)))
                for i in range(len(parts)):
                    read_near = pre[urow[i]][2] if urow[i] in pre else []
                    if read_near and read_near[0][1] >= PART_MIN_COS:
                        gated.append((i, per_part[i][:PART_CANDIDATES]))
                gated.sort(key=lambda g: g[0])
            todo = list(dict.fromkeys(urow[i] for i, _ in gated))     # their distinct texts
            # the whole message keeps its splits of dictionary words (its query is what its
            # whole-post candidates were fitted and measured on); its parts never split them, in a
            # post of any length (`_resolve`; it used to depend on the post's length: over 600
            # characters they did not, so one sentence was read two ways)
            split_known = False
            resolved = {u: pre[u] for u in todo if u in pre}        # passed by their reading
            with self._lock:
                for u in resolved:
                    for q in resolved[u][0]:
                        self._resolve(q, memo, split_known)      # the run-together words left
            for lg in dict.fromkeys(ulang[u] for u in todo):
                rest = [u for u in todo if u not in resolved and ulang[u] == lg]
                resolved.update(zip(rest, self._resolve_parts([utexts[u] for u in rest], lg, memo,
                                                              split_known, qmat is not None)))
            part_ranks: dict[int, tuple[list[tuple], int]] = {}     # distinct part → its _rank
            has_denied = any(p.denied for p in parts)
            plain_own: dict[tuple[int, int], float] = {}    # (claim, plain sentence part) → that part's score
            for i, near_i in gated:
                p = parts[i]
                u = urow[i]
                if u not in part_ranks:
                    part_ranks[u] = self._rank(p.text, PART_CANDIDATES, qmat[u] if qmat is not None else None,
                                               part_langs[i], near_i, memo, split_known, resolved[u])
                pr, pn = part_ranks[u]
                by_part[i] = {}
                for r in pr:
                    by_part[i][r[1]] = (*r, i, pn)
                    prev = best.get(r[1])
                    # «X. Новость о том, что Y, оказалась фейком»: X said plainly in a sentence of its own
                    # is the claim's part, not the whole post (whose denial is Y's), unless the denied Y
                    # is the claim as much as X is («X. Новость о том, что X, — фейк»: Y's part then)
                    plain = (has_denied and prev is not None and prev[7] is None
                             and r[0] >= self.settings.match_threshold and _plain_sentence(parts, i))
                    # a part read in the claim's own language takes the place of the whole post's
                    # reading across languages (a Russian sentence quoted in a Belarusian post)
                    if (prev is None or r[0] >= prev[0] or prev[7] is None and r[0] >= prev[0] - 10.0
                            or prev[7] is None and prev[6] and not r[6]
                            and r[0] >= self.settings.match_threshold
                            or _asserted_within(parts, i, prev[7]) and r[0] >= self.settings.match_threshold
                            or plain or parts[i].denied and r[0] >= plain_own.get((r[1], prev[7]), 101.0)):
                        if plain:
                            plain_own[(r[1], i)] = r[0]
                        best[r[1]] = (max(r[0], prev[0]) if prev else r[0], *r[1:], i, pn)
        floor = min(self.settings.related_threshold, CONTRA_FLOOR)
        # claims nearest to the whole message or to one of its parts, close enough that a flagged
        # reversal of them is returned even with a low fused score
        nearest = {near[0][0] for near in [near_all or [], *[pp or [] for pp in per_part]]
                   if near and near[0][1] >= CONTRA_SEM}
        if min_score is not None:
            floor = min(floor, min_score)
        hits: list[MatchHit] = []
        q_sets: dict[int, set[str]] = {}      # id(query) → its tokens (one set per message part)
        q_act: dict[int, list[Token] | None] = {}     # id(query) → its tokens in active order, or None
        said_memo: dict[tuple[str, str], list[Token]] = {}     # (sentence, language) → its tokens
        denied_memo: dict = {}      # `_denied`: a text's denied reports, and their words
        for score, cid, q, c_toks, doc_lang, fd, cross, pi, n_c in sorted(
                best.values(), key=lambda r: (-r[0], r[1])):
            q_set = q_sets.get(id(q))
            if q_set is None:
                q_set = q_sets[id(q)] = {t.norm for t in q.tokens}
                # an English message told in the passive, read doer first as a passive claim is
                # ("Infertility is caused by the Pfizer vaccine": no swap of "Pfizer vaccine causes …")
                q_act[id(q)] = active_tokens(q.tokens) if q.lang == "en" and " by " in text else None
            same = not cross or cross == "gloss"     # read in the claim's language (a uk/be gloss too)
            if same and len(q_set) >= RESTATED_MIN_WORDS and q_set == set(c_toks):
                score = max(score, RESTATED_SCORE)     # the claim's own words, nothing else
            score = round(score, 1)
            # an English passive claim read doer first where roles are read (the reversal checks); the
            # other checks compare its words' places with the message's as written (other_actor: "Google
            # was fined … by the European Commission" puts Google in Amazon's place)
            c_role = self._role_tokens(cid, c_toks)
            reasons = []
            qt = None       # a cross-language message read in its own language (Russian for uk/be)
            src = parts[pi].text if pi is not None else text    # the words this hit was matched on
            hl = part_langs[pi] if pi is not None else msg_lang  # ... and their language
            by_sentence = False     # the post's sentences were read for this claim's reasons
            # a uk/be claim scored on its Russian gloss is also checked as its stored tokens read
            # (the Russian pipeline's: names and their order, which the gloss may respell)
            c_orig = self._claim_tokens(cid) if fd.get("claim_glossed") else None
            q_own = None        # the message read in the claim's language, when its query was not
            if score >= floor or cid in nearest:
                if same:
                    reasons = contradiction_reasons(q_act.get(id(q)) or q.tokens, c_role, doc_lang)
                    if q.lang != doc_lang and not q.gloss:
                        # a Russian message read in English too («Microsoft продала Activision»: Latin
                        # names), its English reading the best: the Russian checks on its Russian one
                        q_own = analyze(src, doc_lang, aliases=self.aliases)
                        reasons += [r for r in contradiction_reasons(q_own, c_role, doc_lang) if r not in reasons]
                    if c_orig:
                        reasons += [r for r in contradiction_reasons(q.tokens, c_orig, doc_lang) if r not in reasons]
                    if reasons and pi is None and len(parts) > 1:
                        # read on the whole post, a «не» of one sentence stood near the claim's
                        # words of another: the sentence that says the claim is checked on its own
                        reasons = self._sentence_reasons([p.text for p in parts], q, c_role, doc_lang,
                                                         hl, cross, said_memo)
                        by_sentence = True
                    if "negation" in reasons and not q.gloss and self._negation_elsewhere(
                            [p.text for p in parts] if pi is None and len(parts) > 1 else [src], q, c_role,
                            doc_lang, said_memo):
                        reasons.remove("negation")
                if cross:   # the message read in its own language against the claim in its own
                    lg = "en" if hl == "en" else "ru"
                    qt = (q.tokens if q.lang == lg and pi is None and not q.gloss
                          else analyze(src, lg, aliases=self.aliases))
                    reasons += [r for r in cross_language_reasons(qt, lg, c_role, doc_lang, msg_lang=hl, text=src)
                                if r not in reasons]
                if cid in self._written:
                    reasons += [r for r in self._written_reasons(cid, [p.text for p in parts] if pi is None else [src],
                                                                 q, hl) if r not in reasons]
            if pi is not None and n_c < self.settings.short_message_words:
                # a clause cut from a longer sentence («… пишет, что чесночок спасает от ковида,
                # поэтому …», `split_parts`) is no keyword query: it is as short as its sentence
                n_c = max(n_c, self._sentence_words(parts, pi, q.lang, said_memo))
            specific = (same and n_c < self.settings.short_message_words
                        and (names_specifics(q_set, c_toks) or states_core(q_set, c_toks)))
            rel = self._decide(score, n_c, reasons, len(set(c_toks)), not same, specific)
            if (rel == "match" and pi is None and cross is False and len(parts) > 1
                    and fd.get("sem", 1.0) < PART_MIN_COS and self._words_scattered(q, c_toks, parts)):
                # matched on the whole post's words, no part of it near the claim (`sem` is the best
                # part's cosine) and no two neighbouring parts saying most of those words: they are
                # spread over unrelated sentences («России» in the weather, «за последние … лет» in
                # the harvest), which a longer post has more of
                rel = "related"
            if rel == "match" and not reasons and not by_sentence and (
                    pi is None and len(parts) > 1 or pi is not None and len(sents := sentences(src)) > 1):
                # matched on several sentences together (the whole post, or a part of a sentence
                # razdel did not split): the sentence saying the claim is checked on its
                # own, where a neighbour's «открыли» no longer hides its «закрыли» (after the check
                # above: a claim whose words lie apart is stated by no one sentence)
                reasons = self._sentence_reasons([p.text for p in parts] if pi is None else sents,
                                                 q, c_toks, doc_lang, hl, cross, said_memo)
                if reasons:
                    rel = "related"
            denied = None
            if rel == "match":
                denied = ((0, len(src)) if pi is not None and parts[pi].denied      # the denied X itself
                          and not verdict_words(c_toks) - {t.norm for t in q.tokens}
                          else self._denied(_after_question(text, parts, pi, src), q, c_toks, hl, denied_memo,
                                            _with_next(text, parts, pi) if pi is not None else ""))
                if denied is None and pi is not None and parts[pi].reported and src.rstrip().endswith((".", "!", "…")):
                    # what a sentence reports at its end («Сегодня стало известно, что X.») read with
                    # the sentence after it («Это фейк, …»), which judges the report as it would the
                    # whole sentence (a uk claim's gloss ranked the reported X above its sentence),
                    # unless the sentence after that contradicts the verdict (as `_denied` reads it)
                    ctx = _with_next(text, parts, pi)
                    nxt = next((j for j in range(pi + 1, len(parts)) if parts[j].start >= parts[pi].end), None)
                    ctx2 = ctx if nxt is None else \
                        text[parts[pi].start:parts[nxt].start + len(_with_next(text, parts, nxt))]
                    if len(ctx) > len(src) and self._denied(ctx, q, c_toks, hl, denied_memo, ctx2) is not None:
                        denied = (0, len(src))
            if denied is not None:
                if pi is None and len(parts) > 1:
                    # matched on the whole post: the part is the sentence denying it
                    pi = _part_at(parts, denied[0])
                reasons = ["negation"]      # «Никто не говорит, что …», «Учёные так и не доказали, что …»
                rel = "related"
            if rel == "match" and same:
                # matched on a whole post, the roles are read in the sentence that says the claim: the
                # names of two sentences are no roles of one act («Девочки! Прививка от коронавируса
                # вызывает … Чеснок защищает от заражения коронавирусом.» was "roles": «коронавирус»
                # before «чеснок»)
                q_roles = (q.tokens if pi is not None or len(parts) < 2 else
                           self._saying_sentence([p.text for p in parts], q, c_role, q.lang, False, said_memo)
                           or q.tokens)
                if (self._names_reordered(cid, q_roles, c_role)
                        or c_orig and self._names_reordered(cid, q_roles, c_orig)
                        or q_own is not None and self._names_reordered(cid, q_own, c_role)
                        or self._latin_converse_reversed(src, c_role, doc_lang)):
                    # «Зенит обыграл Спартак»: roles swapped; "Spartak beat Zenit" (read as Russian)
                    reasons = ["roles"]
                    rel = "related"
                elif (self._ukbe_other_actor(q.tokens, src, c_toks)
                      if q.gloss else other_actor(q.tokens, c_toks, names=self._en_names.get(cid))
                      or q_act.get(id(q)) and other_actor(q_act[id(q)], c_role, names=self._en_names.get(cid))
                      or c_orig and other_actor(q.tokens, c_orig)):
                    rel = "related"     # another person, body or place in the claim's place: another claim
                elif other_modifier([t.norm for t in q.tokens], c_toks):
                    rel = "related"     # «мужская сборная» where the claim says «женская сборная»
                elif relative_in_place([t.norm for t in q.tokens], c_toks, _is_name):
                    rel = "related"     # «Жена Си Цзиньпина посетила …» where the claim says «Си Цзиньпин посетил …»
                elif self._other_alternative(q_set, c_toks, src if q.gloss or hl in ("uk", "be") else None, hl, cid):
                    rel = "related"     # «ветряная электростанция» where the claim says «солнечная»
                elif self._planned(q.tokens, c_toks, src, hl, q.lang):
                    rel = "related"     # «Землетрясение ожидается …» where the claim says «произошло»
                elif fd.get("sem", 1.0) < WHEN_ONLY_SEM and shares_only_when(q.tokens, c_toks):
                    # the same date and place, another event (told apart by the encoder: lexically,
                    # «Финляндия стала членом НАТО» shares no more with «вступила в НАТО»)
                    rel = "related"
            elif (rel == "match" and qt is not None and hl in ("uk", "be") and doc_lang == "ru"
                  and self._names_reordered(cid, _known_cases(qt), c_role, known_cases=True)
                  and (cross_converse(qt, "ru", c_role, doc_lang, hl) or ("",))[0] != "same"):
                # a Ukrainian/Belarusian message is read with the Russian dictionary, so its names and
                # their cases are Russian ones: «Спартак обіграв Зеніт» swaps «Зенит обыграл Спартак»
                reasons = ["roles"]
                rel = "related"
            elif (rel == "match" and qt is not None
                  and self._other_alternative({t.norm for t in qt}, c_toks, src, hl, cid)):
                rel = "related"         # "wind farm" where the claim says «солнечная электростанция»
            elif rel == "match" and qt is not None and self._planned(qt, c_toks, src, hl, "en" if hl == "en" else "ru"):
                rel = "related"         # "An earthquake is expected …" where the claim says «произошло»
            elif rel == "match" and cross is True and qt is not None and other_actor(qt, c_toks, across=True):
                rel = "related"         # «Netflix купил MGM» where the claim says "Amazon bought MGM"
            elif (rel == "match" and cross is True and hl == "en" and qt is not None
                  and reads_as_english(src) and self.english_misses_name(qt, c_toks)
                  and self.english_misses_name(q.tokens if q.lang == "ru" and pi is None
                                               else analyze(src, "ru", aliases=self.aliases), c_toks)):
                rel = "related"         # "Finland held elections" where the claim says «вступила в НАТО»
            elif rel == "match" and cross is True and hl in ("uk", "be") and doc_lang == "ru":
                # matched by the cross-language model (the cosine and word coverage, which rate «У Мінску
                # выпаў снег» close to «В Санкт-Петербурге выпал снег»): read word by word against this
                # claim, another name in the claim's name's place is another claim, as in Russian
                gl = gloss(src, hl, c_toks)
                if gl is not None and self._ukbe_other_actor(analyze(gl.text, "ru", aliases=self.aliases),
                                                             src, c_toks):
                    rel = "related"
            if same and rel != "none" and "?" in text:
                # a question the next sentence answers «Нет,» / "No,": what that answer says decides
                qi = pi if pi is not None or len(parts) < 2 else max(
                    ((by_part[i][cid][0], i) for i in by_part if cid in by_part[i]), default=(0, None))[1]
                part = parts[qi] if qi is not None else Part(0, len(text), text)
                ans = answer_after(text, part) if parts else None
                if ans is not None:
                    plain = self._decide(score, n_c, [], len(set(c_toks)), not same, specific)
                    rel, reasons = self._answered(ans, q.lang, c_role, doc_lang, plain, reasons)
                    pi = qi
            if min_score is None:
                if rel == "none" and not (reasons and (score >= CONTRA_FLOOR and fd.get("sem", 1.0) >= 0.5
                                                       or cid in nearest)):
                    continue
                if reasons:
                    rel = "related"
            elif score < min_score:
                continue
            if cross and len(parts) > 1:
                # across languages the lexical scores of the parts say little (an English line and a
                # Russian claim share no words): the part is the line whose vector is nearest the claim
                pi = _nearest_part(parts, per_part, cid, pi)
            if pi is None and len(parts) > 1:
                # the part that says it: the one scoring this claim highest on its own
                cands = [(by_part[i][cid][0], i) for i in by_part if cid in by_part[i]]
                pi = max(cands)[1] if cands else None
            p = parts[pi] if pi is not None else Part(0, len(text), text)
            # crossing languages: the message's (its part's) and the claim's as written (a Ukrainian
            # message stating a claim stored in Ukrainian does not, though both are read as Russian;
            # a Russian one does, though read against the claim's Russian gloss)
            crossed = hl != self._written.get(cid, (doc_lang,))[0]
            hits.append(MatchHit(int(cid), score, rel, bool(reasons), reasons, (p.start, p.end), p.text,
                                 crossed, hl))
            if len(hits) >= limit:
                break
        if len(parts) > 1:
            matched = sorted((h for h in hits if h.relation == "match"), key=lambda h: (h.part[0], -h.score))
            hits = matched + [h for h in hits if h.relation != "match"]
        return hits

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[MatchHit]:
        """Keyword search: every claim sharing a (corrected) term with the query, by BM25."""
        try:
            return self._search(query, limit, offset)
        except Exception:
            log.exception("search failed")
            return []

    def _search(self, query: str, limit: int, offset: int) -> list[MatchHit]:
        if limit <= 0 or offset < 0 or not isinstance(query, str):
            return []
        queries = self._queries(query)
        if not queries:
            return []
        k = min(offset + limit, 1000)
        found: dict[int, tuple] = {}
        with self._lock:
            index = self._index
            for q in queries:
                self._resolve(q)
                tids = [index.term_id(t) for t in q.norms]
                slots, scores = index.search(tids, k)
                if not len(slots):
                    continue
                sel = index.select_terms(tids)
                best = sum(index.idf_tid(t) * (index.k1 + 1) for t in sel) or 1.0
                top = float(scores[0])
                for s, sc in zip(slots.tolist(), scores.tolist()):
                    cid = index.claim_id(s)
                    if cid not in found or sc / best > found[cid][0]:
                        c_toks, t_toks = index.doc_tokens(s)
                        found[cid] = (sc / best, cid, q, c_toks, t_toks, index.lang_of(s), sc, top,
                                      index.idf)
        ranked = sorted(found.values(), key=lambda r: (-r[0], r[1]))[offset:offset + limit]
        n_content = max(_content_count(q.tokens) for q in queries)
        hits = []
        for rel_score, cid, q, c_toks, t_toks, lang, sc, top, idf in ranked:
            fused = score_of(all_features(q.norms, c_toks, t_toks, idf, sc, top,
                                          math.log(self._index.n_docs + 1.0), lang), lang)
            reasons = contradiction_reasons(q.tokens, c_toks, lang)
            hits.append(MatchHit(int(cid), round(min(100.0, 100.0 * rel_score), 1),
                                 self._decide(fused, n_content, reasons), bool(reasons), reasons))
        return hits

    def stats(self) -> dict:
        with self._lock:
            return {"claims": len(self._index), "delta": self._index.delta_size,
                    "memory_bytes": self._index.memory_bytes(),
                    "vectors": len(self._vectors) if self._vectors is not None else 0,
                    "vector_bytes": self._vectors.memory_bytes() if self._vectors is not None else 0,
                    "encoder": self.encoder.name if self.encoder is not None else None}
