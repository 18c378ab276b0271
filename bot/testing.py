"""The offline Bot API and Telegram's update JSON, shared by the terminal chat, tests and benchmarks:
`LocalBotApi` answers like the Bot API and refuses what Telegram refuses (HTML it cannot parse, texts
over 4096, callback_data over 64 bytes, ...); `UpdateFactory` builds the Update JSON Telegram sends.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from functools import partialmethod
from typing import Any

from telegram.request import BaseRequest, RequestData

from .render import MAX_CALLBACK, MAX_MESSAGE, html_to_text, tg_len

BOT_USER = {"id": 7000000001, "is_bot": True, "first_name": "Claim Check", "username": "claimcheck_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}
CONSOLE_TOKEN = "7000000001:console-no-telegram"
CONSOLE_USER_ID = 1

TG_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler",
           "span", "blockquote", "tg-emoji"}
_TAG = re.compile(r"<(/?)([a-z][a-z-]*)(\s+[a-z-]+=\"[^\"<>]*\")*\s*(/?)>")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
_ADMIN_RIGHTS = ("can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
                 "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users",
                 "can_post_stories", "can_edit_stories", "can_delete_stories")
_NOT_MODIFIED = ("Bad Request: message is not modified: specified new message content and reply markup are "
                 "exactly the same as a current content and reply markup of the message")


def html_problem(text: str) -> str | None:
    """Why Telegram would refuse `text` with parse_mode HTML, or None: known tags only, balanced,
    no bare < > &."""
    stripped = _TAG.sub("", text)
    if "<" in stripped or ">" in stripped:
        return "Can't parse entities: unescaped < or >"
    if any(not _ENTITY.match(stripped, m.start()) for m in re.finditer("&", stripped)):
        return "Can't parse entities: unescaped &"
    stack: list[str] = []
    for m in _TAG.finditer(text):
        closing, tag, self_closing = m[1], m[2], m[4]
        if not closing and tag not in TG_TAGS:
            return f"Can't parse entities: Unsupported start tag \"{tag}\""
        if not closing and not self_closing:
            stack.append(tag)
        elif closing and (not stack or stack.pop() != tag):
            return f"Can't parse entities: Unmatched end tag \"{tag}\""
    return f"Can't parse entities: unclosed tag \"{stack[-1]}\"" if stack else None


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    result: Any = None
    error: ApiError | None = None

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")


@dataclass(eq=False)
class LocalBotApi(BaseRequest):
    """Answers Bot API methods like Telegram, keeping the chat state. `calls`: every call (method,
    params, result or error); `fail(method, code, description, parameters)`: the next call of
    `method` fails so (429 with ``{"retry_after": 3}``, 403, 400); `blocked` chat ids always get 403;
    `members[(chat_id, user_id)]`: getChatMember statuses (default "member"); a callback query answered
    twice gets Telegram's 400 ("query is too old ... or query ID is invalid")."""

    bot_user: dict = field(default_factory=lambda: dict(BOT_USER))
    on_call: Any = None
    strict: bool = True  # False: no checks of texts and buttons (bench/bench_bot.py measures the bot, not them)
    calls: list[ApiCall] = field(default_factory=list)
    chats: dict[int, dict] = field(default_factory=dict)
    messages: dict[tuple[int, int], dict] = field(default_factory=dict)
    members: dict[tuple[int, int], str] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    failures: list[tuple[str, ApiError]] = field(default_factory=list)
    answered: set[str] = field(default_factory=set)  # callback query ids answered (Telegram takes one answer)
    _ids: dict[int, itertools.count] = field(default_factory=dict)
    read_timeout = 5.0

    def fail(self, method: str, code: int, description: str, parameters: dict | None = None) -> None:
        self.failures.append((method, ApiError(code, description, parameters)))

    def sent(self, method: str | None = None) -> list[ApiCall]:
        return [c for c in self.calls if c.error is None and (method is None or c.method == method)]

    def texts(self, method: str = "sendMessage") -> list[str]:
        return [c.text for c in self.sent(method)]

    def clear(self) -> None:
        self.calls.clear()

    def note_chat(self, chat: dict) -> None:
        self.chats.setdefault(chat["id"], chat)

    def next_message_id(self, chat_id: int) -> int:
        return next(self._ids.setdefault(chat_id, itertools.count(1)))

    async def initialize(self) -> None:
        """Nothing to open (nor, as `shutdown`, to close)."""

    shutdown = initialize

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         *_timeouts: Any, **__: Any) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        call = ApiCall(name, dict(request_data.parameters) if request_data is not None else {})
        self.calls.append(call)
        try:
            if (failure := next((f for f in self.failures if f[0] == name), None)) is not None:
                self.failures.remove(failure)
                raise failure[1]
            call.result = self.answer(name, call.params)
        except ApiError as err:
            call.error = err
            body = {"ok": False, "error_code": err.code, "description": err.description}
            return err.code, json.dumps(body | ({"parameters": err.parameters} if err.parameters else {})).encode()
        if self.on_call is not None:
            self.on_call(call)
        return 200, json.dumps({"ok": True, "result": call.result}, ensure_ascii=False).encode()

    def answer(self, name: str, p: dict[str, Any]) -> Any:
        """The result of method `name` (`_m_<name>`; True for setMyCommands, sendChatAction, ...)."""
        if name in ("getMe", "getUpdates"):
            return self.bot_user if name == "getMe" else []
        handler = getattr(self, f"_m_{name}", None)
        return True if handler is None else handler(p)

    def _chat(self, chat_id: Any) -> dict:
        cid = int(chat_id)
        if cid in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return self.chats.get(cid) or {"id": cid, "type": "private" if cid > 0 else "supergroup",
                                       **({"first_name": "User"} if cid > 0 else {"title": "Group"})}

    def _check_text(self, text: Any, parse_mode: Any, limit: int = MAX_MESSAGE, what: str = "message text") -> str:
        text = "" if text is None else str(text)
        plain = html_to_text(text) if parse_mode == "HTML" else text
        if not self.strict:
            return plain
        if not plain.strip():
            raise ApiError(400, f"Bad Request: {what} is empty")
        if parse_mode == "HTML" and (problem := html_problem(text)):
            raise ApiError(400, f"Bad Request: {problem}")
        if tg_len(plain) > limit:
            raise ApiError(400, f"Bad Request: {what} is too long")
        return plain

    def _check_markup(self, markup: Any) -> None:
        for button in itertools.chain(*(markup or {}).get("inline_keyboard", [])) if self.strict else ():
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")

    def _new_message(self, chat: dict, content: dict, p: dict | None = None) -> dict:
        """A message the bot sends to `chat`: `content`, and the reply_markup of the call's params `p`."""
        markup = (p or {}).get("reply_markup")
        self._check_markup(markup)
        msg = {"message_id": self.next_message_id(chat["id"]), "date": int(time.time()), "chat": chat,
               "from": self.bot_user, **content, **({"reply_markup": markup} if markup else {})}
        self.messages[(chat["id"], msg["message_id"])] = msg
        return msg

    def _m_sendMessage(self, p: dict) -> dict:
        chat = self._chat(p["chat_id"])  # 403 for a blocked chat before any 400
        return self._new_message(chat, {"text": self._check_text(p.get("text"), p.get("parse_mode")),
                                        "html": p.get("text")}, p)

    def _m_sendPhoto(self, p: dict) -> dict:
        chat = self._chat(p["chat_id"])
        caption = ({"caption": self._check_text(p["caption"], p.get("parse_mode"), 1024, "caption"),
                    "html": p["caption"]} if p.get("caption") else {})
        return self._new_message(chat, {"photo": [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}],
                                        **caption}, p)

    def _edit(self, p: dict, text_key: str | None) -> Any:
        if p.get("inline_message_id"):
            return True
        key = (int(p["chat_id"]), int(p["message_id"]))
        if (msg := self.messages.get(key)) is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        new = {k: v for k, v in msg.items() if k != "reply_markup"}
        if text_key is not None:
            new |= {"text": self._check_text(p.get(text_key), p.get("parse_mode")), "html": p.get(text_key)}
        if p.get("reply_markup"):
            self._check_markup(p["reply_markup"])
            new["reply_markup"] = p["reply_markup"]
        if new == msg:
            raise ApiError(400, _NOT_MODIFIED)
        self.messages[key] = new | {"edit_date": int(time.time())}
        return self.messages[key]

    _m_editMessageText = partialmethod(_edit, text_key="text")
    _m_editMessageReplyMarkup = partialmethod(_edit, text_key=None)

    def _m_answerCallbackQuery(self, p: dict) -> bool:
        if (query_id := str(p.get("callback_query_id"))) in self.answered:  # one answer per query, as Telegram
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        if len(str(p.get("text") or "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.answered.add(query_id)
        return True

    def _m_answerInlineQuery(self, p: dict) -> bool:
        results = p.get("results") or []
        results = json.loads(results) if isinstance(results, str) else results
        if len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        if len({r["id"] for r in results}) != len(results):
            raise ApiError(400, "Bad Request: RESULT_ID_DUPLICATE")
        for r in results:
            content = r.get("input_message_content") or {}
            self._check_text(content.get("message_text"), content.get("parse_mode"))
            self._check_markup(r.get("reply_markup"))
        return True

    def _m_getChatMember(self, p: dict) -> dict:
        chat_id, user_id = int(p["chat_id"]), int(p["user_id"])
        status = self.members.get((chat_id, user_id), "member")
        member: dict[str, Any] = {"status": status, "user": {"id": user_id, "is_bot": False, "first_name": "User"}}
        if status in ("creator", "administrator"):
            member |= dict.fromkeys(_ADMIN_RIGHTS if status == "administrator" else ("is_anonymous",), False)
        return member


# --- Update JSON as Telegram sends it -----------------------------------------------------------

_MEDIA = {
    "photo": [{"file_id": "p1", "file_unique_id": "p1u", "width": 90, "height": 90}],
    "video": {"file_id": "v1", "file_unique_id": "v1u", "width": 1, "height": 1, "duration": 3},
    "sticker": {"file_id": "s1", "file_unique_id": "s1u", "type": "regular", "width": 512, "height": 512,
                "is_animated": False, "is_video": False, "emoji": "😀"},
    "voice": {"file_id": "a1", "file_unique_id": "a1u", "duration": 2},
    "document": {"file_id": "d1", "file_unique_id": "d1u", "file_name": "x.pdf"},
    "location": {"latitude": 55.75, "longitude": 37.62},
}


@dataclass
class UpdateFactory:
    """Builds Update dicts (for `Update.de_json(data, bot)`); message ids come from
    `message_ids(chat_id)` (pass `LocalBotApi.next_message_id`: no clash with the bot's own)."""

    bot_username: str = BOT_USER["username"]
    message_ids: Any = None
    first_update_id: int = 1
    _own_ids: itertools.count = field(default_factory=lambda: itertools.count(100_000))

    def __post_init__(self) -> None:
        self._update_ids = itertools.count(self.first_update_id)

    def next_update_id(self) -> int:
        return next(self._update_ids)

    @staticmethod
    def user(user_id: int = CONSOLE_USER_ID, lang: str | None = "ru", first_name: str = "Test",
             username: str | None = None) -> dict:
        user = {"id": user_id, "is_bot": False, "first_name": first_name}
        return user | ({"language_code": lang} if lang else {}) | ({"username": username} if username else {})

    @staticmethod
    def private_chat(user: dict) -> dict:
        return {"id": user["id"], "type": "private", "first_name": user.get("first_name", "User")}

    @staticmethod
    def group_chat(chat_id: int = -1001000000001, title: str = "Group chat") -> dict:
        return {"id": chat_id, "type": "supergroup", "title": title}

    @staticmethod
    def channel_chat(chat_id: int = -1002000000002, title: str = "News channel") -> dict:
        return {"id": chat_id, "type": "channel", "title": title}

    @staticmethod
    def _entities(text: str) -> list[dict]:
        """The ``bot_command`` entity of a leading command, and a ``mention`` for each @name after it."""
        command = re.match(r"/[A-Za-z0-9_]+(@\w+)?", text)
        entities = [{"type": "bot_command", "offset": 0, "length": tg_len(command[0])}] if command else []
        return entities + [{"type": "mention", "offset": tg_len(text[:m.start()]), "length": tg_len(m[0])}
                           for m in re.finditer(r"(?<![\w@/])@\w{4,32}", text)
                           if m.start() >= (command.end() if command else 0)]

    def message(self, text: str | None = None, *, user: dict | None = None, chat: dict | None = None,
                caption: str | None = None, media: str | None = None, forward: dict | None = None,
                reply_to: dict | None = None, sender_chat: dict | None = None, kind: str = "message",
                extra: dict | None = None) -> dict:
        """One update with a message. `kind`: message | edited_message | channel_post | edited_channel_post;
        `media`: photo | video | sticker | voice | document | location — the non-text payload.
        """
        channel = kind.endswith("channel_post")
        user = None if channel else user or self.user()
        chat = chat or (self.channel_chat() if channel else self.private_chat(user))
        media = media or ("photo" if caption is not None else None)
        optional = {"from": user, "sender_chat": sender_chat or (chat if channel else None), "text": text,
                    "entities": (self._entities(text) or None) if text else None, "caption": caption,
                    media: copy.deepcopy(_MEDIA.get(media)), "forward_origin": forward,
                    "reply_to_message": reply_to, "edit_date": int(time.time()) if kind.startswith("edited") else None}
        msg = {"message_id": self.message_ids(chat["id"]) if self.message_ids else next(self._own_ids),
               "date": int(time.time()), "chat": chat}
        msg |= {k: v for k, v in optional.items() if v is not None} | (extra or {})
        return {"update_id": self.next_update_id(), kind: msg}

    def command(self, command: str, args: str = "", **kw: Any) -> dict:
        """``/command args`` with the ``bot_command`` entity Telegram attaches."""
        return self.message(f"/{command.lstrip('/')}" + (f" {args}" if args else ""), **kw)

    @staticmethod
    def origin(kind: str = "channel", *, title: str = "News channel", chat_id: int = -1002000000002,
               name: str = "Someone", date: int | None = None) -> dict:
        """A ``forward_origin``: channel | chat | user | hidden_user."""
        origin = {"type": kind, "date": date or int(time.time()) - 3600}
        return origin | {
            "channel": {"chat": {"id": chat_id, "type": "channel", "title": title}, "message_id": 42},
            "chat": {"sender_chat": {"id": chat_id, "type": "supergroup", "title": title}},
            "user": {"sender_user": {"id": 555, "is_bot": False, "first_name": name}},
        }.get(kind, {"type": "hidden_user", "sender_user_name": name})

    def forwarded(self, text: str | None = None, *, origin: str = "channel", title: str = "News channel",
                  caption: str | None = None, **kw: Any) -> dict:
        return self.message(text, caption=caption, forward=self.origin(origin, title=title), **kw)

    def callback(self, data: str, message: dict, *, user: dict | None = None) -> dict:
        """A button press on `message` (the Message JSON the bot got back from sendMessage)."""
        return {"update_id": self.next_update_id(),
                "callback_query": {"id": str(self.next_update_id()), "from": user or self.user(),
                                   "chat_instance": str(message["chat"]["id"]), "data": data,
                                   "message": {k: v for k, v in message.items() if k != "html"}}}

    def inline(self, query: str, *, user: dict | None = None, offset: str = "") -> dict:
        return {"update_id": self.next_update_id(), "inline_query": {"id": str(self.next_update_id()),
                "from": user or self.user(), "query": query, "offset": offset}}
