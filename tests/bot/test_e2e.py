"""End to end: the real `claimbot` process against a Bot API stand-in over HTTP, and the console chat.

Marked slow (each starts processes); together they take ~15 s.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.testing import UpdateFactory

from conftest import _build_seed  # noqa: PLC2701
from fake_bot_api import FakeBotApi

pytestmark = pytest.mark.slow

TOKEN = "123:abc-e2e-secret"
USER = 31337
ROOT = Path(__file__).resolve().parents[2]


def script(name: str) -> str:
    path = Path(sys.executable).parent / name
    if not path.exists():
        pytest.fail(f"console script {name!r} is not installed (pip install -e .)")
    return str(path)


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "DATABASE_URL",
                                                                    "MODERATOR_", "PRIVACY_SALT"))}
    env.update(extra)
    return env


@pytest.fixture
def bot_process(tmp_path):
    db = tmp_path / "e2e.db"
    ids = _build_seed(db)
    with FakeBotApi(TOKEN) as api:
        env = clean_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.base_url,
                        DATABASE_URL=f"sqlite:///{db}", LOG_LEVEL="DEBUG", PRIVACY_SALT="e2e")
        log = (tmp_path / "bot.log").open("w+")
        proc = subprocess.Popen([script("claimbot")], env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield api, proc, ids, db, env
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    proc.kill()
            log.seek(0)
            output = log.read()
            log.close()
            assert TOKEN not in output, "the bot token appeared in the log"
            assert "Traceback" not in output, output[-3000:]


def test_claimbot_against_bot_api_stand_in(bot_process):
    api, proc, ids, db, env = bot_process
    make = UpdateFactory(bot_username="claimcheck_bot")
    user = make.user(USER, "ru")
    api.wait_for("getMe", timeout=60)
    api.wait_for("setMyCommands", timeout=30)

    # /start
    api.push(make.command("start", user=user))
    api.wait_for("sendMessage", lambda c: "Я проверяю" in c.text)

    # /search with paging: ▶ edits the same message.
    mark = api.mark()
    api.push(make.command("search", "бюджет Москвы", user=user))
    found = api.wait_for("sendMessage", lambda c: "страница 1" in c.text, after=mark)
    nav = [b["callback_data"] for row in found.params["reply_markup"]["inline_keyboard"] for b in row
           if b.get("callback_data", "").startswith("sp:")]
    api.push(make.callback(nav[0], api.message(found), user=user))
    edited = api.wait_for("editMessageText", lambda c: "страница 2" in c.text)
    assert edited.params["message_id"] == found.result["message_id"]

    # Each post gets exactly one reply: one that repeats a checked claim, one that only resembles a
    # claim not checked yet (kept as a tip, and the same reply says so), and an unrelated one.
    def replies_to(update: dict) -> list[str]:
        mark = api.mark()
        api.push(update)
        api.push(make.command("following", user=user))  # a fence: updates are handled in order
        fence = api.wait_for("sendMessage", lambda c: "следите" in c.text, after=mark)
        return [c.text for c in api.calls[mark:api.calls.index(fence)] if c.method == "sendMessage"]

    [repeats] = replies_to(make.forwarded("Министр финансов: инфляция в России в 2023 году составила 7,4%",
                                          user=user, title="Канал <b>новостей</b>"))
    assert "правда" in repeats and "Силуанов" in repeats and "передал его фактчекерам" not in repeats
    [resembles] = replies_to(make.forwarded("КНДР отправила войска", user=user))
    assert "похоже на эти" in resembles and "вердикта ещё нет" in resembles
    assert "передал его фактчекерам как сигнал" in resembles and "проверенн" not in resembles
    [unrelated] = replies_to(make.forwarded("Котики захватили интернет", user=user))
    assert "Утверждений из базы в этом сообщении я не нашёл" in unrelated

    # The guided /submit flow.
    cid = ids["inflation"]
    steps = [
        (make.command("submit", user=user), "К какому утверждению"),
        (make.message(str(cid), user=user), "пришлите ссылку"),
        (make.message("https://rosstat.gov.ru/report", user=user), "Что этот источник"),
    ]
    for update, expect in steps:
        mark = api.mark()
        api.push(update)
        last = api.wait_for("sendMessage", lambda c, e=expect: e in c.text, after=mark)
    mark = api.mark()
    api.push(make.callback("st:supports", api.message(last), user=user))
    note = api.wait_for("sendMessage", lambda c: "заметку" in c.text, after=mark)
    mark = api.mark()
    api.push(make.callback("sn", api.message(note), user=user))
    confirm = api.wait_for("sendMessage", lambda c: "Отправить?" in c.text, after=mark)
    api.push(make.callback("sc:y", api.message(confirm), user=user))
    api.wait_for("editMessageText", lambda c: "ждёт модератора" in c.text)

    # Inline mode.
    api.push(make.inline("вакцина", user=user))
    inline = api.wait_for("answerInlineQuery")
    assert inline.params["results"] and inline.params["cache_time"] == 30

    # Follow, then a verdict change made by another process reaches the user.
    mark = api.mark()
    api.push(make.command("follow", str(cid), user=user))
    api.wait_for("sendMessage", lambda c: "Вы следите" in c.text, after=mark)
    cli = subprocess.run([script("claims"), "verdict", str(cid), "mostly_true", "--reason", "Уточнённые данные"],
                         env=env, capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0, cli.stderr
    notice = api.wait_for("sendMessage", lambda c: "Изменился вердикт" in c.text, timeout=30)
    assert notice.params["chat_id"] == USER
    assert "в основном правда" in notice.text and "Уточнённые данные" in notice.text

    from sqlmodel import Session, create_engine, select

    from claims.models import Notification, Source

    engine = create_engine(f"sqlite:///{db}")
    with Session(engine) as s:
        [src] = s.exec(select(Source).where(Source.claim_id == cid)).all()
        assert (src.url, src.status, src.stance) == ("https://rosstat.gov.ru/report", "pending", "supports")
        deadline = time.monotonic() + 10
        while s.exec(select(Notification.status)).all() != ["sent"] and time.monotonic() < deadline:
            time.sleep(0.2)
            s.expire_all()
        assert s.exec(select(Notification.status)).all() == ["sent"]
    engine.dispose()
    assert not [c for c in api.calls if c.error is not None], [c.error.description for c in api.calls if c.error]
    proc.send_signal(signal.SIGINT)
    assert proc.wait(20) == 0


def test_console_chat_on_a_fresh_database(tmp_path):
    """`claimbot` without a token on an empty database: the sample article, a search, a forwarded text."""
    lines = ["/start", "/search Лавров", "1", "> Лавров подчеркнул особую близость и «непобедимое братство в борьбе» "
             "между Россией и Северной Кореей", "/claim abc", "/lang en", "/help", "/quit"]
    proc = subprocess.run([script("claimbot")], input="\n".join(lines) + "\n", capture_output=True, text=True,
                          env=clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.db'}"), cwd=tmp_path,
                          timeout=240)
    out = proc.stdout
    assert proc.returncode == 0, proc.stderr
    assert "чат в терминале" in out  # the banner
    assert "you> /start" in out and "Я проверяю" in out
    assert "Утверждения по запросу «Лавров»" in out and "[1] ℹ️ 1" in out
    assert "bot: Утверждение №" in out  # pressing button 1 opened a card
    assert "повторяет утверждения из базы фактчекеров" in out or "похожие" in out
    assert "не номер утверждения" in out
    assert "Language: English." in out and "What I store" in out
    assert "Traceback" not in proc.stderr



async def test_console_number_answers_a_prompt_without_buttons(seeded_db, _seed_template):
    """In the terminal chat a number presses a button of the bot's last message — but /submit's "send
    its number" has no buttons, so the number is the answer. Before, it pressed a button of an older
    message (here the card's 🔔 Follow), and /submit never got its claim number."""
    import io

    from bot.console import Console
    from conftest import bot_settings

    ids = _seed_template[1]
    claim = ids["vaccine"]
    lines = [f"/claim {ids['inflation']}", "/submit", str(claim), "https://who.int/news/1", "1", "/quit"]
    out = io.StringIO()
    console = Console(bot_settings(seeded_db, encoder="none", telegram_bot_token=""), lang="en",
                      out=out, inp=io.StringIO("\n".join(lines) + "\n"))
    assert await console.run() == 0
    text = out.getvalue()
    assert "You follow claim" not in text and f"Claim #{ids['inflation']}: «" not in text, text  # no card button
    assert f"Claim #{claim}: «" in text and "What does this source do for the claim?" in text, text
    assert "(edited message" in text and "supports" in text.rsplit("(edited message", 1)[1]  # "1" chose the stance


def test_console_as_moderator_flag(tmp_path):
    db = tmp_path / "m.db"
    _build_seed(db)
    proc = subprocess.run([script("claimbot"), "--as-moderator", "--lang", "en"], input="/start\n",
                          capture_output=True, text=True, env=clean_env(DATABASE_URL=f"sqlite:///{db}"),
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "a moderator" in proc.stdout and "I check" in proc.stdout


def test_webhook_refuses_to_start_without_secret(tmp_path):
    proc = subprocess.run([script("claimbot"), "--webhook", "--url", "https://bot.example.org/tg"],
                          capture_output=True, text=True, timeout=60,
                          env=clean_env(TELEGRAM_BOT_TOKEN=TOKEN, DATABASE_URL=f"sqlite:///{tmp_path / 'w.db'}"))
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "error: WEBHOOK_SECRET: set a secret token (1-256 of A-Z a-z 0-9 _ -) so only Telegram can post updates"]


def test_bad_setting_is_one_line(tmp_path):
    proc = subprocess.run([script("claimbot")], capture_output=True, text=True, timeout=60,
                          env=clean_env(RATE_LIMIT_PER_MINUTE="lots", DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}"))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "RATE_LIMIT_PER_MINUTE" in proc.stderr


def test_webhook_mode_checks_the_secret(tmp_path):
    import json
    import socket
    import urllib.error
    import urllib.request

    db = tmp_path / "wh.db"
    _build_seed(db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    make = UpdateFactory()
    with FakeBotApi(TOKEN) as api:
        env = clean_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.base_url, DATABASE_URL=f"sqlite:///{db}",
                        WEBHOOK_SECRET="s3cret_token-1")
        proc = subprocess.Popen([script("claimbot"), "--webhook", "--listen", "127.0.0.1", "--port", str(port),
                                 "--url", "https://bot.example.org/hook/tg"], env=env, cwd=tmp_path,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            hook = api.wait_for("setWebhook", timeout=60)
            assert hook.params["url"] == "https://bot.example.org/hook/tg"
            assert hook.params["secret_token"] == "s3cret_token-1"

            def post(update: dict, secret: str | None) -> int:
                req = urllib.request.Request(f"http://127.0.0.1:{port}/hook/tg", data=json.dumps(update).encode(),
                                             headers={"Content-Type": "application/json",
                                                      **({"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {})})
                for _ in range(50):
                    try:
                        return urllib.request.urlopen(req, timeout=5).status
                    except urllib.error.HTTPError as err:
                        return err.code
                    except urllib.error.URLError:
                        time.sleep(0.2)  # the server is still starting
                raise AssertionError("webhook server never came up")

            assert post(make.command("start", user=make.user(5, "en")), None) == 403
            assert post(make.command("start", user=make.user(5, "en")), "wrong") == 403
            assert post(make.command("start", user=make.user(6, "en")), "s3cret_token-1") == 200
            call = api.wait_for("sendMessage", lambda c: "I check" in c.text)
            assert call.params["chat_id"] == 6
            assert not [c for c in api.calls if c.method == "sendMessage" and c.params["chat_id"] == 5]
        finally:
            proc.send_signal(signal.SIGINT)
            out, _ = proc.communicate(timeout=20)
        assert TOKEN not in out and "Traceback" not in out
