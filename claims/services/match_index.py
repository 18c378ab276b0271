"""The match index and the database: build it at start-up, follow other processes' writes through
the claimchange feed, and store / load / backfill claim vectors (table claimembedding).

The matcher (claims/match/) holds no SQL; these functions are given an engine or a session.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import bindparam, func, insert, select
from sqlalchemy import text as sql_text
from sqlmodel import Session

from ..match import vectors as vectors_mod
from ..match.encoder import SentenceEncoder, encoder_text
from ..match.matcher import Matcher
from ..models import Claim, ClaimChange, ClaimEmbedding, utcnow
from ..normalize import AliasTable, normalize

log = logging.getLogger(__name__)

REFRESH_WINDOW = 200            # change ids below the newest that are re-read (out-of-order commits)
GAP_TTL_SECONDS = 600.0         # how long a missing change id is waited for
EMBED_ON_REFRESH = 64           # vectors computed per refresh for new claims (the rest: next refresh / backfill)
EMBED_BATCH = 256               # claims per backfill transaction


@dataclass
class ChangeFeed:
    """Which claimchange rows a matcher has applied: the newest id, recent ids, and gaps (ids
    handed out by a sequence but not committed yet, waited for GAP_TTL_SECONDS)."""

    last_id: int = 0
    applied: set[int] = field(default_factory=set)
    gaps: dict[int, float] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def expire(self, now: float) -> None:
        with self.lock:
            for i in [i for i, t in self.gaps.items()
                      if now - t > GAP_TTL_SECONDS or i < self.last_id - 50 * REFRESH_WINDOW]:
                del self.gaps[i]
            if len(self.gaps) > 10_000:
                for i in sorted(self.gaps)[:-10_000]:
                    del self.gaps[i]
            floor = min([self.last_id - REFRESH_WINDOW] + list(self.gaps))
            if len(self.applied) > 4 * REFRESH_WINDOW:
                self.applied = {i for i in self.applied if i >= floor}


def text_hash(text: str) -> str:
    """The hash a stored vector is tied to (16 hex digits of blake2b over the UTF-8 text)."""
    return hashlib.blake2b((text or "").encode("utf-8"), digest_size=8).hexdigest()


def embed_text(claim_text: str) -> str:
    """What a claim's vector is computed from: its text (the card's statement) as the encoder reads
    any text (`encoder_text`: the same as a message part). The stored vector's text_hash is of this,
    so a claim whose text reads differently is encoded again once."""
    return encoder_text(claim_text or "")


LOAD_BATCH = 20_000             # rows fetched at a time at start-up


def _raw_batches(conn, sql: str, params: tuple, batch: int = LOAD_BATCH):
    """Lists of plain tuples for `sql` (placeholders written `?`), read with the DBAPI cursor of
    `conn` inside its transaction: no SQLAlchemy row objects, which at 1M rows cost more than the
    query itself. PostgreSQL (psycopg) reads through a server-side cursor, so the result is never
    held whole in memory. Any other driver: the same SQL through SQLAlchemy."""
    style = conn.dialect.paramstyle
    if style not in ("qmark", "format", "pyformat"):
        parts = sql.split("?")
        named = "".join(p + (f":p{i}" if i < len(parts) - 1 else "") for i, p in enumerate(parts))
        res = conn.execute(sql_text(named), {f"p{i}": v for i, v in enumerate(params)})
        while rows := res.fetchmany(batch):
            yield [tuple(r) for r in rows]
        return
    if style != "qmark":
        sql = sql.replace("%", "%%").replace("?", "%s")
    raw = conn.connection.dbapi_connection
    if conn.dialect.name == "postgresql":
        cur = raw.cursor(name=f"claims_load_{threading.get_ident()}_{time.monotonic_ns()}")
        cur.itersize = batch
    else:
        cur = raw.cursor()
    try:
        cur.execute(sql, params)
        while rows := cur.fetchmany(batch):
            yield rows
    finally:
        cur.close()


def _claim_rows(conn):
    """(claim_id, normalized, title, lang, text, title_normalized) of every live claim, in id order,
    for `Matcher.build`; the text and title are read only where the stored normalised form is
    missing (the matcher normalises those), the claim is written in Ukrainian or Belarusian (its
    reversal checks read its words as written) or in English (its names as written, which the
    lower-cased normalised form loses, `english_claim_names`; a passive whose doer the role checks
    read first, `Matcher._role_tokens`), so a start-up reads the normalised strings only otherwise."""
    t = conn.dialect.identifier_preparer.quote(Claim.__tablename__)
    sql = (f"SELECT id, normalized, CASE WHEN title_normalized IS NULL OR title_normalized = '' THEN title END, "
           f"language, CASE WHEN normalized IS NULL OR normalized = '' OR language IN ('uk', 'be') "
           f"OR language = 'en' THEN text END, "
           f"title_normalized "
           f"FROM {t} WHERE merged_into_id IS NULL ORDER BY id")
    for rows in _raw_batches(conn, sql, ()):
        yield from rows          # NULLs are read as empty by Matcher.build


def _feed(matcher: Matcher) -> ChangeFeed:
    if matcher.feed is None:
        matcher.feed = ChangeFeed()
    return matcher.feed


def load_matcher(engine, settings=None, *, encoder: SentenceEncoder | None = None,
                 aliases: AliasTable | None = None) -> Matcher:
    """A matcher over every non-merged claim, with the stored vectors of `encoder` (stored vectors
    are never recomputed; when at most EMBED_ON_REFRESH claims have none — a new desk — they are
    computed and stored now, otherwise those claims are matched lexically until `claims db embed`,
    with one warning). Remembers the newest claimchange id. Rows of another encoder or dimension
    are ignored. Ends by settling the heap (`settle_heap`: the loaded index is left out of later
    full garbage collections)."""
    m = Matcher(settings, aliases=aliases, encoder=encoder)
    feed = _feed(m)
    with Session(engine) as session:
        conn = session.connection()
        max_id = conn.execute(select(func.max(ClaimChange.id))).scalar() or 0
        low = max(0, max_id - REFRESH_WINDOW)
        recent = [int(r[0]) for r in conn.execute(select(ClaimChange.id).where(ClaimChange.id > low))]
        m.build(_claim_rows(conn))
        if encoder is not None:
            loaded = load_vectors(session, m, encoder)
            # every live claim has at most one row of `encoder` (claim_id is the key), and
            # load_vectors keeps only live claims' rows: the rest have none yet
            missing = max(0, len(m) - loaded)
    own: list[int] = []
    if encoder is not None and 0 < missing <= EMBED_ON_REFRESH:
        # a new desk (the sample article, a few imported fact-checks): embed them now rather than
        # leave them lexical until `claims db embed`; a large backlog is left to that command
        try:
            embed_missing(engine, encoder, limit=missing)
            with Session(engine) as session:
                load_vectors(session, m, encoder)
                # the "embed" changes just announced to other processes are applied here already
                own = [int(i) for i, c in session.execute(
                    select(ClaimChange.id, ClaimChange.claim_id)
                    .where(ClaimChange.id > max_id, ClaimChange.kind == "embed")) if m.has_vector(int(c))]
        except Exception as exc:  # noqa: BLE001 - e.g. a read-only database: lexical until the backfill
            log.warning("could not store vectors for %d claims (%s); they are matched lexically until "
                        "`claims db embed`", missing, type(exc).__name__)
    elif encoder is not None and missing:
        log.warning("%d claims have no %s vector yet and are matched lexically; run `claims db embed`",
                    missing, encoder.name)
    now = time.monotonic()
    with feed.lock:
        feed.last_id = int(max_id)
        feed.applied = set(recent) | set(own)
        feed.gaps = {i: now for i in range(low + 1, int(max_id) + 1) if i not in feed.applied}
    settle_heap()
    return m


def settle_heap() -> None:
    """After start-up has built what the process keeps (the index, its vocabulary, word kinds and
    spelling buckets, the loaded models and dictionaries): collect once, then move every object
    alive into the garbage collector's permanent generation (`gc.freeze`), so that the full
    collections a running process still makes scan only what it allocated since. Nothing is
    leaked: frozen objects are still freed by their reference counts, and a second call (a matcher
    loaded again in one process) unfreezes first, so the first index, now garbage, is collected.
    At 100k claims (the speed bench) a full collection took 100–126 ms in the timed passes and landed
    on about one post in 40–60 (217 ms against 84–115 for the other 19 posts); with the heap settled
    they take 21–27 ms; one more collection at start-up, ~0.15 s (bench/RESULTS.md, speed16)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _decode(blob: bytes, dim: int) -> np.ndarray | None:
    return vectors_mod.decode(blob, dim)


def load_vectors(session: Session, matcher: Matcher, encoder: SentenceEncoder,
                 claim_ids: Sequence[int] | None = None, chunk: int = 65_536) -> int:
    """Attach stored vectors of `encoder` (all, or those of `claim_ids`) to the matcher; returns
    how many. A stored vector is a float32 scale + `dim` int8 codes (claims/match/vectors.py
    `to_bytes`; stores written before that hold float16, read as well). Read with the DBAPI
    cursor in chunks of `chunk` rows; each chunk's blobs are joined into one buffer, viewed as
    codes + scales (`from_bytes`) and copied into the matcher at once, claims the matcher does not
    hold (merged, deleted) dropped with one array test: no per-row numpy or SQLAlchemy work, nothing
    encoded or re-normalised, so 1M vectors load in seconds (bench/RESULTS.md "Claim matching:
    speed and memory"). Rows of another dimension are skipped."""
    conn = session.connection()
    dim = encoder.dim
    t = conn.dialect.identifier_preparer.quote(ClaimEmbedding.__tablename__)
    sql = f"SELECT claim_id, vector FROM {t} WHERE model = ? AND dim = ?"
    params: tuple = (encoder.name, dim)
    if claim_ids is not None:
        ids = sorted({int(c) for c in claim_ids})
        batches = []
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            batches.append((sql + f" AND claim_id IN ({', '.join('?' * len(part))})", params + tuple(part)))
    else:
        matcher.reserve_vectors(len(matcher))
        batches = [(sql + " ORDER BY claim_id", params)]
    known = matcher.claim_ids()
    q8, f16 = dim + 4, 2 * dim
    n = 0
    for q, p in batches:
        for rows in _raw_batches(session.connection(), q, p, chunk):
            if not rows:
                continue
            cids, blobs = zip(*rows)
            cids = np.fromiter(cids, dtype=np.int64, count=len(cids))
            buf = b"".join(blobs)
            if len(buf) == q8 * len(blobs):               # every row in the stored form: one view
                rec = np.frombuffer(buf, dtype=np.uint8).reshape(len(blobs), q8)
                keep = _known(known, cids)
                if not keep.all():
                    rec, cids = rec[keep], cids[keep]
                if len(cids):
                    codes, scales = vectors_mod.codes_of(rec, dim)
                    matcher.put_vector_codes(cids, codes, scales)
                n += len(cids)
                continue
            # a mix of forms (a store written before int8 codes): row by row, by length
            lens = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
            keep = _known(known, cids)
            sel = np.nonzero(keep & (lens == q8))[0]
            if len(sel):
                codes, scales = vectors_mod.from_bytes([blobs[i] for i in sel], dim)
                matcher.put_vector_codes(cids[sel], codes, scales)
            old = np.nonzero(keep & (lens == f16))[0]
            if len(old):
                matcher.put_vectors(cids[old], np.frombuffer(b"".join(blobs[i] for i in old),
                                                             dtype="<f2").reshape(-1, dim))
            n += len(sel) + len(old)
    return n


def _known(known: np.ndarray, cids: np.ndarray) -> np.ndarray:
    """Boolean mask: which of `cids` are in the sorted array `known`."""
    if not len(known):
        return np.zeros(len(cids), dtype=bool)
    pos = np.minimum(np.searchsorted(known, cids), len(known) - 1)
    return known[pos] == cids


def store_vectors(session: Session, encoder: SentenceEncoder, claims: Sequence[tuple[int, str]]) -> np.ndarray:
    """Encode (claim_id, text) pairs and upsert their rows (caller commits). Returns the vectors."""
    if not claims:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    vecs = encoder.encode([embed_text(t) for _, t in claims])
    now = utcnow()
    rows = [{"claim_id": int(cid), "model": encoder.name, "dim": encoder.dim, "text_hash": text_hash(embed_text(t)),
             "vector": blob, "created_at": now}
            for (cid, t), blob in zip(claims, vectors_mod.to_bytes(vecs))]
    # An upsert, not delete + insert: two workers starting on one new store both embed its first
    # claims, and the second must replace the first's row rather than fail on the primary key.
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    stmt = dialect_insert(ClaimEmbedding.__table__)
    stmt = stmt.on_conflict_do_update(index_elements=["claim_id"],
                                      set_={k: stmt.excluded[k] for k in ("model", "dim", "text_hash", "vector", "created_at")})
    session.execute(stmt, rows)
    return vecs


def _missing_query(encoder: SentenceEncoder, after: int = 0):
    have = select(ClaimEmbedding.claim_id).where(ClaimEmbedding.model == encoder.name,
                                                 ClaimEmbedding.dim == encoder.dim)
    return (select(Claim.id, Claim.text).where(Claim.merged_into_id.is_(None), Claim.id > after,
                                               Claim.id.not_in(have))
            .order_by(Claim.id))


def count_missing_vectors(session: Session, encoder: SentenceEncoder) -> int:
    """How many live claims have no vector of `encoder` yet."""
    q = _missing_query(encoder).subquery()
    return int(session.execute(select(func.count()).select_from(q)).scalar() or 0)


def embed_missing(engine, encoder: SentenceEncoder, *, batch: int = EMBED_BATCH, limit: int | None = None,
                  progress: Callable[[int], None] | None = None) -> int:
    """Backfill: compute and store the vector of every live claim that has none for `encoder`,
    `batch` claims per transaction, so an interrupted run resumes where it stopped (what is
    committed stays). Each batch appends claimchange rows (kind "embed"), so processes already
    running pick the new vectors up on their next `follow_changes` and match those claims
    semantically from then on. `progress(n)` is called after each batch with the number just stored.
    Returns how many vectors were stored. Each batch starts after the last claim id of the one
    before (keyset), so a run over 1M claims does not re-scan the claims already done."""
    done = 0
    after = 0
    while limit is None or done < limit:
        size = batch if limit is None else min(batch, limit - done)
        with Session(engine) as session:
            rows = [(int(r[0]), r[1] or "") for r in session.execute(_missing_query(encoder, after).limit(size))]
            if not rows:
                break
            store_vectors(session, encoder, rows)
            # tell the running bots and web workers: their follow_changes() loads these vectors
            session.execute(insert(ClaimChange.__table__), [{"claim_id": cid, "kind": "embed", "created_at": utcnow()}
                                                             for cid, _ in rows])
            session.commit()
        after = rows[-1][0]
        done += len(rows)
        if progress is not None:
            progress(len(rows))
    return done


# every match and search runs it: built once (building and keying it cost more than running it)
_CHANGES_SINCE = (select(ClaimChange.id, ClaimChange.claim_id, ClaimChange.kind)
                  .where(ClaimChange.id > bindparam("floor")).order_by(ClaimChange.id))


def follow_changes(session: Session, matcher: Matcher) -> int:
    """Apply claim writes of other processes (claimchange rows not seen yet) to the matcher: re-index
    added / edited claims (their stored vector too, or a new one computed and stored when the
    claim has none or its text changed, at most EMBED_ON_REFRESH per call), drop deleted and merged
    ones. Returns how many claims were re-indexed or removed. One indexed query when nothing
    changed."""
    feed = _feed(matcher)
    with feed.lock:
        floor = min([feed.last_id] + [g - 1 for g in feed.gaps])
        last = feed.last_id
    conn = session.connection()
    rows = conn.execute(_CHANGES_SINCE, {"floor": floor}).all()
    fresh = [(int(r[0]), int(r[1])) for r in rows if int(r[0]) not in feed.applied]
    # claims whose only news is a stored vector (`claims db embed`): their text is indexed already
    vector_only = ({int(r[1]) for r in rows if int(r[0]) not in feed.applied and r[2] == "embed"}
                   - {int(r[1]) for r in rows if int(r[0]) not in feed.applied and r[2] != "embed"})
    now = time.monotonic()
    if not fresh:
        feed.expire(now)
        return 0
    claim_ids = sorted({c for _, c in fresh})
    claims: dict[int, tuple] = {}
    for i in range(0, len(claim_ids), 500):
        part = claim_ids[i:i + 500]
        for r in conn.execute(select(Claim.id, Claim.normalized, Claim.title, Claim.language,
                                     Claim.text, Claim.merged_into_id, Claim.title_normalized)
                              .where(Claim.id.in_(part))).all():
            claims[int(r[0])] = tuple(r)
    prepared: dict[int, tuple[str, str, str, str] | None] = {}
    for cid in claim_ids:
        r = claims.get(cid)
        if r is None or r[5] is not None:
            prepared[cid] = None
            continue
        lang = r[3] if r[3] in ("ru", "en") else "ru"
        norm = r[1] or normalize(r[4] or "", lang, aliases=matcher.aliases)
        tnorm = r[6] or (normalize(r[2], lang, aliases=matcher.aliases) if r[2] else "")
        prepared[cid] = (norm, tnorm, r[3] or "ru", r[4] or "")      # (uk, be: indexed as ru)
    for cid, p in prepared.items():
        if p is None:
            matcher.remove_claim(cid)
        elif not (cid in vector_only and cid in matcher):
            matcher.add_claim(cid, *p)
    live = [cid for cid, p in prepared.items() if p is not None]
    if matcher.encoder is not None and live:
        _refresh_vectors(session, matcher, {cid: claims[cid][4] or "" for cid in live})
    with feed.lock:
        seen_ids = [i for i, _ in fresh]
        feed.applied.update(seen_ids)
        new_last = max(last, max(seen_ids))
        present = set(feed.applied)
        for i in range(last + 1, new_last + 1):
            if i not in present:
                feed.gaps.setdefault(i, now)
        for i in seen_ids:
            feed.gaps.pop(i, None)
        feed.last_id = new_last
        feed.expire(now)
    return len(prepared)


def _refresh_vectors(session: Session, matcher: Matcher, texts: dict[int, str]) -> None:
    """Stored vectors for changed claims; compute the missing or stale ones (bounded) in a
    separate short transaction, so the caller's session is left as it was."""
    enc = matcher.encoder
    conn = session.connection()
    stored: dict[int, tuple[str, bytes]] = {}
    ids = sorted(texts)
    for i in range(0, len(ids), 500):
        for cid, h, blob in conn.execute(
                select(ClaimEmbedding.claim_id, ClaimEmbedding.text_hash, ClaimEmbedding.vector)
                .where(ClaimEmbedding.claim_id.in_(ids[i:i + 500]), ClaimEmbedding.model == enc.name,
                       ClaimEmbedding.dim == enc.dim)):
            stored[int(cid)] = (h, blob)
    ok_ids, ok_vecs, todo = [], [], []
    for cid in ids:
        s = stored.get(cid)
        v = _decode(s[1], enc.dim) if s and s[0] == text_hash(embed_text(texts[cid])) else None
        if v is not None:
            ok_ids.append(cid)
            ok_vecs.append(v)
        else:
            todo.append(cid)
    if ok_ids:
        matcher.put_vectors(ok_ids, np.vstack(ok_vecs))
    todo = todo[:EMBED_ON_REFRESH]
    if not todo:
        return
    try:
        with Session(session.get_bind()) as writer:
            vecs = store_vectors(writer, enc, [(cid, texts[cid]) for cid in todo])
            writer.commit()
        matcher.put_vectors(todo, vecs)
    except Exception:  # a read-only replica or a lost race: the backfill will do it
        log.warning("could not store vectors for %d new claims; `claims db embed` will", len(todo),
                    exc_info=True)
