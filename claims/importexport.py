"""Bulk import of fact-checks (JSONL, CSV, .xlsx) and exports (JSONL backup, CSV, schema.org ClaimReview).

The JSONL export is the full backup of claims/backup.py; `import_file` recognises its header and
restores it with its ids. Everything else is a fact-check file, checked value by value against
the schema (claims/validation.py) before anything is written; spreadsheets are read by
claims/sheets.py.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import insert
from sqlmodel import Session, col, select

from .claimreview import Publisher, claim_review
from .errors import Conflict, InvalidInput
from .textclean import clean_text
from .models import Article, Claim, ClaimChange, Source, Subscription, VerdictHistory, utcnow
from .urls import url_key
from .validation import Problems, check_field, rule
from .verdicts import Verdict, parse_verdict

MAX_TEXT = 5000


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
    backup: bool = False  # a full backup was restored (ids kept)
    restored: dict[str, int] = field(default_factory=dict)  # rows per table, for a backup


def _read_jsonl(path: Path, problems: Problems) -> Iterator[tuple[int, dict]]:
    """(line number, record) pairs; a malformed line is added to `problems` and skipped."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as err:
        raise InvalidInput(f"cannot read {path}: {err.strerror}") from None
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as err:
                    hint = "; a JSON array? write one JSON object a line (JSONL)" if number == 1 and line.lstrip()[:1] == "[" else ""
                    problems.add(number, "record", f"not valid JSON ({err.msg}){hint}")
                    continue
                if not isinstance(record, dict):
                    problems.add(number, "record", "a JSON array: write one JSON object a line (JSONL)"
                                 if isinstance(record, list) else "expected a JSON object, one a line (JSONL)")
                    continue
                yield number, record
        except UnicodeDecodeError:
            raise InvalidInput(f"{path}: not UTF-8 text (a JSONL file must be UTF-8)") from None


ZIP_MAGIC = b"PK\x03\x04"  # .xlsx (a zip of XML), whatever the file is called
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97–2003 .xls (and other old Office files)


def _read_records(path: Path, fmt: str | None, problems: Problems) -> Iterator[tuple[int, dict]]:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_MAGIC):
        raise InvalidInput(f"{path}: an old Excel .xls workbook (or another pre-2007 Office file); open it in "
                           f"Excel or LibreOffice, save it as .xlsx or CSV, and import that")
    if fmt is None and head.startswith(ZIP_MAGIC):
        fmt = "xlsx"  # an .xlsx saved or renamed as .csv/.txt/.jsonl
    suffix = path.suffix.lower()
    fmt = fmt or ("xlsx" if suffix in (".xlsx", ".xlsm") else "csv" if suffix in (".csv", ".tsv", ".txt")
                  else "jsonl" if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[", b"")
                  else "csv")  # JSON lines start with "{"; anything else under another name is a table
    if fmt == "jsonl":
        return _read_jsonl(path, problems)
    from .sheets import read_sheet

    return read_sheet(path, fmt)


_CLAIM_FIELDS = (  # record key -> column it is stored in (checked by that column's rule)
    ("title", Claim, "title"), ("speaker", Claim, "speaker"), ("verdict_summary", Claim, "verdict_summary"),
    ("verdict_updated_at", Claim, "verdict_updated_at"), ("position", Claim, "position"),
    ("article_hash", Article, "content_hash"), ("due", Claim, "due"),
)
CLAIM_KINDS = ("statement", "plan")
CLAIM_LANGUAGES = ("ru", "uk", "be", "en")     # a claim's `language` (uk and be normalised as ru)
_SOURCE_FIELDS = (("url", "url"), ("stance", "stance"), ("note", "note"), ("status", "status"),
                  ("submitter_id", "submitter_id"), ("reviewer", "reviewer_name"),
                  ("review_reason", "review_reason"), ("created_at", "created_at"), ("reviewed_at", "reviewed_at"))
_HISTORY_FIELDS = (("old_verdict", "old_verdict"), ("new_verdict", "new_verdict"), ("by", "by"),
                   ("by_user_id", "by_user_id"), ("reason", "reason"), ("override", "override"),
                   ("created_at", "created_at"))
_FOLLOWER_FIELDS = (("user_id", "user_id"), ("chat_id", "chat_id"), ("created_at", "created_at"))
_ARTICLE_FIELDS = ("url", "title", "author", "language", "published", "content_hash", "text")


def _check_children(number: int, rec: dict, key: str, model: Any, fields: tuple, problems: Problems,
                    required: tuple[str, ...]) -> list[dict]:
    items = rec.get(key) or []
    if not isinstance(items, list):
        problems.add(number, key, "must be a list")
        return []
    out = []
    for i, item in enumerate(items):
        label = f"{key}[{i}]"
        if not isinstance(item, dict):
            problems.add(number, label, "must be an object")
            continue
        row = {}
        for name, column in fields:
            if name in required and item.get(name) in (None, ""):
                problems.add(number, f"{label}.{name}", "is missing")
                continue
            if item.get(name) is None:
                continue
            row[column] = check_field(problems, number, f"{label}.{name}", rule(model, column), item[name])
        out.append(row)
    return out


def _clean_claim(number: int, rec: dict, problems: Problems) -> dict | None:
    """One fact-check record checked against the Claim/Source/VerdictHistory/Subscription columns;
    None (with the problems recorded) when anything is wrong."""
    before = problems.total
    text = rec.get("text")
    if text is not None and not isinstance(text, str):
        problems.add(number, "text", f"must be text, got {str(text)[:40]!r}")
        text = None
    elif not isinstance(text, str) or not text.strip():
        problems.add(number, "text", "is missing")
    else:
        text = check_field(problems, number, "text", rule(Claim, "text"), text, max_len=MAX_TEXT)
        if text is not None and not text.strip():
            problems.add(number, "text", "holds only invisible characters")
    ext = rec["external_id"] if "external_id" in rec else rec.get("id")
    if ext not in (None, ""):
        ext = check_field(problems, number, "id", rule(Claim, "external_id"), str(ext).strip())
    verdict = Verdict.UNVERIFIED.value
    if rec.get("verdict"):
        try:
            verdict = parse_verdict(str(rec["verdict"])).value
        except InvalidInput as err:
            problems.add(number, "verdict", str(err))
    claim_date = None
    raw_date = rec.get("date") or rec.get("claim_date")
    if raw_date:
        claim_date = check_field(problems, number, "date", rule(Claim, "claim_date"), raw_date)
    url = rec.get("url") or rec.get("review_url")
    out: dict[str, Any] = {"text": (text or "").strip(), "external_id": ext or None, "verdict": verdict,
                           "claim_date": claim_date}
    out["review_url"] = check_field(problems, number, "url", rule(Claim, "review_url"), url) if url else None
    for key, model, column in _CLAIM_FIELDS:
        value = rec.get(key)
        out[key] = check_field(problems, number, key, rule(model, column), value) if value not in (None, "") \
            else None
    for key in ("title", "speaker", "verdict_summary"):
        out[key] = (out[key] or "").strip() or None
    out["language"] = rec.get("language") if rec.get("language") in CLAIM_LANGUAGES else None
    if text is not None and text.strip():
        # what matching and search read it by: a text with no word to find it by (only emoji, signs or
        # the most common words) is refused, as everywhere a claim is added (services.catalog.claim_words)
        from .normalize import normalize, written_language     # (the NLP models load on first use, not at import)

        out["language"] = out["language"] or written_language(out["text"] + " " + (out["title"] or ""))
        out["normalized"] = normalize(out["text"], out["language"])
        if not out["normalized"] and not (out["title"] and normalize(out["title"], out["language"])):
            # (a headline with words finds it: CheckThat!'s verified claims include «The» titled "3 Musketeers")
            problems.add(number, "text", "has no words to find the claim by (only emoji, signs or the most "
                                         "common words), nor has its title")
    out["kind"] = rec.get("kind") or "statement"
    if out["kind"] not in CLAIM_KINDS:
        problems.add(number, "kind", f"must be one of {', '.join(CLAIM_KINDS)}, got {str(out['kind'])[:40]!r}")
    entities = rec.get("entities") or []
    if not isinstance(entities, list):
        problems.add(number, "entities", "must be a list")
    worth = rec.get("checkworthiness", 1.0)
    worth = check_field(problems, number, "checkworthiness", rule(Claim, "checkworthiness"), worth)
    out.update(entities=json.dumps(_clean_strings(entities), ensure_ascii=False), checkworthiness=min(1.0, max(0.0, worth or 0.0)))
    out["sources"] = _check_children(number, rec, "sources", Source, _SOURCE_FIELDS, problems, ("url", "stance"))
    out["history"] = _check_children(number, rec, "history", VerdictHistory, _HISTORY_FIELDS, problems,
                                     ("new_verdict",))
    out["followers"] = _check_children(number, rec, "followers", Subscription, _FOLLOWER_FIELDS, problems,
                                       ("user_id",))
    for key, column in (("sources", "url"), ("followers", "user_id")):  # uq_source_claim_url, uq_subscription_…
        seen: dict[Any, int] = {}
        for i, item in enumerate(out[key]):
            value = item.get(column)
            if value is not None and value in seen:
                problems.add(number, f"{key}[{i}].{column}", f"the same as {key}[{seen[value]}] of this claim")
            seen.setdefault(value, i)
    return out if problems.total == before else None


def _clean_strings(value: Any) -> Any:
    """Every string inside a JSON value through `clean_text` (NUL, control and bidi characters out)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean_strings(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): _clean_strings(v) for k, v in value.items()}
    return value


def _clean_article(number: int, rec: dict, problems: Problems) -> dict | None:
    before = problems.total
    out = {}
    for name in _ARTICLE_FIELDS:
        if name in ("text", "content_hash") and not rec.get(name):
            problems.add(number, name, "is missing (an article needs 'text' and 'content_hash')")
            continue
        out[name] = check_field(problems, number, name, rule(Article, name), rec.get(name))
    return out if problems.total == before else None


def import_file(
    session: Session,
    path: str | Path,
    *,
    fmt: str | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int = 5000,
    dry_run: bool = False,
) -> ImportReport:
    """Check every line first, then write everything in one transaction (all or nothing).

    A file that starts with a backup header (`claims export --format jsonl`) is a backup:
    it is restored with its ids into an empty database (`claims.backup.restore_backup`).
    Anything else is a fact-check file (JSONL, CSV or .xlsx): claims are added, skipping those
    already present. Every problem is collected and raised together as InvalidImport
    (`line N: field: what is wrong`); with `dry_run` nothing is written either way.
    """
    from .backup import check_backup, database_is_empty, is_backup_header, restore_backup
    from .normalize import normalize, written_language

    path = Path(path)
    if not path.is_file():
        raise InvalidInput(f"no such file: {path}")
    problems = Problems(str(path))
    records = _read_records(path, fmt, problems)
    first = next(records, None)
    if first is not None and is_backup_header(first[1]):
        plan = check_backup(itertools.chain([first], records), problems, bind=session.connection())
        problems.raise_if_any()
        if not database_is_empty(session, plan.tables):
            raise Conflict(f"{path} is a full backup and the database already holds data; restore it into an "
                           f"empty database (set DATABASE_URL to a new one)")
        counts = plan.counts()
        report = ImportReport(read=counts.get("claim", 0), added=counts.get("claim", 0),
                              articles=counts.get("article", 0), sources=counts.get("source", 0),
                              history=counts.get("verdicthistory", 0), followers=counts.get("subscription", 0),
                              backup=True, restored=counts)
        if not dry_run:
            restore_backup(session, plan)
        return report

    articles: list[dict] = []
    claims: list[dict] = []
    for number, rec in itertools.chain([first] if first else [], records):
        if rec.get("type") == "article":
            art = _clean_article(number, rec, problems)
            if art is not None:
                articles.append(art)
        else:
            claim = _clean_claim(number, rec, problems)
            if claim is not None:
                claims.append(claim)
    problems.raise_if_any()
    report = ImportReport(read=len(claims))
    if not claims and not articles:
        raise InvalidInput(f"{path}: no records found")
    if dry_run:
        report.added = len(claims)
        report.articles = len(articles)
        return report

    article_ids: dict[str, int] = {}
    for rec in articles:
        existing = session.exec(select(Article).where(Article.content_hash == rec["content_hash"])).first()
        if existing is None:
            existing = Article(url=rec.get("url"), url_key=url_key(rec.get("url")), title=rec.get("title"),
                               author=rec.get("author"), language=rec.get("language") or "ru",
                               published=rec.get("published"), text=rec["text"],
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
            lang = c["language"]
            rows.append({
                "text": c["text"], "normalized": c["normalized"], "title": c["title"],
                "title_normalized": normalize(c["title"], lang) if c["title"] else "",
                "speaker": c["speaker"], "entities": c["entities"], "checkworthiness": c["checkworthiness"],
                "position": c["position"], "language": lang, "verdict": c["verdict"],
                "kind": c["kind"], "due": c["due"],
                "verdict_summary": c["verdict_summary"],
                "verdict_updated_at": c["verdict_updated_at"] or (
                    now if c["verdict"] != Verdict.UNVERIFIED.value else None),
                "external_id": c["external_id"], "review_url": c["review_url"], "claim_date": c["claim_date"],
                "review_url_key": url_key(c["review_url"]),
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
    """Sources, verdict history and followers nested in fact-check records (the pre-backup format)."""
    now = utcnow()
    sources, history, followers = [], [], []
    for cid, c in zip(ids, extras):
        for s in c["sources"]:
            sources.append({"claim_id": cid, "url": s["url"], "url_key": url_key(s["url"]), "stance": s["stance"], "note": s.get("note"),
                            "status": s.get("status") or "pending", "submitter_id": s.get("submitter_id"),
                            "reviewer_name": s.get("reviewer_name"), "review_reason": s.get("review_reason"),
                            "created_at": s.get("created_at") or now, "reviewed_at": s.get("reviewed_at")})
        for h in c["history"]:
            history.append({"claim_id": cid, "old_verdict": h.get("old_verdict") or "unverified",
                            "new_verdict": h["new_verdict"], "by": h.get("by") or "import",
                            "by_user_id": h.get("by_user_id"), "reason": h.get("reason") or "",
                            "override": bool(h.get("override")), "created_at": h.get("created_at") or now})
        for f in c["followers"]:
            followers.append({"claim_id": cid, "user_id": f["user_id"], "chat_id": f.get("chat_id") or f["user_id"],
                              "created_at": f.get("created_at") or now})
    for model, rows, attr in ((Source, sources, "sources"), (VerdictHistory, history, "history"),
                              (Subscription, followers, "followers")):
        if rows:
            session.execute(insert(model.__table__), rows)
            setattr(report, attr, getattr(report, attr) + len(rows))


# ---------------------------------------------------------------- export

def _claims_with_articles(session: Session, reviewed_only: bool = False) -> Iterator[tuple[Claim, Article | None]]:
    arts = {a.id: a for a in session.exec(select(Article))}
    stmt = select(Claim).where(col(Claim.merged_into_id).is_(None)).order_by(Claim.id)
    if reviewed_only:
        stmt = stmt.where(Claim.verdict != Verdict.UNVERIFIED.value)
    for claim in session.exec(stmt.execution_options(yield_per=2000)):
        yield claim, arts.get(claim.article_id)


def export_jsonl(session: Session, out: TextIO) -> int:
    """The full backup (`claims.backup.export_backup`: every row of every table, with ids);
    returns the number of claims written, merged duplicates included."""
    from .backup import export_backup

    return export_backup(session, out).get("claim", 0)


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


def export_claimreview(session: Session, out: TextIO, publisher: Publisher) -> int:
    """A JSON array of the ClaimReview of every published claim (see claims/claimreview.py)."""
    sources: dict[int, list[str]] = {}
    for claim_id, url in session.exec(select(Source.claim_id, Source.url).where(Source.status == "approved")
                                      .order_by(Source.id)):
        sources.setdefault(claim_id, []).append(url)
    docs = [claim_review(c, a, publisher, sources.get(c.id, ()))
            for c, a in _claims_with_articles(session, reviewed_only=True)]
    json.dump(docs, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(docs)
