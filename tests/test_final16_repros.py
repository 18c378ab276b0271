"""final16: REPRODUCTIONS OF DEFECTS FOUND BY A NEW-USER TESTER (2026-12-01) on main b8c6b9a (026cb48 adds
only RESULTS.md). Every case FAILS on main and is marked `xfail(strict=True)` so the suite stays green:
when a fix makes one pass, pytest reports XPASS as a failure — then drop its marker. No product code
is changed here.

Found by following README's Quickstart on a fresh clone (`make run`, `claims import` of CSV/JSONL/xlsx,
`claims db embed`, `claims match --json`, the terminal chat `claimbot` / `claimbot --as-moderator`).
"REGRESSION" names the commit that broke a case (checked with the same in-process matcher on
worktrees of older commits); "OLD" was already wrong on 66d2dc6 (before today's verdict/denial work).
Fixed since (plain tests now): the «Не верьте слухам: X» / "Don't believe it: X" labels, the terminal
chat's inline lines in the user's language and its silence about other users' notices. Still open
(xfail): clauses joined by «, а» / «, и» as parts, «antonym» named where roles are swapped, a bare link
ingested as a claim.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claims.match import Matcher
from test_break12_repros import _hit, _matcher

BROKEN = pytest.mark.xfail(strict=True, reason="final16 repro: fails on main b8c6b9a")

SBER = "Сбербанк заблокирует карты всех пенсионеров"
CLAIMS = {
    17: ("Чеснок защищает от заражения коронавирусом", "ru"),
    18: ("Правительство повысило НДС до 22 процентов", "ru"),
    19: ("В Казани открыли вторую линию метро", "ru"),
    23: (SBER, "ru"),
    24: ("Спартак проиграл Зениту", "ru"),
}


@pytest.fixture(scope="module")
def m16(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS)


@pytest.mark.parametrize("text", [
    # REGRESSION (66c2982 "verdicts (break16a …)"; 4006198 and 45e4e4f flagged it: related 95.7 C [negation]).
    # A warning not to believe, as a label before the claim, is the post's verdict on it.
    "Don't believe it: Sberbank will block the cards of all pensioners",   # now match 95.7, no flag
    # OLD. The Russian label «Не верьте слухам:» before the claim (after it, «X, не верьте!», is flagged,
    # and so is «Не верьте, что X»).
    f"Не верьте слухам: {SBER}",                                           # now match 88.1, no flag
])
def test_final16_dont_believe_label_before_the_claim_is_flagged(m16, text):
    hit = _hit(m16, text, 23)
    assert hit is not None and hit.contradicts and hit.relation != "match", hit


@pytest.mark.parametrize("text, first, second", [
    # OLD. Issue 10 (2): "clauses where one sentence joins two claims"; the JSON's `part` says which
    # part of the message matched each claim. With «, а» / «, и» both claims get the whole sentence
    # as their part (and score 64–71 instead of ~95 on their own); «;» and «, а также» are split.
    ("Правительство повысило НДС до 22 процентов, а Сбербанк заблокирует карты всех пенсионеров.", 18, 23),
    ("В Казани открыли вторую линию метро, а чеснок защищает от заражения коронавирусом.", 19, 17),
    ("Правительство повысило НДС до 22 процентов, и Сбербанк заблокирует карты всех пенсионеров.", 18, 23),
])
def test_final16_two_claims_joined_by_a_conjunction_get_their_own_parts(m16, text, first, second):
    a, b = _hit(m16, text, first), _hit(m16, text, second)
    assert a is not None and b is not None
    assert a.part != b.part, (a.part, b.part)  # now both (0, len(text))


@BROKEN
def test_final16_reversed_roles_are_reported_as_roles(m16):
    """OLD. README (Matching, 4): with the converse verb and the roles kept, «Спартак обыграл Зенит»
    against «Спартак проиграл Зениту» is the reversal with the reason `roles`; the CLI prints
    «possibly contradicts: antonym» (`reasons == ["antonym"]`, related 87.3)."""
    hit = _hit(m16, "Спартак обыграл Зенит", 24)
    assert hit is not None and hit.contradicts and "roles" in hit.reasons, hit


def test_final16_ingest_of_a_bare_link_stores_no_claim(run_cli, tmp_path):
    """Before ingest skipped claims with no words (break test bot40), a text file holding only a link («https://t.me/x/1») was stored as an article with one
    check-worthy claim whose text is the link: `Article #1 stored: https://t.me/x/1 (ru, 1 claims)`.
    The matcher itself reads a link-only message as nothing to check."""
    path = tmp_path / "link.txt"
    path.write_text("https://t.me/somechannel/123\n", encoding="utf-8")
    proc = run_cli("ingest", str(path), "--json")
    claims = json.loads(proc.stdout)["claims"] if proc.returncode == 0 else []
    assert claims == [], claims


def _console(tmp_path, stdin: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "DATABASE_URL",
                                                                   "MODERATOR_", "PRIVACY_SALT"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'console.db'}", ENCODER="none", RATE_LIMIT_PER_MINUTE="1000")
    proc = subprocess.run([str(Path(sys.executable).parent / "claimbot"), *args], input=stdin, capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_final16_console_inline_results_are_in_the_users_language(tmp_path):
    """OLD. In a Russian terminal chat (`make run`), `@ Лавров` prints the English line
    "bot (inline): 5 results — type a number to post one" (and "no results", "(opens URL)",
    "you (via inline)", "bot (edited message N)" are English too: hard-coded in bot/console.py, not in
    claims/i18n)."""
    out = _console(tmp_path, "@ Лавров\n@ zzzzqqq\n/quit\n")
    assert "[1] " in out  # the inline query was answered with results to choose from
    assert "results" not in out and "type a number" not in out, out


def test_final16_console_does_not_show_another_users_notice(tmp_path):
    """OLD. The terminal chat prints every sendMessage as "bot: …" whatever its chat_id: a verdict
    notice the outbox sends to user 555 (who follows the claim) appears in the moderator's (user 1)
    chat, as if addressed to them («🔔 Изменился вердикт по утверждению №4 …»)."""
    _console(tmp_path, "/follow 4\n/quit\n", "--user-id", "555")
    out = _console(tmp_path, "/verdict 4 false проверили\n1\n/stats\n/mods\n/help\n/quit\n", "--as-moderator")
    assert "→ ложь" in out  # the verdict was set (override confirmed)
    assert "Изменился вердикт по утверждению" not in out, out
