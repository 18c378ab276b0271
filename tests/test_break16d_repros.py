"""break16d: REPRODUCTIONS OF DEFECTS FOUND BY A TESTER (2026-12-01) on main 79584fb (9d3a1a4: a colon
after a negated verb of believing/listening reports a denial; terminal chat lines from the catalogues
and a one-line note for another chat; `claims import` JSONL hints). Every case FAILS on main and is
marked `xfail(strict=True)`: when a fix makes one pass, pytest reports XPASS — then drop its marker.
No product code is changed here.

"NEW" = broken by 9d3a1a4 (passes on 9d3a1a4^ = 8c3dc1f, checked with the same CLI/console on a
worktree of it); "OLD" = already wrong before it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claims.match import Matcher
from test_break12_repros import _hit, _matcher

BROKEN = pytest.mark.xfail(strict=True, reason="break16d repro: fails on main 79584fb")

VAX = "Вакцины от коронавируса вызывают бесплодие"
PENSION = "Пенсионный возраст повысят до 70 лет"
TOWERS = "5G towers spread the coronavirus"
CLAIMS = {1: (VAX, "ru"), 3: (PENSION, "ru"), 4: (TOWERS, "en")}


@pytest.fixture(scope="module")
def m16d(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS)


def _flagged(hit) -> bool:
    return hit is not None and hit.contradicts and hit.relation != "match"


@pytest.mark.parametrize("text, claim", [
    # NEW (9d3a1a4 added «вер[иь]» / "believ" to _SAY_RE). Disbelief as SURPRISE before a colon asserts
    # what follows — it is the sensational post itself; all were plain matches on 8c3dc1f, now
    # related + contradicts [negation] (90.6 / 99.7): a desk is told the post denies the fake it spreads.
    ("You won't believe it: 5G towers spread the coronavirus", 4),
    ("I can't believe it: 5G towers spread the coronavirus", 4),
    ("You wouldn't believe it: 5G towers spread the coronavirus", 4),
    ("I didn't believe it at first: 5G towers spread the coronavirus", 4),
    (f"Даже не верится: {VAX[0].lower() + VAX[1:]}", 1),
    (f"Не верила до последнего: {PENSION[0].lower() + PENSION[1:]}", 3),
])
def test_break16d_disbelief_as_surprise_before_a_colon_is_not_a_denial(m16d, text, claim):
    hit = _hit(m16d, text, claim)
    assert hit is not None and not hit.contradicts and hit.relation == "match", hit


@pytest.mark.parametrize("text, claim", [
    # NEW (same cause). «Не верьте <authority>: X» tells the reader X is the truth the authority hides:
    # the post spreads X. Plain match on 8c3dc1f; now related + contradicts [negation]. (Against
    # «Не верьте слухам/фейкам: X», where X is the rumour, which are rightly flagged.)
    (f"Не верьте властям: {PENSION[0].lower() + PENSION[1:]}", 3),
    (f"Не верьте телевизору: {PENSION[0].lower() + PENSION[1:]}", 3),
    ("Don't believe the government: 5G towers spread the coronavirus", 4),
])
def test_break16d_dont_believe_an_authority_colon_asserts_what_follows(m16d, text, claim):
    hit = _hit(m16d, text, claim)
    assert hit is not None and not hit.contradicts, hit


@pytest.mark.parametrize("text, claim", [
    # OLD. Near synonyms of the fixed «Не верьте слухам: X» / "Don't believe it: X" stay plain matches
    # (81–98): «доверяйте» does not start with «вер», «вірте» / "trust" are in _SAY_RE but not frame
    # verbs, «ведитесь» / "fall for" are only in the after-the-claim list (_DONT_BELIEVE).
    (f"Не доверяйте слухам: {VAX[0].lower() + VAX[1:]}", 1),
    (f"Не ведитесь: {VAX[0].lower() + VAX[1:]}", 1),
    ("Не вірте чуткам: пенсійний вік підвищать до 70 років", 3),
    ("Don't fall for it: 5G towers spread the coronavirus", 4),
    ("Don't trust this: 5G towers spread the coronavirus", 4),
])
def test_break16d_dont_believe_synonyms_before_a_colon_are_denials(m16d, text, claim):
    assert _flagged(_hit(m16d, text, claim)), _hit(m16d, text, claim)


def _console(tmp_path, stdin: str, *args: str, **extra: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "DATABASE_URL",
                                                                   "MODERATOR_", "MODERATION_", "PRIVACY_SALT"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'console.db'}", ENCODER="none", RATE_LIMIT_PER_MINUTE="1000",
               **extra)
    proc = subprocess.run([str(Path(sys.executable).parent / "claimbot"), *args], input=stdin, capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_break16d_console_lines_follow_lang_switch(tmp_path):
    """NEW (9d3a1a4 takes the console's lines from the catalogue of --lang, fixed at start). In a
    Russian chat, /lang → English switches the bot to English, but the console keeps printing
    «bot (сообщение 2 изменено): Language: English.» and «bot (встроенный запрос): ничего не найдено»
    (on 8c3dc1f these were English)."""
    out = _console(tmp_path, "/lang\n2\n@ zzzzqqq\n/quit\n")
    assert "Language: English" in out  # the switch took
    tail = out[out.index("Language: English"):]
    assert "изменено" not in out and "ничего не найдено" not in tail, tail


def test_break16d_console_moderator_sees_the_moderation_chat_card(tmp_path):
    """NEW (9d3a1a4's one-line note for another chat). With MODERATION_CHAT_ID set, a moderator's
    terminal chat (`claimbot --as-moderator`, README: "lets you work the review queue") showed the
    «🆕 Новый сигнал» card with its review buttons on 8c3dc1f; now only
    «(бот отправил сообщение в другой чат: -100777)» — the moderator is a member of that chat."""
    out = _console(tmp_path, "> Мэр Москвы Собянин уйдёт в отставку в марте 2027 года, сообщил источник\n/quit\n",
                   "--as-moderator", MODERATION_CHAT_ID="-100777")
    assert "сигнал" in out  # the tip was made
    assert "Новый сигнал" in out, out


@BROKEN
def test_break16d_import_pretty_printed_json_object_says_jsonl(tmp_path, run_cli):
    """OLD. A JSON object written over several lines (the usual `json.dump(indent=2)`) gets 4 problems
    — «line 1: record: not valid JSON (Expecting property name enclosed in double quotes)», «line 2 …
    (Extra data)» … — and no word of JSONL; only a JSON array starting with «[» gets the hint."""
    path = tmp_path / "one.json"
    path.write_text('{\n  "text": "Вакцины вызывают аутизм",\n  "verdict": "false"\n}\n', encoding="utf-8")
    proc = run_cli("import", str(path))
    assert proc.returncode == 1
    assert "JSONL" in proc.stderr, proc.stderr
