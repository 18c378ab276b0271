"""What of a checked message becomes a tip, and repeats of an open tip attached to it.

Two use cases for the front ends (the bot calls them after `match_message`):

* `tip_text_of(result, matcher)`: a post is matched part by part (claims/match/segmentation.py); only the
  check-worthy parts that repeat no stored claim are news for the desk. None when every
  check-worthy part repeats a claim (nothing to file); the whole message when nothing matched;
  else those parts, in post order, joined by "\n…\n", and the ids of the claims the rest repeats.
* `file_tip(...)`: an unmatched message that is the same as an open tip (equal normalised text,
  `Tip.text_key`) or a near-duplicate of one is attached to it — one `TipAsker` row per person
  (the same person sending it again counts once), `Tip.askers` and `Tip.last_seen_at` updated —
  instead of becoming a new tip. Near-duplicate means: the matcher's own model (claims.match.Matcher,
  over the open tips' normalised texts, lexical features; the encoder is not used for tips) rates
  the message a "match" of the tip *and* the tip a "match" of the message, with no contradiction
  (claims/match/contradiction.py: «открыли» / «закрыли» stay two tips). Both directions, so a post
  that only contains a tip's sentence among other news is not swallowed by it.
* `keep_unmatched(...)`: the two in one, for a private message, with which answer fits.

`TipIndex` is the per-process index of open tips, built once (bot/app.py build_runtime) and kept
in step with the database on every use (tips filed since the last use added; handled ones dropped by
a full read every minute and at once when they come up as a candidate), so tips filed by other
processes are found too. Two processes filing the same new text in the same instant may
still make two tips (no lock across processes); the next repeat attaches to the older one.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from ..match.segmentation import Part, split_parts
from ..models import Tip, TipAsker, utcnow
from ..normalize import analyze, default_aliases, detect_language
from ..textclean import clean_text
from ..urls import find_urls, url_key
from .tips import BY_UPDATE, MAX_TIP_CHARS, links_json, save_tip, text_key, tip_links, tip_normalized, user_hash

if TYPE_CHECKING:
    from ..match import Matcher
    from .matching import MatchResult

PART_SEP = "\n…\n"            # between the unmatched parts a tip holds
MIN_CHECKWORTHY_WORDS = 3     # normalised content words a part needs to be worth a fact-checker's look
NEAR_CANDIDATES = 3           # open tips re-checked in the other direction per message
# BM25 candidates the open-tip matcher re-ranks per message (the claim matcher re-ranks 12): a repeat
# of a tip shares its rare words, so it is among the first few; every candidate costs one feature
# vector (claims/match/features.py `all_features`), ~2/3 of the check's CPU at 12 (bench_bot, "no
# match → tip": 3.7 ms a post with 145 open tips)
TIP_CANDIDATES = 4
_WORD_RE = re.compile(r"\w+")
_LIST_HEAD_RE = re.compile(r"^(?:\d{1,3}[.)]|[a-zа-я]\))\s+", re.IGNORECASE)   # «2. », «3) », «а) »
_LIST_TAIL_RE = re.compile(r"\s*\n\s*\d{1,3}[.)]$")                           # «…:\n1.»
_TAG_RE = re.compile(r"(?<![\w#@])[#@]\w+")   # hashtags and @mentions: labels, not statements
# Normalised words of a channel's boilerplate around the news (calls to like, share, comment,
# subscribe, follow a link; photo and source credits): a part made of these and fewer than
# MIN_CHECKWORTHY_WORDS other words is not news for the desk.
_BOILERPLATE = frozenset(
    "подписываться подписаться подписка канал телеграм telegram лайк ставить поставить делиться поделиться "
    "репост репостнуть друг друзья комментарий писать написать думать переходить перейти ссылка описание "
    "жать нажать жмать колокольчик пропускать пропустить присоединяться присоединиться чат новость "
    "подробность подробно источник фото видео пресс служба читать прочитать также больше свежий "
    "like share friend subscribe follow channel comment link source photo video read more news join "
    "click tap bell".split())


# --- which parts of a post are news for the desk -------------------------------------------------

def checkworthy(text: str, lang: str | None = None) -> bool:
    """True when a post part states something a fact-checker could check: at least
    MIN_CHECKWORTHY_WORDS content words once normalised (claims.normalize.analyze drops links,
    @mentions, emoji, stop words, "urgent!" leads and calls to share or subscribe), not counting
    hashtags and the words of a channel's boilerplate (_BOILERPLATE: «Ставьте лайки и делитесь с
    друзьями», «Пишите в комментариях», «Фото: пресс-служба», «#новости #срочно»), so those,
    «Срочно!!!», «Что думаете?» or a bare link are not. Deliberately permissive: a short unmatched
    statement («Чеснок защищает от коронавируса») is check-worthy."""
    if not text or not _WORD_RE.search(text):
        return False
    text = _TAG_RE.sub(" ", text)
    words = [t for t in analyze(text, lang or detect_language(text)) if t.kind != "neg" and t.norm not in _BOILERPLATE]
    return len(words) >= MIN_CHECKWORTHY_WORDS


def _units(parts: list[Part]) -> list[Part]:
    """The finest of a text's `parts` (`split_parts`): each sentence, or the clauses of a sentence
    split into clauses (not what a sentence reports as said: that clause leaves its frame out,
    `Part.reported`)."""
    parts = [p for p in parts if not p.reported]
    units: list[Part] = []
    for p in parts:
        if any(p.start <= q.start and q.end <= p.end and (q.start, q.end) != (p.start, p.end) for q in parts):
            continue  # a sentence split into clauses: its clauses are the units
        units.append(p)
    return units


def _unlisted(text: str) -> str:
    """A post part without the numbering of the list it sits in: «2. В Омске …» -> «В Омске …», and
    the next item's «3.» that the sentence splitter leaves at the end of a part dropped (a tip holds
    some items of a list only: their original numbers, or a dangling «1.», would mislead the desk)."""
    return _LIST_TAIL_RE.sub("", _LIST_HEAD_RE.sub("", text.strip())).strip()


def _shares_words(text: str, claim_terms: list[set[str]]) -> bool:
    """At least two of the part's normalised words (one, for a part of under six) are in one of the claims."""
    words = set(tip_normalized(text, detect_language(text)).split())
    return any(len(words & terms) >= min(2, max(1, len(words) // 3)) for terms in claim_terms) if words else False


@dataclass
class TipText:
    text: str                   # what the tip holds
    matched_claims: list[int]   # claims the rest of the post repeats (empty: nothing matched)


def tip_text_of(result: MatchResult, matcher: Matcher | None = None) -> TipText | None:
    """What to file as a tip after matching `result.query` (see the module docstring), or None.

    A part counts as matched when a "match" hit's part (character offsets from the matcher) covers
    it, or — with `matcher`, the one that produced `result` — when matching the part on its own
    finds a "match" (a post repeating one claim in two sentences: the hit names only one of them);
    "related" hits and flagged reversals do not count (a reversed statement is news). A claim found
    through a link of the message (`MatchItem.via`) covers only the parts that share its words, so
    «<link to a checked article> + a new statement» files the statement."""
    text = result.query.strip()
    matched = [i for i in result.items if i.relation == "match"]
    if not matched:
        return TipText(text, []) if text else None
    claims = list(dict.fromkeys(i.claim.id for i in matched))
    # claims found through a link of the message (`via`) cover no text of it: only the parts
    # that speak of them (share their words) — a sentence on something else is still news
    spans = [i.part if i.part is not None else (0, len(result.query)) for i in matched if not i.via]
    # a matched clause of reported speech («… пишет, что X, поэтому …») covers its sentence
    parts = split_parts(result.query)
    reported = {(p.start, p.end) for p in parts if p.reported}
    left = [Part(u.start, u.end, _unlisted(u.text)) for u in _units(parts)
            if not any(a <= u.start and u.end <= b or (a, b) in reported and u.start <= a and b <= u.end
                       for a, b in spans)]
    left = [u for u in left if checkworthy(u.text)]
    link_terms = [set(i.claim.normalized.split()) for i in matched if i.via and i.claim.normalized]
    left = [u for u in left if not _shares_words(u.text, link_terms)]
    if matcher is not None:
        # only parts sharing words with a claim the post repeats are matched again (a long post
        # would otherwise cost one more match per sentence)
        claim_terms = [set(i.claim.normalized.split()) for i in matched if i.claim.normalized]
        left = [u for u in left if not (_shares_words(u.text, claim_terms) and any(
            h.relation == "match" for h in matcher.match(u.text, limit=3)))]
    if not left:
        return None
    return TipText(PART_SEP.join(u.text.strip() for u in left), claims)


# --- repeats of an open tip ----------------------------------------------------------------------

# what every unmatched post runs, built once (building and keying a statement costs more CPU than
# running it on SQLite); the values are bound at execution
_ALL_IDS = select(Tip.id, Tip.status).where(Tip.status == "open")
_IDS_SINCE = select(Tip.id, Tip.status).where(Tip.id > bindparam("floor"))
# a full read of the open tip ids (drops what was handled, merged or deleted elsewhere) at most this
# often; between two, a handled tip is dropped when it comes up as a candidate
FULL_SYNC_SECONDS = 60.0
GAP_TTL_SECONDS = 600.0   # how long a tip id below the newest read is waited for (as match_index's)
_OPEN_BY_KEY = select(Tip).where(Tip.status == "open", Tip.text_key == bindparam("key")).order_by(Tip.id).limit(1)
_OPEN_BY_IDS = select(Tip).where(Tip.id.in_(bindparam("ids", expanding=True)),  # type: ignore[union-attr]
                                 Tip.status == "open")


class TipIndex:
    """The open tips of the database in a Matcher of their own (lexical model, no encoder).

    `settings`/`aliases` as the claim matcher's (Settings thresholds decide "match"). Thread-safe;
    `sync(session)` before use brings it in step with the database."""

    def __init__(self, settings=None, *, aliases=None) -> None:  # noqa: ANN001
        from ..match import Matcher

        if settings is None:
            from ..settings import Settings

            settings = Settings()
        self.settings = settings
        self.aliases = aliases if aliases is not None else default_aliases()
        self._matcher = Matcher(settings, aliases=self.aliases, encoder=None)
        self._matcher.candidates = TIP_CANDIDATES
        self._ids: set[int] = set()
        self._last_id = 0                  # the highest tip id a sync has read (0: none yet)
        self._gaps: dict[int, float] = {}  # ids below it not read yet -> when first missed (monotonic s)
        self._full_at: float | None = None  # when the last full read of the open ids ran (monotonic s)
        self._lock = threading.Lock()

    def sync(self, session: Session) -> None:
        """Add the open tips this process has not seen; drop the ones no longer open.

        Tips only get new ids and never reopen, so a sync reads the tips above the highest id it
        has read (`_last_id`), and again from below each id it has not seen yet (a gap: an insert
        of another process that committed after a higher id, waited for GAP_TTL_SECONDS) — not
        every open tip id on each post. Tips handled, merged or deleted (/forget) elsewhere are
        dropped by the full read every FULL_SYNC_SECONDS, and at once when they come up as a
        candidate (`_find_open` reads the candidates' rows and calls `drop`)."""
        now = time.monotonic()
        with self._lock:
            full = self._full_at is None or now - self._full_at >= FULL_SYNC_SECONDS
            floor = min([self._last_id] + [g - 1 for g in self._gaps])
            last = self._last_id
            held = set(self._ids)  # a tip `add`ed while the ids are read is not dropped as gone
        if full:
            rows = session.exec(_ALL_IDS).all()
        else:
            rows = session.exec(_IDS_SINCE, params={"floor": floor}).all()
        open_ids = {int(r[0]) for r in rows if r[1] == "open"}
        seen = {int(r[0]) for r in rows}
        top = max(seen, default=0)
        with self._lock:
            new = open_ids - self._ids
            gone = (held - open_ids) if full else (self._ids & (seen - open_ids))
        for tid in gone:
            self._matcher.remove_claim(tid)
        texts = []
        new_list = sorted(new)
        for i in range(0, len(new_list), 500):
            texts += session.exec(select(Tip.id, Tip.normalized, Tip.text, Tip.language)
                                  .where(Tip.id.in_(new_list[i:i + 500]))).all()  # type: ignore[union-attr]
        for tid, norm, text, lang in texts:
            lang = lang if lang in ("ru", "en") else "ru"
            self._matcher.add_claim(tid, norm or tip_normalized(text, lang), "", lang)
        with self._lock:
            self._ids = (self._ids - gone) | {r[0] for r in texts}
            if full:  # open ids only: the ids between are handled tips, not gaps
                self._full_at = now
            else:
                for i in range(last + 1, top + 1):
                    if i not in seen:
                        self._gaps.setdefault(i, now)
            for i in seen:
                self._gaps.pop(i, None)
            self._gaps = {i: t for i, t in self._gaps.items() if now - t < GAP_TTL_SECONDS}
            self._last_id = max(last, top)

    def drop(self, ids: Iterable[int]) -> None:
        """Forget tips found handled, merged or deleted (ids this index may not hold: ignored)."""
        with self._lock:
            gone = self._ids & set(ids)
            self._ids -= gone
        for tid in gone:
            self._matcher.remove_claim(tid)

    def add(self, tip: Tip) -> None:
        lang = tip.language if tip.language in ("ru", "en") else "ru"
        self._matcher.add_claim(tip.id, tip.normalized or tip_normalized(tip.text, lang), "", lang)
        with self._lock:
            self._ids.add(tip.id)

    def near_duplicates(self, text: str, tips: dict[int, str]) -> list[int]:
        """Open tip ids (best first) the message is a near-duplicate of, given their texts in `tips`."""
        from ..match import Matcher

        out = []
        lang = detect_language(text)
        norm = tip_normalized(text, lang)
        names = self.names(text)
        for tid in tips:
            if self.names(tips[tid]) != names:
                continue  # «Путин посетил Мурманск» / «Лукашенко посетил Мурманск»: two claims
            back = Matcher(self.settings, aliases=self.aliases, encoder=None)
            back.add_claim(0, norm, "", lang)
            hits = back.match(tips[tid], limit=1)
            if hits and hits[0].relation == "match" and not hits[0].contradicts:
                out.append(tid)
        return out

    def names(self, text: str) -> frozenset[str]:
        """The people, places and organisations `text` names (claims.normalize.analyze entity
        tokens, aliases resolved: «Путин» and «президент России» are one). Two tips naming different
        ones are different claims, however many other words they share — the claim matcher scores
        «Лукашенко посетил Мурманск» a match of «Путин посетил Мурманск», and a wrong merge would
        hide the second claim from the desk (an attached repeat keeps no text of its own)."""
        return frozenset(t.norm for t in analyze(text, detect_language(text), aliases=self.aliases) if t.kind == "ent")

    def candidates(self, text: str) -> list[int]:
        """Open tips the matcher rates a plain "match" of the message (no reversal), best first."""
        return [h.claim_id for h in self._matcher.match(text, limit=NEAR_CANDIDATES)
                if h.relation == "match" and not h.contradicts]


@dataclass
class Filing:
    tip: Tip
    repeat: bool        # attached to an open tip someone had sent before
    new_asker: bool     # this person had not sent it before (counted in tip.askers)


def _find_open(session: Session, index: TipIndex | None, text: str, key: str) -> Tip | None:
    same = session.exec(_OPEN_BY_KEY, params={"key": key}).first()
    if same is not None or index is None:
        return same
    index.sync(session)
    for _ in range(3):
        cands = index.candidates(text)
        if not cands:
            return None
        rows = {t.id: t for t in session.exec(_OPEN_BY_IDS, params={"ids": cands})}
        if len(rows) == len(cands):
            break
        # handled, merged or deleted by another process since the last full sync: not open any more,
        # and it may have hidden an open tip from the candidates
        index.drop(c for c in cands if c not in rows)
    near = index.near_duplicates(text, {tid: rows[tid].text for tid in cands if tid in rows})
    return rows[near[0]] if near else None


def attach(session: Session, tip: Tip, *, salt: str, user_id: int | None, links: Sequence[str] = ()) -> Filing:
    """Count one more arrival of `tip` from `user_id` (a new asker, or the same one again); the
    copy's `links` the tip does not hold yet are added after its own (at most MAX_TIP_LINKS in all),
    so a link only a later sender gave still reaches the moderator."""
    now = utcnow()
    new_asker = False
    if user_id is not None:
        uhash = user_hash(salt, user_id)
        asker = session.exec(select(TipAsker).where(TipAsker.tip_id == tip.id, TipAsker.user_hash == uhash)).first()
        if asker is None:
            try:
                session.add(TipAsker(tip_id=tip.id, user_hash=uhash, count=0, first_seen=now, last_seen=now))
                session.flush()
                new_asker = True
            except IntegrityError:  # the same person's copy filed at this instant by another process
                session.rollback()
            asker = session.exec(select(TipAsker).where(TipAsker.tip_id == tip.id,
                                                        TipAsker.user_hash == uhash)).one()
        if asker is not None:
            session.execute(update(TipAsker).where(TipAsker.id == asker.id).values(
                count=TipAsker.count + 1, last_seen=now))
    values = {"last_seen_at": now}
    if new_asker:
        values["askers"] = Tip.askers + 1
    if links:
        session.refresh(tip)
        merged = links_json([*tip_links(tip), *links])
        if merged != tip.links:
            values["links"] = merged
    session.execute(update(Tip).where(Tip.id == tip.id).values(**values))
    session.commit()
    session.refresh(tip)
    return Filing(tip, True, new_asker)


def file_tip(
    session: Session,
    index: TipIndex | None,
    text: str,
    *,
    salt: str,
    user_id: int | None = None,
    language: str = "ru",
    origin_type: str | None = None,
    origin_title: str | None = None,
    origin_date=None,  # noqa: ANN001
    update_id: int | None = None,
    matched_claims: list[int] | None = None,
    links: Sequence[str] = (),
) -> Filing:
    """File an unmatched message: attached to the open tip it repeats (same normalised text, or a
    near-duplicate by the matcher's score both ways, never a reversal), else a new tip
    (claims.services.tips.save_tip). A message that is not check-worthy by its words but has links
    (a bare link, «Это правда? <link>») is the same tip as another with the same links
    (claims.urls.url_key: spellings and tracking parameters aside), whatever its few words, and
    never a near-duplicate of one. `index` None: exact repeats only. A redelivered update
    (same update_id) returns the tip already stored. Raises InvalidInput for empty text."""
    if update_id is not None:
        existing = session.exec(BY_UPDATE, params={"update_id": update_id}).first()
        if existing is not None:
            return Filing(existing, False, False)
    cleaned = clean_text(text or "").strip()[:MAX_TIP_CHARS]
    norm = None
    if cleaned:
        norm = tip_normalized(cleaned, language)  # save_tip's own normalisation of this text: done once
        key = text_key(norm, cleaned)
        link_keys = sorted({k for k in map(url_key, [*find_urls(cleaned), *links]) if k})
        if link_keys and not checkworthy(cleaned, language):
            # a bare link, or a link with a few words («Это правда?»): the link is the tip, so two
            # spellings of one link are one tip and two different links are two, words aside
            key = text_key(" ".join(["links:", *link_keys]))
            index = None
        found = _find_open(session, index, cleaned, key)
        if found is not None:
            return attach(session, found, salt=salt, user_id=user_id, links=links)
    tip = save_tip(session, text, salt=salt, user_id=user_id, language=language, origin_type=origin_type,
                   origin_title=origin_title, origin_date=origin_date, update_id=update_id,
                   matched_claims=",".join(str(c) for c in matched_claims) if matched_claims else None,
                   links=links, key=key if cleaned else None, normalized=norm, update_checked=True)
    if index is not None and tip.status == "open":
        index.add(tip)
    return Filing(tip, False, tip.user_hash is not None)


@dataclass
class Kept:
    filing: Filing | None  # None: every check-worthy part repeats a claim, nothing was filed
    # which answer fits: not_tip (nothing filed), again (this person sent it before), saved_part (the
    # parts no claim covers were kept), saved_related (kept; it only resembles claims) or saved
    outcome: str


def keep_unmatched(
    session: Session,
    matcher: Matcher | None,
    index: TipIndex | None,
    result: MatchResult,
    *,
    salt: str,
    user_id: int | None = None,
    origin_type: str | None = None,
    origin_title: str | None = None,
    origin_date=None,  # noqa: ANN001
    update_id: int | None = None,
    links: Sequence[str] = (),
) -> Kept:
    """After `match_message(..., result.query)`: file what of the message is news (`tip_text_of`,
    with `matcher` the one that produced `result`) through `file_tip`, in the language of that text.
    Raises as `file_tip` does."""
    to_file = tip_text_of(result, matcher)
    if to_file is None:
        return Kept(None, "not_tip")
    filing = file_tip(session, index, to_file.text, salt=salt, user_id=user_id, language=detect_language(to_file.text),
                      origin_type=origin_type, origin_title=origin_title, origin_date=origin_date,
                      update_id=update_id, matched_claims=to_file.matched_claims, links=links)
    if filing.repeat and user_id is not None and not filing.new_asker:  # sent before, alone or with others
        return Kept(filing, "again")
    if to_file.matched_claims:
        return Kept(filing, "saved_part")
    return Kept(filing, "saved_related" if any(i.relation == "related" for i in result.items) else "saved")
