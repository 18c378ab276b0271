"""The `claims` command line: ingest, import, list, show, search, match, verdict, export, backup, db."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import ClaimsError, InvalidInput
from .settings import Settings, load_settings

app = typer.Typer(help="Fact-checking claim tracker: store, match and export checked claims.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for machines instead of text for people.")]


@dataclass
class Env:
    """What every command needs, built once when the program starts."""

    settings: Settings
    stale_normalization: bool = False

    @cached_property
    def engine(self):
        from sqlmodel import Session

        from .db import open_database
        from .services.reindex import normalization_is_stale

        engine = open_database(self.settings.database_url)
        with Session(engine) as session:
            self.stale_normalization = normalization_is_stale(session)
        return engine

    @cached_property
    def encoder(self):
        from .match import load_encoder

        return load_encoder(self.settings.encoder)

    @cached_property
    def matcher(self):
        from .services.match_index import load_matcher
        from .services.reindex import STALE_MESSAGE

        engine = self.engine
        if self.stale_normalization:
            print(f"warning: {STALE_MESSAGE}", file=sys.stderr)
        return load_matcher(engine, self.settings, encoder=self.encoder)

    def session(self):
        from sqlmodel import Session

        return Session(self.engine, expire_on_commit=False)


def _env(ctx: typer.Context) -> Env:
    return ctx.obj


@app.callback()
def _start(ctx: typer.Context) -> None:
    from .normalize import configure_aliases

    settings = load_settings()
    configure_aliases(settings.aliases_file)
    ctx.obj = Env(settings)


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=None) + "\n")


def read_text_file(path: Path, encoding: str | None) -> str:
    """Decode an article file: the given encoding, else UTF-8, else a detected one (cp1251 is common)."""
    from .textfile import decode_text, read_bytes

    return decode_text(read_bytes(path), path, encoding)[0]


def _claim_line(d: dict) -> str:
    speaker = f"{d['speaker']}: " if d.get("speaker") else ""
    return f"#{d['id']} [{d['verdict']}]{_kind_mark(d)} {speaker}{d['text']}"


def _kind_mark(d: dict) -> str:
    """' (plan, due в январе)' for a plan; nothing for a statement (the common case)."""
    if d.get("kind") != "plan":
        return ""
    return f" (plan, due {d['due']})" if d.get("due") else " (plan)"


class ClaimKind(str, Enum):
    statement = "statement"
    plan = "plan"


class Lang(str, Enum):
    ru = "ru"
    en = "en"


@app.command()
def ingest(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(
        metavar="SOURCE", help="Article: a text file (UTF-8, cp1251, KOI8-R …), a saved .html page or an "
                               "http(s):// URL.")],
    url: Annotated[Optional[str], typer.Option(help="Where the article was published (default for a web "
                                                    "page: its canonical URL).")] = None,
    title: Annotated[Optional[str], typer.Option(help="Headline (default: the page's title or the first "
                                                      "line).")] = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date, YYYY-MM-DD (default for a web "
                                                          "page: its date).")] = None,
    lang: Annotated[Optional[Lang], typer.Option(help="Language (default: detected).")] = None,
    encoding: Annotated[Optional[str], typer.Option(help="Text file encoding (default: detected).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Extract the claims of a news article and store them (running it twice adds nothing)."""
    from .nlp import get_nlp
    from .serialize import claim_to_dict
    from .services.ingest import ingest_article, ingest_web_article
    from .textclean import clean_text
    from .webpage import is_html_file, is_url

    env = _env(ctx)
    pub = None
    if published:
        try:
            pub = date.fromisoformat(published)
        except ValueError:
            raise InvalidInput(f"--published must be a date like 2025-07-12, got {published!r}") from None
    web = is_url(source) or is_html_file(Path(source))
    text = None if web else clean_text(read_text_file(Path(source), encoding))
    with env.session() as session:
        common = {"url": url, "title": title, "published": pub, "lang": lang.value if lang else None,
                  "nlp": get_nlp(), "threshold": env.settings.checkworthiness_threshold}
        if web:
            result = ingest_web_article(session, source, timeout=env.settings.fetch_timeout_seconds,
                                        max_bytes=env.settings.fetch_max_bytes, **common)
        else:
            result = ingest_article(session, text, **common)
        claims = [claim_to_dict(c, result.article) for c in result.claims]
    art = result.article
    if as_json:
        _print_json({"article": {"id": art.id, "url": art.url, "title": art.title, "author": art.author,
                                 "published": art.published.isoformat() if art.published else None,
                                 "language": art.language, "created": result.created},
                     "claims": claims})
        return
    head = "stored" if result.created else "already stored"
    print(f"Article #{art.id} {head}: {art.title or Path(source).name} ({art.language}, {len(claims)} claims)")
    if web:
        byline = ", ".join(x for x in (art.author, art.published.isoformat() if art.published else None, art.url)
                           if x)
        if byline:
            print(f"  {byline}")
    for d in claims:
        print("  " + _claim_line(d))


class ImportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help=(
        "A `claims export --format jsonl` backup, or fact-checks as JSONL, CSV (any encoding; `,` `;` or tab) or "
        ".xlsx with a text column and optional id, title, verdict, url, date, speaker (English or Russian headers)."))],
    fmt: Annotated[Optional[ImportFormat], typer.Option("--format", help="Default: from the file name.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check the file and print the report; write nothing.")]
    = False,
    as_json: JsonOpt = False,
) -> None:
    """Bulk-import fact-checks, or restore a full backup into an empty database (ids kept)."""
    from rich.progress import Progress

    from .importexport import import_file

    env = _env(ctx)
    if not file.is_file():
        raise InvalidInput(f"no such file: {file}")
    size = file.stat().st_size
    show = not as_json and not dry_run and sys.stderr.isatty() and size > 2_000_000
    with env.session() as session:
        if show:
            with Progress(transient=True) as bar:
                task = bar.add_task("importing", total=None)
                report = import_file(session, file, fmt=fmt.value if fmt else None,
                                     progress=lambda n: bar.advance(task, n))
        else:
            report = import_file(session, file, fmt=fmt.value if fmt else None, dry_run=dry_run)
    summary = {k: getattr(report, k) for k in ("read", "added", "skipped", "articles", "sources", "history",
                                                "followers")}
    summary.update(backup=report.backup, dry_run=dry_run)
    if report.backup:
        summary["tables"] = report.restored
    if as_json:
        _print_json(summary)
        return
    if dry_run:
        what = "a full backup" if report.backup else "fact-checks"
        counts = (", ".join(f"{n} {t}" for t, n in report.restored.items() if n) if report.backup
                  else f"{report.read} claims" + (f", {report.articles} articles" if report.articles else ""))
        print(f"Dry run: {file} is {what} with no problems ({counts}); nothing was written.")
    elif report.backup:
        print(f"Restored the backup {file} with its ids: "
              + ", ".join(f"{n} {t}" for t, n in report.restored.items() if n))
    else:
        print(f"Imported {report.added} claims from {file} ({report.skipped} already present"
              + (f"; {report.articles} articles, {report.sources} sources, {report.history} verdict changes, "
                 f"{report.followers} followers restored" if report.articles or report.sources or report.history
                 or report.followers else "") + ")")


@app.command("list")
def list_(
    ctx: typer.Context,
    verdict: Annotated[Optional[str], typer.Option(help="Only claims with this verdict.")] = None,
    article: Annotated[Optional[int], typer.Option(help="Only claims of this article id.")] = None,
    kind: Annotated[Optional[ClaimKind], typer.Option(
        help="Only statements (checkable now) or plans (announced commitments).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: JsonOpt = False,
) -> None:
    """List stored claims."""
    from .services.catalog import list_claims, load_claims
    from .serialize import claim_to_dict

    env = _env(ctx)
    with env.session() as session:
        claims = list_claims(session, verdict=verdict, article_id=article, kind=kind.value if kind else None,
                             limit=limit, offset=offset)
        loaded = load_claims(session, [c.id for c in claims])
        rows = [claim_to_dict(*loaded[c.id]) for c in claims]
    if as_json:
        _print_json(rows)
        return
    if not rows:
        print("No claims.")
    for d in rows:
        print(_claim_line(d))


@app.command()
def show(ctx: typer.Context, claim_id: Annotated[str, typer.Argument(metavar="ID")], as_json: JsonOpt = False) -> None:
    """Show one claim with its article, sources and verdict history."""
    from .serialize import claim_to_dict, history_to_dict, source_to_dict
    from .services.catalog import claim_card
    from .verdicts import info

    env = _env(ctx)
    with env.session() as session:
        card = claim_card(session, claim_id)
        d = claim_to_dict(card.claim, card.article)
        d["sources"] = [source_to_dict(s) for s in card.sources]
        d["history"] = [history_to_dict(h) for h in card.history]
        d["followers"] = card.followers
    if as_json:
        _print_json(d)
        return
    if card.requested_id:
        print(f"(claim #{card.requested_id} was merged into #{d['id']})")
    print(_claim_line(d))
    if d["title"]:
        print(f"  fact-check: {d['title']}")
    if d["article_id"]:
        print(f"  article #{d['article_id']}: {d['article_title'] or ''} {d['article_url'] or ''}".rstrip())
    print(f"  verdict: {info(d['verdict']).label_en}" + (f" — {d['verdict_summary']}" if d["verdict_summary"] else ""))
    print(f"  kind: {d['kind']}" + (f", due {d['due']}" if d.get("due") else ""))
    if d["review_url"]:
        print(f"  review: {d['review_url']}")
    for s in d["sources"]:
        print(f"  source [{s['stance']}] {s['url']}" + (f" — {s['note']}" if s["note"] else ""))
    for h in d["history"]:
        print(f"  {h['created_at'][:16]} {h['old_verdict']} → {h['new_verdict']} by {h['by']}: {h['reason']}")


def _print_results(result: dict, as_json: bool) -> None:
    if as_json:
        _print_json(result)
        return
    for link in result.get("links", []):
        print(f"link ({link['via']}) {_claim_line(link['claim'])}")
    if not result["results"] and not result.get("links"):
        print("No matching claims.")
    for r in result["results"]:
        flag = ""
        if r.get("contradicts"):
            flag = " (possibly contradicts: " + ", ".join(r.get("reasons") or ()) + ")" if r.get("reasons") \
                else " (possibly contradicts)"
        if r.get("cross_language"):
            flag += f" (across languages: {r.get('language') or result.get('language')} → {r['claim'].get('language')})"
        print(f"{r['score']:5.1f} {r['relation']:<7} {_claim_line(r['claim'])}{flag}")


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words to look for.")],
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
    as_json: JsonOpt = False,
) -> None:
    """Keyword search over stored claims."""
    from .services.matching import search_claims

    env = _env(ctx)
    with env.session() as session:
        result = search_claims(session, env.matcher, query, limit=limit).to_dict()
    _print_results(result, as_json)


@app.command()
def match(
    ctx: typer.Context,
    text: Annotated[Optional[str], typer.Argument(help="The message to check.")] = None,
    stdin: Annotated[bool, typer.Option("--stdin", help="Read one message a line; write one JSON object a line.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=100)] = 5,
    min_score: Annotated[Optional[float], typer.Option(min=0, max=100, help=(
        "Return candidates scoring at least this (0: every ranked candidate, for evaluation)."))] = None,
    as_json: JsonOpt = False,
) -> None:
    """Does a message repeat a stored claim? Prints matches, possibly related claims, and the claims
    its links lead to (an ingested article's URL, a fact-check's review URL, an approved source)."""
    from .services.matching import match_message

    from .serialize import claim_to_dict
    from .services.links import claims_for_links

    def check(session, message: str) -> dict:
        result = match_message(session, env.matcher, message, limit=limit, min_score=min_score).to_dict()
        result["links"] = [{"url": m.url, "via": m.via, "claim": claim_to_dict(m.claim, m.article)}
                           for m in claims_for_links(session, message, limit=limit)]
        return result

    env = _env(ctx)
    if stdin == (text is not None):
        raise InvalidInput("give either TEXT or --stdin")
    with env.session() as session:
        if not stdin:
            _print_results(check(session, text), as_json)
            return
        for line in sys.stdin:
            message = line.rstrip("\n")
            result = check(session, message)
            if as_json:
                _print_json(result)
            else:
                _print_results(result, False)
            sys.stdout.flush()


@app.command()
def verdict(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(metavar="ID")],
    value: Annotated[str, typer.Argument(metavar="VERDICT", help=(
        "unverified, true, mostly_true, mixed, misleading, mostly_false, false, unproven"))],
    reason: Annotated[str, typer.Option(help="Why (kept in the verdict history).")],
    by: Annotated[str, typer.Option(help="Who decided.")] = "cli",
    summary: Annotated[Optional[str], typer.Option(help="Verdict summary shown on the card.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Set a claim's verdict; the change is appended to its history and followers are notified."""
    from .serialize import history_to_dict
    from .services.verdicts import set_verdict

    env = _env(ctx)
    with env.session() as session:
        entry = set_verdict(session, claim_id, value, reason=reason, by=by, summary=summary)
        d = history_to_dict(entry)
    if as_json:
        _print_json(d)
    else:
        print(f"Claim #{d['claim_id']}: {d['old_verdict']} → {d['new_verdict']} ({d['reason']})")


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    claimreview = "claimreview"


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="jsonl (full backup), csv, or claimreview "
                                                                 "(schema.org JSON-LD of reviewed claims).")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    base_url: Annotated[Optional[str], typer.Option(help="Public URL prefix for ClaimReview urls "
                                                        "(default: PUBLIC_BASE_URL).")] = None,
) -> None:
    """Export claims."""
    from .claimreview import Publisher
    from .importexport import export_claimreview, export_csv, export_jsonl

    env = _env(ctx)
    publisher = None
    if fmt is ExportFormat.claimreview:
        if base_url is not None:
            from .settings import public_url

            try:
                base_url = public_url(base_url)
            except ValueError as err:
                raise InvalidInput(f"--base-url: {err}") from None
        publisher = Publisher.from_settings(env.settings, base_url=base_url)
        if publisher.base_url is None:
            print("warning: PUBLIC_BASE_URL is not set (nor --base-url): ClaimReview objects get no page url",
                  file=sys.stderr)
    tmp = None
    out = sys.stdout
    if output is not None:
        tmp = output.with_name(output.name + ".part")
        try:
            out = tmp.open("w", encoding="utf-8", newline="")
        except OSError as err:
            raise InvalidInput(f"cannot write {output}: {err.strerror}") from None
    try:
        with env.session() as session:
            if fmt is ExportFormat.jsonl:
                n = export_jsonl(session, out)
            elif fmt is ExportFormat.csv:
                n = export_csv(session, out)
            else:
                n = export_claimreview(session, out, publisher)
    except BaseException:
        if tmp is not None:
            out.close()
            tmp.unlink(missing_ok=True)
        raise
    if tmp is not None:
        out.close()
        tmp.replace(output)
        print(f"Exported {n} claims to {output}", file=sys.stderr)


@app.command()
def backup(ctx: typer.Context, path: Annotated[Path, typer.Argument(help="Where to write the copy.")]) -> None:
    """Consistent copy of an SQLite database while it is in use (PostgreSQL: use pg_dump)."""
    from .backup import backup_database

    env = _env(ctx)
    size = backup_database(env.engine, path)
    print(f"Backed up to {path} ({size / 1e6:.1f} MB)")


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the public pages (claim pages with ClaimReview, search, feed, sitemap) with uvicorn."""
    import uvicorn

    from .web import create_app

    env = _env(ctx)
    engine = env.engine  # reaches the database and upgrades the schema first: a clear error if it cannot
    matcher = env.matcher
    web = create_app(env.settings, engine, matcher)
    print(f"Serving the public pages on http://{host}:{port}/ (Ctrl-C stops)", file=sys.stderr)
    try:
        uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False, proxy_headers=True)
    except OSError as err:
        raise InvalidInput(f"cannot listen on {host}:{port}: {err.strerror or err}") from None


@db_app.command("reindex")
def db_reindex(ctx: typer.Context) -> None:
    """Re-normalise every stored claim (run it after editing the alias table)."""
    from .services.reindex import renormalize_claims

    from rich.progress import Progress
    from sqlalchemy import func
    from sqlmodel import select

    from .models import Claim

    env = _env(ctx)
    with env.session() as session:
        total = session.exec(select(func.count()).select_from(Claim)).one()
        if sys.stderr.isatty() and total > 20_000:    # about a millisecond a claim
            with Progress(transient=True) as bar:
                task = bar.add_task("re-normalising", total=total)
                changed = renormalize_claims(session, progress=lambda n: bar.advance(task, n))
        else:
            changed = renormalize_claims(session)
    print(f"Re-normalised claims: {changed} changed.")


@db_app.command("embed")
def db_embed(
    ctx: typer.Context,
    batch: Annotated[int, typer.Option(min=1, max=10_000, help="Claims per transaction.")] = 256,
) -> None:
    """Compute the sentence-encoder vector of every claim that has none (after `claims import`, or
    after changing ENCODER). Resumable: stop it at any time, run it again to continue."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .services.match_index import count_missing_vectors, embed_missing

    env = _env(ctx)
    encoder = env.encoder
    if encoder is None:
        raise InvalidInput(f"no sentence encoder loaded (ENCODER={env.settings.encoder!r}); "
                           "see the warning above, or set ENCODER=use-m3")
    with env.session() as session:
        total = count_missing_vectors(session, encoder)
    if total == 0:
        print(f"Every claim has a {encoder.name} vector.")
        return
    with Progress(TextColumn("embedding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("embed", total=total)
        done = embed_missing(env.engine, encoder, batch=batch, progress=lambda n: bar.advance(task, n))
    print(f"Stored {done} {encoder.name} vectors.")


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Bring the database schema up to date (every other command does this by itself)."""
    from .db import is_current, make_engine, upgrade

    engine = make_engine(_env(ctx).settings.database_url)
    upgrade(engine)
    print("Database is up to date." if is_current(engine) else "Upgrade did not reach the newest revision.")


def main() -> None:
    try:
        app()
    except ClaimsError as err:
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except BrokenPipeError:
        raise SystemExit(0) from None
    except Exception as err:
        # imported here, not at the top: `claims --help` and bad arguments answer without SQLAlchemy
        from .retry import error_line, is_transient

        if not is_transient(err):
            raise
        # the server went away during the command (a restart, a dropped connection): one line, no
        # traceback, no SQL parameters; the command is not rerun (it may have written part of its work)
        print(f"error: the database is unavailable: {error_line(err)}", file=sys.stderr)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
