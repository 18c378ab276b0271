"""A chat with the bot on the terminal, for when there is no Telegram token: the very same Application
and handlers, each typed line an `Update` fed to ``process_update``, the API calls answered by
`LocalBotApi` and printed as a client shows them; typing a button's number presses it.
"""

from __future__ import annotations

import asyncio
import re
import sys
import time
from typing import Any, TextIO

from telegram import Update

from claims.errors import ClaimsError
from claims.i18n import t

from .app import build_application, build_runtime
from .callbacks import LANGUAGE
from .render import html_to_text
from .testing import CONSOLE_TOKEN, CONSOLE_USER_ID, ApiCall, LocalBotApi, UpdateFactory


class Console:
    """Reads lines, turns them into updates, prints what the bot sends."""

    def __init__(self, settings, *, user_id: int = CONSOLE_USER_ID, lang: str | None = None,  # noqa: ANN001
                 moderator: bool = False, out: TextIO | None = None, inp: TextIO | None = None) -> None:
        self.out, self.inp = out or sys.stdout, inp or sys.stdin
        self.lang = lang or settings.default_language
        self.moderator = moderator or user_id in settings.moderator_ids
        if moderator and user_id not in settings.moderator_ids:
            settings = settings.model_copy(update={"moderator_ids": [*settings.moderator_ids, user_id]})
        self.settings = settings
        self.api = LocalBotApi(on_call=self.show)
        # Update ids must not repeat across runs on one database (tips are stored once per update id).
        self.factory = UpdateFactory(message_ids=self.api.next_message_id, first_update_id=int(time.time() * 1000))
        self.user = UpdateFactory.user(user_id, self.lang, first_name="You")
        self.chat = UpdateFactory.private_chat(self.user)
        self.api.note_chat(self.chat)
        self.choices: list[tuple[dict, dict | None]] = []  # (a button, its message) or (an inline result, None)
        self.offered = False  # this turn's answer has shown buttons (then a later plain message keeps them)
        # the chats this user reads: their own, and the moderators' chat for a moderator
        self._own_chats = {str(self.chat["id"])} | (
            {str(settings.moderation_chat_id)} if self.moderator and settings.moderation_chat_id is not None else set())

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def show(self, call: ApiCall) -> None:
        m, p = call.method, call.params
        if m in ("sendMessage", "sendPhoto") and str(p.get("chat_id", self.chat["id"])) not in self._own_chats:
            # a notice to another user (a verdict change a follower is told of) is not this chat's
            self.print(t(self.lang, "console.other_chat", chat=p.get("chat_id")))
        elif m in ("sendMessage", "sendPhoto"):
            if not p.get("reply_markup") and not self.offered:
                self.choices = []  # a number typed now answers this message (a claim number for /submit)
            self._message("bot" if m == "sendMessage" else f"bot [{m[4:].lower()}]", call.result, p)
        elif m in ("editMessageText", "editMessageReplyMarkup") and isinstance(call.result, dict):
            was_on = bool(self.choices) and (self.choices[0][1] or {}).get("message_id") == call.result["message_id"]
            if m == "editMessageText":
                self._message(t(self.lang, "console.edited", id=call.result["message_id"]), call.result, p)
            else:
                self._buttons(call.result, p.get("reply_markup"))
            if not p.get("reply_markup") and was_on:  # the edit took its buttons away
                self.choices = []
        elif m == "answerCallbackQuery" and p.get("text"):
            self.print(f"  ({p['text']})")
        elif m == "answerInlineQuery" and not (results := p.get("results") or []):
            self.print(t(self.lang, "console.inline_none"))
        elif m == "answerInlineQuery":
            self.print(t(self.lang, "console.inline_results", count=len(results)))
            self.choices = [(r, None) for r in results]
            for n, r in enumerate(results, 1):
                self.print(f"  [{n}] {r.get('title', '')}" + (f" — {r['description']}" if r.get("description") else ""))

    def _message(self, head: str, msg: dict, p: dict) -> None:
        body = html_to_text(p.get("text") or p.get("caption") or "")
        self.print(f"{head}: " + "\n     ".join(body.splitlines()) if body else f"{head}:")
        self._buttons(msg, p.get("reply_markup"))

    def _buttons(self, msg: dict, markup: dict | None) -> None:
        """Number the buttons for pressing, and print them in lines under 80 characters."""
        if not markup:
            return
        self.choices, self.offered = [(b, msg) for row in markup.get("inline_keyboard", []) for b in row], True
        line = "  "
        for n, (b, _) in enumerate(self.choices, 1):
            label = f"[{n}] {b['text']}"
            if len(line) + len(label) > 78 and line.strip():
                self.print(line.rstrip())
                line = "  "
            line += label + "  "
        if line.strip():
            self.print(line.rstrip())

    def to_update(self, line: str) -> dict | None:
        """The Update a line stands for; None when the line was handled locally."""
        if re.fullmatch(r"\d{1,3}", line):
            return self._press(int(line))
        if line.startswith(">"):
            return self.factory.forwarded(line[1:].strip(), title="Console channel", user=self.user, chat=self.chat)
        if line.startswith("@"):
            query = line[1:].strip()
            if query.lower().startswith(self.factory.bot_username.lower()):
                query = query[len(self.factory.bot_username):].strip()
            return self.factory.inline(query, user=self.user)
        return self.factory.message(line.removeprefix("\\"), user=self.user, chat=self.chat)

    def _press(self, n: int) -> dict | None:
        if not self.choices:
            return self.factory.message(str(n), user=self.user, chat=self.chat)
        if not 1 <= n <= len(self.choices):
            self.print(t(self.lang, "console.no_button", n=n, count=len(self.choices)))
            return None
        choice, message = self.choices[n - 1]
        if message is None:  # an inline result
            text = html_to_text((choice.get("input_message_content") or {}).get("message_text", ""))
            self.print(t(self.lang, "console.via_inline") + ": " + text.replace("\n", "\n     "))
            return None
        if choice.get("url"):
            self.print(t(self.lang, "console.opens", url=choice["url"]))
            return None
        message = self.api.messages.get((message["chat"]["id"], message["message_id"]), message)  # as edited since
        if (chosen := re.fullmatch(LANGUAGE.pattern.strip("^$"), choice.get("callback_data") or "")) is not None:
            self.lang = chosen.group(1)  # /lang: this chat's own lines follow the user's language
        return self.factory.callback(choice.get("callback_data"), message, user=self.user)

    async def run(self) -> int:
        try:
            runtime = build_runtime(self.settings)
        except ClaimsError as err:
            sys.stderr.write(f"error: {err}\n")
            return 1
        application = build_application(self.settings, token=CONSOLE_TOKEN, request=self.api,
                                        get_updates_request=LocalBotApi(), runtime=runtime, rate_limiter=False,
                                        inbox_worker=False)  # lines go straight to process_update
        tty = self.inp.isatty()
        async with application:  # initialize … shutdown
            await application.post_init(application)
            await application.start()  # the JobQueue: the outbox delivers verdict notices here too
            try:
                mod = t(self.lang, "console.moderator") if self.moderator else ""
                self.print(t(self.lang, "console.banner", user=self.user["id"], mod=mod))
                while True:
                    if tty:
                        self.out.write("you> ")
                        self.out.flush()
                    if (line := await asyncio.to_thread(self.inp.readline)) == "" or line.strip() in ("/quit", "/exit"):
                        break
                    if not (line := line.strip()):
                        continue
                    if not tty:
                        self.print(f"you> {line}")
                    if (data := self.to_update(line)) is not None:
                        self.offered = False
                        await application.process_update(Update.de_json(data, application.bot))
            finally:
                await application.stop()
        return 0


def run_console(settings, **kwargs: Any) -> int:  # noqa: ANN001
    try:
        return asyncio.run(Console(settings, **kwargs).run())
    except KeyboardInterrupt:
        return 130
