"""The offline Bot API and Telegram's update JSON, shared by the terminal chat, tests and benchmarks:
`LocalBotApi` answers like the Bot API and refuses what Telegram refuses (HTML it cannot parse, texts
over 4096, callback_data over 64 bytes, ...); `UpdateFactory` builds the Update JSON Telegram sends.
"""

from __future__ import annotations

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
        self.code = code
        self.description = description
        self.parameters = parameters


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    result: Any = None
    error: ApiError | None = None

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")


@dataclass
class LocalBotApi(BaseRequest):
    """Answers Bot API methods like Telegram, keeping the chat state. `calls`: every call (method,
    params, result or error); `fail(method, code, description, parameters)`: the next call of
    `method` fails so (429 with ``{"retry_after": 3}``, 403, 400); `blocked` chat ids always get 403;
    `members[(chat_id, user_id)]`: getChatMember statuses (default "member")."""

    bot_user: dict = field(default_factory=lambda: dict(BOT_USER))
    on_call: Any = None
    strict: bool = True  # False: no checks of texts and buttons (bench/bench_bot.py measures the bot, not them)
    calls: list[ApiCall] = field(default_factory=list)
    chats: dict[int, dict] = field(default_factory=dict)
    messages: dict[tuple[int, int], dict] = field(default_factory=dict)
    members: dict[tuple[int, int], str] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    failures: list[tuple[str, ApiError]] = field(default_factory=list)
    _ids: dict[int, itertools.count] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__()

    def __hash__(self) -> int:
        return id(self)

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

    read_timeout = 5.0

    async def initialize(self) -> None:
        return None

    shutdown = initialize

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: Any = None, write_timeout: Any = None, connect_timeout: Any = None,
                         pool_timeout: Any = None) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data is not None else {}
        call = ApiCall(name, params)
        self.calls.append(call)
        try:
            for i, (fail_method, err) in enumerate(self.failures):
                if fail_method == name:
                    del self.failures[i]
                    raise err
            call.result = self.answer(name, params)
        except ApiError as err:
            call.error = err
            body: dict[str, Any] = {"ok": False, "error_code": err.code, "description": err.description}
            if err.parameters:
                body["parameters"] = err.parameters
            return err.code, json.dumps(body).encode()
        if self.on_call is not None:
            self.on_call(call)
        return 200, json.dumps({"ok": True, "result": call.result}, ensure_ascii=False).encode()

    def answer(self, name: str, p: dict[str, Any]) -> Any:
        """The result of method `name` (`_m_<name>`; True for setMyCommands, sendChatAction, ...)."""
        handler = getattr(self, f"_m_{name}", None)
        return True if handler is None else handler(p)

    def _m_getMe(self, p: dict) -> dict:
        return self.bot_user

    def _m_getUpdates(self, p: dict) -> list:
        return []

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
        for row in (markup or {}).get("inline_keyboard", []) if self.strict else ():
            for button in row:
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
               "from": self.bot_user, **content}
        if markup:
            msg["reply_markup"] = markup
        self.messages[(chat["id"], msg["message_id"])] = msg
        return msg

    def _m_sendMessage(self, p: dict) -> dict:
        chat = self._chat(p["chat_id"])
        return self._new_message(chat, {"text": self._check_text(p.get("text"), p.get("parse_mode")),
                                        "html": p.get("text")}, p)

    def _m_sendPhoto(self, p: dict) -> dict:
        chat = self._chat(p["chat_id"])
        content: dict[str, Any] = {"photo": [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]}
        if p.get("caption"):
            content["caption"] = self._check_text(p["caption"], p.get("parse_mode"), 1024, "caption")
            content["html"] = p["caption"]
        return self._new_message(chat, content, p)

    def _edit(self, p: dict, text_key: str | None) -> Any:
        if p.get("inline_message_id"):
            return True
        key = (int(p["chat_id"]), int(p["message_id"]))
        msg = self.messages.get(key)
        if msg is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        new = dict(msg)
        if text_key is not None:
            new["text"] = self._check_text(p.get(text_key), p.get("parse_mode"))
            new["html"] = p.get(text_key)
        if p.get("reply_markup"):
            self._check_markup(p["reply_markup"])
            new["reply_markup"] = p["reply_markup"]
        else:
            new.pop("reply_markup", None)
        if new == msg:
            raise ApiError(400, "Bad Request: message is not modified: specified new message content and reply "
                                "markup are exactly the same as a current content and reply markup of the message")
        new["edit_date"] = int(time.time())
        self.messages[key] = new
        return new

    _m_editMessageText = partialmethod(_edit, text_key="text")
    _m_editMessageReplyMarkup = partialmethod(_edit, text_key=None)

    def _m_answerCallbackQuery(self, p: dict) -> bool:
        if len(str(p.get("text") or "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def _m_answerInlineQuery(self, p: dict) -> bool:
        results = p.get("results") or []
        if isinstance(results, str):
            results = json.loads(results)
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
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update({k: False for k in (
                "can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages",
                "can_manage_video_chats", "can_restrict_members", "can_promote_members", "can_change_info",
                "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories")})
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
        if lang:
            user["language_code"] = lang
        if username:
            user["username"] = username
        return user

    @staticmethod
    def private_chat(user: dict) -> dict:
        return {"id": user["id"], "type": "private", "first_name": user.get("first_name", "User")}

    @staticmethod
    def group_chat(chat_id: int = -1001000000001, title: str = "Group chat") -> dict:
        return {"id": chat_id, "type": "supergroup", "title": title}

    @staticmethod
    def channel_chat(chat_id: int = -1002000000002, title: str = "News channel") -> dict:
        return {"id": chat_id, "type": "channel", "title": title}

    def _mid(self, chat_id: int) -> int:
        return self.message_ids(chat_id) if self.message_ids else next(self._own_ids)

    def _entities(self, text: str) -> list[dict]:
        entities = []
        command_end = 0
        m = re.match(r"/[A-Za-z0-9_]+(@\w+)?", text)
        if m:
            entities.append({"type": "bot_command", "offset": 0, "length": tg_len(m.group(0))})
            command_end = m.end()
        for m in re.finditer(r"(?<![\w@/])@\w{4,32}", text):
            if m.start() >= command_end:
                entities.append({"type": "mention", "offset": tg_len(text[:m.start()]), "length": tg_len(m.group(0))})
        return entities

    def message(self, text: str | None = None, *, user: dict | None = None, chat: dict | None = None,
                caption: str | None = None, media: str | None = None, forward: dict | None = None,
                reply_to: dict | None = None, sender_chat: dict | None = None, kind: str = "message",
                extra: dict | None = None) -> dict:
        """One update with a message. `kind`: message | edited_message | channel_post | edited_channel_post;
        `media`: photo | video | sticker | voice | document | location — the non-text payload.
        """
        if kind.endswith("channel_post"):
            chat = chat or self.channel_chat()
            user = None
        else:
            user = user or self.user()
            chat = chat or self.private_chat(user)
        msg: dict[str, Any] = {"message_id": self._mid(chat["id"]), "date": int(time.time()), "chat": chat}
        if user is not None:
            msg["from"] = user
        if sender_chat is not None:
            msg["sender_chat"] = sender_chat
        elif kind.endswith("channel_post"):
            msg["sender_chat"] = chat
        if text is not None:
            msg["text"] = text
            if entities := self._entities(text):
                msg["entities"] = entities
        if caption is not None:
            msg["caption"] = caption
            media = media or "photo"
        if media in _MEDIA:
            msg[media] = json.loads(json.dumps(_MEDIA[media]))
        if forward is not None:
            msg["forward_origin"] = forward
        if reply_to is not None:
            msg["reply_to_message"] = reply_to
        if kind.startswith("edited"):
            msg["edit_date"] = int(time.time())
        if extra:
            msg.update(extra)
        return {"update_id": self.next_update_id(), kind: msg}

    def command(self, command: str, args: str = "", **kw: Any) -> dict:
        """``/command args`` with the ``bot_command`` entity Telegram attaches."""
        text = f"/{command.lstrip('/')}" + (f" {args}" if args else "")
        return self.message(text, **kw)

    @staticmethod
    def origin(kind: str = "channel", *, title: str = "News channel", chat_id: int = -1002000000002,
               name: str = "Someone", date: int | None = None) -> dict:
        """A ``forward_origin``: channel | chat | user | hidden_user."""
        date = date or int(time.time()) - 3600
        if kind == "channel":
            return {"type": "channel", "chat": {"id": chat_id, "type": "channel", "title": title},
                    "message_id": 42, "date": date}
        if kind == "chat":
            return {"type": "chat", "sender_chat": {"id": chat_id, "type": "supergroup", "title": title},
                    "date": date}
        if kind == "user":
            return {"type": "user", "sender_user": {"id": 555, "is_bot": False, "first_name": name}, "date": date}
        return {"type": "hidden_user", "sender_user_name": name, "date": date}

    def forwarded(self, text: str | None = None, *, origin: str = "channel", title: str = "News channel",
                  caption: str | None = None, **kw: Any) -> dict:
        return self.message(text, caption=caption, forward=self.origin(origin, title=title), **kw)

    def callback(self, data: str, message: dict, *, user: dict | None = None) -> dict:
        """A button press on `message` (the Message JSON the bot got back from sendMessage)."""
        user = user or self.user()
        return {"update_id": self.next_update_id(),
                "callback_query": {"id": str(self.next_update_id()), "from": user,
                                   "chat_instance": str(message["chat"]["id"]), "data": data,
                                   "message": {k: v for k, v in message.items() if k != "html"}}}

    def inline(self, query: str, *, user: dict | None = None, offset: str = "") -> dict:
        user = user or self.user()
        return {"update_id": self.next_update_id(),
                "inline_query": {"id": str(self.next_update_id()), "from": user, "query": query, "offset": offset}}
