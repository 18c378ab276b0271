"""Split a post into the parts that are matched one by one, and tell the message's language.

A forwarded channel post is several sentences, and one sentence may join two claims («…; а также
…»). Each part keeps its character offsets in the message, so the answer can say which part of
the post repeated which claim.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from razdel import sentenize

from ..nlp import get_nlp
from ..normalize import fold_homoglyphs, ru_lex, word_known
from ..textclean import INVISIBLE_RE
from .tables import table_rows

MAX_PARTS = 48                 # clauses are extra parts only while a message has at most this many parts;
                               # every sentence is a part of its own, however many (no cap: a message is
                               # read up to MAX_MESSAGE_CHARS = 8,000 characters, claims/match/matcher.py,
                               # and grouping neighbours lost a claim said in the last of 150 short English
                               # sentences, its group of three at cosine 0.48 under the part bar of 0.5;
                               # each sentence on its own: an 8,000-character post of 158 sentences took
                               # 150-160 ms CPU against 125-128 ms grouped, 2,765 claims, use-m3)
MIN_PART_WORDS = 3             # shorter sentences are joined to their neighbour
REPORTS_PER_SENTENCE = 3       # what a sentence reports as said: at most this many extra parts of it, of at
                               # most its own length together (a post of chained frames, «Учёные доказали,
                               # что …» x 195 in 4,096 characters, made 47 nested parts of up to 4,000
                               # characters each: 2,420 ms CPU against 81 ms without them, break12)
# (?<!\s): a clause break starts where its run of blanks starts, so a run is read once (without it
# 20,000 spaces took 3 s and 100 KB of them minutes)
_CLAUSE_RE = re.compile(r"(?<!\s)\s*(?:;|,\s+а\s+также|,\s+and\s+also|,\s+а\s+ещё|,\s+а\s+еще)\s+", re.IGNORECASE)
CLAUSE_WORDS = 4               # a clause of «…; …», «…, а также …» is a part when each side has this many words
# Two statements joined by a coordinating conjunction after a comma: «X, а Y», «X, и Y» (uk «, а / і /
# й / та», be «, а / і / ды», en ", and" / ", while" / ", whereas"). Each side is a part of its own when
# each has JOINED_WORDS words (final16: «Правительство повысило НДС до 22 процентов, а Сбербанк
# заблокирует карты всех пенсионеров» matched both claims on the whole sentence at 64-71; «X — фейк, а Y
# — правда» judges X and Y apart); a side a verdict of the sentence is said of is read as denied
# (`split_parts`: «X, и это полная ложь»). Not «, но» / ", but": «X, но это не так» takes X back.
_JOINED_RE = re.compile(r"(?<!\s)\s*,\s++(?:а|и|і|й|та|ды|and|while|whereas)\s++(?!также|ещё|еще|also)(?=\w)",
                        re.IGNORECASE)
JOINED_WORDS = 3
_WORD_RE = re.compile(r"\w+", re.UNICODE)
# Reported speech: a verb of saying, up to three words after it, then «, что» / «что» (uk «що», be
# «што», en "that"); or «по словам X,», «как сообщает X,», "according to X,". The text after it is
# what is said, and the words around it («Одна из участниц пишет, что …, поэтому ешьте больше …»)
# diluted its vector: «чесночок спасает от ковида» inside such a sentence of a long post was 0.476
# from «Чеснок защищает от заражения коронавирусом», under the part bar of 0.5.
_SAY_VERB = (r"(?:пиш(?:ет|ут|ется)|(?:на)?писал[аио]?|говор(?:ит|ят|ится|ил[аи]?)|сказал[аио]?"
             r"|утвержда(?:ет|ют|ется|л[аи]?)|сообща(?:ет|ют|ется|л[аи]?)|сообщил[аио]?|заявля(?:ет|ют|л[аи]?)"
             r"|заявил[аио]?|уверя(?:ет|ют|л[аи]?)|рассказыва(?:ет|ют|л[аи]?)|рассказал[аио]?"
             r"|переда(?:ёт|ет|ют)|объясня(?:ет|ют)|объяснил[аи]?|клян[её]тся|божится"
             r"|пишуть|пише|написав|написал[аи]|каже|кажуть|казав|сказав|повідомля(?:є|ють)|повідомил[аи]?"
             r"|повідомив|стверджу(?:є|ють)|стверджував|заявив|заявля(?:є|ють)|запевня(?:є|ють)"
             r"|піша|пішуць|кажа|кажуць|сказаў|сцвярджа(?:е|юць)|паведамля(?:е|юць)|паведаміў|заявіў"
             r"|says?|said|claim(?:s|ed)?|writes?|wrote|reports?|reported|states?|stated|insist(?:s|ed)?)")
# the patterns below read the sentence lower-cased (`_lower`; an IGNORECASE scan of 100 KB took
# 14 ms, this one 5): a verb of saying, then at most three words (the nearest «что» first); runs
# of blanks are possessive (`\s++`: never given back — «пишет», 100,000 spaces, «что» took 78 s)
_VERB_RE = re.compile(r"(?<!\w)" + _SAY_VERB + r"(?!\w)")
LEAD_WINDOW = 120              # a verb of saying is looked for this many characters before a «что»
                               # (only there: a scan of 100 KB of blanks for verbs took 24 ms)
# a run of «что» each at most LEAD_WINDOW characters after the one before: one stretch to read verbs in
_SAID_RUN_RE = re.compile(r"(?:что|що|што|that)(?:[\s\S]{0,%d}?(?:что|що|што|that))*+" % LEAD_WINDOW)
_SAID_AFTER_RE = re.compile(r"(?:\s++[^\W\d_]++){0,3}?\s*+,?\s*+(?:что|що|што|that)\s++(?=\w)")
_SOURCE_RE = re.compile(
    r"(?<!\w)(?:по\s++словам|за\s++словами|па\s++словах|according\s++to|как\s++(?:сообщает|пишет|пишут|передаёт"
    r"|передает|утверждает|утверждают|заявил[аи]?)|як\s++(?:повідомляє|пише|пишуть)"
    r"|по\s++(?:данным|информации|мнению|сообщению|сообщениям|версии|оценке|оценкам)|со\s++слов|согласно"
    r"|за\s++(?:даними|інформацією|повідомленням|версією|оцінками)|на\s++думку|паводле)\s++[^,.;:!?\n]{1,80},\s++(?=\w)")
_SAID = ("что", "що", "што", "that")
_SOURCES = ("слова", "according", "как", "як", "данным", "информации", "мнению", "сообщени", "версии", "оценк",
            "со слов", "согласно", "даними", "інформаці", "повідомлен", "версією", "оцінк", "думку", "паводле")
# Reported speech framed by any verb (`_framed_clauses`), beside the verbs of saying listed above:
# «Учёные доказали, что …», «Врачи … официально признали, что …», «Говорят, будто …»,
# «Минобороны утверждает: …», "Scientists have proven that …", «Науковці довели, що …»; and «как»
# + a verb + its source + «,» («Как сообщили в минздраве, …», «Як повідомили в МОЗ, …»).
_MARK_WORDS = ("что", "будто", "якобы", "що", "нібито", "начебто", "што", "быццам", "that")
_MARK_RE = re.compile(r"(?:,\s*+)?(?<!\w)(?:%s)\s++[«\"“„]?(?=\w)|:\s++[«\"“„]?(?=\w)" % "|".join(_MARK_WORDS))
_MARKS = (*_MARK_WORDS, ":")
_ASIDES = ("как", "як", "as ")
_AS_SAID_RE = re.compile(r"(?<!\w)(?:как|як|as)\s++([^\W\d_]++)[^,.;:!?\n]{0,80}?,\s++(?=\w)")
FRAME_WORDS = 3                 # the verb of a frame stands among this many words before its «что»
# a word right before «что» that makes it a conjunction of another kind («потому что», «так что»,
# «то, что», «кроме того, что») or a question word: no report
_NOT_FRAME = frozenset("потому так то того тем том чем затем разве чуть оттого ни лишь".split())
_FRAME_WORD_RE = re.compile(r"[^\W\d_]++(?:['’][^\W\d_]++)?")     # "don't", «м'ясо» one word
_EN_FRAME_VERBS = frozenset("""
say says said claim claims write writes wrote report reports state states insist insists prove proves
proven show shows shown find finds found confirm confirms admit admits know knows known think thinks
thought believe believes tell tells told reveal reveals suggest suggests warn warns announce announces
argue argues assert asserts allege alleges explain explains mean means seem seems
saying claiming writing reporting stating proving showing suggesting
""".split())
# endings of Ukrainian and Belarusian verb forms the Russian dictionary does not know («визнали»,
# «стверджують», «кажуць», «даказалі», «заявіў»)
_UKBE_VERB_ENDS = ("ли", "ла", "ло", "лі", "ють", "ять", "ує", "ає", "яє", "ить", "ив", "ав", "ів", "ў",
                   "юць", "аюць", "яць", "уць", "ае", "яе", "ено", "ано", "ене")
_UKBE_SAY = frozenset("каже кажуть пише пишуть кажа кажуць піша пішуць".split())
# any of the words the frames above start from (one scan of a sentence without any: most sentences)
_ANY_FRAME_RE = re.compile("|".join(re.escape(w) for w in sorted(set(_SAID + _SOURCES + _MARKS + _ASIDES), key=len,
                                                                 reverse=True)))
_FRAME_POS = frozenset({"VERB", "INFN", "PRTS", "PRED", "GRND"})
# where what is said ends: a consequence («, поэтому ешьте больше …», «, так что …») or a «;»
_REPORTED_END_RE = re.compile(
    r"(?<!\s)\s*(?:;|,\s++(?:(?:и|а)\s++)?(?:поэтому|так\s++что|значит|следовательно|тому|тож|так\s++що"
    r"|таму|so|therefore|hence)(?!\w))")
# a reported statement is denied, not repeated, when the words before it deny it («никто не
# говорит, что …», «опровергают, что …»): no clause of its own then
_DENIAL_RE = re.compile(r"(?<!\w)(?:не|ни|нет|никто|никогда|ні|ніхто|ніколи|ня|нiхто|not|never|no|nobody|\w*n't"
                        r"|опроверг\w*|спростову\w*|неправд\w*|ложь|ложн\w*|фейк\w*|миф\w*|брехн\w*"
                        # a doubt («Эксперты усомнились, что …», «сумніваються, що …», "doubt that …"; b38)
                        r"|усомни\w*|сомнева\w*|засумнів\w*|сумнів\w*|сумняв\w*|doubt\w*"
                        r"|false\w*|fake\w*|myth\w*|den(?:y|ies|ied))(?!\w)")
_LETTER_RE = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Part:
    start: int      # character offsets [start, end) in the message
    end: int
    text: str
    # what a sentence reports as said («… пишет, что X, поэтому …»: X), inside its sentence: unlike
    # the clauses of «…; …», it does not tile the sentence (claims/services/tipline.py reads units)
    reported: bool = field(default=False, compare=False)
    # what a sentence reports only to deny it (`denied_reports`: «Нет никаких доказательств, что X»:
    # X), a reported part too: read alone, X is near its claim where the sentence is not
    denied: bool = field(default=False, compare=False)
    # a clause of its sentence that the author asserts on its own (`split_parts`): one of two
    # statements joined by «, а» / «, и» («X — фейк, а Y — правда»: Y), what a contrast after a
    # denied report or a verdict asserts («Нет доказательств, что X, но Y»), what follows a verdict
    # the post rejects («Фейк? Нет! X», «Говорят, что это фейк, но X»: `_rejected`), «Не только X»,
    # a report a frame negating only doubt states («Ни у кого не вызывает сомнений, что X»). A claim matched on it
    # takes it as its part over the sentence, whose verdict may be another clause's
    # (claims/match/matcher.py)
    asserted: bool = field(default=False, compare=False)


def sentences(text: str) -> list[str]:
    """The sentences of `text` (razdel) that have a letter, in text order; [] for none (a sentence
    read on its own, e.g. the one of a part that states a claim: claims/match/matcher.py)."""
    return [s.text for s in sentenize(text) if _LETTER_RE.search(s.text)]


def _words(s: str) -> int:
    return len(_WORD_RE.findall(s))


# a line break inside razdel's sentence ends it (a headline or bullet line without a full stop)
# unless the next line goes on: see _line_goes_on. Runs of blanks are read once each (a pattern
# such as «[ \t]*\n\s*(?=…)» backtracks over a whole run at each of its blanks: 8,000 blank lines
# took 4.5 s).
_SPACE_RUN_RE = re.compile(r"\s+")
_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x85")
_LIST_MARK_RE = re.compile(r"\d{1,2}(?:[.)](?:\s|$)|\ufe0f?\u20e3)")    # «1. », «2) », 1️⃣
_OPENERS = frozenset("«„“”\"'‘‚‹([{")    # a line opening with these goes on when a lower-case letter follows
_TRAILERS = frozenset(",.;:!?…)]}»›")     # a line opening with these belongs to the line before
# words a sentence does not end on (prepositions, conjunctions, particles; ru, uk, be, en): a line
# ending on one goes on even when the next line opens with a capital («границу с\nБелоруссией»)
_GOES_ON_AFTER = frozenset("""
в во на с со к ко о об обо от по за из изо до у при для без над под про через между перед
и а но или либо что чтобы как не ни же ли бы
і й та з із зі від ў що чи але або ды са ад пра па пры да што ці
a an the of to in on at for by with from into onto and or but nor that than as not
""".split())


def _line_goes_on(text: str, prev_end: int, j: int) -> bool:
    """Whether the line starting at text[j] goes on with the sentence of the line ending at
    text[prev_end] (exclusive): a lower-case letter (or one of a script without case), a number that
    is not a list's «1.», «2)», 1️⃣, a quote or bracket followed by a lower-case letter, closing
    punctuation; or a capital after a line ending on «,», on a full stop razdel did not end the
    sentence at (an abbreviation: «ул.», «В. В.») or on a preposition or conjunction.
    A capital, a bullet, a dash, an emoji or another symbol starts a new sentence."""
    n = len(text)
    while j < n and unicodedata.category(text[j]) in ("Cf", "Cc"):   # zero-width space, soft hyphen, BOM, NUL
        j += 1
    if j >= n:
        return True
    c = text[j]
    if c.isdigit():
        return not _LIST_MARK_RE.match(text, j)
    if c in _TRAILERS:
        return True
    if c in _OPENERS:
        k = j + 1
        while k < n and text[k] in _OPENERS:
            k += 1
        if k < n and text[k].isalpha() and not (text[k].isupper() or text[k].istitle()):
            return True
        if not (k < n and text[k].isalpha()):
            return False
        c = text[k]
    elif not c.isalpha():
        return False                        # a bullet «•», a dash «—», an emoji, another symbol
    if not (c.isupper() or c.istitle()):
        return True                         # lower case, or a script without case
    if prev_end and text[prev_end - 1] in ",.":
        return True                         # «…процентов,\nМинфин»; razdel kept «ул.\nЛенина» one sentence
    w = prev_end
    while w > 0 and text[w - 1].isalpha():
        w -= 1
    return text[w:prev_end] in _GOES_ON_AFTER


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """razdel's sentences, each cut again at a line break where the next line does not go on
    (_line_goes_on): a channel post's headline or bullet line has often no full stop («• Поляки
    перекрыли границу с Беларусью для фур 🚛» then «• Театр драмы …»), and razdel joined it to the
    next line, so the claim it repeats was read diluted and the line next to it lent an antonym
    («открылась выставка») — a verbatim claim came back as a possible contradiction. A hard-wrapped
    sentence stays one. Spans are [start, stop) offsets in `text`, without the whitespace around a
    cut, never empty; linear in the text."""
    spans: list[tuple[int, int]] = []
    for s in sentenize(text):
        pos = s.start
        for m in _SPACE_RUN_RE.finditer(s.text):
            a, b = s.start + m.start(), s.start + m.end()
            if b >= s.stop or not any(ch in _LINE_BREAKS for ch in m.group()):
                continue
            if not _line_goes_on(text, a, b):
                spans.append((pos, a))
                pos = b
        spans.append((pos, s.stop))
    return [(a, b) for a, b in spans if b > a]


def _has_words(s: str, start: int, stop: int, n: int) -> bool:
    """Whether s[start:stop] has at least `n` words, reading only up to the n-th."""
    for k, _ in enumerate(_WORD_RE.finditer(s, start, stop), 1):
        if k >= n:
            return True
    return n <= 0


def _lower(seg: str) -> str:
    """`seg` lower-cased letter for letter (same length, so offsets hold: «İ» lower-cases to two)."""
    low = seg.lower()
    if len(low) == len(seg):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in seg)


@lru_cache(maxsize=16_384)
def _frame_verb(word: str) -> bool:
    """Whether a lower-cased word can be the verb of a frame of reported speech: a verb form,
    short participle or predicative by the Russian dictionary («доказали», «признали», «уверены»,
    «известно», «выяснилось»); a Ukrainian/Belarusian word it does not know by its verb ending
    («визнали», «стверджують», «даказалі»); an English verb of saying or knowing, or a form in
    -ed ("proven", "found", "confirmed")."""
    if word in _UKBE_SAY:
        return True
    if word.isascii():
        return word in _EN_FRAME_VERBS or (len(word) > 4 and word.endswith("ed"))
    if len(word) < 3:
        return False
    try:
        morph = get_nlp().morph
        if morph.word_is_known(word):
            return morph.parse(word)[0].tag.POS in _FRAME_POS
    except Exception:  # noqa: BLE001 - no dictionary: by the endings below
        pass
    return word.endswith(_UKBE_VERB_ENDS)


def _frame_words(low: str, a: int, n: int) -> tuple[int, list[str]]:
    """The frame before a report's marker at `a` in the lower-cased `low`: where its stretch starts
    (after the last punctuation within LEAD_WINDOW characters) and its last `n` words."""
    lo = max(0, a - LEAD_WINDOW)
    lead = low[lo:a]
    cut = max(lead.rfind(c) for c in ",.;:!?()—\n")
    return lo + cut + 1, _FRAME_WORD_RE.findall(lead[cut + 1:])[-n:]


def _framed_clauses(low: str):
    """(where the frame starts, where X starts) for each «, что X» / «будто X» / «: X» / "that X"
    of the lower-cased sentence `low` with a verb (`_frame_verb`) among the FRAME_WORDS words
    before it, in the same stretch of the sentence (no «,» or other punctuation but the marker's own
    comma between), and for «как» + a verb + its source + «,» («как сообщили в минздраве, X»);
    in text order, lazily. Each marker reads at most LEAD_WINDOW characters before it: linear."""
    marks = _MARK_RE.finditer(low) if any(w in low for w in _MARKS) else iter(())
    asides = _AS_SAID_RE.finditer(low) if any(w in low for w in _ASIDES) else iter(())

    def by_mark():
        for m in marks:
            start, words = _frame_words(low, m.start(), FRAME_WORDS)
            if not words or words[-1] in _NOT_FRAME:
                continue
            if any(_frame_verb(w) for w in words):
                yield start, m.end()

    def by_aside():
        for m in asides:
            if _frame_verb(m.group(1)):
                yield m.start(), m.end()

    yield from heapq.merge(by_mark(), by_aside(), key=lambda h: h[1])


def _reported_clauses(seg: str, limit: int, affirmed: set[int] | None = None) -> list[tuple[int, int]]:
    """[start, end) offsets in the sentence `seg` of what it reports as said: the text X after
    «что» / «що» / «што» / "that" with a verb of saying at most three words before it («… пишет,
    что X», «говорят в чате, что X», "… says that X": `_VERB_RE`, `_SAID_AFTER_RE`), or after «по словам …,», «как
    сообщает …,», «по данным …,», "according to …," (`_SOURCE_RE`), or after any verb's frame
    («Учёные доказали, что X», «Говорят, будто X», «Минобороны утверждает: X», «Как сообщили в
    минздраве, X»: `_framed_clauses`); X runs to a consequence or «;»
    (`_REPORTED_END_RE`) or to the sentence's end. Only an X of at least MIN_PART_WORDS words, none
    where the words before it deny it (`_DENIAL_RE`: «никто не пишет, что …»), at most `limit`.
    Linear in the sentence: verbs are looked for only in the LEAD_WINDOW characters before each
    run of «что» (`_SAID_RUN_RE`, each character once), the ends read once as X moves on, and reading stops at the
    `limit`-th clause."""
    low = _lower(seg)
    if not _ANY_FRAME_RE.search(low):
        return []
    said = any(w in low for w in _SAID)
    sourced = any(w in low for w in _SOURCES)
    framed = _framed_clauses(low)
    sources = ((m.start(), m.end()) for m in (_SOURCE_RE.finditer(low) if sourced else ()))

    def verbs():        # (where the frame starts, where X starts), in text order, read lazily
        for run in _SAID_RUN_RE.finditer(low) if said else ():
            for v in _VERB_RE.finditer(low, max(0, run.start() - LEAD_WINDOW), run.end()):
                t = _SAID_AFTER_RE.match(low, v.end())
                if t is not None:
                    yield v.start(), t.end()

    out: list[tuple[int, int]] = []
    ends = None                 # the ends after the first X, read as far as needed
    end = -1
    prev, last = 0, -1
    for frame, x in heapq.merge(verbs(), sources, framed, key=lambda h: h[1]):
        if x == last:
            continue
        last = x
        if ends is None:
            ends = _REPORTED_END_RE.finditer(low, x)
        while end is not None and end <= x:
            end = next((m.start() for m in ends), None)
        denied = _DENIAL_RE.search(low, min(prev, frame), x) is not None
        if denied and _affirming_frame(low, frame, x):
            denied = False          # «Ни у кого не вызывает сомнений, что X»: X, asserted (`affirmed`)
            if affirmed is not None:
                affirmed.add(x)
        prev = x
        y = end if end is not None else len(seg)
        if not denied and _has_words(seg, x, y, MIN_PART_WORDS):
            if len(out) >= 2 and out[-2][0] < out[-1][0] < x and out[-2][1] == out[-1][1] == y:
                out[-1] = (x, y)    # a chain of frames («Учёные доказали, что учёные доказали, что X»):
                continue            # the outermost report and the innermost are kept, not each in between
            out.append((x, y))
            if len(out) >= limit:
                break
    return out


# a frame that denies what it reports (`denied_reports`): a word that calls it false, or a negation
# before a word of saying, proving or evidence; not a factive frame, which states it («Я не знал,
# что X», «Не секрет, что X», «Не зря говорят, что X»)
_DOUBT = r"усомни\w*|сомнева\w*|сомнительн\w*|засумнів\w*|сумніва\w*|сумняв\w*|doubt|doubts|doubted"
# what makes a doubt no denial: asked or mocked («Кто ещё сомневается, что X?», «Хватит сомневаться: X», «Мало кто
# сомневается», "Anyone still doubt that X?"; break test b39)
_DOUBT_RE = re.compile(r"(?<!\w)(?:%s)(?!\w)" % _DOUBT)
_DOUBT_UNDONE_RE = re.compile(r"(?<!\w)(?:кто|хватит|перестаньте|перестань|мало|немногие|anyone|anybody|who|stop|few)"
                              r"(?!\w)")
# a doubt answered by what follows («Скептики сомневались, что X, но это подтвердилось»; b39)
_DOUBT_ANSWERED_RE = re.compile(r"(?:,\s*|\s)(?:но|однако|а|but|yet)\s+(?:\w+\s+){0,3}?(?:подтверди\w*|подтвержд\w*"
                                r"|оказал\w*\s+правд\w*|правда|confirmed|proved|proven|true)(?!\w)")
_FALSE_WORD_RE = re.compile(r"(?<!\w)(?:неправд\w*|неверн\w*|невірн\w*|няверн\w*|ложь|ложн\w*|фейк\w*|миф\w*|брехн\w*|врань\w*|опроверг\w*"
                            r"|спростов\w*|спросту\w*|абверг\w*|false\w*|fake\w*|myth\w*|untrue|den(?:y|ies|ied)|refut\w*"
                            r"|debunk\w*"
                            # a doubt («Эксперты усомнились, что X», «Вчені сумніваються, що X», "Experts doubt that X"; b38)
                            r"|%s)(?!\w)" % _DOUBT)
_NEG_WORD_RE = re.compile(r"(?<!\w)(?:не|ни|нет|никто|никогда|ні|ніхто|ніколи|нема|немає|ня|нікто|not|never|no"
                          r"|nobody(?:['’]s)?|\w+n['’]t)(?!\w)")
_EVIDENCE_RE = re.compile(r"(?<!\w)(?:доказ\w*|подтвер\w*|данн\w*|факт\w*|свидетельств\w*|правд\w*|верн\w*"
                          r"|доведен\w*|підтвердж\w*|evidence|proof|true|proven|confirmed)(?!\w)")
_FACTIVE_RE = re.compile(r"(?<!\w)(?:зна\w*|понима\w*|понял\w*|помн\w*|забыва\w*|забуд\w*|секрет\w*"
                         r"|удивительн\w*|удивля\w*|случайн\w*|зря|исключ\w*|отрица\w*"
                         r"|know\w*|knew|realis\w*|realiz\w*|secret|surpris\w*|deny)(?!\w)")
# (a word of doubt is a word calling the report false, `_FALSE_WORD_RE`: «Эксперты сомневаются, что X» denies
# X, «Никто не сомневается, что X» states it, `_UNDENIED_RE`; b38)
# a negated word that calls a report false or hidden affirms it: «Никто не отрицает / не скрывает,
# что X», "Nobody denies that X", «Это не миф, что X» (denying a denial)
_UNDENIED_RE = re.compile(r"(?:%s)|(?:отрица\w*|скрыва\w*|скрыл\w*|скрыт\w*|утаива\w*|оспарива\w*|заперечу\w*"
                          r"|прихову\w*|спор\w*|сомнени\w*|den(?:y|ies|ied|ying)|hid(?:e|es|den|ing)?|conceal\w*"
                          r"|disput\w*|disprov\w*|help)"
                          % _FALSE_WORD_RE.pattern)
# «нельзя не …», «не могу не …»: a double negation, which affirms
_CANNOT = frozenset("нельзя невозможно неможливо немагчыма".split())
_MODALS = frozenset("могу можем может можешь можете могут мог могла могли можу можемо можуть магу".split())
# «не только», «не лише», "not only", «не раз» (more than once): no negation
_ONLY = frozenset("только лишь тільки лише толькі only just раз однажды".split())     # and «не раз», «не однажды»
# where a denied X ends: a consequence or «;» (`_REPORTED_END_RE`), a contrast («…, но Y»: Y is not
# denied), a colon («Фейк о том, что Y, разоблачён: X»), or its sentence's end
# The words of contrast, "but" (ru «но», «однако»; uk «але», «однак», «проте», «втім»; be «але», «ала», «аднак»;
# en "but", "yet", "however"), shared by the patterns below that read one (break22: uk «проте» was none)
_BUT = r"(?:но|однако|але|ала|однак|проте|втім|аднак|but|yet|however)"
_CONTRAST_RE = re.compile(r",\s*+(?:%s|а|зато)(?!\w)" % _BUT)
_CONTRAST_ANYCASE_RE = re.compile(_CONTRAST_RE.pattern, re.IGNORECASE)


def contrast_clauses(text: str) -> list[str]:
    """`text` cut before each contrast after a comma («, но», «, а», «, однако», «, зато», ", but" …:
    `_CONTRAST_RE`): «ЦБ поднял ставку до 21%», «, но инфляция не снизилась». One piece when there is none."""
    if not isinstance(text, str) or "," not in text:
        return [text] if isinstance(text, str) else []
    cuts = [m.start() for m in _CONTRAST_ANYCASE_RE.finditer(text)]
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
# a second report under the same denial: «Неверно, что X, и что Y», «Неправда, що X, і що Y», "It is
# false that X and that Y" (`denied_reports`: Y is denied too)
_AND_THAT_RE = re.compile(r"\s*+,?\s*+(?:и|і|й|та|ды|а\s++также|and|or|или|чи|ці|nor)\s++(?:что|будто|що|нібито|што"
                          r"|быццам|that)\s++[«\"“„]?(?=\w)")
_DENIED_END_RE = re.compile(r"(?:%s)|%s|[.!?…\n]|:(?=\s)|(?<!\s)(?=%s)"
                            % (_REPORTED_END_RE.pattern, _CONTRAST_RE.pattern, _AND_THAT_RE.pattern))
_HIDDEN_RE = re.compile("(?:%s)|[\u0300\u0301]" % INVISIBLE_RE.pattern)


# an invisible character put for the space after a report's «что» («что\u00adчеснок …», which
# `clean_text` joins into one word): read as the space (not in «что\u00adбы», «что\u00adто»)
_MARK_GLUED_RE = re.compile(r"(?<!\w)(%s)((?:%s)+)(?=\w)(?!бы|то)" % ("|".join(_MARK_WORDS), INVISIBLE_RE.pattern),
                            re.IGNORECASE)


def _unglued(m: re.Match) -> str:
    return m.group(1) + " " * len(m.group(2))


# an invisible character put for the space after a short word of a denial or contrast («Никто\u200bне
# говорит», «не\u00adговорит», «, но\u200bвышки»): read as the space where the two words joined make no
# word the dictionary knows («Не\u200bдавно» is «Недавно», «но\u00adвость» «новость»)
_FUNC_GLUED_RE = re.compile(r"(?<!\w)(не|ни|нет|никто|никогда|но|а|ні|ніхто|ніколи|але)((?:%s)+)(?=([а-яёіїєґў]+))"
                            % INVISIBLE_RE.pattern, re.IGNORECASE)


def _unglued_word(m: re.Match) -> str:
    if word_known((m.group(1) + m.group(3)).lower()) is False:
        return m.group(1) + " " * len(m.group(2))
    return m.group(0)


def _visible(text: str) -> tuple[str, list[int] | None]:
    """`text` without the characters a reader does not see (`INVISIBLE_RE`: soft hyphens, zero-width
    spaces, NUL, other Cf/Cc; stress marks), as `clean_text` removes them, and the offset in `text`
    of each character kept (None when nothing was removed); those right after a report's «что»
    (`_MARK_GLUED_RE`) or between a negation or contrast and a word it makes no word with
    (`_FUNC_GLUED_RE`) read as a space."""
    if not _HIDDEN_RE.search(text):
        return text, None
    text = _FUNC_GLUED_RE.sub(_unglued_word, _MARK_GLUED_RE.sub(_unglued, text))     # same length: offsets hold
    keep = [i for i, c in enumerate(text) if not _HIDDEN_RE.match(c)]
    return "".join(text[i] for i in keep), keep


DENIAL_FRAME_WORDS = 8          # the words of a frame read for a denial, back from its «что»
# a colon reports what is said («Никто не говорит: «X»», «Не верьте слухам: X», "Don't believe it: X")
# after a negated verb of saying, proving or believing only: «Не забывайте: X», «Не пропустите: X» are advice
_SAY_RE = re.compile(r"(?:говор|сказ(?!к|оч)|пиш|писа|утвержд|заявл|доказ|подтверд|сообщ|каж|стверджу|довел|казаў"
                     r"|say|said|claim|prove|show|confirm|report|writ|wrote)\w*")
# or a warning not to believe it — the imperative, alone or of a rumour («Не верьте: X», «Не верьте
# слухам: X», "Don't believe it: X"); not surprise ("You won't believe it: X", «Не верится: X») and
# not distrust of someone who says X («Не верьте властям: X» asserts X)
# The warning is a denial by itself (`_denial_frame`), in every language: ru «Не верьте / доверяйте /
# ведитесь / покупайтесь (на это):», uk «Не вірте / довіряйте / ведіться (чуткам):», be «Не верце /
# давярайце / вядзіцеся:», en "Don't believe / trust / fall for / buy (it):", "Don't be fooled:".
_DISBELIEF_COLON_RE = re.compile(
    r"(?<!\w)(?:не\s++(?:верьте|верь|вірте|вір|верце|вер|доверяйте|доверяй|довіряйте|довіряй|давярайце"
    r"|ведитесь|ведись|ведіться|ведися|вядзіцеся|вядзіся|покупайтесь|покупайся|купуйтеся|попадайтесь)"
    r"|(?:don['’]?t|dont|do\s++not|never)\s++(?:believe|trust|fall\s++for|buy|be\s++fooled(?:\s++by)?"
    r"|get\s++fooled(?:\s++by)?))"
    r"(?:\s++(?:на\s++(?:это|эту|этот|такое|провокаци\w*|фейк\w*|уловк\w*|сказк\w*|байк\w*|выдумк\w*)"
    r"|на\s++(?:це|цю|такі|казк\w*|вигадк\w*)|на\s++гэта)"
    r"|\s++(?:it|this|that|them|это|этому|цьому|це|гэтаму|гэта|(?:the\s++)?(?:rumou?rs?|fakes?|lies|hoax\w*|myths?)"
    r"|слух\w*|фейк\w*|вброс\w*|лж\w*|брехн\w*|чутк\w*|утк\w*|плётк\w*|сказк\w*|байк\w*|казк\w*|вигадк\w*))?"
    r"[^\w\n]*+$")
# English leaves out "that": "Nobody says X", "There is no evidence X"
_BARE_DENIAL_RE = re.compile(
    r"(?<!\w)(?:(?:nobody|no\s++one|no-one)(?:['’]s)?\s++(?:\w+\s++)?(?:says?|said|claim(?:s|ed)?|believes?"
    r"|believed|thinks?|thought|proved|proven|shown|showed|found|reported|confirmed|suggests?|suggested|saying"
    r"|claiming|suggesting)"
    r"|(?:no|zero|little)\s++(?:\w+\s++)?(?:evidence|proof))\s++(?!(?:that|of|for|to|at|about|in|on)(?!\w))(?=\w)")

# A verdict the message gives a statement it repeats (`_verdicts`): a word calling it false after it
# («X — это фейк», «X. Это неправда.», «X\n❌ ФЕЙК», "X - FAKE", "X. That's not true.", «X — это фейк,
# сообщает Минздрав»), a warning not to believe it («X, не верьте!», "X. Don't believe it"), a label
# before it («Фейк: X», "FALSE: X", "FACT CHECK — FALSE: X"), or a report as the subject of such a
# word («Утверждение, что X, не соответствует действительности», "The claim that X is a myth"). Not a
# question («X — это фейк?»), not negated («это не фейк»).
# (break24: "none of this happened"; not "that never happened in tech before", "… until now": what has no
# precedent, no denial)
# break23: a planted falsehood, ru «вброс», uk «вкид», «деза», en "fabrication", "fiction"; and the phrases
# that say it is not so, ru «не соответствует действительности / правде / истине», uk «не відповідає
# дійсності / правді», «ничего подобного», uk «нічого подібного», be «нічога падобнага», en "nothing of the
# sort", "no such thing", "(it) never happened", "(it) didn't happen"
# break25: what does not match reality, in more words — «не соответствует реальности / фактам», «не имеет
# ничего общего с действительностью», «далеко от истины», uk «не відповідає реальності», «не має нічого
# спільного з правдою», be «не адпавядае рэчаіснасці / праўдзе», en "does not correspond to reality", "has
# nothing to do with the truth", "far from the truth"
_NOT_REAL = (r"(?:не\s++соответству\w*\s++(?:действительности|правде|истине|реальности|фактам"
             r"|(?:действительному|реальному)\s++положению\s++(?:дел|вещей))"
             r"|не\s++відповіда\w*\s++(?:дійсності|правді|реальності|фактам|істині)"
             r"|не\s++адпавяда\w*\s++(?:рэчаіснасці|праўдзе|рэальнасці|фактам|ісціне)"
             r"|не\s++име(?:ет|ют)\s++(?:ничего\s++общего\s++с|(?:никакого\s++)?отношения\s++к)\s++(?:действительност\w*"
             r"|реальност\w*|правд\w*|истин\w*|факт\w*)"
             r"|не\s++ма(?:є|ють)\s++(?:нічого\s++спільного\s++з|(?:жодного\s++)?стосунку\s++до)\s++(?:дійсніст\w*"
             r"|реальніст\w*|правд\w*|істин\w*|факт\w*)"
             r"|не\s++ма(?:е|юць)\s++(?:нічога\s++агульнага\s++з|(?:ніякага\s++)?дачынення\s++да)\s++(?:рэчаіснас\w*"
             r"|рэальнас\w*|праўд\w*|ісцін\w*|факт\w*)"
             r"|далек[оа]?\s++от\s++(?:истины|правды|реальности|действительности)|далеко\s++від\s++(?:правди|істини|реальності)"
             r"|далёка\s++ад\s++(?:праўды|ісціны|рэальнасці)"
             r"|(?:does|do)(?:\s*+not|n['’]t)\s++(?:correspond|conform)\s++(?:to|with)\s++(?:reality|the\s++(?:facts|truth))"
             r"|(?:has|have)\s++nothing\s++to\s++do\s++with\s++(?:reality|the\s++(?:facts|truth))"
             r"|(?:is|are)\s++not\s++(?:in\s++line|consistent)\s++with\s++(?:reality|the\s++facts)"
             r"|far\s++from\s++the\s++truth)")
# break25: that it did not happen, as a sentence of its own — «Не было такого», «Этого не было», «Ничего такого /
# подобного не было», «Такого не происходило», «Не было ничего подобного и в помине», «Никакой сделки не было», uk
# «Такого не було», «Нічого подібного не було», be «Такога не было», «Нічога падобнага не было», en "No such deal
# happened", "Nothing of the kind (happened)", "This never took place", "There was no such deal". Not a record or
# what has no precedent: «Такого роста не было с 2008 года», «Ничего подобного раньше не было», "Nothing like
# this has happened before" — a word between, or any word after it in its clause, and it is none (the lookahead
# at the end, `_NOT_HAPPENED`; «Не было такого, чтобы …» has a clause of its own)
_HAPPENED_RU = (r"(?:было|бывало|происходило|произошло|случалось|случилось|було|відбувалося|відбулося|траплялося|сталося"
                r"|адбывалася|адбылося|здаралася|здарылася)")
_EVENT_NOUN = (r"(?:сделк\w*|покупк\w*|продаж\w*|встреч\w*|визит\w*|заявлени\w*|указа|указов|решени\w*|событи\w*"
               r"|инцидент\w*|угод\w*|купівл\w*|зустріч\w*|візит\w*|заяв[аиі]|рішенн\w*|поді[йї]|інцидент\w*|здзелк\w*"
               r"|сустрэч\w*|рашэнн\w*|падзе[йі])(?!\w)")
_NOT_HAPPENED = (r"(?:(?:(?:ничего|нічого|нічога)\s++)?(?:такого|этого|подобного|такога|гэтага|падобнага|цього|подібного)"
                 r"\s++(?:(?:и|і|даже|вообще|зусім|взагалі)\s++)?не\s++" + _HAPPENED_RU +
                 r"|(?:этого|цього|гэтага)\s++никогда\s++не\s++" + _HAPPENED_RU +
                 r"|не\s++(?:было|було)\s++(?:(?:ничего|нічого|нічога)\s++)?(?:такого|этого|подобного|такога|гэтага|падобнага"
                 r"|цього|подібного)"
                 r"|(?:никак(?:ой|ого|их|ая|ое)|жодн(?:ої|ого|их|ая|ий)|ніякай|ніякага|ніякіх)\s++"
                 r"(?:(?:такой|такого|таких|такої)\s++)?" + _EVENT_NOUN + r"\s++(?:(?:и|і)\s++)?не\s++" + _HAPPENED_RU +
                 r"|не\s++(?:было|було)\s++(?:никак(?:ой|ого|их)|жодн(?:ої|ого|их))\s++" + _EVENT_NOUN +
                 r")(?:\s++(?:и\s++нет|і\s++немає|и\s++не\s++будет|и\s++в\s++помине|і\s++близько|и\s++близко"
                 r"|вообще|взагалі|на\s++самом\s++деле|насправді))?"
                 r"(?![^\S\n]*+(?:[^\W\d_]|,\s*+(?:чтобы|что|що|щоб|каб|што)(?!\w)))")
_FALSE_SAID = (r"(?:фейк\w*|фэйк\w*|миф\w*|міф\w*|не\s*правд[аи]|не\s*праўд[аы]|няпраўд\w*|ложь|ложью|ложн\w*|вран\w*"
               r"|брехн\w*|хлусн\w*|вымыс[е]?л\w*|выдумк\w*|вигадк\w*|чушь|чепух\w*|ерунд\w*|бред|бредом|бредн\w*|утк(?:а|и|у|ой|ою)|байк\w*"
               r"|сказк\w*|заблуждени\w*|недостоверн\w*|дезинформаци\w*|дезінформаці\w*|неправдив\w*|хибн\w*"
               r"|фальшивк\w*|фальшыўк\w*|враки|маячн\w*"
               r"|fake\w*|myths?|false(?:hood)?|untrue|not\s++true|(?:a\s++)?lies?|hoax\w*|nonsense|bogus"
               r"|(?:mis|dis)information|debunked|misleading|wrong|inaccurate|incorrect|baseless|unfounded|groundless|busted"
               r"|made[\s-]++up|not\s++the\s++case(?!\s++that)"
               r"|вброс\w*|вкид\w*|[уў]кід\w*|деза|дезу|дезой|fabricat\w*|fictions?|%s|%s"
               # (an interjection, ending its clause: «Ничего подобного раньше не было», "no such thing as …" are none)
               r"|(?:ничего\s++подобного|нічого\s++подібного|нічога\s++падобнага|nothing\s++of\s++the\s++(?:sort|kind)"
               r"|no\s++such\s++thing)(?![^\S\n]++[^\W\d_])|(?:never\s++(?:happened|took\s++place|occurred)"
               r"|did\s*+n['’]?o?t\s++(?:happen|take\s++place|occur)"
               r"|none\s++of\s++(?:this|it|that|these|them)\s++(?:ever\s++)?(?:happened|took\s++place|occurred)"
               r"|no\s++such\s++(?:[a-z]+\s++){0,2}?(?:ever\s++)?(?:happened|took\s++place|occurred|was\s++(?:made|signed|announced))"
               r"|there\s++(?:was|were|has\s++been|have\s++been)\s++no\s++such\s++[a-z]+"
               r"|nothing\s++(?:of\s++the\s++(?:sort|kind)|like\s++(?:that|this|it))\s++(?:ever\s++)?(?:happened|took\s++place|occurred))"
               r"(?![^.!?…\n]*?(?<!\w)(?:before|previously|until|till|since|again|yet|so\s++far|in\s++history)(?!\w)))"
               % (_NOT_REAL, _NOT_HAPPENED))
_DONT_BELIEVE = (r"(?:не\s++(?:верьте|верь|ведитесь|ведись|вірте|вір|вярце|вер|слушайте|распространяйте|пересылайте"
                 r"|поширюйте|пересилайте)|(?:don['’]?t|do\s++not)\s++(?:believe|fall\s++for|share|trust))"
                 r"(?:\s++(?:это|этому|цьому|це|it|this|that))?")
# a word calling a report the subject of which it is false («Утверждение, что X, не соответствует
# действительности»), beside `_FALSE_SAID`
_NOT_SO = (r"(?:не\s++соответству\w*\s++действительности|не\s++відповіда\w*\s++дійсності|не\s++подтвер\w*"
           r"|не\s++підтвер\w*|не\s++выдерживает\s++критики|опровергнут\w*|спростован\w*|беспочвенн\w*"
           r"|безосновательн\w*|необоснованн\w*|ошибочн\w*|wrong|baseless|unfounded|debunked|groundless|unproven"
           r"|incorrect|inaccurate|misleading)")
_VERDICT_ANY_RE = re.compile(r"(?<!\w)(?:%s|%s|%s|не\s++(?:совсем\s++|зовсім\s++)?так"
                             r"|not\s++so|(?:not|n['’]t)\s++(?:be\s++)?(?:confirmed|corroborated)"
                             r"|unconfirmed|не\s++пацвердз\w*|не\s++(?:нашл\w*|знайшл\w*|знайшл\w*)\s++(?:подтвержд|підтвердж|пацвярдж)\w*)"
                             r"(?!\w)" % (_FALSE_SAID, _DONT_BELIEVE, _NOT_SO))
# after the statement: a dash, a comma, the end of its sentence or line, an emoji or a bracket (a
# question answered: «Правда ли, что X? Нет, это миф.»), then «это» / "that's" and the word, then
# the end of its sentence or of its clause («…, сообщает Минздрав», «(проверено)», «#фейкньюс»; what
# follows is read by `_ASKED_RE` and `_TAKEN_BACK_RE`). The post's own verdict may follow a conjunction
# («X, и это полная ложь», «X, ды гэта няпраўда», "X, and that's a lie", «Говорят, что X, но это фейк», «X —
# кричат в чатах. Но это фейк.»: `_VERDICT_CONJ`, before «это» / "that's") or what is really so («…, а на
# самом деле это фейк», «…, а насправді це фейк», "…, while in reality it is a hoax": `_IN_REALITY`), and
# be said of several statements at once («X, а Y — всё это фейки», «… — обе новости фейк», "… — both are
# fake": `_ALL_OF_THEM`, read by `_verdicts`)
# («, только это брехня», «, тільки це фейк», ", only it's a lie": "but" too, break22)
# the subject of a verdict that names what was said (break23: «Информация не соответствует действительности»,
# «Эти сведения не подтвердились», uk «Ця інформація не підтвердилася», "The report was not confirmed")
_INFO_NOUN = (r"(?:(?:эта|эту|эти|это|этот|ця|цю|ці|це|цей|гэтая|гэтую|гэтыя|гэтае|the|this|these|that)\s++)?(?:информаци[яюи]|сведения|данные|слух[иа]?"
              r"|утверждени[ея]|заявлени[ея]|твердження|заява|сцвярджэнне|заява|statements?"
              r"|новость|сообщени[ея]|інформація|дані|чутк[аи]|новина|повідомлення|інфармацыя|звесткі|навіна"
              r"|(?:report|rumou?r|claim|story)s?)")
# a verdict that what was said was not confirmed: «Не подтвердилось», «Информация не подтвердилась», uk «Не
# підтвердилося», be «Не пацвердзілася», "It was not confirmed", "Not confirmed" (break23; break24: "could not be
# confirmed", «Информация не нашла подтверждения», uk «не підтвердилася»; not «не подтвердил
# министр», a verb with a subject after it: the verdict must end its clause)
_UNCONFIRMED = (r"(?:не\s++подтверди(?:лось|лась|лись|лся)|не\s++подтвержд(?:ено|ена|ены|ается|аются|ён|ен)"
                r"|не\s++підтверди(?:лося|лася|лась|лися|вся|лись)|не\s++підтвердж(?:ено|ена|ені|ується|уються)"
                r"|не\s++пацвердзі(?:лася|лася|ліся|ўся|лося)|не\s++пацверджан\w*"
                r"|(?:was|were|has\s++not\s++been|have\s++not\s++been)\s++(?:not\s++)?(?:confirmed|corroborated)"
                r"|(?:was|were)n['’]t\s++(?:confirmed|corroborated)|not\s++confirmed|unconfirmed"
                r"|(?:could|can)(?:\s*+not|n['’]t)\s++be\s++(?:confirmed|corroborated|verified)"
                r"|не\s++(?:нашл[аио]|нашёл|знайшл[аио]|знайшов|знайшлі)\s++(?:подтверждени[яй]|підтвердження|пацвярджэння))")
# («, вот только это неправда», «, только вот это фейк», uk «, от тільки / ось тільки це фейк»: break23)
# (break25: a conjunction before «только»: «, да вот только это враньё», «, но только это фейк», «, да только …», uk «,
# але тільки / та тільки …», be «, ды толькі / але толькі …», en ", but only …")
_VERDICT_CONJ = (r"(?:(?:(?:(?:да|но|а|але|ала|та|ды|but|and)\s++)?(?:вот\s++только|только\s++вот|от\s++тільки|ось\s++тільки"
                 r"|тільки\s++от|тільки\s++ось|вось\s++толькі|толькі\s++вось|только|тільки|толькі|only)"
                 r"|и|і|й|та|ды|and|%s),?)" % _BUT)
_IN_REALITY = (r"(?:(?:а|и|і|й|та|ды|" + _BUT + r"|and|while|whereas|when)\s++)?(?:на\s++самом\s++деле"
               r"|в\s++действительности|в\s++реальности|насправді|в\s++дійсності|насамрэч|на\s++справе"
               r"|in\s++(?:reality|fact|truth)|actually)\s*+,?\s*+")
_ALL_OF_THEM = (r"(?:(?:обе|оба|обидва|обидві|обоє|абодва|абедзве|абедзьве)(?:\s++[^\W\d_]++)?\s++(?:[—–]\s++)?"
                r"(?:(?:это|є|гэта)\s++)?|(?:both|all(?:\s++of)?(?:\s++(?:this|these|them|that|three|it))?)"
                r"(?:\s++(?:claims|stories|reports|posts|news|rumou?rs))?\s++(?:is|are)\s++)")
_VERDICT_DEMO = (r"(?:(?:(?:вс[её]|усё|ўсё)\s++)?(?:это|то|це|цэ|гэта)(?:\s++(?:же|ж))?\s++(?:(?:вс[её]|усё|является|є|ёсць)\s++)?"
                 r"|(?:this|that|it)(?:\s++is|\s++was|['’]s|\s++(?:has|had)\s++been)\s++"
                 r"|(?:this|that|the)\s++(?:claim|story|news|post|report|rumou?r|video|photo|image|tweet|article|headline)s?"
                 r"\s++(?:is|was|are|were|(?:has|have|had)\s++been)\s++"
                 r"|(?:this|that)\s++|it\s++(?=never\s|did|turned\s|proved\s)|%s\s++|%s)"
                 # break29d: «Это оказалось уткой», «Новость оказалась уткой», uk «Це виявилося фейком», "It turned out to be false"
                 r"(?:(?:оказал\w*|виявил\w*|аказал\w*|turned\s++out\s++to\s++be|proved\s++to\s++be)\s++)?"
                 % (_INFO_NOUN, _ALL_OF_THEM))
# a word of regret or of course before the verdict, then a comma (break25: «X. Увы, ничего подобного.», «К сожалению,
# это фейк», uk «На жаль, це фейк», be «На жаль, гэта фэйк», "Sadly, it's a hoax", «Конечно, это враньё»)
_SIGH = (r"(?:увы|к\s++сожалению|на\s++жаль|нажаль|конечно|разумеется|естественно|звісно|звичайно|зрозуміло|вядома"
         r"|канечне|зразумела|alas|sadly|unfortunately|of\s++course|obviously)")
_VERDICT_AFTER_RE = re.compile(
    # (?:(?<!\s)|(?!\s)): never from inside a run of blanks, which each alternative reads from its start
    # («это фейк», 5,000 spaces, «, говорят» took 670 ms, 100 KB of them minutes)
    r"(?:(?<!\s)|(?!\s))(?:\s++-++|\s*+[—–]++|[,:;.!?…]++|[^\S\n]*+\n|\s*+[^\w\s.,:;!?…—–\-«»\"'“”„()\[\]#@%%&*+=/\\]++|\s*+\("
    r"|[\"»”]\s++(?:is|are|was)\s++)\s*+(?:(?:нет|ні|не|no|nope|%s)\s*+[,.!—–]++\s*+)?"
    r"(?:(?P<conj>(?:%s\s++)?(?:%s)?)(?P<demo>%s)|(?P<real>%s))?"
    r"(?:(?:всего\s++лишь|лишь|просто|совсем|вовсе|зовсім|вс[её]|усё|как\s++бы|як\s++би"
    r"|очередн\w*|полн\w*|абсолютн\w*|откровенн\w*|наглы?\w*|чергов\w*|повн\w*"
    r"|чистой\s++воды|не\s++более\s++чем|бабушкин\w*|just|simply|another|a|an|total|complete|completely|totally"
    r"|pure|utter|absolute|absolutely|mostly|partly|largely)\s++)*+"
    r"#?(?:%s|%s|%s|(?:(?<=это )|(?<=це )|(?<=цэ )|(?<=гэта )|(?<=совсем )|(?<=вовсе )|(?<=зовсім )|(?<=всё )"
    r"|(?<=усё )|(?<=як би )|(?<=как бы ))не\s++(?:совсем\s++|зовсім\s++)?так"
    r"|(?<=that['’]s )not\s++so|не\s++соответству\w*\s++действительности"
    r"|не\s++відповіда\w*\s++дійсності)"
    r"(?:\s++(?:информаци\w*|новост\w*|сообщени\w*|вброс\w*|news|story|claim|information|at\s++all|though"
    r"|(?:conspiracy\s++)?theor(?:y|ies)|narrative|rumou?r|теори[яи](?:\s++заговора)?|теорі[яї](?:\s++змови)?))?(?![\w?])"
    # whose it is and how pure (break24: «Это вброс пропагандистов», «— деза чистой воды»): up to two words in
    # the genitive plural, or «чистой воды»
    r"(?:\s++(?:чистой\s++воды|чистої\s++води|чыстай\s++вады|(?:[а-яёіїєґў]+(?:ых|их|ов|ев|ей|іх|аў|яў)\s++)?"
    r"[а-яёіїєґў]{3,}(?:ов|ев|ей|ів|аў|яў)))?(?![\w?])"
    r"(?=[^\w?.!…\n:]*+(?:[.!…\n]|$)|\s*+[,;(]|\s++[—–#]|\s++(?:that|which)\s|[^\S\n]*+:[^\S\n])"
    % (_SIGH, _VERDICT_CONJ, _IN_REALITY, _VERDICT_DEMO, _IN_REALITY, _FALSE_SAID, _DONT_BELIEVE, _UNCONFIRMED))
# what right after a verdict asks («— это фейк!?», «— фейк… или нет?»), or in the rest of its sentence
# takes it back or asks («— фейк, не так ли?», «— фейк, хотя …»): no verdict
_ASKED_RE = re.compile(r"[^\w\n?]*+(?:\?|(?:или|ли|чи|ці|or)(?!\w))")
# Others' outcry is not the post's verdict: a verdict word exclaimed ("!") as what others say or will
# say — after a verb of saying and a colon ("X — officials say: fake!", «X — кричат скептики: фейк!») or
# before a dash and such a verb («X! Фейк! — возмутятся скептики.», «X! Фейк! — скажуть скептики»,
# "X! Fake! — critics will cry"). Without the "!" it is the attribution of a debunk («X — это фейк,
# сообщает Минздрав», "X — officials say: fake"), which stays a verdict.
_OUTCRY = (r"(?:говор\w*|скаж\w*|сказал\w*|крич\w*|закрич\w*|возмут\w*|возмущ\w*|воскликн\w*|завоп\w*|ответ\w*"
           r"|заяв\w*|твердя\w*|кажуть|скажуць|кажуць|обур\w*|вигук\w*|закричать|закрычаць|абур\w*|say|says|said"
           r"|cry|cries|cried|scream\w*|shout\w*|yell\w*|claim\w*|insist\w*|protest\w*|exclaim\w*)")
_OUTCRY_AFTER_RE = re.compile(r"[^\S\n]*+!++[^\S\n]*+[—–-]++\s*+(?:[^\W\d_]++\s++){0,2}?%s(?!\w)" % _OUTCRY)
_OUTCRY_BEFORE_RE = re.compile(r"(?<!\w)%s[^\S\n]*+(?:[^\W\d_]++[^\S\n]*+)?$" % _OUTCRY)
_TAKEN_BACK_RE = re.compile(r"[^.!…\n]*?(?:\?|(?<!\w)(?:не\s++так\s++ли|хотя|на\s++самом\s++деле|правда\s++ли"
                            r"|or\s++not|isn['’]t\s++it|although|though)(?!\w))")
# where the statement a verdict after it judges starts, when its sentence has several clauses: the
# last clause after «, а / но / хотя / поэтому / тогда как …», «— значит,», «, остальное» or «;» («X, а всё
# остальное — фейк» judges «всё остальное»; break24: «, только вот / вот только / только …»: «X, только вот
# видео с очередями — вброс» judges the video)
_CLAUSE_START_RE = re.compile(
    r"(?:;|,\s*+(?:а|" + _BUT + r"|да\s++(?:вот\s++)?только|ды\s++(?:вось\s++)?толькі|вот\s++только|только\s++вот"
    r"|от\s++тільки|ось\s++тільки|тільки\s++(?:от|ось)"
    r"|вось\s++толькі|толькі\s++вось|только|тільки|толькі|хотя|зато|и|та|тогда\s++как|поэтому|так\s++что|значит|while|and|although"
    r"|whereas|so|therefore)|\s[—–]\s*+значит,?|,(?=\s*+(?:(?:вс[её]\s++)?(?:остальн\w*|прочее|другое)"
    r"|the\s++rest|everything\s++else)(?!\w)))\s++")
# before it: the word as a label at the start of a sentence, then «:», «!» or a dash
_VERDICT_BEFORE_RE = re.compile(
    r"(?:^|(?<=[.!?…\n]))[^\w\n]*+(?:(?:fact[\s-]*+check\w*|факт[\s-]*+чек\w*|проверка)[^\w\n]*+)?"
    r"(?:(?:это|this\s++is)\s++)?(?:(?:полный|очередной|total|complete|another)\s++)?"
    r"%s(?:\s++(?:news|busted|недели|дня))?\s*+[:!—–]++\s*+[«\"“„]?(?=\w)" % _FALSE_SAID)
# as the subject: a noun of saying, «что» / "that", the statement, then the word as its predicate
# and the end of its clause («…, ошибочно опровергали» is no verdict)
_VERDICT_SUBJECT_RE = re.compile(
    r"(?<!\w)(?:утверждени\w*|слух\w*|информаци\w*|сообщени\w*|заявлени\w*|верси[яи]|теори[яи]|публикаци\w*"
    r"|твердженн\w*|чутк\w*|інформаці\w*|повідомленн\w*|новост\w*|новин\w*|навін\w*|истори[яи]|історі[яї])"
    r"(?:\s++(?:о|об|про)\s++(?:том|те))?\s*+,?\s*+"
    r"(?:что|будто|якобы|що|нібито|начебто)\s++([^.!?;\n]{1,400}?)\s*+,\s*+(?:—\s*+)?"
    r"(?:(?:это|является|являются|оказал\w*|виявил\w*|аказал\w*|є|давно|уже|полностью|официально|окончательно"
    r"|неоднократно|был[аио]?)\s++)*+"
    r"(?:%s|%s)(?!\w)(?=[^\w?]*+(?:[.!…\n;,]|$))"
    r"|(?<!\w)(?:claims?|rumou?rs?|idea|notion|reports?|stor(?:y|ies)|belief|assertions?|allegations?"
    r"|suggestions?|theory|theories)\s++that\s++([^.!?;,\n]{1,400}?)\s++(?:is|are|was|were|has\s++been"
    r"|have\s++been|remains?|proved|proven|turned\s++out\s++to\s++be)\s++(?:(?:a|an|simply|just|completely"
    r"|totally|entirely|utterly|absolutely|widely|been)\s++)*+(?:%s|%s)(?!\w)(?=[^\w?]*+(?:[.!…\n;,]|$))"
    % (_NOT_SO, _FALSE_SAID, _NOT_SO, _FALSE_SAID))
_SENT_END_RE = re.compile(r"[.!?…](?=\s)|\n")
# A verdict the post rejects, so that it asserts the statement after it (`_rejected`): asked and answered
# «нет» («Фейк? Нет! X», «Это миф? Ні! X», "Fake? No! X"); reported as others' and contradicted («Говорят,
# что это фейк, но X», «Кажуть, що це фейк, але X», "They say it's a hoax, but X"); reported as others'
# after a warning not to believe them («Не верьте тем, кто говорит, что это фейк: X», "Don't believe
# those who say it's fake: X").
# «нет» answering a question, in every language a post comes in (`_REJECTED_RE`, `_ANSWERED_NO_RE`,
# `_TRUE_ASKED_NO_RE`, `_NO_ANSWER_RE`)
_ANSWER_NO = r"(?:нет|ні|не|неа|no|nope)"
_IT_IS = r"(?:(?:это|то|це|гэта|it['’]s|it\s++is|this\s++is|that['’]s)\s++)?(?:(?:всё|лишь|просто|a|an|just)\s++)?"
# or named so («называют это фейком», «називають це фейком», «называюць гэта фэйкам», "call it fake",
# "dismiss it as a hoax")
_SAID_VERDICT = (r"(?:(?:%s|пиш\w*|писал\w*|утвержда\w*|счита\w*|пишуть|вважа\w*|пішуць|лічаць|write\w*|wrote|think\w*"
                 r"|believe\w*)\s*+,?\s*+(?:(?:что|будто|що|нібито|што|быццам|that)\s++)?%s"
                 r"|(?:называ\w*|назва\w*|назов\w*|обзыва\w*|обозва\w*|назива\w*|обізва\w*|call\w*|label\w*|brand\w*"
                 r"|dismiss\w*)\s++(?:(?:это|эту\s++\w+|то|её|ее|их|це|цю\s++\w+|її|їх|гэта|it|this|that|them)\s++)?"
                 r"(?:as\s++)?(?:(?:лишь|просто|всего\s++лишь|a|an|just|simply)\s++)?)%s") % (_OUTCRY, _IT_IS, _FALSE_SAID)
# a warning not to believe people (`_REJECTED_RE`, `_WARN_SAYERS_RE`): «Не верьте / доверяйте / слушайте», «Не
# ведитесь на», uk «Не вірте / довіряйте / ведіться на», be «Не верце / давярайце», "Don't believe / trust /
# listen to / fall for"; whom: «тем / тех (людям)», «людям», "those", "people", "anyone" (break23: «людям»,
# «ведитесь на», "fall for"), and `_WARN_WHOM` with the relative pronoun («кто», «которые», «які», "who")
_WARN_VERB = (r"(?:не\s++(?:верьте|верь|слушайте|доверяйте|вірте|вір|слухайте|довіряйте|верце|слухайце|давярайце"
              r"|(?:ведитесь|ведись|ведіться|ведися|вядзіцеся|покупайтесь|купуйтеся)\s++на)"
              r"|(?:don['’]?t|do\s++not|never)\s++(?:believe|listen\s++to|trust|fall\s++for))")
_WARN_PRON = (r"(?:(?:всем|усім|всех|усіх|all)\s++)?(?:(?:тем|тех|тим|тих|тым|тых|those)(?:\s++(?:людям|людей|людзям))?"
              r"|людям|людей|людзям|people|anyone|anybody|everyone)")
_WARN_WHOM = (r"%s\s*+,?\s*+(?:кто|хто|которые|который|которая|які|який|яка|якія|які|who|that)" % _WARN_PRON)
_REJECTED_RE = re.compile(
    r"(?:(?:^|(?<=[.!?…\n]))[^\w\n]*+%s%s\s*+\?++\s*+%s\s*+[!.,]++"
    r"(?:\s*+(?:(?:это|це|гэта|it['’]s)\s++)?(?:правда|праўда|true|a\s++fact|fact)\s*+[!.:,]++)?"
    r"|(?<!\w)%s\s*+,\s*+%s"
    r"|(?<!\w)%s\s++%s(?!\w)[^.!?\n:]{0,60}?%s\s*+:)"
    r"\s*+[«\"“„]?(?=\w)" % (_IT_IS, _FALSE_SAID, _ANSWER_NO, _SAID_VERDICT, _BUT, _WARN_VERB, _WARN_PRON,
                            _SAID_VERDICT))
# A short sentence saying that the statement before it was checked, between a statement and its verdict:
# «X. Врачи проверили эту информацию. Это фейк.», "X. We checked this with oncologists. It's a myth.",
# uk «X. Лікарі перевірили цю інформацію. Це фейк.», be «X. Урачы праверылі гэтую інфармацыю. Гэта фэйк.».
# The verdict is said of the statement, not of the checking (`_verdicts`, `split_parts`): a verb of
# checking and a word pointing back at what was said, in at most CHECKED_WORDS words.
CHECKED_WORDS = 9
SPREAD_WORDS = 12       # words at most of a sentence saying what was said spread ("… shared more than 10,000 times on …")
_CHECKED_RE = re.compile(
    r"[^.!?…\n]{0,80}?(?<!\w)(?:(?:пере)?провер\w*|изучил\w*|выяснил\w*|разобрал\w*|перевір\w*|дослідил\w*"
    r"|з['’]ясува\w*|правер\w*|вывучыл\w*|checked|double-checked|fact-checked|looked\s++into|investigated"
    r"|verified|examined|researched)(?!\w)[^.!?…\n]{0,80}?(?<!\w)(?:это\w*|эт[уиао]|эту|тот|то|такие|ц[юеі]|цей|ця"
    r"|гэт\w*|this|that|it|these|those|the\s++(?:claim|story|rumou?r|post|information)s?|информаци\w*|утверждени\w*"
    r"|слух\w*|сообщени\w*|інформаці\w*|твердженн\w*|чутк\w*|інфармаці\w*|сцвярджэнн\w*)(?!\w)[^.!?…\n]{0,80}"
    # or a verb of asking someone, which needs no word pointing back («Мы позвонили в налоговую.», «Ми
    # зателефонували до податкової.», «Мы патэлефанавалі ў падатковую.», "We checked with nutritionists.")
    r"|[^.!?…\n]{0,80}?(?<!\w)(?:позвонил\w*|дозвонил\w*|связал\w*|обратил\w*|запросил\w*|спросил\w*|уточнил\w*"
    r"|поговорил\w*|(?:пере)?провер\w*\s++(?:в|во|у|с|со)|зателефонува\w*|подзвонил\w*|зв['’]язал\w*|звернул\w*"
    r"|запитал\w*|уточнил\w*|перевіри\w*\s++(?:в|у|з)|патэлефанава\w*|тэлефанава\w*|звязал\w*|звярнул\w*"
    r"|спыта\w*|правер\w*\s++(?:у|ў|з)|called|phoned|rang|contacted|asked|spoke\s++(?:to|with)|talked\s++to"
    r"|reached\s++out|consulted|(?:double-|fact-)?checked\s++with|inquired|enquired)(?!\w)[^.!?…\n]{0,80}"
    # or a verb of checking with nothing after it, which points back by itself («Мы проверили.», «Мы всё
    # перепроверили», «Ми перевірили.», «Мы праверылі.», "We checked.", "We looked into it." has «it»; break22)
    r"|[^\w\n]*+(?:[^\W\d_]++[^\S\n]++){0,3}?(?:(?:пере)?провер\w*|(?:пере)?перевіри\w*|перевір\w*|(?:пера)?правер\w*|checked"
    r"|double-checked|fact-checked|verified)(?:[^\S\n]++(?:вс[её]|усе|усё|факты|факти|everything|the\s++facts))?")
# A short sentence saying that the statement before it was spread, between a statement and its verdict:
# «X. Сообщение перепостили тысячи пользователей. Это фейк.», «X. Об этом пишут многие каналы. Но это
# неправда.», "X. The post went viral overnight. This is false.", uk «X. Повідомлення поширили десятки
# каналів. Це фейк.», be «X. Паведамленне разышлося па сетках. Гэта хлусня.» (break-test r2: plain
# matches 91–99.9): the verdict is said of the statement, as after a checking sentence (`_checking`).
# break29: more words of spreading — ru «трубят», «растиражировали», «гуляет по сети», «стал вирусным», «подхватили»,
# «разнесли», «взорвала соцсети», uk «трублять», «розтиражували», «гуляє мережею», «став вірусним», be «трубяць»,
# and the count of views, likes or shares («набрал миллион просмотров», "got millions of views"); en "is trending",
# "blew up", "doing the rounds", "went around"
_SPREAD_RE = re.compile(
    r"[^.!?…\n]{0,80}?(?<!\w)(?:разош[её]л\w*|разошл\w*|распростран\w*|перепост\w*|репост\w*|поделил\w*|пишут"
    r"|писали|обсужда\w*|разлетел\w*|облетел\w*|завирусил\w*|набрал\w*|поширил\w*|поширю\w*|розійшл\w*"
    r"|розлетіл\w*|обговорю\w*|пишуть|розповсюд\w*|разышл\w*|распаўсюдзі\w*|абмяркоўва\w*|пішуць|пісалі"
    r"|трубя\w*|трубит|трубил\w*|трубл\w*|(?:рас|раз|роз|рос)?тираж\w*|тыраж\w*|гуля\w*|вирусн\w*|вірусн\w*"
    r"|подхват\w*|подхвач\w*|підхоп\w*|падхап\w*|разнес\w*|разнос\w*|рознес\w*|взорвал\w*|висадил\w*|підірвал\w*"
    r"|просмотр\w*|лайк\w*|перегляд\w*|уподобан\w*|прагляд\w*|views|likes|shares|retweets|reposts|trending|trended"
    r"|went\s++viral|viral|spread|shared|circulated|circulating|reposted|retweeted|making\s++the\s++rounds"
    r"|doing\s++the\s++rounds|blew\s++up|went\s++around|going\s++around"
    # break29d: «заполонили соцсети», «наводнили чаты», «переслали», «посмотрели», uk «заполонили», "all over", "flooded"
    r"|заполон\w*|наводн\w*|пересла\w*|пересыла\w*|пересила\w*|(?:по|про)смотрел\w*|подивил\w*"
    r"|переглянул\w*|all\s++over|everywhere|flood\w*|forwarded|viewed|watched|seen\s++by|times)(?!\w)"
    r"[^.!?…\n]{0,80}")
# ... naming what was spread: a post, a message, news («5G towers spread the coronavirus» is a statement)
_SPREAD_WHAT = (r"(?:сообщени\w*|пост\w{0,2}|новост\w*|видео|ролик\w*|информаци\w*|слух\w*|запис\w*|публикаци\w*"
                r"|вброс\w*|твит\w*|повідомлен\w*|допис\w*|новин\w*|відео|інформаці\w*|чутк\w*|паведамлен\w*|навін\w*"
                r"|інфармацы\w*|post|posts|story|stories|news|video|videos|clip|claim|claims|rumou?rs?|message|tweet"
                # break29d: a picture, a photo, a screenshot, a chain message
                # (not «мемориал», «фотограф», «скрининг», ru «выявили»)
                r"|картин\w*|карточк\w*|фото|фотографи\w*|фотк\w*|скрин(?:ы|а|ом|ов|ам|ами)?|скриншот\w*|снимк\w*|снимок"
                r"|изображени\w*|рассылк\w*|мем(?:ы|а|ом|ов|ам|ами)?|листовк\w*|світлин\w*|зображенн\w*|розсилк\w*"
                r"|фотографі\w*|фота|фатаграфі\w*|здымак\w*|photos?|pictures?|images?|screenshots?|screengrabs?|memes?"
                r"|graphics?|messages|chain\s++messages?)")
_SPREAD_WHAT_RE = re.compile(
    r"(?<!\w)(?:%s|этом|это|эту|этот|це|цю|цей|цьому|гэта\w*|it|this)(?!\w)" % _SPREAD_WHAT)
# ... or a sentence about what was said by any verb, its subject a word pointing back at it at the sentence's start
# («Ролик посмотрели миллионы.», «Эта новость кочует по каналам.», «Об этом судачат все.», "The story shocked
# many."): not a sentence with a verdict or a word of truth of its own, nor one whose noun goes on («Видео из Бучи …»)
_POINTED_BACK_RE = re.compile(
    r"[^\w\n]*+(?:(?:и|а|і|ды|and)\s++)?(?:(?:(?:эт[аоуи]|этот|этих|данн\w+|ц[яюеі]|цей|гэт\w+|the|this|that|these)\s++)?"
    r"%s|(?:об|о|про|пра)\s++(?:этом|н[её]м|ней|це|цьому|нього|неї|гэта|гэтым)|about\s++(?:it|this|that))"
    r"\s++([^\W\d_]++)" % _SPREAD_WHAT)
_NOT_VERB_EN = frozenset("of about from in on at with that which by for to is are was were".split())
_SAYS_THAT_RE = re.compile(r"(?<!\w)(?:что|чтобы|будто|якобы|що|нібито|што|нібыта|that|claiming)(?!\w)")
# A question answered «нет» / "no" in the sentence right after it, and what that answer goes on to say
# (`answer_after`): «Иран нанёс удар по Израилю? Нет, это Израиль нанёс удар по Ирану» (the answer states
# what is so), "Drones sold by Iran to Venezuela? No, by Russia." (it corrects the question).
_ANSWERED_NO_RE = re.compile(r"\s*+%s\s*+[,.!:—–-]++\s*+(?:(?:это|то|це|гэта|it\s++was|it['’]s)\s++)?"
                             r"([^.!?…\n]*+)" % _ANSWER_NO, re.IGNORECASE)

_VERDICT_ASKED_RE = re.compile(r"(?<!\w)%s\s*+\?" % _FALSE_SAID, re.IGNORECASE)     # «… — фейк?», "… a hoax?"
# an answer that says only "true" («Правда? Нет, правда.», «Нет, это правда», "No, it's true"): a verdict,
# which the verdict reading (`_verdicts`) judges, not a correction of the question
_TRUTH_ONLY_RE = re.compile(r"(?:(?:это|то|це|гэта|it['’]s|it\s++is)\s++)?(?:(?:чистая|истинная|сущая|really|the)\s++)?"
                            r"(?:правда|праўда|верно|вірно|так|вс[её]\s++так|усе\s++так|усё\s++так|серь[её]зно|серйозно"
                            r"|сур['’]?ёзна|не\s++шутка|не\s++жарт|точно|действительно|true|the\s++truth|truth|a\s++fact|fact"
                            r"|seriously|really|no\s++joke)\W*+", re.IGNORECASE)


def answer_after(text: str, part: Part) -> str | None:
    """When `part` of `text` is a question («X?», "X?") and the next sentence opens with «Нет» / «Ні» /
    «Не» / "No" (`_ANSWERED_NO_RE`): the rest of that answer's sentence, after its «нет,» and an
    «это» / "it was" — "" for a bare «Нет.»; so too for a question and its answer within the part
    (a short question is joined to the next sentence), when the answer says more than «нет»; and when
    `part` is that answer, right after a question; else None — also when the question asks a
    verdict the answer rejects («X — фейк? Нет, это правда.», `_REJECTED_RE`), the question asks whether
    it is true («X? Правда? Нет, серьёзно.», `_TRUE_ASKED_NO_RE`), the answer says only that it is true
    («X? Нет, правда.», `_TRUTH_ONLY_RE`) or the answer is a question itself: the verdict reading
    judges those; "" (asserting nothing) when the post has a verdict word anywhere («X? Нет, Y — но это
    фейк.», «X? Правда? Нет, честно, это фейк.», `_VERDICT_ANY_RE`). The
    matcher reads it against the claim the question matched: an answer stating the claim asserts it,
    any other denies the question."""
    if _REJECTED_RE.search(text) or _VERDICT_ASKED_RE.search(text):
        return None     # «X — фейк? Нет, это правда.»: a verdict asked and rejected (`_rejected`)
    low = text.lower()
    answer = _answer_after(text, part)
    if answer is not None and _VERDICT_ANY_RE.search(low):
        # «X? Нет, это Y — но это фейк.», «X? Правда? Нет, честно, это фейк.»: with a verdict word in the
        # post the answer asserts nothing — "" (an answer that denies the question)
        return ""
    if answer is None or _TRUE_ASKED_NO_RE.search(low) or _TRUTH_ONLY_RE.fullmatch(answer):
        return None     # «X? Правда? Нет, серьёзно.», «X? Нет, правда.»: the verdict reading judges it
    return answer


def _answer_after(text: str, part: Part) -> str | None:
    """`answer_after` before its verdict checks."""
    for q in re.finditer(r"\?++", part.text):
        # a short question joined to its answer in one part («Китай продал России Су-35? Нет, …»)
        m = _ANSWERED_NO_RE.match(part.text, q.end())
        if m and m.group(1).strip() and q.end() < len(part.text.rstrip()):
            return _said(m)
    if not part.text.rstrip().endswith("?"):
        # the part is the answer itself, after the question («Иран ударил по Израилю? | Нет, …»)
        m = _ANSWERED_NO_RE.match(part.text) if text[:part.start].rstrip().endswith("?") else None
        return _said(m) if m else None
    m = _ANSWERED_NO_RE.match(text, part.end)
    return _said(m) if m else None


def _said(m: re.Match) -> str | None:
    """The answer `_ANSWERED_NO_RE` found, None when it is a question itself («Нет, Y? Тоже нет.»)."""
    return None if m.string[m.end(1):m.end(1) + 1] == "?" else m.group(1).strip()


# A question whether what was said before is true, between it and the answer («X. Правда? Нет, фейк.»,
# «X. Это правда? Нет, это миф.», uk «Це правда? Ні, фейк.», be «Праўда? Не, фэйк.», "X. True? No, it's fake.",
# "Is it true? No."): the answer judges X (`_judged_before`)
_TRUE_ASKED_RE = re.compile(
    r"(?:(?:а|и|но|і|та|але|ды|and|but|so)\s++)?(?:(?:это|то|це|гэта|is\s++(?:it|this|that)|was\s++it|is\s++that\s++so)\s++)?"
    r"(?:(?:неужели|в\s++самом\s++деле|действительно|справді|сапраўды|really)\s++)?"
    r"(?:правда|праўда|верно|вірно|так|неужели|справді|сапраўды|true|real|really|so|right)"
    r"(?:\s++(?:ли|ли\s++это|чи|ці|это|це|гэта))?[^\w?]*+")
# «X? Правда? Нет, …», "X? Really? No, …": a question whether it is true answered — the verdict reading
# judges it (`_TRUE_ASKED_RE`, `_judged_before`), whatever the answer goes on to say
_TRUE_ASKED_NO_RE = re.compile(r"(?:^|[.!?…\n])[^\w\n]*+(?:%s)\?++\s*+%s(?!\w)"
                               % (_TRUE_ASKED_RE.pattern, _ANSWER_NO), re.IGNORECASE)
# «…, а всё остальное — всё это фейк» judges the rest only
_REST_RE = re.compile(r"(?:вс[её]\s++)?(?:остальн|прочее|другое|the\s++rest|everything\s++else)")
_TRUE_SAID_RE = re.compile(r"(?<!\w)(?:правд\w*|праўд\w*|верно|вірно|дакладна|true|fact|факт\w*)(?!\w)")
# a clause that affirms what it says by a word of proof («X — это доказано, а Y — всё это фейки»: X keeps it)
_PROVEN_RE = re.compile(r"(?<!\w)(?:доказан\w*|доказал\w*|подтвержд\w*|подтвердил\w*|доведен\w*|доведено|доведен[оа]"
                        r"|підтвердж\w*|підтвердил\w*|даказан\w*|даказал\w*|пацверджан\w*|пацвердзіл\w*"
                        r"|proven|proved|confirmed|established|verified)(?!\w)")
# what a contrast after others' verdict must say to take it back: that the thing is so (a word of proof, or
# of showing or having: «, но ФНС
# подтвердила», «Однако документ у нас есть», "But the lab results are clear"); «, но родители в это
# верят», "However, the rumour keeps spreading" agree with the verdict (`_contradicted`)
_AFFIRM_RE = re.compile(_PROVEN_RE.pattern + r"|(?<!\w)(?:есть|є|ёсць|существу\w*|показыва\w*|показал\w*|показу\w*|свидетельств\w*"
                        r"|говор\w*\s++сами\s++за\s++себя|правд\w*|праўд\w*|true|clear|shows?|showed|shown"
                        r"|prove\w*|confirm\w*|evidence|different\s++story|holds?|опубликова\w*|опублікува\w*|published)(?!\w)")
# a clause that says what it sets apart («…, а вот что Y — всё это фейки», «…, а ось що Y», «…, а то, что Y»):
# the verdict after it is of Y only, not of the clauses before it
_FOCUS_RE = re.compile(r"(?:(?:вот|ось|вось)\s++|то\s*+,\s*+)?(?:что|що|што)\s++(?=\w)")
# a verdict with its own complement clause («…, но это фейк, что Z», «але це фейк, що Z», «ды гэта няпраўда,
# што Z», «Это не так, что Z», "it's fake news that Z"): a verdict of Z (`denied_reports`), not of the
# statement before it
_COMPLEMENT_RE = re.compile(r"\s*+,?\s*+(?:[—–-]++\s*+)?(?:что|будто|якобы|що|нібито|начебто|што|быццам|that)\s++"
                            r"(?!(?:бы|б|и|ни|б\s++не|і|ні|і\s++не|keeps?|has|have|is|was|spreads?)(?!\w))(?=\w)")
# a verdict that is a clause of its own, «это фейк», "it's a lie", "that is fake", not a noun set beside the
# statement ("X, a lie that keeps spreading"), and the English relative pronoun that may follow such a noun
_APPOSED_RE = re.compile(r"(?<!\w)(?:it|this|that|is|are|was|were|это|то|це|гэта|является|є)(?!\w)|['’]s(?!\w)")
_RELATIVE_RE = re.compile(r"\s++(?:that|which)\s")
# («…, но это фейк, что бы там ни писали», «…, что и подтвердили в ФНС», "a lie that keeps spreading": no
# clause of its own: the verdict stays the post's)
# a verdict followed by its attribution to others («…, но это фейк, уверяют в ФНС», «…, говорят скептики»,
# «— так считали до вчерашнего дня», ", according to the manufacturers", ", say Kremlin bloggers", ", some
# say"): others' verdict, which the post does not give as its own after a conjunction, after what is really
# so, over several statements or after a checking sentence (`_verdicts`; «X — это фейк, сообщает Минздрав»
# stays a verdict: the attribution of a debunk)
_ATTRIBUTED_RE = re.compile(
    r"\s*+(?:,|[—–-]++)\s*+(?:(?:according\s++to|по\s++словам|по\s++мнению|по\s++версии|за\s++словами|на\s++думку"
    r"|паводле|со\s++слов)(?!\w)|(?:[^\W\d_]++\s++){0,2}?(?:%s|счита\w*|дума(?:ет|ют|л|ла|ли)|полага\w*|вважа\w*"
    r"|думають|лічаць|лічыў|лічылі|думаюць|thinks?|thought|believes?|believed)(?!\w))" % _SAY_VERB)
# ... and others' verdict contradicted right after it («X. Это фейк, пишут в соцсетях, но ФНС подтвердила.», "X.
# Not true, say manufacturers. But the lab results are clear."): not the post's own wherever it stands
_BUT_AFTER_RE = re.compile(r"[^.!?…;\n]{0,80}?(?:,|;|[.!…]++|[^\S\n]++[—–])\s*+(?:%s|ды)(?!\w)" % _BUT)
_BUT_START_RE = re.compile(r"[^\w\n]*+(?:%s|ды)(?!\w)" % _BUT)
# ... or in the sentence after it (or after «;»), with no contrast word, by a word of proof or of showing and a
# word of the opposite («… Документы доказывают обратное.», "… The SEC filing proves otherwise.", «Факты
# свидетельствуют об обратном», uk «Документи доводять протилежне»): that says whose verdict it proves; a word
# of proof alone does not («…; NATO confirmed it»), nor «Критики говорят обратное» (others again). break22
_OPPOSITE_RE = re.compile(r"(?<!\w)(?:обратн\w*|противоположн\w*|иное|протилежн\w*|зворотн\w*|інше|адваротн\w*"
                          r"|процілегл\w*|otherwise|the\s++(?:opposite|contrary|reverse))(?!\w)")
_SHOWS_RE = re.compile(r"(?<!\w)(?:доказыва\w*|доказал\w*|показыва\w*|показал\w*|свидетельству\w*|подтвержда\w*"
                       r"|указыва\w*|демонстрир\w*|доводять|довели|довів|показують|показали|свідчать|підтверджують"
                       r"|вказують|даказваюць|даказалі|паказваюць|паказалі|сведчаць|пацвярджаюць|prove\w*|show\w*"
                       r"|confirm\w*|demonstrat\w*|indicat\w*|reveal\w*|establish\w*)(?!\w)")
_NEXT_SENT_RE = re.compile(r"[^.!?…;\n]{0,80}?(?:;|[.!…]++)[^\w\n]*+(?=\w)")
_ALL_OF_THEM_RE = re.compile(r"(?<!\w)(?:вс[её]|усё|ўсё|обе|оба|обидва|обидві|обоє|абодва|абедзве|абедзьве|both|all)(?!\w)")
# A short sentence saying that those asked denied what was said before it («X. Мы позвонили в налоговую.
# Там это опровергли.», «В минздраве эту информацию опровергли.», «У МОЗ це спростували.», «Там гэта
# абверглі.», "X. The ministry denied it.", "Officials have debunked this."): a verdict of X (`_verdicts`); also
# after an answer «Нет,» / "No," («X. Нет, в Роскомнадзоре это опровергли.», "X. No, the WHO has debunked it.": break30)
_DENIED_IT_RE = re.compile(
    r"(?:^|(?<=[.!?…\n]))[^\w\n]*+(?:%s[^\S\n]*+[,—–-]++[^\S\n]*+)?(?:[^\W\d_]++[^\S\n]++){0,4}?"
    r"(?:(?:это|эту\s++(?:информацию|новость)|эти\s++(?:слухи|сведения|данные)|её|ее|их|це|цю\s++(?:інформацію|новину)"
    r"|гэта|гэтую\s++(?:інфармацыю|навіну))\s++(?:(?:уже|официально|тоже|сразу|вже|офіційно|таксама)\s++)?"
    r"(?:опроверг\w*|спросту\w*|спростува\w*|абверг\w*|абвяргаю\w*)"
    r"|(?<!не )(?<!ні )(?<!ня )(?:опроверг\w*|спросту\w*|спростува\w*|абверг\w*|абвяргаю\w*)\s++(?:это|эту\s++(?:информацию|новость)"
    r"|эти\s++(?:слухи|сведения|данные)|её|ее|их|це|цю\s++(?:інформацію|новину)|гэта|гэтую\s++(?:інфармацыю|навіну))"
    r"|(?<!not )(?<!n't )(?<!never )(?:(?:has|have|had|quickly|officially|already|flatly)\s++)*+"
    r"(?<!not )(?<!n't )(?<!never )(?:denied|denies|deny|refuted|refutes|debunked|debunks)"
    r"\s++(?:it|this|that|the\s++(?:claim|story|report|rumou?r|news)s?))"
    r"(?:[^\S\n]++[^\W\d_]++){0,3}?[^\w\n.!?…]*+(?:[.!…\n]|$)" % _ANSWER_NO)
# A verb of refuting before the rumours or reports «о» / «про» / "of" what follows («Минобороны опровергло слухи о
# новой волне мобилизации», «В Кремле опровергли информацию о X», uk «спростували чутки про X», be «абверглі
# чуткі пра X», "Tesla denied reports of X"): X, to the end of its clause, is denied (`_verdicts`; not
# negated, not «…о том, что X», which the denial frame reads; break23)
_REFUTED_ABOUT_RE = re.compile(
    r"(?<!\w)(?<!не )(?<!ні )(?<!ня )(?<!not )(?<!n't )(?<!never )(?:опроверг\w*|опровер\w*|спросту\w*|спростува\w*"
    r"|абверг\w*|абвяргаю\w*|denied|denies|deny|refuted|refutes|refute|debunked|debunks)"
    r"\s++(?:(?:все|всі|усе|ўсе|the|all|any)\s++)?(?:слух\w*|информаци\w*|сообщени\w*|сведени\w*|данны\w*|новост\w*"
    r"|публикаци\w*|чутк\w*|чуткі|інформаці\w*|повідомлен\w*|відомост\w*|новин\w*|інфармацы\w*|звесткі"
    r"|reports?|rumou?rs?|claims?|allegations?|speculation|stories)"
    r"\s++(?:о|об|обо|про|пра|of|about)\s++(?!(?:том|те|то|этом|тым|it|this|that)(?!\w))(?=\w)")
_GERUND_RE = re.compile(r"(?<=of |ut )[a-z]{2,}ing(?!\w)")      # "… reports of buying / about acquiring …"
# a negation before the verb of a denial: none made («Песков не стал опровергать эту новость», "Nobody has debunked
# it", "No one denies it"; not «Нет, …», "No, …", an answer)
_NOT_DENIED_RE = re.compile(r"(?<!\w)(?:не|ні|ня|никто|ніхто|нікто|never|not|nobody|no[^\S\n]++one|no-one|\w+n['’]t)(?!\w)")
# A short sentence saying that what was said before it was not confirmed («X? Исследования этого не подтвердили.»,
# «X. Это не подтвердилось.», «Учёные не подтвердили это», uk «Дослідження цього не підтвердили», "X. Studies have
# not confirmed this.", "This has not been confirmed."): a verdict of X (`_verdicts`; break31)
_NOT_CONFIRMED_RE = re.compile(
    r"(?:^|(?<=[.!?…\n]))[^\w\n]*+(?:[^\W\d_]++[^\S\n]++){0,3}?"
    r"(?:(?:это|этого|эти[^\S\n]++данные|эту[^\S\n]++информацию|це|цього|ці[^\S\n]++дані|гэта|гэтага|it|this|that)"
    r"(?:[^\S\n]++[^\W\d_]++){0,2}?[^\S\n]++(?:не|ні|ня|not|never)[^\S\n]++(?:(?:был\w*|been)[^\S\n]++)?"
    r"(?:подтверд\w*|подтвержд\w*|підтверд\w*|підтвердж\w*|пацвердз\w*|пацвярдж\w*|confirmed|proven|verified)"
    r"|(?:не|ні|ня)[^\S\n]++(?:подтвердил\w*|подтверждают|подтвердило|підтвердил\w*|підтверджують|пацвердзіл\w*)"
    r"[^\S\n]++(?:это|этого|эти[^\S\n]++данные|эту[^\S\n]++информацию|це|цього|гэта|гэтага)"
    r"|(?:have|has|had|did|could|can)(?:[^\S\n]++not|n['’]t)[^\S\n]++(?:been[^\S\n]++)?(?:confirm|verif)\w*"
    r"(?:[^\S\n]++(?:it|this|that|these\s++claims?))?)"
    r"(?:[^\S\n]++[^\W\d_]++){0,3}?[^\w\n.!?…]*+(?:[.!…\n]|$)")
# The post's own word that what it has just said is unproven, as a sentence or as a contrast clause of its own,
# ending it: «X, но доказательств этому нет», «X. Никаких доказательств этому нет.», «X, но это не доказано / ничем
# не подтверждено», «X, однако учёные этого не доказали», uk «X, але доказів цьому немає», "X, but there is no
# evidence of this", "X. This has not been proven." (a verdict of X, `_verdicts`; break test b41). Not «…, но
# доказательств этому пока мало»; not "X, but it did not" (break test b42: "Tesla promised X, but it did not" restates
# the promise). After a contrast, X is the clause right before it (`_unproven_clause`).
_UNPROVEN_RE = re.compile(
    r"(?:(?:^|(?<=[.!?…\n]))[^\w\n]*+|,[^\S\n]*+(?:%s)[^\S\n]++)"
    r"(?:(?:(?:никаких|ніяких|научных|наукових|убедительных|переконливих|каких-либо|жодних)[^\S\n]++)*+"
    r"(?:доказательств|подтверждений|подтверждения|свидетельств|доказів|підтверджень|доказаў|пацверджанняў)"
    r"[^\S\n]++(?:(?:этому|этого|тому|цьому|цього|гэтаму|гэтага)[^\S\n]++)?"
    r"(?:(?:пока|так[^\S\n]++и|до[^\S\n]++сих[^\S\n]++пор|досі|поки|пакуль)[^\S\n]++)?"
    r"(?:нет|немає|нема|няма|не[^\S\n]++(?:существует|найдено|нашлось|приведено|представлено))"
    r"|(?:нет|немає|нема|няма)[^\S\n]++(?:(?:никаких|ніяких|научных|наукових|жодних)[^\S\n]++)?"
    r"(?:доказательств|подтверждений|доказів|підтверджень|доказаў)[^\S\n]++"
    r"(?:этому|этого|тому|цьому|цього|гэтаму|гэтага)"
    r"|(?:[^\W\d_]++[^\S\n]++){0,2}?(?:это|этого|це|цього|гэта|гэтага)[^\S\n]++"
    r"(?:(?:никто|ничем|научно|пока|никак|нічим|ніхто|науково|поки)[^\S\n]++)*+(?:не|ні|ня)[^\S\n]++"
    r"(?:(?:было|був|було|была)[^\S\n]++)?(?:доказан\w*|доказал\w*|подтвержден\w*|подтвердил\w*|доведен\w*|довів|довели"
    r"|підтверджен\w*|підтвердил\w*|даказан\w*|даказал\w*)"
    r"|there[^\S\n]++(?:is|was|['’]s)[^\S\n]++no[^\S\n]++(?:[a-z]+[^\S\n]++)?(?:evidence|proof)[^\S\n]++(?:of|for)"
    r"[^\S\n]++(?:this|it|that|any[^\S\n]++of[^\S\n]++this)"
    r"|(?:this|it|that)[^\S\n]++(?:has|have|had)[^\S\n]++(?:not|never)[^\S\n]++been[^\S\n]++(?:proven|proved|shown)"
    r"|(?:this|it|that)[^\S\n]++(?:is|was)[^\S\n]++(?:not[^\S\n]++proven|unproven))"
    r"[^\w\n.!?…]*+(?:[.!…\n]|$)" % _BUT)
# A sentence opening «На деле …», «На самом деле …», «В действительности …», uk «Насправді …», be «Насамрэч …», "In fact,
# …", "Actually, …" after a statement the post gives as others' and doubtful («X якобы …», «будто бы», «Говорят, что
# X», "X allegedly …"): the post's correction, a verdict of X (`_verdicts`; break31: «Зарплаты учителей якобы выросли
# в 1,5 раза. На деле — лишь на 15%.» was a plain match 96.8). Without the doubt, «X. На самом деле это рекорд.» says
# more of X.
_IN_FACT_RE = re.compile(r"(?:^|(?<=[.!?…\n]))[^\w\n]*+(?:на\s++(?:самом\s++)?деле|в\s++действительности|в\s++реальности"
                         r"|насправді|насправд|насамрэч|in\s++(?:fact|reality|truth)|actually)(?!\w)")
_DOUBTED_RE = re.compile(r"(?<!\w)(?:якобы|будто\s++бы|нібито|начебто|быццам|allegedly|supposedly|purportedly"
                         r"|говорят|пишут|утверждают|кажуть|пишуть|кажуць|пішуць|they\s++say|people\s++say)(?!\w)")
_DENIED_IT_ANY_RE = re.compile(r"опроверг|спросту|спростува|абверг|абвяргаю|denied|denies|deny|refute|debunk")
# A short sentence relaying what those asked said of what was said before it, a verdict («X. Там сказали, что
# это фейк.», «X. Нам сказали: это не так», «X. Нам ответили: это неправда.», uk «Там сказали, що це фейк», be
# «Нам сказалі: гэта няпраўда», "X. They said it was fake.", "X. We were told: it's not true."): others'
# verdict relayed, a verdict of X (`_verdicts`; flagged, the safe side) unless the post goes on to contradict
# it (`_contradicted`). Not negated («Нам не сказали, что это фейк», «Никто не назвал это фейком», "Nobody
# called it fake": break29), nothing but three words after the verdict
# («…, что это фейк, но X» asserts X: `_REJECTED_RE`). break22
_RELAY_VERB = (r"(?:%s|ответил\w*|отвечают|объяснил\w*|заверил\w*|подтвердил\w*|відповіл\w*|відповідають|пояснил\w*"
               r"|назвал\w*|называ\w*|признал\w*|признают|визнал\w*|визнають|прызнал\w*|rated|ruled|deemed"
               r"|label(?:l)?ed|called|judged|branded|declared|classified|found|flagged|marked|dismissed|debunked"
               r"|запевнил\w*|сказали|сказалі|адказал\w*|растлумачыл\w*|told|replied|answered|responded|explained"
               r"|assured|say|said)" % _SAY_VERB)
# ... or a speaker and a colon, its verdict after it (break25: «X. Ответ МИД: это выдумка.», «Песков: ничего
# подобного», uk «Відповідь МЗС: це вигадка», "X. Musk: "This is fiction."": at most six words before the colon)
_RELAYED_RE = re.compile(      # matched at a sentence's first word (`_relayed`)
    r"(?:(?!(?:не|ни|ні|ня|никто|ніхто|not|never|no|nobody|\w+n['’]t)(?![\w'’-]))[^\W\d_][\w'’-]*+[^\S\n]++){0,5}?"
    r"(?:%s(?![\w'’])|(?!(?:не|ни|ні|ня|никто|ніхто|not|never|no|nobody|\w+n['’]t)(?![\w'’-]))[^\W\d_][\w'’-]*+(?=[^\S\n]*+:))"
    r"(?:[^\S\n]++(?:нам|мне|нас|мені|us|me|them|him|her))?[^\S\n]*+[:,—–-]?[^\S\n]*+"
    r"(?:(?:что|будто|якобы|що|нібито|што|быццам|that)[^\S\n]++)?[«\"“„]?"
    r"(?:(?:это|то|це|гэта|(?:it|this|that|there)(?:['’]s|[^\S\n]++(?:is|was|were|are|had[^\S\n]++been|has[^\S\n]++been))?"
    r"|%s)[^\S\n]++)?(?:to[^\S\n]++be[^\S\n]++)?(?:(?:as|как|як)[^\S\n]++)?(?:(?:вс[её]|лишь|просто|очередн\w*|полн\w*|чист\w*|чергов\w*|повн\w*|абсолютн\w*|откровенн\w*"
    r"|a|an|just|simply|another|total|complete|pure|completely|totally|absolutely|utterly|entirely)[^\S\n]++)*+(?:%s|%s|не[^\S\n]++так|not[^\S\n]++(?:so|true))(?!\w)"
    r"(?:[^\S\n]++(?!(?:ли|или|чи|ці|or)(?!\w))[^\W\d_]++){0,3}?[^\w\n.!?…]*+(?=[.!…\n]|$)"
    % (_RELAY_VERB, _INFO_NOUN, _FALSE_SAID, _UNCONFIRMED))
# A bare «нет» / "no" answering a question, and ending its sentence («X? Правда? Нет.», «X. Это правда? Ні.»,
# "X. Really? No."): the post's verdict of what the question asks of (`_judged_before`: the statement before a
# question whether it is true, or the question itself: «X? Нет.»). break22
_NO_ANSWER_RE = re.compile(r"(?<!\?)\?++[^\S\n]*+%s(?:[^\S\n]*+,[^\S\n]*+(?:конечно|конечно\s++же"
                           r"|звісно|звичайно|канечне|вядома|of\s++course|not\s++really))?[^\S\n]*+(?:[.!…]++|$)(?=\s|$)"
                           % _ANSWER_NO)
# A bare «нет» / "no" after a label and a colon or dash, ending its sentence («X. Спойлер: нет.», «X. Ответ: нет.»,
# «X. Коротко: нет.», «Правда ли, что X? Спойлер: нет.», uk «Відповідь: ні.», "X. Spoiler: no.", "X. Short answer:
# no."), or before a comma and a verdict («X. Ответ: нет, это фейк.», "Spoiler: no, that is a myth"; the match ends at
# «нет»; not «Вердикт: нет, это не фейк», «Спойлер: нет, исключений не будет» — break test b32): the post's verdict
# of the statement before it
# (`_verdicts`, `_judged_before`). Not «Спойлер: да», not «Ответ: нет сомнений, что …» (a word after «нет»). break30, 31
_ANSWER_LABEL = (
    r"(?:спойлер|(?:короткий\s++|краткий\s++)?ответ|коротко|вкратце|короче|итог|вердикт"
    r"|(?:коротка\s++)?відповідь|коротше|підсумок|(?:кароткі\s++)?адказ|каротка"
    r"|spoiler(?:\s++alert)?|(?:the\s++)?(?:short\s++)?answer|in\s++short|tl\s*+;?\s*+dr|verdict|bottom\s++line)"
    r"[^\S\n]*+(?::|[—–]|-(?=\s))")
_LABEL_NO_RE = re.compile(
    r"(?:^|(?<=[.!?…\n]))[^\w\n]*+%s[^\S\n]*+%s(?:[^\S\n]*+,[^\S\n]*+(?:конечно|конечно\s++же|звісно|звичайно|канечне"
    r"|вядома|of\s++course))?(?:[^\S\n]*+(?:[.!…]++|$)(?=\s|$)"
    r"|(?=[^\S\n]*+,[^\S\n]*+(?:(?:это|то|це|гэта|it|this|that)(?:['’]s|[^\S\n]++(?:is|was))?[^\S\n]++)?"
    r"(?:(?:очередной|полный|чистый|a|an|total|complete)[^\S\n]++)?(?:%s|не[^\S\n]++так|not[^\S\n]++so)(?!\w)))"
    % (_ANSWER_LABEL, _ANSWER_NO, _FALSE_SAID))
# «Нет, » / «Ответ: нет, » opening a sentence right after a question of another thing: the question's answer, read
# apart from the statement after it («Можно ли въехать в Финляндию? Ответ: нет, Финляндия закрыла границу.»: X stated;
# `split_parts`). break31
_ANSWER_LEAD_RE = re.compile(r"[^\w\n]*+(?:%s[^\S\n]*+)?%s[^\S\n]*+,[^\S\n]*+(?=\w)" % (_ANSWER_LABEL, _ANSWER_NO))
_LABEL_COLON_RE = re.compile(r"[^\S\n]*+:")


def _label_marked(s: str) -> bool:
    """Whether `s` holds a colon or a dash, without which no `_LABEL_NO_RE` matches (a cheap test first)."""
    return ":" in s or "—" in s or "–" in s or " -" in s
LABEL_WORDS = 3     # words at most of a heading before «Это фейк: Y», which then labels Y
# where what a label before it judges ends: its sentence, «;» or a contrast («Фейк: X, а вот Y»)
_LABEL_END_RE = re.compile(r"[.!?…](?=\s)|\n|;|,\s*+(?:а|%s|зато|правда|while)(?!\w)" % _BUT)
# the normalised words (claims/normalize.py: lemmas, English stems) of such a verdict
_VERDICT_NORM_RE = re.compile(r"(?:фейк|фэйк|фальшивк|миф|міф|неправд|няпраўд|ложь|ложн|вран|брехн|хлусн|вымысел|выдумк|вигадк|чушь"
                              r"|бред|утк|дезинформац|дезінформац|опроверг|спростов|вброс|вкид|fake|myth|fals|untru|lie|hoax|fabricat"
                              r"|nonsens|bogus|misinform|disinform|wrong|baseless|unfound|debunk)\w*")


def verdict_words(norms: Iterable[str]) -> set[str]:
    """Those of the normalised words `norms` that call something false («миф», «фейк», "hoax",
    "fals"): a claim that holds one («Глобальное потепление — это миф») is repeated, not denied, by
    a message saying the same word of the same statement (claims/match/matcher.py), and «не» before
    one («это не фейк», "no lie") states what it is said of (claims/match/contradiction.py)."""
    return {n for n in norms if _VERDICT_NORM_RE.fullmatch(n)}


# what a checking sentence names as its own subject: «Мы проверили слух о вето Турции», "We checked the rumour
# about Turkey's veto" — a verdict after it judges that, not the sentence before it (break24; not «об этом»)
_OWN_SUBJECT_RE = re.compile(
    r"(?<!\w)(?:слух\w*|информаци\w*|сообщени\w*|сведени\w*|данны\w*|новост\w*|утверждени\w*|видео|фото\w*"
    r"|чутк\w*|інформаці\w*|повідомлен\w*|відомост\w*|новин\w*|твердженн\w*|інфармацы\w*|звесткі|чуткі|навін\w*"
    r"|reports?|rumou?rs?|claims?|stories|story|news|video|photos?|allegations?)"
    r"\s++(?:о|об|обо|про|пра|of|about|that)\s++(?!(?:том|тому|то|этом|этой|этих|це|цьому|гэтым|it|this|that|these)(?!\w))(?=\w)")


def _sentence_end(low: str, at: int) -> int:
    """Where the sentence of `low` holding `at` ends (its closing mark, or the end of the text)."""
    e = _SENT_END_RE.search(low, at)
    return e.start() if e else len(low)


def _checking(low: str, start: int, end: int) -> bool:
    """Whether low[start:end] is a short sentence saying that what was said before it was checked
    (`_CHECKED_RE`) or spread (`_SPREAD_RE`), or that is about it by any verb, its subject pointing back at
    it (`_POINTED_BACK_RE`: «Ролик посмотрели миллионы.»): a verdict after it judges the sentence before it. Not
    when it names what it checked (`_OWN_SUBJECT_RE`: «Мы проверили слух о вето Турции») or reports
    what someone says («Многие пишут, что Y»: a verdict after it judges Y)."""
    while end > start and not low[end - 1].isalnum():
        end -= 1
    n = _words(low[start:end])
    if n > SPREAD_WORDS or _OWN_SUBJECT_RE.search(low, start, end) is not None:
        return False
    if n <= CHECKED_WORDS and _CHECKED_RE.fullmatch(low, start, end) is not None:
        return True
    if _SAYS_THAT_RE.search(low, start, end) is not None:
        return False
    if _SPREAD_RE.fullmatch(low, start, end) is not None and _SPREAD_WHAT_RE.search(low, start, end) is not None:
        return True
    m = _POINTED_BACK_RE.match(low, start, end) if n <= CHECKED_WORDS else None
    if m is None or _VERDICT_ANY_RE.search(low, start, end) or _TRUE_SAID_RE.search(low, start, end):
        return False
    w = m.group(1)
    return w not in _NOT_VERB_EN if w.isascii() else _frame_verb(w)


CHECKING_RUN = 3        # checking, spreading or denying sentences at most between a statement and its verdict
# the words of a short sentence denying the one before it by pointing back at it (`_denies_back`), beside `_BACK_WORDS`
_BACK_WORDS_EN = frozenset("""
he she it they him her them this that nobody no one never not did does do didn't doesn't don't ever at all such thing
""".split())
_NEGATIONS = frozenset("не ни ні ня никто ніхто нiхто not never nobody didn't doesn't don't".split())


def _denies_back(low: str, start: int, end: int) -> bool:
    """Whether low[start:end], a sentence's start before a verdict after it, only denies what was said before it,
    pointing back («X. Никто его не увольнял, это фейк.», uk «Він його не підписував, це фейк.», "Nobody fired him,
    it's fake": break29d): at most NEGATED_WORDS words, a negation, and every word a pronoun or a word of negation
    (`_BACK_WORDS`) but the one right after the negation (its verb). Not a sentence bringing a word of its own
    («Шойгу никто не увольнял»: the verdict judges it)."""
    if start and not low[max(0, start - 12):start].rstrip(" \t«\"“„'(—–-").endswith((".", "!", "…", "\n")):
        return False        # a clause inside a sentence
    words = _negated_words(low, start, end)
    return words is not None and all(_back_or_negated(words, i) for i in range(len(words)))


def _negated_words(low: str, start: int, end: int) -> list[str] | None:
    """The words of low[start:end] when they are 2 to NEGATED_WORDS with a word of negation among them, else None."""
    words = _FRAME_WORD_RE.findall(low, start, end)
    return words if 2 <= len(words) <= NEGATED_WORDS and any(w in _NEGATIONS for w in words) else None


def _back_or_negated(words: list[str], i: int) -> bool:
    """Whether words[i] is a pronoun or a word of negation (`_BACK_WORDS`, `_BACK_WORDS_EN`, `_NEGATIONS`) or the
    word right after a negation (its verb)."""
    w = words[i]
    return w in _BACK_WORDS or w in _BACK_WORDS_EN or w in _NEGATIONS or bool(i) and words[i - 1] in _NEGATIONS


def _not_denied(low: str, start: int, end: int) -> bool:
    """Whether low[start:end], a sentence (or its clause before «, но …») before a verdict, only says that nobody
    denied what was said before it («X. МИД не стал опровергать, но это фейк.», "X. Nobody has debunked it yet, but
    it is false.": `_NOT_DENIED_RE` before `_DENIED_IT_ANY_RE`, at most CHECKED_WORDS words, naming nothing it
    was said of: `_OWN_SUBJECT_RE`): the verdict judges the statement before it (break29f)."""
    d = _DENIED_IT_ANY_RE.search(low, start, end)
    return d is not None and _NOT_DENIED_RE.search(low, start, d.start()) is not None \
        and not _has_words(low, start, end, CHECKED_WORDS + 1) and _OWN_SUBJECT_RE.search(low, start, end) is None


def _negated_echo(low: str, start: int, end: int) -> bool:
    """Whether low[start:end], a short sentence before a verdict, is the sentence before it negated in that one's
    own words, whatever their roles («Финляндия закрыла границу с Россией. Россия её не закрывала. Это фейк.»): at
    most NEGATED_WORDS words with a negation, each a pronoun or word of negation (`_BACK_WORDS`), one of the
    sentence before (by stem, `_related`) or the verb right after the negation. The verdict judges the sentence
    before (break29f); alone such a sentence with the roles swapped denies nothing (`_negated_restatements`)."""
    words = _negated_words(low, start, end) if start else None
    if words is None:
        return False
    said = _FRAME_WORD_RE.findall(low, *_before_checking(low, start))
    stems = {x for w in said for x in _stems(w)}
    return bool(stems) and all(
        _back_or_negated(words, i) or w in said or _related(w, stems) for i, w in enumerate(words))


def _before_checking(low: str, at: int) -> tuple[int, int]:
    """[start, end) of the sentence before the one starting at `at` in `low` (its closing mark left out)."""
    end = at
    while end > 0 and not low[end - 1].isalnum():
        end -= 1
    start = 0
    for e in _SENT_END_RE.finditer(low, max(0, end - 600), end):
        start = e.end()
    while start < end and not low[start].isalnum():
        start += 1
    return start, end


# «Не только X» / «Не лише X» / «Не толькі X» / "Not only X" at the start of a sentence asserts X (and
# more): the «не» negates no word of X (`_rejected`); X runs to «, но и …» / ", but also …"
_NOT_ONLY_RE = re.compile(r"(?:^|(?<=[.!?…\n]))[^\w\n]*+(?:не\s++(?:только|лишь|тільки|лише|толькі)|not\s++(?:only|just))"
                          r"\s++(?=\w)")

_ALSO_RE = re.compile(r",\s*+(?:(?:но|а|але|ала)\s++(?:и|й|і|также|ещё|еще|теж|таксама)|but\s++also)\s++(?=\w)")


def _rejected(low: str) -> list[tuple[int, int]]:
    """[start, end) offsets in the lower-cased `low` of what the post asserts after a verdict it rejects
    (`_REJECTED_RE`: «Фейк? Нет! X», «Говорят, что это фейк, но X», «Не верьте тем, кто говорит, что
    это фейк: X») or after «Не только» (`_NOT_ONLY_RE`): X, to the end of its sentence (of its clause
    after «Не только»). [] for none."""
    out = []
    if "не" in low or "not" in low:
        for m in _NOT_ONLY_RE.finditer(low):
            e = _LABEL_END_RE.search(low, m.end())
            out.append((m.end(), e.start() if e else len(low.rstrip())))
            also = e and _ALSO_RE.match(low, e.start())     # «…, но и Y»: Y too
            if also:
                e = _SENT_END_RE.search(low, also.end())
                out.append((also.end(), e.start() if e else len(low.rstrip())))
    if not _VERDICT_ANY_RE.search(low):
        return out
    for m in _REJECTED_RE.finditer(low):
        e = _SENT_END_RE.search(low, m.end())
        out.append((m.end(), e.start() if e else len(low.rstrip())))
    return out


def _proves_opposite(low: str, start: int) -> bool:
    """Whether the sentence (or clause before «;») of the lower-cased `low` starting at `start` proves the
    opposite of what was said before it: a word of proof or of showing (`_SHOWS_RE`) before a word of the
    opposite (`_OPPOSITE_RE`: «Документы доказывают обратное», "The filing proves otherwise"), with no
    negation or verdict word of its own."""
    e = _SENT_END_RE.search(low, start)
    e = e.start() if e else len(low)
    semi = low.find(";", start, e)
    e = semi if semi >= 0 else e
    shows = _SHOWS_RE.search(low, start, e)
    return shows is not None and _OPPOSITE_RE.search(low, shows.end(), e) is not None and not (
        _NEG_WORD_RE.search(low, start, e) or _VERDICT_ANY_RE.search(low, start, e))


def _contradicted(low: str, at: int) -> bool:
    """Whether a contrast right after `at` (the end of a verdict's attribution to others) contradicts that
    verdict: «…, но ФНС подтвердила», "… But the lab results are clear." (`_BUT_AFTER_RE`), saying the
    thing is so (`_AFFIRM_RE`) with no negation or verdict word of its own to the end of its sentence
    («…, но блогеры не верят», "However, the rumour keeps spreading" do not); or, without a contrast
    word, the next sentence or clause after «;» proving the opposite (`_proves_opposite`: «… Документы
    доказывают обратное.»)."""
    but = _BUT_AFTER_RE.match(low, at)
    if but is None:
        # a word of proof alone says nothing of whose verdict it proves («…, уверяют в ФНС; мы это
        # подтверждаем», "…, the WHO says; independent labs confirmed this"): the verdict stands, unless
        # the next sentence proves the opposite («Документы доказывают обратное», "… proves otherwise")
        nxt = _NEXT_SENT_RE.match(low, at)
        return nxt is not None and _proves_opposite(low, nxt.end())
    e = _SENT_END_RE.search(low, but.end())
    e = e.start() if e else len(low)
    return not (_NEG_WORD_RE.search(low, but.end(), e) or _VERDICT_ANY_RE.search(low, but.end(), e)) \
        and _AFFIRM_RE.search(low, but.end(), e) is not None


def _judged_before(low: str, sep: int, whole: bool) -> tuple[int, int] | None:
    """[start, end) in the lower-cased `low` of the statement a verdict right after `sep` judges: the
    sentence before it, or its last clause after «, а …», «, но …», «;» (`_CLAUSE_START_RE`; the whole
    sentence when `whole`: «X, а Y — всё это фейки», unless the last clause is «…, а остальное»); the
    sentence before when that one is a short checking sentence («X. Мы позвонили в налоговую. Это не
    так.»: `_checking`) or a question whether it is true («X. Правда? Нет, фейк.»: `_TRUE_ASKED_RE`).
    None when there is none, or when it holds a verdict word of its own."""
    start = 0
    for e in _SENT_END_RE.finditer(low, max(0, sep - 600), sep):
        start = e.end()
    cuts = [start, *(c.end() for c in _CLAUSE_START_RE.finditer(low, start, sep))]
    k = len(cuts) - 1
    if whole and not _REST_RE.match(low, cuts[k]):
        # back over the clauses before it that have no verdict of their own («X — правда, а Y и Z —
        # всё это фейк»: Y and Z; not over «X — это доказано») and are not set apart from the one
        # the verdict follows («X, а вот что Y — всё это фейки»: Y only)
        while k and not (_VERDICT_ANY_RE.search(low, cuts[k - 1], cuts[k])
                         or _TRUE_SAID_RE.search(low, cuts[k - 1], cuts[k])
                         or _PROVEN_RE.search(low, cuts[k - 1], cuts[k])
                         or _FOCUS_RE.match(low, cuts[k])):
            k -= 1
    start = cuts[k]
    while start < sep and not low[start].isalnum():
        start += 1
    for _ in range(CHECKING_RUN):
        if not (sep > start and (_checking(low, start, sep) or _denies_back(low, start, sep)
                                 or _not_denied(low, start, sep) or _negated_echo(low, start, sep)
                                 or low.startswith("?", sep) and _TRUE_ASKED_RE.fullmatch(low, start, sep) is not None)):
            break
        # «X. Врачи проверили это. Это фейк.», «X. Правда? Нет, фейк.»: X (none when the text starts with it); over
        # several such sentences («X. Об этом трубят все каналы. Ролик посмотрели миллионы. Это фейк.»: break29d)
        start, sep = _before_checking(low, start) if start else (0, 0)
    if sep > start and not _VERDICT_ANY_RE.search(low, start, sep):
        return start, sep
    return None


def _relayed(low: str) -> list[tuple[int, int, tuple[int, int]]]:
    """(start, end, judged) of each sentence of the lower-cased `low` that relays others' verdict of the
    statement before it (`_RELAYED_RE`: «X. Там сказали, что это фейк.»): the sentence from the end of
    that statement, and the statement's [start, end) (`_judged_before`); not when the post goes on to
    contradict the verdict (`_contradicted`: «… Но документы это подтверждают.»). Linear: the pattern is
    tried once at each sentence's first word."""
    out = []
    for e in _SENT_END_RE.finditer(low):
        p, lim = e.end(), min(len(low), e.end() + 8)    # past the blanks, a quote, a dash (not a run of dots)
        while p < lim and not low[p].isalnum() and low[p] != "\n":
            p += 1
        m = _RELAYED_RE.match(low, p)
        if m is None:
            continue
        sep = e.start()
        while sep > 0 and not low[sep - 1].isalnum():
            sep -= 1
        if not sep or _contradicted(low, m.end()):
            continue
        span = _judged_before(low, sep, False)
        if span is not None:
            out.append((sep, m.end(), span))
    return out


# A short sentence that denies the statement before it in that statement's own words, negated (break29): «X.
# Никакого запрета не было.» after «Россия запретила Telegram», «Он его не покупал.» after «Илон Маск купил
# Twitter», «Никто её не закрывал.», uk «Він його не купував.»: every word a pronoun or a word of negation
# (`_BACK_WORDS`), one of the statement's (by stem, `_related`; a short one as it is: «с») or «было» / «произошло» (`_HAPPENED_RU`); the
# word «не» negates a verb of the statement, or any verb after «никакого» and a word of the statement (the noun of
# its act: «Никакого запрета не было / не вводили»). Not a sentence bringing a word of its own («Латвия её не закрывала», «Раньше он его не покупал»,
# «Никаких проблем не было»), nor a question, nor after a negated statement, which it repeats («Швеция не вступила
# в НАТО. Она туда не вступала.»), nor one with the statement's roles swapped (`_roles_swapped`: «Россия её не
# закрывала» after «Финляндия закрыла границу с Россией»), nor a double negation («Не уволить его он не мог»:
# «не» before an infinitive and another «не»; break29c).
NEGATED_WORDS = 6
# a sentence denying in the statement's own words may say all of it again («Россия ввела запрет на ввоз бананов из
# Эквадора. Никакого запрета на ввоз бананов из Эквадора не было.»: 9 words; break30). Every word must be the
# statement's or a pronoun / negation, so length brings no word of its own; the bound keeps the look-back linear.
# (NEGATED_WORDS stays the bound of `_denies_back` / `_negated_echo`, whose words are not checked one by one.)
RESTATED_WORDS = 14
# perfective prefixes: «заблокировать» is the perfective partner of «блокировать» (claims/match/contradiction.py too)
ASPECT_PREFIXES = ("за", "по", "с", "со", "про", "на", "о", "об", "у", "вы", "от", "раз", "рас",
                   "из", "ис", "при", "под", "пере", "в", "во")
_BACK_WORDS = frozenset("""
он она оно они его её ее их ему ей им него неё нее них это этого этим того тот та те туда там так и же ж вообще
вовсе совсем никто ничего никого никому никуда нигде никогда ни никакого никакой никаких никакая никакое
він вона воно вони його її їх цього це туди там ніхто нічого нікуди ніде ніколи взагалі зовсім жодного жодної
жодних ён яна яно яны яго яе іх гэтага гэта туды ніхто нічога нікуды ніколі зусім ніякага ніякай ніякіх
""".split())
NEGATED_REACH = 120             # characters a short denial's «не» stands at most after its sentence's start
_NE_WORD_RE = re.compile(r"(?<!\w)не[^\S\n]++(?=[^\W\d_])")
# a preposition before a word of the statement's («Никакого запрета на продажу энергетиков …» after «… запретил
# продажу энергетиков …»: the noun of its act takes one; break30)
_PREPOSITIONS = frozenset("на в во из с со у к ко о об от до по за при про для над под".split())
_NONE_WORDS = frozenset("никакого никакой никаких никакая никакое жодного жодної жодних ніякага ніякай ніякіх".split())
_HAPPENED_WORD_RE = re.compile(_HAPPENED_RU)
_STEM_END_RE = re.compile(r"(?:с[яь])?(?:ть|ти|чь)?$")
_STEM_SUFFIX_RE = re.compile(r"(?:ыва|ива|ова|ева|ва|[аяиеыоуь])$")


@lru_cache(maxsize=16_384)
def _stems(word: str) -> tuple[str, ...]:
    """The stem of a lower-cased word (its lemma without the infinitive ending and trailing suffix vowels:
    «покупал» → «покуп», «купил» → «куп», «закрытия» → «закрыт»), and without a perfective prefix
    («покуп» → «куп», «заблокир» → «блокир»); a Latin word as it is."""
    if word.isascii():
        return (word,)
    stem = _STEM_END_RE.sub("", ru_lex(word).lemma, count=1)
    while (m := _STEM_SUFFIX_RE.search(stem)) is not None and m.start() >= 3:
        stem = stem[:m.start()]
    return (stem, *(stem[len(p):] for p in ASPECT_PREFIXES if stem.startswith(p) and len(stem) - len(p) >= 3))


def _related(word: str, stems: set[str]) -> bool:
    """Whether `word` has a stem (`_stems`) one of `stems` starts, or that starts one of them (at least 3 letters)."""
    return any(x.startswith(y) or y.startswith(x) for x in _stems(word) for y in stems if min(len(x), len(y)) >= 3)


def _plural(word: str) -> bool:
    """Whether the Russian dictionary reads a lower-cased word as plural first («закрывали»)."""
    try:
        return "plur" in get_nlp().morph.parse(word)[0].tag
    except Exception:  # noqa: BLE001 - no dictionary
        return word.endswith("ли")


_SUBJECT_PRONOUNS = frozenset("он она оно они никто він вона воно вони ніхто ён яна яно яны".split())
_INFINITIVE_RE = re.compile(r"(?:ть|ти|чь)(?:ся|сь)?$")


def _roles_swapped(before: list[str], verb_word: str, said: list[str]) -> bool:
    """Whether the words `before` the «не» of a short negated sentence, its `verb_word` after it, put the
    statement's `said` words (all lower-cased) in other roles: one of its words after its verb (by stem,
    `_related`: «Россия», «границу» after «Финляндия закрыла границу с Россией»), or a word before its verb in
    an oblique case it did not have there («Путина» after «Путин уволил …»), with no subject of the statement's
    beside it (a nominative pronoun or «никто»: «Никто Шойгу не увольнял»; a word before its verb in no oblique
    case: «Apple продажи не прекращала»). Not with a plural verb and no nominative word before it, a sentence
    with no subject («Границу не закрывали»). The statement's verb: its first verb (`_frame_verb`)."""
    v = next((k for k, w in enumerate(said) if _frame_verb(w)), None)
    if v is None or _plural(verb_word) and all(ru_lex(w).case != "nomn" for w in before):
        return False
    if before and before[0] in _NONE_WORDS and (_HAPPENED_WORD_RE.fullmatch(verb_word) or _plural(verb_word)):
        return False        # «Никакого запрета на ввоз бананов не было / не вводили»: what is denied, no subject (break30)
    subj = {x for w in said[:v] for x in _stems(w)}
    obj = {x for w in said[v + 1:] for x in _stems(w)} - subj
    verb = set(_stems(said[v]))
    swapped = subject = False
    for w in before:
        if w in _BACK_WORDS or _related(w, verb):
            subject = subject or w in _SUBJECT_PRONOUNS
        elif _related(w, subj) and (w in said[:v] or ru_lex(w).case != "obl"):
            subject = True
        elif _related(w, subj) or _related(w, obj):
            swapped = True
    return swapped and not subject


def _short_negated(low: str, neg_re: re.Pattern) -> Iterator[tuple[int, int, tuple[int, int], list[str], list[str]]]:
    """(sep, end, judged, words, said words) of each short sentence of the lower-cased `low` with a word
    of negation (`neg_re`) and a statement before it that is not negated (`_judged_before`): where the
    statement ends, where the sentence ends, the statement's [start, end), the sentence's words and the
    statement's. Linear: read back at most NEGATED_REACH characters to the sentence's start and up to
    RESTATED_WORDS + 1 words; not a question."""
    done = 0
    for n in neg_re.finditer(low):
        if n.start() < done:
            continue
        e = None
        for e in _SENT_END_RE.finditer(low, max(0, n.start() - NEGATED_REACH), n.start()):
            pass
        if e is None:
            continue
        p = e.end()
        q = done = _sentence_end(low, n.start())
        if _has_words(low, p, q, RESTATED_WORDS + 1) or low[p:q + 1].rstrip().endswith("?"):
            continue
        sep = e.start()
        while sep > 0 and not low[sep - 1].isalnum():
            sep -= 1
        span = _judged_before(low, sep, False) if sep else None
        if span is None or _NEG_WORD_RE.search(low, *span):
            continue        # «X не вступила в НАТО. Она туда не вступала.» says it again
        yield sep, q, span, _FRAME_WORD_RE.findall(low, p, q), _FRAME_WORD_RE.findall(low, *span)


def _negated_restatements(low: str) -> list[tuple[int, int, tuple[int, int]]]:
    """(start, end, judged) of each short sentence of the lower-cased `low` that denies the statement before it
    in its own words (see `_BACK_WORDS`): the sentence from the end of that statement, and the statement's
    [start, end) (`_judged_before`). Linear: only a sentence with «не» before a word is read, back at most
    NEGATED_REACH characters to its start and up to RESTATED_WORDS + 1 words."""
    out = []
    for sep, q, span, words, said_words in _short_negated(low, _NE_WORD_RE):
        if len(words) > 2 and words[0] in _ANSWERS_NO:
            words = words[1:]       # «Нет, он его не покупал.» (break30)
        stems = {x for w in said_words for x in _stems(w)}
        if not stems or not all(w in _BACK_WORDS or w == "не" or _HAPPENED_WORD_RE.fullmatch(w) or _related(w, stems)
                                or w in said_words or i and words[i - 1] == "не"
                                or w in _PREPOSITIONS and i + 1 < len(words) and _related(words[i + 1], stems)
                                for i, w in enumerate(words)):     # (checked below)
            continue
        if any(w == "не" and _INFINITIVE_RE.search(nxt) for w, nxt in zip(words, words[1:])) and words.count("не") > 1:
            continue        # «Не уволить его он не мог», «Никто не мог его не уволить»: said twice over
        k = words.index("не")
        if k + 1 < len(words) and _roles_swapped(words[:k], words[k + 1], said_words):
            continue        # «Россия её не закрывала» after «Финляндия закрыла границу с Россией»
        for i, w in enumerate(words[:-1]):
            if w != "не":
                continue
            nxt = words[i + 1]
            if (_related(nxt, stems) and _frame_verb(nxt) or (_HAPPENED_WORD_RE.fullmatch(nxt) or _frame_verb(nxt)) and any(
                    v in _NONE_WORDS and k + 1 < len(words) and _related(words[k + 1], stems)
                    for k, v in enumerate(words[:i]))):
                out.append((sep, q, span))
                break
    return out


# The English short denial in the statement's own words (break29e): "X. It was not.", "X. He did not buy it.",
# "X. Elon Musk didn't buy it.", "X. It never happened.": every word a pronoun, an auxiliary, a negation
# (`_EN_BACK_WORDS`) or one of the statement's (by base form, `en_bases`, then by a shared beginning of 3
# letters or more: "close" / "closed", "buy" / "bought"); its words before the negation that are the
# statement's are the statement's doer (the words before its verb; after "by" in a passive: "Twitter was
# bought by Elon Musk. Elon Musk did not buy it."). Not one bringing a word of its own ("Apple did not buy
# it", "It was not easy"), nor one with the roles swapped ("Russia did not close it" after "Finland closed
# its border with Russia"), nor a double negation, nor a question, nor after a negated statement.
_EN_NOT_RE = re.compile(r"(?<![\w'’])(?:not|never)(?!\w)|n['’]t(?!\w)")
_ANSWERS_NO = frozenset("нет ні неа no nope".split())       # an answer before a short denial: «Нет, он его не покупал.»
_EN_AUX = frozenset("was were is are be been being did do does has have had will would could can should".split())
_EN_BACK_WORDS = _EN_AUX | frozenset("""
it he she they him her them its his their this that these those so any anyone anybody ever at all really actually
in fact happen happened happens nothing
""".split())


@lru_cache(maxsize=1)
def en_bases() -> dict[str, str]:
    """English irregular verb forms → their base form ("sold" → "sell"), from
    claims/match/data/en_irregular.tsv (base, then the other forms, comma-separated)."""
    return {form.strip(): cols[0].strip() for cols in table_rows("en_irregular.tsv", min_cols=2)
            for form in cols[1].split(",") if form.strip()}


def en_past_form(low: str) -> bool:
    """Is the lower-cased English word written as a past form: in -ed ("closed", "banned") or an
    irregular past of `en_bases` ("sold", "shut" is not: its base form)?"""
    return low.endswith("ed") or low in en_bases()


def _en_said_at(word: str, said: list[str]) -> int | None:
    """Where the lower-cased English `word` first stands among the statement's words `said` (the same
    base form, or a beginning of 3 letters or more that one starts the other with); None if nowhere."""
    base = en_bases()
    w = base.get(word, word)
    for k, x in enumerate(said):
        x = base.get(x, x)
        if w == x or min(len(w), len(x)) >= 3 and (w.startswith(x) or x.startswith(w)):
            return k
    return None


def _negated_restatements_en(low: str) -> list[tuple[int, int, tuple[int, int]]]:
    """(start, end, judged) of each short English sentence of the lower-cased `low` that denies the
    statement before it in its own words, as `_negated_restatements` for Russian (see `_EN_NOT_RE`)."""
    out = []
    for sep, q, span, words, said in _short_negated(low, _EN_NOT_RE):
        if not said or not said[0].isascii():
            continue        # "1. No one said X.": a list number before it, no statement to deny
        split = [x for w in words for x in ((w[:-3], "not") if w[-3:] in ("n't", "n’t") else (w,))]
        if len(split) > 2 and split[0] in _ANSWERS_NO:
            split = split[1:]       # "No, he didn't.", "Nope, they do not." (break30)
        negs = [k for k, w in enumerate(split) if w in ("not", "never")]
        if len(negs) != 1:
            continue        # "It was not not done": said twice over
        if all(w in ("not", "never") or w in _EN_BACK_WORDS for w in split) and not (
                split[-1] == "all" and split[-2:-1] != ["at"]):     # "That is not all.": more to come (b30d)
            out.append((sep, q, span))      # "They do not.", "It didn't.": no word of its own, no role to read (break30)
            continue
        v = next((k for k, w in enumerate(said) if w in _EN_AUX or w in en_bases() or
                  len(w) > 4 and w.endswith("ed")), None)
        if v is None:
            continue
        passive = said[v] in _EN_AUX and "by" in said[v + 2:]
        doer = said[said.index("by", v + 2) + 1:] if passive else said[:v]
        ok = True
        for k, w in enumerate(split):
            if w in ("not", "never") or w in _EN_BACK_WORDS:
                continue
            at = _en_said_at(w, said)
            if at is None or k < negs[0] and _en_said_at(w, doer) is None:
                ok = False      # a word of its own, or another doer
                break
        if ok:
            out.append((sep, q, span))
    return out


def _judged_back(low: str, at: int) -> tuple[int, tuple[int, int] | None]:
    """(where the statement before a verdict sentence starting at `at` ends — `at` less the non-word
    characters before it —, the statement `_judged_before` finds there or None)."""
    sep = at
    while sep > 0 and not low[sep - 1].isalnum():
        sep -= 1
    return sep, (_judged_before(low, sep, False) if sep else None)


_CLAUSE_COMMA_RE = re.compile(r",\s")     # not the decimal comma of «5,8»


def _unproven_clause(low: str, span: tuple[int, int], sep: int) -> tuple[int, int] | None:
    """What a contrast clause saying "unproven" («…, но доказательств этому нет») judges: the clause right
    before it, within its sentence (`span`, what `_judged_before` found, cut at its last «, »): «В Дагестане
    произошло землетрясение, его связывают с испытаниями, но это не доказано» judges the link, not the
    quake, and «X. Блогеры связали его с испытаниями, но доказательств этому нет» does not reach back to X
    (break test b42). None when `span` starts in an earlier sentence."""
    start = 0
    for e in _SENT_END_RE.finditer(low, max(0, sep - 600), sep):
        start = e.end()
    if span[0] < start:
        return None
    for c in _CLAUSE_COMMA_RE.finditer(low, span[0], sep):
        start = c.end()
    x = max(span[0], start)
    while x < sep and not low[x].isalnum():
        x += 1
    return (x, sep) if x < sep else None


def _verdicts(low: str) -> list[tuple[int, int]]:
    """[start, end) offsets in the lower-cased `low` of the statements it gives a verdict of its
    own (see `_VERDICT_AFTER_RE`, `_VERDICT_BEFORE_RE`, `_VERDICT_SUBJECT_RE`): the sentence — or
    its last clause after «, а …», «, но …», «;» — before a verdict after it (none when that
    statement holds a verdict word of its own: «Глобальное потепление — это миф! Не верьте!» repeats
    a claim), the rest of the sentence after a label, the report a verdict is said of. Words mixing
    Latin and Cyrillic look-alikes («фeйк») read in one script. Also the statement before a sentence
    relaying others' verdict (`_RELAYED_RE`: «X. Нам сказали: это не так») and the one a bare «Нет.»
    answers (`_NO_ANSWER_RE`: «X? Правда? Нет.»), and what a verb of refuting says rumours «о» are of
    (`_REFUTED_ABOUT_RE`: «В Кремле опровергли информацию о X»). [] when no such word occurs."""
    denied_it = _DENIED_IT_ANY_RE.search(low) is not None
    unconfirmed = ("подтв" in low or "підтв" in low or "пацв" in low or "confirm" in low or "proven" in low
                   or "verified" in low) and _NOT_CONFIRMED_RE.search(low) is not None
    answered = "?" in low and _NO_ANSWER_RE.search(low) is not None
    labelled = _label_marked(low) and _LABEL_NO_RE.search(low) is not None
    worded = _VERDICT_ANY_RE.search(low) is not None
    if not worded:
        low = fold_homoglyphs(low)          # same length: offsets hold
        worded = _VERDICT_ANY_RE.search(low) is not None
    negated = (_negated_restatements(low) if "не" in low else []) + \
        (_negated_restatements_en(low) if _EN_NOT_RE.search(low) else [])
    unproven = ("доказ" in low or "подтв" in low or "свидетельств" in low or "довед" in low or "довів" in low
                or "довели" in low or "підтв" in low or "даказ" in low or "пацв" in low
                or "evidence" in low or "proof" in low or "prove" in low or "shown" in low) \
        and _UNPROVEN_RE.search(low) is not None
    corrected = ("деле" in low or "действит" in low or "реальн" in low or "насправд" in low or "насамрэч" in low
                 or "fact" in low or "actually" in low or "reality" in low or "truth" in low) \
        and _IN_FACT_RE.search(low) is not None
    if not (worded or denied_it or answered or negated or labelled or unconfirmed or unproven or corrected):
        return []
    out, said = [], []
    for sep, end, span in negated:
        said.append((sep, end))     # «X. Он его не покупал.»
        out.append(span)
    relayed = _relayed(low) if worded else []
    for sep, end, span in relayed:
        said.append((sep, end))
        out.append(span)
    for m in _VERDICT_AFTER_RE.finditer(low) if worded else ():
        if any(a <= m.start() and m.end() <= b for a, b, _ in relayed):
            continue        # the verdict of a relaying sentence, read above
        if _LABEL_COLON_RE.match(low, m.end()):
            # «X. Это фейк: банк работает в обычном режиме.»: pointing back («это», "this is"), the verdict of X and
            # what follows its explanation (break29d); a bare «ФЕЙК: Y», or one after a heading of a few words
            # («Новость дня. Это фейк: Y»), labels Y (`_VERDICT_BEFORE_RE`)
            span = _judged_before(low, m.start(), False) if m.group("demo") else None
            if span is not None and _words(low[span[0]:span[1]]) > LABEL_WORDS:
                said.append(m.span())
                out.append(span)
            continue
        said.append(m.span())
        if _ASKED_RE.match(low, m.end()) or _TAKEN_BACK_RE.match(low, m.end()):
            continue        # a question, a verdict taken back
        if _OUTCRY_AFTER_RE.match(low, m.end()) or (
                low[m.start()] == ":" and re.match(r"[^\S\n]*+!", low[m.end():])
                and _OUTCRY_BEFORE_RE.search(low, max(0, m.start() - 40), m.start())):
            continue        # others' outcry: «X! Фейк! — возмутятся скептики», "X — officials say: fake!"
        if _COMPLEMENT_RE.match(low, m.end()) and not (
                _APPOSED_RE.search(m.group()) is None and _RELATIVE_RE.match(low, m.end())):
            # «X, но это фейк, что Z», «Это не так, что Z»: a verdict of Z, not of X; but the verdict
            # set beside X, with no «это» / "it's" of its own, is X's, what follows it a relative clause
            # ("X, a lie that Tehran spreads", "X — a hoax which …"; break22)
            continue
        # «X, а Y — всё это фейки»: the whole sentence, not its last clause (unless «…, а остальное — всё фейк»)
        whole = _ALL_OF_THEM_RE.search(low, m.start(), m.end()) is not None
        by = _ATTRIBUTED_RE.match(low, m.end())
        if by is not None and _contradicted(low, by.end()):
            # others' verdict the post goes on to contradict: «X, но это фейк, уверяют в ФНС. Однако …»,
            # "X, and that's a lie, say bloggers; NATO confirmed it"; relayed without one it is the
            # post's verdict too («X, но это фейк, заявили в ФНС.», "…, according to the WHO.")
            continue
        span = _judged_before(low, m.start(), whole)
        if span is not None:
            out.append(span)
    if denied_it:
        for m in _DENIED_IT_RE.finditer(low):
            # «X. Мы позвонили в налоговую. Там это опровергли.», "X. The ministry denied it."
            if _NOT_DENIED_RE.search(low, m.start(), _DENIED_IT_ANY_RE.search(low, m.start()).start()):
                continue        # «Песков не стал опровергать эту новость», "Nobody has debunked it": no denial
            sep, span = _judged_back(low, m.start())
            if span is not None:
                said.append((sep, m.end()))
                out.append(span)
    for m in _NOT_CONFIRMED_RE.finditer(low) if unconfirmed else ():
        # «X? Исследования этого не подтвердили.», "X. This has not been confirmed."
        sep, span = _judged_back(low, m.start())
        if span is not None:
            said.append((sep, m.end()))
            out.append(span)
    for m in _UNPROVEN_RE.finditer(low) if unproven else ():
        # «X, но доказательств этому нет», "X. There is no evidence for this."
        sep, span = _judged_back(low, m.start())
        if span is not None and low.startswith(",", m.start()):
            span = _unproven_clause(low, span, sep)
        if span is not None:
            said.append((sep, m.end()))
            out.append(span)
    for m in _IN_FACT_RE.finditer(low) if corrected else ():
        # «X якобы … . На деле — лишь на 15%.», "X allegedly … . In fact, …": a correction of a doubted X
        sep, span = _judged_back(low, m.start())
        if span is not None and _DOUBTED_RE.search(low, max(0, span[0] - 40), sep):
            said.append((sep, m.end()))
            out.append(span)
    if denied_it:
        for m in _REFUTED_ABOUT_RE.finditer(low):
            # «Минобороны опровергло слухи о новой волне мобилизации»: the rest of the clause; "Tesla denied
            # reports of buying Twitter": the whole sentence, whose subject is the gerund's
            e = _LABEL_END_RE.search(low, m.end())
            x = m.end()
            if _GERUND_RE.match(low, x):
                x = 0
                for s in _SENT_END_RE.finditer(low, max(0, m.start() - 600), m.start()):
                    x = s.end()
                while x < m.start() and not low[x].isalnum():
                    x += 1
            out.append((x, e.start() if e else len(low.rstrip())))
    if answered:
        for m in _NO_ANSWER_RE.finditer(low):
            # «X? Правда? Нет.», «X. Это правда? Ні.», "X? No.": the question's statement, or X before it
            span = _judged_before(low, m.start(), False)
            if span is not None:
                said.append(m.span())
                out.append(span)
    for m in _LABEL_NO_RE.finditer(low) if labelled else ():
        # «X. Спойлер: нет.», «Правда ли, что X? Ответ: нет.»: the statement (or question) before it
        sep, span = _judged_back(low, m.start())
        if span is not None and "?" not in low[span[1]:sep + 1] and after_other_question(low, span[0], sep):
            # «Можно ли теперь въехать в Финляндию? Финляндия закрыла границу. Коротко: нет.»: a statement
            # after a question, the answer is the question's (break test b30d: explainers)
            span = None
        if span is not None:
            said.append((sep, m.end()))
            out.append(span)
    for m in _VERDICT_BEFORE_RE.finditer(low) if worded else ():
        if any(a < m.end() and m.start() < b for a, b in said):
            continue        # «X. Это фейк! Y»: the verdict of X, not a label of Y
        e = _LABEL_END_RE.search(low, m.end())
        out.append((m.end(), e.start() if e else len(low.rstrip())))
    for m in _VERDICT_SUBJECT_RE.finditer(low) if worded else ():
        g = 1 if m.group(1) is not None else 2
        out.append(m.span(g))
    return out


def denied_reports(text: str) -> list[tuple[int, int]]:
    """[start, end) offsets in `text` of what a sentence reports only to deny it: the X of
    «Никто не говорит, что X», «Учёные так и не доказали, что X», «Нет никаких доказательств, что
    X», «Неправда, что X», «Врачи опровергли, что X», "Nobody says that X", «Ніхто не каже, що X»,
    "Don't believe anyone who says X" (`_WARN_SAYERS_BARE_RE`; not "… who says X is fake", a verdict rejected).
    The frame is the DENIAL_FRAME_WORDS words before X's «что» / «будто» / «що» / "that" back to
    the last punctuation or «,»; it denies X with a word calling it false (`_FALSE_WORD_RE`) or with a
    negation before a verb of saying or knowing (`_frame_verb`) or a word of evidence, not with
    both, not with a negated word of denying or hiding (`_UNDENIED_RE`: «Никто не скрывает, что
    X», "Nobody denies that X" affirm X; «не только» is no negation) and not in a factive frame
    («Я не знал, что X», «Не секрет, что X» state X). X runs to a consequence, «;», a contrast
    («, но …») or the end of its sentence. Read as `clean_text` reads it (soft hyphens, zero-width
    and other invisible characters removed), offsets given in `text`. Linear in the text (no
    sentence splitting: a text without a negation or a word calling something false is read in
    one scan); [] for none. Shape: str -> list[tuple[int, int]]; never raises."""
    if not isinstance(text, str):
        return []
    vis, keep = _visible(text)
    low = _lower(vis)
    out = [(x, y) if keep is None else (keep[x], keep[y - 1] + 1) for x, y in _verdicts(low) if y > x]
    if not (_NEG_WORD_RE.search(low) or _FALSE_WORD_RE.search(low)):
        return out
    asserted = {x for x, _ in _rejected(low)}      # «Не верьте тем, кто говорит, что это фейк: X» asserts X
    ends = _DENIED_END_RE.finditer(low)
    end = -1
    starts = [m.end() for m in _MARK_RE.finditer(low) if m.end() not in asserted and _denial_frame(low, m.start())]
    if "no" in low:         # "Nobody says X": denied by its own words
        starts = sorted({*starts, *(m.end() for m in _BARE_DENIAL_RE.finditer(low))})
    if "n" in low:          # "Don't believe anyone who says X"
        # not "… who says X is fake": a verdict they say, which the warning rejects (X asserted; break24)
        starts = sorted({*starts, *(m.end() for m in _WARN_SAYERS_BARE_RE.finditer(low)
                                    if not _VERDICT_ANY_RE.search(low, m.end(), _sentence_end(low, m.end())))})
    last = -1
    for x in starts:
        while x > last:
            while end is not None and end <= x:
                end = next((e.start() for e in ends), None)
            y = end if end is not None else len(low)
            if y > x:
                out.append((x, y) if keep is None else (keep[x], keep[y - 1] + 1))
            last = y
            more = _AND_THAT_RE.match(low, y) if y < len(low) else None
            if more is None:            # «Неверно, что X, и что Y»: Y under the same denial
                break
            x = more.end()
    return out


def framed_negations(text: str) -> int:
    """How many negation words of `text` (`_NEG_WORD_RE`) stand in the frame of a report rather than
    in what the text states: in a frame that affirms the report («Никто не скрывает, что X», "Nobody
    denies that X", "It is no secret that X"), or in one that denies a report a contrast follows
    («Nobody says the weather is fine, but Y»: Y is stated). Read as
    `denied_reports` reads (invisible characters removed). 0 for none; never raises. Used where the
    words of a message and a claim cannot be compared (another language): claims/match/contradiction.py."""
    if not isinstance(text, str):
        return 0
    low = _lower(_visible(text)[0])
    negs = [m.start() for m in _NEG_WORD_RE.finditer(low)]
    if not negs:
        return 0
    ends = [e.start() for e in _DENIED_END_RE.finditer(low)]

    def stated(x: int) -> bool:         # the report from `x` is what the text states: no «, но Y» after it
        y = next((e for e in ends if e > x), len(low))
        c = _CONTRAST_RE.match(low, y)
        return c is None or not _has_words(low, c.end(), len(low), MIN_PART_WORDS)

    frames = [(_frame_words(low, m.start(), DENIAL_FRAME_WORDS)[0], m.end()) for m in _MARK_RE.finditer(low)
              if not (_denial_frame(low, m.start()) and stated(m.end()))]
    frames += [m.span() for m in _BARE_DENIAL_RE.finditer(low) if not stated(m.end())]
    return sum(any(f <= p < x for f, x in frames) for p in negs)


def _affirming_frame(low: str, frame: int, x: int) -> bool:
    """Whether the frame low[frame:x] of a report negates only a word of doubting, denying or hiding
    (`_UNDENIED_RE`): «Никто не спорит, что X», «Ни у кого не вызывает сомнений, что X», «Ніхто не
    заперечує, що X», "Nobody denies that X" state X, which is then a report of its own (`_reported_clauses`)."""
    words = _FRAME_WORD_RE.findall(low, frame, x)
    negs = [i for i, w in enumerate(words) if _NEG_WORD_RE.fullmatch(w)]
    return bool(negs) and all(any(_UNDENIED_RE.fullmatch(w) for w in words[i + 1:i + 4]) or
                              any(_NEG_WORD_RE.fullmatch(w) for w in words[i + 1:i + 4]) for i in negs) and any(
        _UNDENIED_RE.fullmatch(w) for i in negs for w in words[i + 1:i + 4])


# a warning not to believe those who say what follows («Не верьте тем, кто говорит, что X», «Не вірте тим, хто
# каже, що X», «Не верце тым, хто кажа, што X», "Don't trust people who claim that X"): a denial of X, though
# its frame after the comma («кто говорит») is none (`_denial_frame`; break22). Group 1: what they do.
# break23: also «Не доверяйте людям, которые говорят, что X», «Не ведитесь на тех, кто пишет, что X», uk «Не
# ведіться на тих, хто…», "Don't fall for anyone who says X" (`_WARN_VERB`, `_WARN_WHOM`)
_WARN_SAYERS_RE = re.compile(r"(?<!\w)%s\s++%s\s++([^.!?;:\n,]{1,60}?)\s*+$" % (_WARN_VERB, _WARN_WHOM))
# English leaves out "that": "Don't believe anyone who says X" (`denied_reports`; break23)
_WARN_SAYERS_BARE_RE = re.compile(r"(?<!\w)%s\s++%s\s++(?:says?|claims?|tells?\s++you|writes?|posts?|insists?)"
                                  r"\s++(?!(?:that|so|otherwise|it|this)(?!\w))(?=\w)" % (_WARN_VERB, _WARN_WHOM))


def _denial_frame(low: str, a: int) -> bool:
    """Whether the frame before the report marker at `a` in the lower-cased `low` denies what it
    reports (`denied_reports`): a word calling it false, or a negation before a verb of saying or
    knowing or a word of evidence, not both; a colon's frame a verb of saying (`_SAY_RE`)."""
    words = _frame_words(low, a, DENIAL_FRAME_WORDS + 2)[1]
    if words[-2:] in (["о", "том"], ["об", "этом"], ["про", "те"], ["про", "то"], ["в", "том"]):
        words = words[:-2]      # «Минздрав опроверг информацию о том, что X»: the frame before «о том»
    elif len(words) > 1 and words[-1] in ("того", "тому") and _EVIDENCE_RE.fullmatch(words[-2]):
        words = words[:-1]      # «Нет доказательств того, что X»
    words = words[-DENIAL_FRAME_WORDS:]
    frame = " ".join(words)
    if not words or words[-1] in _NOT_FRAME or _FACTIVE_RE.search(frame):
        return False
    warned = _WARN_SAYERS_RE.search(low, max(0, a - LEAD_WINDOW), a)
    if warned is not None:
        doing = _FRAME_WORD_RE.findall(warned.group(1))
        if any(_NEG_WORD_RE.fullmatch(w) for w in doing):
            return False    # «Не верьте тем, кто не верит, что X»: X
        if any(_frame_verb(w) for w in doing):
            return True     # «Не верьте тем, кто говорит, что X»
    false = _FALSE_WORD_RE.search(frame) is not None
    if false and _DOUBT_RE.search(frame) and not _FALSE_WORD_RE.search(_DOUBT_RE.sub(" ", frame)):
        rest = re.split(r"[.!](?:\s|$)", low[a:a + 400], maxsplit=1)[0]
        if _DOUBT_UNDONE_RE.search(frame) or "?" in rest or _DOUBT_ANSWERED_RE.search(rest):
            return False    # a doubt asked about, mocked or answered: what follows is asserted
    negs = [i for i, w in enumerate(words)
            if _NEG_WORD_RE.fullmatch(w) and not (i + 1 < len(words) and words[i + 1] in _ONLY)]
    said = [w for i in negs for w in words[i + 1:i + 4]]
    if any(_UNDENIED_RE.fullmatch(w) for w in said) or any(
            words[i - 1] in _CANNOT or i > 1 and words[i - 1] in _MODALS and _NEG_WORD_RE.fullmatch(words[i - 2])
            for i in negs if i):
        return False        # «Никто не спорит, что X»; a double negation («Нельзя не признать») affirms
    negated = any(_frame_verb(w) or _EVIDENCE_RE.fullmatch(w) for w in said)
    colon = low[a] == ":"
    if colon and not false and _DISBELIEF_COLON_RE.search(low, max(0, a - 60), a + 1) is not None:
        return True         # «Не ведитесь: X», «Не вірте чуткам: X», "Don't fall for it: X": a warning
    return false != negated and (false or not colon or any(_SAY_RE.fullmatch(w) for w in said)
                                 or _DISBELIEF_COLON_RE.search(low, max(0, a - 60), a + 1) is not None)


def _bounded(spans: Iterable[tuple[int, int]], budget: int, limit: int) -> list[tuple[int, int]]:
    """Of `spans`, the shortest that fit first (the innermost of nested frames: «Учёные доказали, что
    учёные доказали, что X» keeps X), at most `limit` of them, together at most `budget` characters,
    returned in text order: a nested frame repeats the rest of its sentence once per frame, so the
    cost of matching a sentence's reported parts stays within that of the sentence once more."""
    out: list[tuple[int, int]] = []
    for x, y in sorted(spans, key=lambda r: (r[1] - r[0], r[0])):
        if len(out) >= limit:
            break
        if y - x <= budget:
            out.append((x, y))
            budget -= y - x
    return sorted(out)


# a verdict after a statement, then a contrast: «X — фейк, а Y …» (what follows is Y's)
# or the verdict word alone, then a comma and the next statement: «X — фейк, Y — правда», "X is a myth, Y is a fact"
_VERDICT_CONTRAST_RE = re.compile(r"[^\w\n]{1,4}(?:(?:\w+\s++){0,3}?\w+%s|(?:(?:это|то|це|гэта|(?:is|are)(?:\s++a)?)\s++)?"
                                  r"%s\s*+,\s++(?=\w))" % (_CONTRAST_RE.pattern, _FALSE_SAID))


def _unquoted(seg: str, x: int, y: int) -> int:
    """The end of seg[x:y] without the closing quote of a quote that opens right before x
    («Врачи подтвердили: «X»»: the part is X)."""
    if x and seg[x - 1] in "«\"“„":
        while y > x and seg[y - 1] in "»\"”“":
            y -= 1
    return y


def _contrasted(seg: str, denied: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """[start, end) offsets in the sentence `seg` of what a contrast right after a denied report or
    its verdict asserts («…, что X, но Y.», «X — фейк, а Y — правда», also without a conjunction: «X —
    фейк, Y — правда»: Y, to the sentence's end or the next denied report), when it has at least
    MIN_PART_WORDS words."""
    low, out = None, []
    for x, y in sorted(denied):
        low = low if low is not None else _lower(seg)
        c = _CONTRAST_RE.match(low, y) or _VERDICT_CONTRAST_RE.match(low, y)
        if c is None:
            continue
        a = c.end()
        b = min([dx for dx, _ in denied if dx > a] + [len(seg.rstrip(" .!?…"))])
        while a < b and not seg[a].isalnum():
            a += 1
        if _has_words(seg, a, b, MIN_PART_WORDS):
            out.append((a, b))
    return out


def _judged_next(text: str, a: int, b: int, c: int) -> list[tuple[int, int]]:
    """The statements of the sentence text[a:b] ([start, end) offsets in it) that the text after it, up
    to `c`, gives a verdict of its own («X. Это очередной фейк!», "X. That's not true.", «X, а Y. Оба
    сообщения — фейк.», «X. Там это опровергли.»; `_verdicts`); [] for none. The sentence is denied,
    not stated, when one holds its last word."""
    low = _lower(text[b:c])
    if not (_VERDICT_ANY_RE.search(low) or _DENIED_IT_ANY_RE.search(low) or "?" in low and _NO_ANSWER_RE.search(low)
            or "не" in low or _UKBE_NOT_RE.search(low) or _EN_NOT_RE.search(low) or _LABEL_NO_RE.search(low)
            or _IN_FACT_RE.search(low) or "no " in low and _UNPROVEN_RE.search(low)):
        return []
    seg = answers_masked(text[a:c]) if after_other_question(text, a, c) else text[a:c]
    return [(x, min(y, b - a)) for x, y in denied_reports(seg) if x < b - a]


_UKBE_NOT_RE = re.compile(r"(?<!\w)(?:ні|ня)(?!\w)")      # the Ukrainian / Belarusian «не» («цього не» is «не»)
_LONG_WORD_RE = re.compile(r"[^\W\d_]{4,}")
QUESTION_REACH = 400        # characters a question before a statement is read back at most
_TRUTH_ASKED_RE = re.compile(r"(?<!\w)(?:правда|праўда|верно|вірно|так\s++ли|true|really)(?!\w)")


def after_other_question(text: str, a: int, b: int) -> bool:
    """Does text[a:b] follow right after a question that asks something else than it states — an
    explainer's opening question («Можно ли теперь въехать в Финляндию? Финляндия закрыла границу.
    Коротко: нет.»), whose answer a labelled «нет» gives? Not when that question asks whether
    something is true («Правда ли, что X?», "Is it true?") or says the words text[a:b] says (half of
    its words of 4+ letters, by their first 5 letters: «X? X — так пишут в сети. Ответ: нет.»), nor
    when text[a:b] itself asks whether it is true («… Правда ли это? Ответ: нет.»)."""
    end = a
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if not end or text[end - 1] != "?":
        return False
    lo = max(0, end - QUESTION_REACH)       # (no copy of what comes before: linear over a post's sentences)
    start = max(lo, max(text.rfind(ch, lo, end - 1) for ch in ".!?…\n") + 1)
    question = _lower(text[start:end])
    stated = _lower(text[a:b])
    if _TRUTH_ASKED_RE.search(question) or "?" in stated and _TRUTH_ASKED_RE.search(stated):
        return False
    said = {w[:5] for w in _LONG_WORD_RE.findall(stated)}
    asked = {w[:5] for w in _LONG_WORD_RE.findall(question)}
    return bool(said) and len(said & asked) < 0.5 * len(said)


def answers_masked(seg: str) -> str:
    """`seg` with each labelled «нет» (`_LABEL_NO_RE`: «Коротко: нет.») blanked out, same length: what a
    sentence right after a question reads («Можно ли въехать в Финляндию? X. Коротко: нет.»: the answer
    is the question's, not X's — explainers; break test b30d)."""
    if not _label_marked(seg):
        return seg
    for m in reversed(list(_LABEL_NO_RE.finditer(_lower(seg)))):
        seg = seg[:m.start()] + " " * (m.end() - m.start()) + seg[m.end():]
    return seg


def _judged_last(seg: str, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether one of `spans` holds the last word of the sentence `seg` (not only its start), before a
    question whether it is true that a short sentence joined to it («X. Really?»: `_between`)."""
    if not spans:
        return False
    low, end = _lower(seg), len(seg)
    cut = None
    for cut in _SENT_END_RE.finditer(low):
        pass
    if cut is not None and low[cut.end():].strip() and _between(low, cut.end(), end):
        end = cut.start()
    last = None
    for last in _WORD_RE.finditer(seg, 0, end):
        pass
    return last is not None and any(x < last.start() and y >= last.end() for x, y in spans)


def _between(low: str, start: int, end: int) -> bool:
    """Whether low[start:end] is a sentence that stands between a statement and its verdict: a short
    checking sentence (`_checking`), one saying nobody denied it (`_not_denied`), one negating the statement in its
    own words (`_negated_echo`) or a question whether it is true («Правда?», "Is it true?")."""
    if _checking(low, start, end) or _not_denied(low, start, end) or _negated_echo(low, start, end):
        return True
    while end > start and low[end - 1] in " \t\r\n":
        end -= 1
    if end <= start or low[end - 1] != "?":
        return False
    end -= 1
    while end > start and low[end - 1] == "?":
        end -= 1
    while start < end and not low[start].isalnum():
        start += 1
    return _TRUE_ASKED_RE.fullmatch(low, start, end) is not None


def _clauses(seg: str, pattern: re.Pattern, n: int, within: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """[start, end) offsets in `seg` of the clauses `pattern` separates in seg[within] (all of it for
    None), when there are at least two and each has at least `n` words; else []."""
    a, b = within or (0, len(seg))
    pieces, pos = [], a
    for m in pattern.finditer(seg, a, b):
        pieces.append((pos, m.start()))
        pos = m.end()
    if not pieces:
        return []
    pieces.append((pos, b))
    return pieces if all(_words(seg[x:y]) >= n for x, y in pieces) else []


def _joined(seg: str, extra: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The clauses of the sentence `seg` (or of each of its clauses `extra`) that two statements
    joined by «, а» / «, и» / ", and" … make (`_JOINED_RE`)."""
    return [c for w in extra or [(0, len(seg))] for c in _clauses(seg, _JOINED_RE, JOINED_WORDS, w)]


def _covered(seg: str, x: int, y: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether the clause seg[x:y] is what one of `spans` (a verdict or denial of the sentence) is said
    of: its words lie inside the span (a leading «что» / "that" left out: «Неверно, что X, и что Y»: «что
    Y»); or the span holds its last words, after a frame of its own («Неверно, что X»); or its first
    words, a verdict of the sentence following them («…, а Y — всё это фейки»: «Y — всё это фейки»)."""
    words = [m.span() for m in _WORD_RE.finditer(seg, x, y)]
    if len(words) > 1 and seg[words[0][0]:words[0][1]].lower() in _MARK_WORDS:
        words = words[1:]
    if not words:
        return False
    first, last = words[0][0], words[-1][1]
    for a, b in spans:
        if a <= first and last <= b or x < a < last <= b:
            return True
        if a <= first < b < last and _VERDICT_ANY_RE.search(_lower(seg[b:y])):
            return True
    return False


def split_parts(text: str) -> list[Part]:
    """Sentences of `text` (razdel), a sentence of under MIN_PART_WORDS words joined to the previous
    one, then clauses of a sentence joining two statements («…; …», «…, а также …») as extra parts
    when each clause has at least 4 words, as long as the parts stay within MAX_PARTS; two statements
    joined by «, а» / «, и» / ", and" (`_JOINED_RE`, at least JOINED_WORDS words each) also, as asserted
    parts (`Part.asserted`) unless a verdict of the sentence is said of one (then denied); what a
    sentence reports, denies (`denied_reports`) or asserts after a verdict it rejects (`_rejected`).
    A sentence followed by a verdict — in the next sentence, or in the one after a short checking
    sentence (`_CHECKED_RE`) — is denied. Every sentence
    is a part of its own however many there are, so a claim in the last sentence of a long post is
    read alone, never diluted by neighbours (the cost is linear in the text, which the matcher reads
    up to 8,000 characters). Parts in text order. A text of one sentence gives one part (the whole
    text); empty or wordless text gives []. Shape: str -> list[Part]; never raises."""
    if not isinstance(text, str) or not _WORD_RE.search(text):
        return []
    sents: list[list[int]] = []
    for start, stop in _sentence_spans(text):
        if not _WORD_RE.search(text[start:stop]):
            continue
        # (`_has_words` reads a sentence only up to its MIN_PART_WORDS-th word: counting every word of a
        # sentence that keeps growing, «Правда? » x 12,000, took 31 s)
        if sents and not _has_words(text, sents[-1][0], sents[-1][1], MIN_PART_WORDS):
            sents[-1][1] = stop
        elif sents and not _has_words(text, start, stop, MIN_PART_WORDS):
            sents[-1][1] = stop
        else:
            if after_other_question(text, start, stop):
                lead = _ANSWER_LEAD_RE.match(_lower(text[start:stop]))
                start += lead.end() if lead is not None else 0
            sents.append([start, stop])
    parts: list[Part] = []
    n_extra = 0
    low_text = _lower(text)
    for i, (a, b) in enumerate(sents):
        seg = text[a:b]
        # the verdict of the next sentence, or of the one after a short checking sentence («X. We
        # checked this with oncologists. It's a myth.»), or after several («X. The post went viral. The video
        # was shared by thousands. It is false.»: up to CHECKING_RUN, break29d)
        j = i + 1 if i + 1 < len(sents) else i
        k = i + 1
        while k + 1 < len(sents) and k - i <= CHECKING_RUN and _between(low_text, sents[k][0], sents[k][1]):
            k += 1
        j = k if k > i + 1 else j
        c = sents[j][1]
        after = _judged_next(text, a, b, c) if c > b else []
        if after and j + 1 < len(sents) and (_BUT_START_RE.match(low_text, sents[j + 1][0])
                                             or _proves_opposite(low_text, sents[j + 1][0])):
            # others' verdict contradicted in the sentence after it («X. Not true, say manufacturers. But
            # the lab results are clear.»: `_contradicted`) is not the post's
            more = _judged_next(text, a, b, sents[j + 1][1])
            after = [r for r in after if r in more]
        parts.append(Part(a, b, seg, denied=_judged_last(seg, after)))
        extra = clauses = _clauses(seg, _CLAUSE_RE, CLAUSE_WORDS)
        # what a sentence reports as said, while the parts' budget lasts (100 KB of «пишет, что»
        # would otherwise copy the rest of the text once per report)
        room = MAX_PARTS - len(sents) - n_extra - len(extra)
        affirmed: set[int] = set()
        said = _reported_clauses(seg, min(room, REPORTS_PER_SENTENCE * 4), affirmed) if room > 0 else []
        # a denied report is a part whatever the budget: it is what the sentence is about, and its
        # sentence alone is far from the claim («Нет никаких доказательств, что X» in a long post)
        judged = denied_reports(answers_masked(seg) if after_other_question(text, a, b) else seg)
        if judged and i + 1 < len(sents):
            # a verdict of others that the next sentence contradicts («X, и это фейк, утверждают в
            # Кишинёве. Но документы есть.», "X, and that's a lie, say bloggers; NATO confirmed it."):
            # read with that sentence, it denies nothing (`_contradicted`)
            kept = set(denied_reports(text[a:sents[i + 1][1]]))
            judged = [r for r in judged if r in kept]
        after = [r for r in after if r not in judged]      # the next sentence's verdict of its clauses
        denied = {(x, y) for x, y in judged if _has_words(seg, x, y, MIN_PART_WORDS)}
        # a report inside a denied one is denied with it («Никто не говорит, что учёные доказали, что X»)
        said = [(x, y) for x, y in said if not any(dx <= x and y <= dy for dx, dy in denied)]
        # what a contrast after a denied report asserts is read alone too («Нет доказательств, что X,
        # но Y»: Y, not the denied X nor the whole sentence, is the part of Y's claim)
        contrasts = set(_contrasted(seg, denied)) | {(x, y) for x, y in _rejected(_lower(seg))
                                                     if _has_words(seg, x, y, MIN_PART_WORDS)}
        contrasts |= {(x, y) for x, y in said if x in affirmed}
        said += contrasts
        reported = _bounded(set(said) | denied, len(seg), REPORTS_PER_SENTENCE)
        reported = ([r for r in reported if r in denied]
                    + [r for r in reported if r not in denied][:max(0, room)])
        if reported:
            seen = set(extra) | {(0, len(seg))}
            rep = {r for r in reported if r not in seen}
            extra = sorted(set(extra) | rep, key=lambda r: (r[0], -r[1]))
        else:
            rep = set()
        # two statements joined by «, а» / «, и» are read apart (reported: they do not tile the
        # sentence for claims/services/tipline.py, which keeps reading it whole); one that a verdict
        # of the sentence is said of is denied («X, и это полная ложь»)
        seen = {*extra, (0, len(seg))}
        joined = [j for j in _joined(seg, clauses) if j not in seen] if room > len(extra) else []
        for x, y in sorted([*extra, *joined], key=lambda r: (r[0], -r[1])):
            z = _unquoted(seg, x, y)
            if (x, y) in rep:
                parts.append(Part(a + x, a + z, seg[x:z], True, (x, y) in denied, (x, y) in contrasts))
            elif (x, y) in clauses:
                parts.append(Part(a + x, a + z, seg[x:z]))
            else:
                no = _covered(seg, x, y, judged + after)
                parts.append(Part(a + x, a + z, seg[x:z], True, no, not no))
        n_extra += len(extra) + len(joined)
    if len(parts) == 1:
        return [Part(0, len(text), text)]
    if len(parts) > MAX_PARTS:          # clauses beyond the budget: keep every sentence first
        whole = {(a, b) for a, b in sents}   # a set: 10,000 lines are 10,000 sentences
        kept = [p for p in parts if (p.start, p.end) in whole or p.denied]
        parts = sorted(kept + [p for p in parts if (p.start, p.end) not in whole and not p.denied]
                       [:max(0, MAX_PARTS - len(kept))], key=lambda p: (p.start, -p.end))
    return parts
