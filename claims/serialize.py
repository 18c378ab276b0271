"""The stable JSON shapes (documented in README.md); the CLI, exports and tests all use these."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from .models import Article, Claim, Source, VerdictHistory
from .verdicts import info


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def claim_to_dict(claim: Claim, article: Article | None = None) -> dict[str, Any]:
    v = info(claim.verdict)
    return {
        "id": claim.id,
        "text": claim.text,
        "title": claim.title,
        "speaker": claim.speaker,
        "verdict": claim.verdict,
        "verdict_label": {"ru": v.label_ru, "en": v.label_en},
        "verdict_summary": claim.verdict_summary,
        "verdict_updated_at": _iso(claim.verdict_updated_at),
        "external_id": claim.external_id,
        "review_url": claim.review_url,
        "article_id": claim.article_id,
        "article_url": article.url if article else None,
        "article_title": article.title if article else None,
        "language": claim.language,
        "checkworthiness": round(claim.checkworthiness, 3),
        "position": claim.position,
        "kind": claim.kind,
        "due": claim.due,
        "entities": json.loads(claim.entities or "[]"),
        "claim_date": _iso(claim.claim_date),
        "merged_into": claim.merged_into_id,
        "created_at": _iso(claim.created_at),
        "updated_at": _iso(claim.updated_at),
    }


def source_to_dict(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "claim_id": source.claim_id,
        "url": source.url,
        "stance": source.stance,
        "note": source.note,
        "status": source.status,
        "submitter_id": source.submitter_id,
        "reviewer": source.reviewer_name,
        "review_reason": source.review_reason,
        "created_at": _iso(source.created_at),
        "reviewed_at": _iso(source.reviewed_at),
    }


def history_to_dict(entry: VerdictHistory) -> dict[str, Any]:
    return {
        "id": entry.id,
        "claim_id": entry.claim_id,
        "old_verdict": entry.old_verdict,
        "new_verdict": entry.new_verdict,
        "by": entry.by,
        "by_user_id": entry.by_user_id,
        "reason": entry.reason,
        "override": entry.override,
        "created_at": _iso(entry.created_at),
    }
