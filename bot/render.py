"""Claims as Telegram HTML: always escaped (`esc`; names `isolate`d in FSI…PDI, README.md *Hostile
text*), always under the limits (`pack`, `fit` in UTF-16 units; `callback` 64 bytes); with
PUBLIC_BASE_URL (`set_page_base`) cards of a published claim link to its public page (`page_line`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from html import escape, unescape
from urllib.parse import SplitResult, urlsplit

from claims.claimreview import is_published
from claims.i18n import Raw, t
from claims.verdicts import known
from claims.verdicts import label_of as verdict_label  # the moderation cards read it from here too

MAX_MESSAGE = 4096
MAX_CALLBACK = 64

_TAG = re.compile(r"<[^>]*>")
# Bidi controls: embeddings and overrides, isolates, the marks LRM/RLM and the Arabic letter mark.
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
FSI, PDI = "\u2068", "\u2069"


def esc(value: object) -> str:
    """Text for the body of an HTML message (bidi controls dropped)."""
    return escape(BIDI_RE.sub("", "" if value is None else str(value)), quote=False)


def isolate(name: str | None, limit: int = 80) -> str:
    """A name `cut` to `limit` in FSI…PDI (its direction stays inside); plain text, not escaped; "" if empty."""
    text = cut(name, limit)
    return f"{FSI}{text}{PDI}" if text else ""


def tg_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def cut(text: str | None, limit: int) -> str:
    """Plain text shortened to `limit` characters on a word boundary where possible (not escaped)."""
    text = " ".join(BIDI_RE.sub("", text or "").split())
    if len(text) <= limit:
        return text
    head = text[: max(1, limit - 1)]
    space = head.rfind(" ")
    if space > limit * 0.6:
        head = head[:space]
    return head.rstrip(" ,.;:—-") + "…"


def html_to_text(html: str) -> str:
    """What a reader sees of our HTML: links as ``label (url)``; used by the console and tests."""
    html = re.sub(r'<a href="([^"]*)">(.*?)</a>',
                  lambda m: m.group(2) if unescape(m.group(1)) in unescape(m.group(2))
                  else f"{m.group(2)} ({m.group(1)})", html, flags=re.S)
    return unescape(_TAG.sub("", html))


def fit(html: str, limit: int = MAX_MESSAGE) -> str:
    """`html` if short enough, else shortened as plain text (cut markup could leave a tag open), escaped."""
    if tg_len(html) <= limit:
        return html
    plain = html_to_text(html)
    best, lo, hi = "", 1, min(len(plain), limit)
    while lo <= hi:  # the longest cut whose escaped form fits (escaping and emoji make it longer)
        mid = (lo + hi) // 2
        out = esc(cut(plain, mid))
        if tg_len(out) <= limit:
            best, lo = out, mid + 1
        else:
            hi = mid - 1
    return best


def pack(blocks: Iterable[str], limit: int = MAX_MESSAGE, sep: str = "\n\n") -> list[str]:
    """Join blocks into as few messages as possible, each under `limit`, cutting only between blocks."""
    messages: list[str] = []
    for block in filter(None, (fit(b.strip("\n"), limit) for b in blocks)):
        if messages and tg_len(f"{messages[-1]}{sep}{block}") <= limit:
            messages[-1] = f"{messages[-1]}{sep}{block}"
        else:
            messages.append(block)
    return messages


_page_base: str | None = None


def set_page_base(base_url: str | None) -> None:
    """PUBLIC_BASE_URL (None: no page links); called by build_application."""
    global _page_base
    _page_base = base_url.rstrip("/") if base_url else None


def page_line(claim, lang: str) -> str | None:  # noqa: ANN001  (claims.models.Claim or None)
    """``🌐 <a href="…/claims/12">…</a>``; None without PUBLIC_BASE_URL or a page (`is_published`)."""
    if not _page_base or claim is None or not is_published(claim):
        return None
    return t(lang, "card.page", link=Raw(link(f"{_page_base}/claims/{int(claim.id)}", t(lang, "card.page_label"))))


def callback(*parts: object) -> str:
    """``callback_data`` from short parts; raises if Telegram would refuse it (over 64 bytes)."""
    data = ":".join(str(p) for p in parts)
    if len(data.encode("utf-8")) > MAX_CALLBACK:
        raise ValueError(f"callback_data over {MAX_CALLBACK} bytes: {data[:80]!r}")
    return data


def _split(url: str | None) -> SplitResult:
    try:
        return urlsplit(url or "")
    except ValueError:  # an invalid address is shown as text
        return urlsplit("")


def link(url: str | None, label: str | None = None) -> str:
    """A link for http(s) URLs; anything else is shown as (escaped) text and is not clickable."""
    parts = _split(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return esc(cut(label or url, 200)) if url else esc(label or "")
    return f'<a href="{escape(url, quote=True)}">{esc(cut(label or parts.hostname, 200))}</a>'


def host(url: str | None) -> str:
    return (_split(url).hostname or "").removeprefix("www.")


def day(value: date | datetime | None, *, with_time: bool = False) -> str:
    return value.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d") if value else ""


def verdict_badge(verdict: str, lang: str) -> str:
    """``🔴 <b>ложь</b>`` — badge and label of a verdict code."""
    info = known(verdict)
    return f"{info.badge} <b>{esc(info.label(lang))}</b>" if info else f"<b>{esc(verdict)}</b>"


def verdict_state(verdict: str, lang: str) -> str:
    """The badge, and for a claim without a finding what that means (unproven is never "false")."""
    badge = verdict_badge(verdict, lang)
    return f"{badge} — {t(lang, f'verdict.state.{verdict}')}" if verdict in ("unverified", "unproven") else badge


def claim_quote(claim, limit: int = 600) -> str:  # noqa: ANN001  (claims.models.Claim)
    return esc(cut(claim.text, limit))


def claim_command(claim_id: int) -> str:
    """``/claim_12``: Telegram makes it tappable, and the bot answers it with the full card."""
    return f"/claim_{claim_id}"


def search_card(n: int, item, lang: str) -> str:  # noqa: ANN001  (claims.services.matching.MatchItem)
    """A search result: badge, speaker, the claim, score, the /claim_N command."""
    claim = item.claim
    speaker = f" · <i>{esc(isolate(claim.speaker, 80))}</i>" if claim.speaker else ""
    return t(lang, "card.short", n=n, badge=Raw(verdict_badge(claim.verdict, lang)), speaker=Raw(speaker),
             text=Raw(claim_quote(claim, 300)), cmd=claim_command(claim.id),
             score="" if item.score is None else f"{round(item.score)}%")


def claim_line(claim, lang: str) -> str:  # noqa: ANN001
    """One line for lists such as /following."""
    return t(lang, "card.line", badge=Raw(verdict_badge(claim.verdict, lang)), text=cut(claim.text, 160),
             cmd=claim_command(claim.id))


def _quoted(claim, lang: str, limit: int) -> str:  # noqa: ANN001
    """«claim» — <i>speaker</i>"""
    if claim.speaker:
        return t(lang, "match.claim_by", text=Raw(claim_quote(claim, limit)), speaker=isolate(claim.speaker, 120))
    return t(lang, "match.claim", text=Raw(claim_quote(claim, limit)))


def _article(article, lang: str, key: str = "match.article", limit: int = 120,  # noqa: ANN001
             **values: object) -> list[str]:
    """The article's line (`key`), if it has a URL or title."""
    if article is None or not (article.url or article.title):
        return []
    return [t(lang, key, link=Raw(link(article.url, cut(article.title or article.url, limit))), **values)]


def match_card(n: int, item, lang: str) -> str:  # noqa: ANN001  (MatchItem)
    """A claim a message repeats (or resembles): verdict, claim, notes, article, and the similarity —
    or, found through a link of the message (`item.via`), what that link is."""
    claim, via = item.claim, getattr(item, "via", None)
    lines = [t(lang, "match.head" if item.relation == "match" else "match.head_related", n=n,
               badge=Raw(verdict_state(claim.verdict, lang))), _quoted(claim, lang, 500)]
    lines += [t(lang, key, n=n) for key, shown in (
        ("match.contradicts", item.contradicts), ("match.follow_offer", claim.verdict == "unverified"),
        ("match.cross_language", getattr(item, "cross_language", False)), (f"match.via.{via}", via)) if shown]
    lines += _article(item.article, lang)
    score = "" if via or item.score is None else f"{round(item.score)}%"  # found through a link: not compared
    lines.append(t(lang, "match.footer_link" if via else "match.footer", sources=item.approved_sources, score=score,
                   cmd=claim_command(claim.id)))
    return "\n".join(filter(None, [*lines, page_line(claim, lang)]))


def posted_card(item, lang: str) -> str:  # noqa: ANN001  (MatchItem)
    """A card posted through inline mode: verdict, claim, summary, article, sources, number."""
    claim = item.claim
    lines = [verdict_state(claim.verdict, lang), _quoted(claim, lang, 800)]
    if claim.verdict_summary:
        lines.append(f"<i>{esc(cut(claim.verdict_summary, 600))}</i>")
    lines += _article(item.article, lang)
    return fit("\n".join([*lines, t(lang, "inline.footer", sources=item.approved_sources, id=claim.id)]))


def full_card(card, lang: str) -> list[str]:  # noqa: ANN001  (claims.services.catalog.ClaimCard)
    """The /claim card as blocks for `pack(sep="\\n")`, so long lists split cleanly."""
    claim, article = card.claim, card.article
    plan = ""
    if getattr(claim, "kind", "statement") == "plan":
        plan = t(lang, "card.plan_due", due=cut(claim.due, 128)) if claim.due else t(lang, "card.plan")
    updated = t(lang, "card.updated", date=day(claim.verdict_updated_at)) if claim.verdict_updated_at else ""
    blocks = [t(lang, "card.merged", old=card.requested_id, new=claim.id)
              if card.requested_id and card.requested_id != claim.id else "",
              t(lang, "card.title", id=claim.id), f"«{claim_quote(claim, 2000)}»",
              t(lang, "card.speaker", speaker=isolate(claim.speaker, 200)) if claim.speaker else "", plan,
              *_article(article, lang, "card.article", 200,
                        when=f", {day(article.published)}" if article and article.published else ""),
              "\n" + t(lang, "card.verdict", badge=Raw(verdict_state(claim.verdict, lang)), updated=Raw(updated)),
              f"<i>{esc(cut(claim.verdict_summary, 1000))}</i>" if claim.verdict_summary else "",
              t(lang, "card.review", link=Raw(link(claim.review_url))) if claim.review_url else "",
              page_line(claim, lang),
              "\n" + (t(lang, "card.sources", n=len(card.sources)) if card.sources else t(lang, "card.no_sources"))]
    blocks += [t(lang, "card.source", stance=t(lang, f"stance.{src.stance}"),
                 link=Raw(link(src.url, host(src.url) or src.url)),
                 note=Raw(f" — {esc(cut(src.note, 200))}" if src.note else "")) for src in card.sources]
    if card.history:
        blocks.append("\n" + t(lang, "card.history"))
        blocks += [t(lang, "card.history_line", date=day(h.created_at), old=verdict_label(h.old_verdict, lang),
                     new=verdict_label(h.new_verdict, lang), reason=cut(h.reason, 300)) for h in card.history]
    if card.followers:
        blocks.append("\n" + t(lang, "card.followers", n=card.followers))
    return [b for b in blocks if b]


def inline_title(claim, lang: str) -> str:  # noqa: ANN001
    """Plain-text title of an inline result (Telegram shows it unformatted)."""
    info = known(claim.verdict)
    return cut(f"{f'{info.badge} {info.label(lang)}' if info else claim.verdict}: {claim.text}", 120)
