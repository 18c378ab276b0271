"""Hostile text (NUL bytes, control and bidi characters) is cleaned on every write path, on both databases.

PostgreSQL refuses a NUL byte in text and SQLite stores it, so without cleaning the two databases
would disagree; a right-to-left override in a tip would reach other people's search results.
"""

from __future__ import annotations

from sqlmodel import select

from claims.models import AuditLog, Claim, Moderator, Source, Tip, VerdictHistory

NUL = "\x00"
RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"
HOSTILE = f"Пре{NUL}зидент {RLO}заявил{PDI} о {LRI}росте{PDI} цен\u200b"
CLEAN = "Президент заявил о росте цен"


def _no_hidden(value: str | None) -> None:
    assert value is not None
    for ch in (NUL, RLO, LRI, PDI, "\u200b"):
        assert ch not in value, repr(value)


def test_tip_source_claim_verdict_and_names_are_stored_clean(session):
    from claims.services.catalog import add_claim, edit_claim
    from claims.services.moderators import Actor, add_moderator, authorize
    from claims.services.sources import review_source, submit_source
    from claims.services.tips import convert_tip, save_tip
    from claims.services.verdicts import set_verdict

    tip = save_tip(session, HOSTILE, salt="s", user_id=5, origin_title=f"Канал{NUL} {RLO}новостей")
    session.expire_all()
    stored = session.get(Tip, tip.id)
    assert stored.text == CLEAN
    assert stored.origin_title == "Канал новостей"

    outcome = convert_tip(session, tip.id, actor_id=1, actor_name=f"Мод{NUL}ератор{RLO}")
    assert outcome.claim.text == CLEAN and outcome.tip.handled_by == "Модератор"

    claim = add_claim(session, f"Цены{NUL} выросли {RLO}на 10%", speaker=f"Мин{NUL}фин\u2066")
    assert (claim.text, claim.speaker) == ("Цены выросли на 10%", "Минфин")
    edit_claim(session, claim.id, f"Цены выросли{NUL} на 12%{PDI}", actor_id=1, actor_name=f"a{NUL}b")

    src = submit_source(session, claim.id, f"https://minfin.example/{RLO}report", "refutes",
                        f"Отчёт{NUL} {RLO}Минфина", submitter_id=5, submitter_name=f"Иван{NUL} {LRI}Петров{PDI}")
    review_source(session, src.id, True, reviewer_id=1, reviewer_name=f"Мод{NUL}", reason=f"ок{NUL}{RLO}")
    set_verdict(session, claim.id, "false", reason=f"Отчёт{NUL} опровергает{RLO}", by=f"desk{NUL}{LRI}",
                summary=f"Ложь{NUL}{PDI}")
    add_moderator(session, Actor(1, "admin", "admin"), 77, name=f"Новый{NUL} {RLO}модератор")
    try:
        authorize(session, 99, f"Зло{NUL}{RLO}умышленник", admin_ids=[1], action="/queue")
    except Exception:
        pass

    session.expire_all()
    rows: list[str | None] = []
    for s in session.exec(select(Source)):
        rows += [s.url, s.note, s.submitter_name, s.reviewer_name, s.review_reason]
    for c in session.exec(select(Claim)):
        rows += [c.text, c.normalized, c.verdict_summary, c.speaker]
    for h in session.exec(select(VerdictHistory)):
        rows += [h.by, h.reason]
    for a in session.exec(select(AuditLog)):
        rows += [x for x in (a.actor_name, a.before, a.after) if x is not None]
    rows += [m.name for m in session.exec(select(Moderator))]
    assert len([v for v in rows if v]) >= 20
    for value in rows:
        if value is not None:
            _no_hidden(value)
    src_row = session.exec(select(Source)).one()
    assert (src_row.note, src_row.submitter_name) == ("Отчёт Минфина", "Иван Петров")
    assert src_row.url == "https://minfin.example/report"
    assert session.exec(select(VerdictHistory)).one().reason == "Отчёт опровергает"
    names = {a.actor_name for a in session.exec(select(AuditLog))}
    assert "Злоумышленник" in names


def test_a_tip_of_only_invisible_characters_is_refused_as_empty(session):
    import pytest

    from claims.errors import InvalidInput
    from claims.services.tips import save_tip

    with pytest.raises(InvalidInput, match="empty"):
        save_tip(session, f"{NUL}{RLO}\u200b {PDI}", salt="s", user_id=1)
    assert session.exec(select(Tip)).all() == []


def test_a_message_cut_inside_an_emoji_can_still_be_fingerprinted():
    """Telegram may cut a long text inside a UTF-16 pair; "Not this claim" on it must still work."""
    from claims.services.prefs import message_hash

    assert message_hash("salt", "Путин посетил КНДР \ud83d") != message_hash("salt", "Путин посетил КНДР")
    assert message_hash("salt", "Путин  посетил КНДР") == message_hash("salt", "путин посетил кндр")
