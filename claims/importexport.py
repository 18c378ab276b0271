"""Bulk import of fact-checks (JSONL/CSV) and exports (JSONL backup, CSV, schema.org ClaimReview).

The JSONL export is also a full backup: `claims import` of it restores articles, claims,
sources, verdict history and followers.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import insert
from sqlmodel import Session, col, select

from .errors import InvalidInput
from .models import Article, Claim, ClaimChange, Source, Subscription, VerdictHistory, utcnow
from .serialize import claim_to_dict, history_to_dict, source_to_dict
from .services.sources import STANCES
from .verdicts import BEST_RATING, WORST_RATING, Verdict, info, parse_verdict

MAX_TEXT = 5000
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%d.%m.%Y", "%Y/%m/%d")


@dataclass
class ImportReport:
    read: int = 0
    added: int = 0
    skipped: int = 0  # already present (same external id, or same text with no id)
    articles: int = 0
    sources: int = 0
    history: int = 0
    followers: int = 0
    claim_ids: list[int] = field(default_factory=list)


def parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    text = " ".join(re.sub(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)", " ", text).split())  # "21February"
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unrecognised date {text[:40]!r} (use YYYY-MM-DD)")


def _read_records(path: Path, fmt: str | None) -> Iterator[tuple[int, dict]]:
    """(line number, record) pairs; a malformed line raises InvalidInput naming it."""
    fmt = fmt or ("csv" if path.suffix.lower() in (".csv", ".tsv") else "jsonl")
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as err:
        raise InvalidInput(f"cannot read {path}: {err.strerror}") from None
    with handle:
        try:
            if fmt == "csv":
                dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
                reader = csv.DictReader(handle, dialect=dialect)
                if not reader.fieldnames or "text" not in reader.fieldnames:
                    raise InvalidInput(f"{path}: line 1: the CSV header must have a 'text' column")
                for row in reader:
                    yield reader.line_num, {k: v for k, v in row.items() if k is not None}
            else:
                for number, line in enumerate(handle, 1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as err:
                        raise InvalidInput(f"{path}: line {number}: not valid JSON ({err.msg})") from None
                    if not isinstance(record, dict):
                        raise InvalidInput(f"{path}: line {number}: expected a JSON object")
                    yield number, record
        except UnicodeDecodeError:
            raise InvalidInput(f"{path}: not UTF-8 text") from None


def _clean_claim(number: int, rec: dict, where: str) -> dict:
    def bad(msg: str) -> InvalidInput:
        return InvalidInput(f"{where}: line {number}: {msg}")

    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad("missing 'text'")
    if len(text) > MAX_TEXT:
        raise bad(f"'text' is longer than {MAX_TEXT} characters")
    ext = rec["external_id"] if "external_id" in rec else rec.get("id")
    ext = None if ext in (None, "") else str(ext)[:512]
    try:
        verdict = parse_verdict(rec["verdict"]).value if rec.get("verdict") else Verdict.UNVERIFIED.value
    except InvalidInput as err:
        raise bad(str(err)) from None
    try:
        claim_date = parse_date(rec.get("date") or rec.get("claim_date"))
    except ValueError as err:
        raise bad(str(err)) from None
    url = rec.get("url") or rec.get("review_url")
    for name, value in (("title", rec.get("title")), ("speaker", rec.get("speaker")), ("url", url)):
        if value is not None and not isinstance(value, str):
            raise bad(f"'{name}' must be a string")
    out = {
        "text": text.strip(), "external_id": ext, "title": (rec.get("title") or "").strip() or None,
        "verdict": verdict, "verdict_summary": rec.get("verdict_summary") or None,
        "review_url": url or None, "claim_date": claim_date,
        "speaker": (rec.get("speaker") or "").strip()[:512] or None,
        "language": rec.get("language") if rec.get("language") in ("ru", "en") else None,
        "article_hash": rec.get("article_hash"),
        "kind": rec.get("kind") if rec.get("kind") in ("statement", "plan") else "statement",
        "due": str(rec["due"])[:128] if rec.get("due") else None,
    }
    entities = rec.get("entities") or []
    position = rec.get("position")
    worth = rec.get("checkworthiness", 1.0)
    if not isinstance(entities, list) or (position is not None and not isinstance(position, int)) or not isinstance(
            worth, (int, float)):
        raise bad("'entities' must be a list, 'position' a whole number and 'checkworthiness' a number")
    out.update(entities=json.dumps(entities, ensure_ascii=False), position=position,
               checkworthiness=min(1.0, max(0.0, float(worth))),
               verdict_updated_at=_dt(rec.get("verdict_updated_at"), None))
    sources = rec.get("sources") or []
    history = rec.get("history") or []
    followers = rec.get("followers") or []
    if not all(isinstance(x, list) for x in (sources, history, followers)):
        raise bad("'sources', 'history' and 'followers' must be lists")
    for s in sources:
        if not isinstance(s, dict) or not s.get("url") or s.get("stance") not in STANCES:
            raise bad("each source needs a 'url' and a 'stance' of supports, refutes or context")
    for h in history:
        if not isinstance(h, dict) or "new_verdict" not in h:
            raise bad("each history entry needs 'new_verdict'")
    for f in followers:
        if not isinstance(f, dict) or not isinstance(f.get("user_id"), int):
            raise bad("each follower needs a numeric 'user_id'")
    out.update(sources=sources, history=history, followers=followers)
    return out


def import_file(
    session: Session,
    path: str | Path,
    *,
    fmt: str | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int = 5000,
) -> ImportReport:
    """Validate every line first, then write everything in one transaction (all or nothing)."""
    from .normalize import detect_language, normalize

    path = Path(path)
    if not path.is_file():
        raise InvalidInput(f"no such file: {path}")
    articles: list[dict] = []
    claims: list[dict] = []
    for number, rec in _read_records(path, fmt):
        if rec.get("type") == "article":
            if not rec.get("text") or not rec.get("content_hash"):
                raise InvalidInput(f"{path}: line {number}: an article needs 'text' and 'content_hash'")
            articles.append(rec)
        else:
            claims.append(_clean_claim(number, rec, str(path)))
    report = ImportReport(read=len(claims))
    if not claims and not articles:
        raise InvalidInput(f"{path}: no records found")

    article_ids: dict[str, int] = {}
    for rec in articles:
        existing = session.exec(select(Article).where(Article.content_hash == rec["content_hash"])).first()
        if existing is None:
            existing = Article(url=rec.get("url"), title=rec.get("title"),
                               author=str(rec["author"])[:256] if rec.get("author") else None,
                               language=rec.get("language") or "ru",
                               published=parse_date(rec.get("published")), text=rec["text"],
                               content_hash=rec["content_hash"])
            session.add(existing)
            session.flush()
            report.articles += 1
        article_ids[rec["content_hash"]] = existing.id

    seen_ext: set[str] = set()
    seen_text: set[str] = set()
    table = Claim.__table__
    now = utcnow()
    for start in range(0, len(claims), chunk):
        batch = claims[start:start + chunk]
        exts = [c["external_id"] for c in batch if c["external_id"]]
        known = set(session.exec(select(Claim.external_id).where(col(Claim.external_id).in_(exts)))) if exts else set()
        plain = [c["text"] for c in batch if not c["external_id"]]
        known_text = set(session.exec(select(Claim.text).where(col(Claim.text).in_(plain),
                                                              col(Claim.external_id).is_(None)))) if plain else set()
        rows, extras = [], []
        for c in batch:
            key_ext, key_text = c["external_id"], c["text"]
            if (key_ext and (key_ext in known or key_ext in seen_ext)) or (
                    not key_ext and (key_text in known_text or key_text in seen_text)):
                report.skipped += 1
                continue
            if key_ext:
                seen_ext.add(key_ext)
            else:
                seen_text.add(key_text)
            lang = c["language"] or detect_language(c["text"] + " " + (c["title"] or ""))
            rows.append({
                "text": c["text"], "normalized": normalize(c["text"], lang), "title": c["title"],
                "title_normalized": normalize(c["title"], lang) if c["title"] else "",
                "speaker": c["speaker"], "entities": c["entities"], "checkworthiness": c["checkworthiness"],
                "position": c["position"], "language": lang, "verdict": c["verdict"],
                "kind": c["kind"], "due": c["due"],
                "verdict_summary": c["verdict_summary"],
                "verdict_updated_at": c["verdict_updated_at"] or (
                    now if c["verdict"] != Verdict.UNVERIFIED.value else None),
                "external_id": c["external_id"], "review_url": c["review_url"], "claim_date": c["claim_date"],
                "article_id": article_ids.get(c["article_hash"] or ""), "created_at": now, "updated_at": now,
            })
            extras.append(c)
        if rows:
            ids = list(session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                                       rows).scalars())
            session.execute(insert(ClaimChange.__table__), [{"claim_id": i, "kind": "add", "created_at": now}
                                                            for i in ids])
            report.claim_ids.extend(ids)
            _restore_children(session, ids, extras, report)
        report.added += len(rows)
        if progress:
            progress(len(batch))
    session.commit()
    return report


def _restore_children(session: Session, ids: list[int], extras: list[dict], report: ImportReport) -> None:
    sources, history, followers = [], [], []
    for cid, c in zip(ids, extras):
        for s in c["sources"]:
            sources.append({"claim_id": cid, "url": s["url"][:2048], "stance": s["stance"], "note": s.get("note"),
                            "status": s.get("status") or "pending", "submitter_id": s.get("submitter_id"),
                            "reviewer_name": s.get("reviewer"), "review_reason": s.get("review_reason"),
                            "created_at": _dt(s.get("created_at")), "reviewed_at": _dt(s.get("reviewed_at"), None)})
        for h in c["history"]:
            history.append({"claim_id": cid, "old_verdict": h.get("old_verdict") or "unverified",
                            "new_verdict": h["new_verdict"], "by": h.get("by") or "import",
                            "by_user_id": h.get("by_user_id"), "reason": h.get("reason") or "",
                            "override": bool(h.get("override")), "created_at": _dt(h.get("created_at"))})
        for f in c["followers"]:
            followers.append({"claim_id": cid, "user_id": f["user_id"], "chat_id": f.get("chat_id") or f["user_id"],
                              "created_at": _dt(f.get("created_at"))})
    for model, rows, attr in ((Source, sources, "sources"), (VerdictHistory, history, "history"),
                              (Subscription, followers, "followers")):
        if rows:
            session.execute(insert(model.__table__), rows)
            setattr(report, attr, getattr(report, attr) + len(rows))


def _dt(value: Any, default: Any = "now") -> datetime | None:
    if value:
        try:
            parsed = datetime.fromisoformat(str(value))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=utcnow().tzinfo)
        except ValueError:
            pass
    return utcnow() if default == "now" else default


# ---------------------------------------------------------------- export

def _claims_with_articles(session: Session, reviewed_only: bool = False) -> Iterator[tuple[Claim, Article | None]]:
    arts = {a.id: a for a in session.exec(select(Article))}
    stmt = select(Claim).where(col(Claim.merged_into_id).is_(None)).order_by(Claim.id)
    if reviewed_only:
        stmt = stmt.where(Claim.verdict != Verdict.UNVERIFIED.value)
    for claim in session.exec(stmt.execution_options(yield_per=2000)):
        yield claim, arts.get(claim.article_id)


def export_jsonl(session: Session, out: TextIO) -> int:
    """Articles first, then one line per claim with its sources, history and followers."""
    for art in session.exec(select(Article).order_by(Article.id)):
        out.write(json.dumps({"type": "article", "id": art.id, "url": art.url, "title": art.title,
                              "author": art.author, "language": art.language, "published": art.published.isoformat() if art.published
                              else None, "content_hash": art.content_hash, "text": art.text},
                             ensure_ascii=False) + "\n")
    by_claim: dict[str, dict[int, list]] = {"sources": {}, "history": {}, "followers": {}}
    for s in session.exec(select(Source).order_by(Source.id)):
        by_claim["sources"].setdefault(s.claim_id, []).append(source_to_dict(s))
    for h in session.exec(select(VerdictHistory).order_by(VerdictHistory.id)):
        by_claim["history"].setdefault(h.claim_id, []).append(history_to_dict(h))
    for f in session.exec(select(Subscription).order_by(Subscription.id)):
        by_claim["followers"].setdefault(f.claim_id, []).append(
            {"user_id": f.user_id, "chat_id": f.chat_id, "created_at": f.created_at.isoformat()})
    n = 0
    for claim, art in _claims_with_articles(session):
        row = claim_to_dict(claim, art)
        row["article_hash"] = art.content_hash if art else None
        for key, index in by_claim.items():
            row[key] = index.get(claim.id, [])
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


CSV_FIELDS = ["id", "text", "title", "speaker", "verdict", "verdict_summary", "external_id", "url", "date",
              "article_url"]


def export_csv(session: Session, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    n = 0
    for claim, art in _claims_with_articles(session):
        writer.writerow({"id": claim.id, "text": claim.text, "title": claim.title or "", "speaker": claim.speaker or "",
                         "verdict": claim.verdict, "verdict_summary": claim.verdict_summary or "",
                         "external_id": claim.external_id or "", "url": claim.review_url or "",
                         "date": claim.claim_date.isoformat() if claim.claim_date else "",
                         "article_url": art.url if art and art.url else ""})
        n += 1
    return n


def claimreview(claim: Claim, article: Article | None, base_url: str | None = None) -> dict[str, Any]:
    """schema.org ClaimReview for one reviewed claim."""
    v = info(claim.verdict)
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": v.alternate_name,
                              "bestRating": BEST_RATING, "worstRating": WORST_RATING}
    if v.rating is not None:
        rating["ratingValue"] = v.rating
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.speaker:
        item["author"] = {"@type": "Person" if " " in claim.speaker and claim.speaker[:1].isupper()
                          else "Organization", "name": claim.speaker}
    appearance = (article.url if article and article.url else None)
    if appearance:
        item["appearance"] = {"@type": "CreativeWork", "url": appearance}
    if claim.claim_date or (article and article.published):
        item["datePublished"] = (claim.claim_date or article.published).isoformat()
    reviewed_at = claim.verdict_updated_at or claim.updated_at
    url = claim.review_url or (f"{base_url.rstrip('/')}/claims/{claim.id}" if base_url else None)
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "reviewRating": rating,
        "datePublished": reviewed_at.date().isoformat(),
    }
    if url:
        doc["url"] = url
    if claim.verdict_summary:
        doc["reviewBody"] = claim.verdict_summary
    return doc


def export_claimreview(session: Session, out: TextIO, base_url: str | None = None) -> int:
    docs = [claimreview(c, a, base_url) for c, a in _claims_with_articles(session, reviewed_only=True)]
    json.dump(docs, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(docs)

