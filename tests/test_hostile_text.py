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


def _hostile(s: str) -> str:
    """`s` with a NUL, a right-to-left override, an isolate, a bidi mark and a bell inside."""
    return f"{s[:2]}{NUL}{s[2:]}{RLO}x{PDI}\u200f\x07"


def _dirty_cells(engine) -> list[tuple[str, str, str]]:  # noqa: ANN001
    """Every text cell of every table (domain and bot) holding a control, format or bidi character,
    or (SQLite, whose driver cuts a text at a NUL when reading it) a NUL byte."""
    from sqlalchemy import String, text
    from sqlmodel import SQLModel

    import bot.models  # noqa: F401  (the bot's tables)
    from claims.textclean import INVISIBLE_RE

    dirty = []
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            for column in table.columns:
                kind = getattr(column.type, "impl", column.type)  # SQLModel's AutoString wraps a String
                if not isinstance(kind, String):  # Text is a String too
                    continue
                q = f'SELECT "{column.name}" FROM "{table.name}" WHERE "{column.name}" IS NOT NULL'
                for (value,) in conn.execute(text(q)):
                    if INVISIBLE_RE.search(value) or "\\u202e" in value or "\\u0000" in value:
                        dirty.append((table.name, column.name, value[:60]))
                if engine.dialect.name == "sqlite":
                    q = (f'SELECT count(*) FROM "{table.name}" '
                         f'WHERE instr(CAST("{column.name}" AS BLOB), X\'00\') > 0')
                    if conn.execute(text(q)).scalar():
                        dirty.append((table.name, column.name, "NUL"))
    return dirty


def test_every_write_path_stores_no_hidden_character_in_any_column(engine, tmp_path):
    """Issue 13, item 6: NUL and other control characters, bidi overrides and isolates are removed on
    the way in by every write path — ingestion (title, author, URL), claims, merges, tips and their
    handling, sources and reviews, verdicts, moderators (an Actor built outside `authorize` too),
    refused attempts, imports (JSONL and CSV, entities included) — so both databases store the same
    thing (PostgreSQL refused a NUL in an article's author; SQLite kept it and cut the text there)."""
    import json

    from sqlmodel import Session

    from claims.importexport import import_file
    from claims.services.catalog import add_claim, merge_claims
    from claims.services.ingest import ingest_article
    from claims.services.moderators import Actor, add_moderator, authorize, ingest_confirmed, remove_moderator
    from claims.services.prefs import record_feedback
    from claims.services.sources import review_source, submit_source
    from claims.services.tips import convert_tip, dismiss_tip, link_tip, save_tip
    from claims.services.verdicts import set_verdict

    h = _hostile
    with Session(engine, expire_on_commit=False) as s:
        ingest_article(s, h("Министр финансов Антон Силуанов заявил, что инфляция составила 7 процентов."),
                       url=f"https://e.example/{RLO}a", title=h("Заголовок статьи"), author=h("Автор Статьи"))
        c1 = add_claim(s, h("Цены выросли на 10% в этом году"), speaker=h("Минфин"), actor_name=h("Мод"))
        c2 = add_claim(s, h("Цены выросли на 11% в этом году"), speaker=h("Минфин"))
        merge_claims(s, c1.id, c2.id, actor_id=1, actor_name=h("Модератор"))
        tips = [save_tip(s, h(f"подсказка номер {n}"), salt="s", user_id=5, origin_title=h("Канал")) for n in range(3)]
        dismiss_tip(s, tips[0].id, actor_id=1, actor_name=h("Модератор"))
        link_tip(s, tips[1].id, c1.id, actor_id=1, actor_name=h("Модератор"))
        convert_tip(s, tips[2].id, h("новое утверждение о ценах"), actor_id=1, actor_name=h("Модератор"),
                    speaker=h("Спикер"))
        src = submit_source(s, c1.id, "https://minfin.example/r", "refutes", h("заметка"), submitter_id=5,
                            submitter_name=h("Иван"))
        review_source(s, src.id, False, reviewer_id=1, reviewer_name=h("Мод"), reason=h("причина отказа"))
        set_verdict(s, c1.id, "false", reason=h("причина"), by=h("desk"), summary=h("итог"))
        admin = Actor(1, h("Админ"), "admin")  # as a CLI or script builds one, without authorize
        add_moderator(s, admin, 77, name=h("Новый"))
        remove_moderator(s, admin, 77)
        try:
            authorize(s, 99, h("Злой"), admin_ids=[1], action=h("/queue"))
        except Exception:  # noqa: BLE001  (refused, and recorded)
            pass
        ingest_confirmed(s, admin, h("Мэр Москвы Сергей Собянин заявил, что метро продлят в 2030 году."), [],
                         url="https://e.example/b", title=h("Т"))
        record_feedback(s, c1.id, "h" * 64, 50.0, salt="s", user_id=5)
        record = {"text": h("Импортированное утверждение о бюджете"), "speaker": h("Спикер"), "verdict": "false",
                  "verdict_summary": h("итог"), "title": h("Заголовок"), "entities": [h("Москва")],
                  "url": "https://r.example/x",
                  "sources": [{"url": "https://s.example/1", "stance": "refutes", "note": h("заметка")}],
                  "history": [{"new_verdict": "false", "by": h("кто"), "reason": h("почему")}]}
        (tmp_path / "f.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        assert import_file(s, tmp_path / "f.jsonl").added == 1
        row = ",".join([h("Утверждение из таблицы про цены"), h("Спикер"), "true", h("итог")]).replace(NUL, "")
        (tmp_path / "f.csv").write_text("text,speaker,verdict,verdict_summary\n" + row + "\n", encoding="utf-8")
        assert import_file(s, tmp_path / "f.csv").added == 1
    assert _dirty_cells(engine) == []
