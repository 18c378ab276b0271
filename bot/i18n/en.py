"""English catalogue. Values in {braces} are substituted already HTML-escaped."""

TEXTS: dict[str, str] = {
    # --- start, help, privacy ---
    "start": (
        "👋 I check whether a message repeats a claim that fact-checkers have already looked at.\n\n"
        "<b>Forward me a post</b> (or paste its text) and I will tell you which checked claims it repeats "
        "and what the verdict was.\n\n"
        "/search <i>words</i> — find checked claims\n"
        "/claim <i>number</i> — a claim with its verdict, sources and history\n"
        "/submit — send a source that supports or refutes a claim\n"
        "/follow <i>number</i> — hear from me when a verdict changes\n"
        "/lang — Русский / English\n"
        "/help — everything I can do and what I store about you"
    ),
    "help": (
        "<b>How to use me</b>\n"
        "• Forward a post, or send its text or a photo/video with a caption: I look for claims it repeats. "
        "If I find nothing, the text goes to the fact-checkers as a tip.\n"
        "• /search <i>words</i> — checked claims, five per page.\n"
        "• /claim <i>number</i> — the full card (or tap /claim_12 in any list).\n"
        "• /submit <i>number link</i> [supports|refutes|context] [note] — or just /submit and I will guide you. "
        "Sources are published after a moderator approves them.\n"
        "• /follow <i>number</i>, /unfollow <i>number</i>, /following — verdict-change notices.\n"
        "• In any chat type @{bot} <i>words</i> to post a claim card there.\n"
        "• In a group: I answer commands and mentions. A group admin can switch on /autocheck to have me "
        "reply to messages that repeat a checked claim.\n"
        "• /lang — choose the language, /cancel — stop a guided step.\n\n"
        "{privacy}"
    ),
    "privacy": (
        "<b>What I store</b>\n"
        "• A message that matches nothing is kept for the fact-checkers as a tip: its text, where it was "
        "forwarded from (channel or chat title and date) and a salted hash of your Telegram id — not the id.\n"
        "• Your id itself is stored only while you follow a claim, if you press “Notify me” on a tip "
        "(to send you the answer), with a source you submit (with your name, for the moderators), and with "
        "your language choice.\n"
        "• Other checked messages leave only anonymous statistics (matched or not, the score), no text.\n"
        "• “Not this claim” keeps a hash of the message, the claim and the score.\n"
        "/unfollow stops notices and removes your id from that subscription."
    ),
    "unknown_command": "I don't know that command. /help lists what I can do.",
    # --- language ---
    "lang.choose": "Choose the language:",
    "lang.set": "Language: English.",
    "lang.bad": "Use /lang ru or /lang en.",
    # --- search ---
    "search.usage": "Write what to look for, e.g. <code>/search vaccines 2021</code>.",
    "search.head": "🔎 Checked claims for «{query}» — page {page}:",
    "search.none": ("Nothing among the checked claims matches «{query}».\n"
                    "If you saw this in a post, forward the post to me: I will check it and pass it on "
                    "to the fact-checkers."),
    "search.no_more": "No more results.",
    "search.expired": "This search has expired — run /search again.",
    "btn.prev": "◀",
    "btn.next": "▶",
    "card.short": "<b>{n}.</b> {badge}{speaker}\n{text}\n{cmd} · {score}",
    "card.line": "{badge} {text} — {cmd}",
    # --- checking a message ---
    "check.head": "This message repeats checked claims:",
    "check.head_related": ("I found no claim this message clearly repeats, but these checked claims "
                           "are similar:"),
    "match.head": "<b>{n}.</b> {badge}",
    "match.head_related": "<b>{n}.</b> {badge} <i>(similar)</i>",
    "match.claim": "«{text}»",
    "match.claim_by": "«{text}» — <i>{speaker}</i>",
    "match.contradicts": "⚠️ <b>The message possibly contradicts this claim.</b>",
    "match.article": "📰 {link}",
    "match.footer": "📎 approved sources: {sources} · similarity {score} · {cmd}",
    "check.tip_saved": ("I found no checked claim in this message. I passed it to the fact-checkers "
                        "as a tip (tip #{id})."),
    "check.tip_notify_q": "Press the button if you want me to tell you when they check it.",
    "check.group_none": ("I found no checked claim in this message. Forward it to me in a private chat "
                         "to pass it to the fact-checkers."),
    "check.empty": "There is no text to check here. Send the text of the post or forward the post itself.",
    "check.non_text": "I can only check text: send text, or a photo or video with a caption.",
    "check.edited": "I check new messages only — send the corrected text as a new message.",
    "check.channel": "I don't work inside channels. Use inline mode instead: type @{bot} and a few words.",
    "btn.details": "ℹ️ {n}",
    "btn.follow": "🔔 {n}",
    "btn.not_this": "✖ not {n}",
    "btn.notify": "🔔 Notify me",
    "btn.details_one": "ℹ️ Details",
    "btn.follow_one": "🔔 Follow",
    "btn.unfollow_one": "🔕 Unfollow",
    "btn.submit_one": "📎 Add a source",
    "check.buttons_hint": "ℹ️ details · 🔔 follow · ✖ not this claim",
    "feedback.thanks": "Thanks — noted that this is not claim #{id}.",
    "feedback.dup": "Already noted, thank you.",
    "tip.notify_ok": "OK — I will write to you here when the fact-checkers handle this tip.",
    "tip.notify_gone": "I can no longer find this tip.",
    # --- the claim card ---
    "claim.usage": "Write the claim number, e.g. <code>/claim 12</code>.",
    "card.merged": "ℹ️ Claim #{old} was merged into claim #{new}:",
    "card.title": "<b>Claim #{id}</b>",
    "card.speaker": "🗣 {speaker}",
    "card.article": "📰 {link}{when}",
    "card.verdict": "Verdict: {badge}{updated}",
    "card.updated": " ({date})",
    "card.review": "🔗 Review: {link}",
    "card.sources": "<b>Approved sources ({n}):</b>",
    "card.source": "• {stance}: {link}{note}",
    "card.no_sources": "No approved sources yet — /submit one.",
    "card.history": "<b>Verdict history:</b>",
    "card.history_line": "• {date}: {old} → {new} — {reason}",
    "card.followers": "🔔 followers: {n}",
    "stance.supports": "✅ supports",
    "stance.refutes": "❌ refutes",
    "stance.context": "ℹ️ context",
    # --- follow ---
    "follow.usage": "Write the claim number, e.g. <code>/follow 12</code>.",
    "follow.ok": "🔔 You follow claim #{id}. I will write when its verdict changes.",
    "follow.already": "You already follow claim #{id}.",
    "follow.group_note": " (I write in a private chat: start one with me if you haven't.)",
    "unfollow.usage": "Write the claim number, e.g. <code>/unfollow 12</code>.",
    "unfollow.ok": "🔕 You no longer follow claim #{id}.",
    "unfollow.not": "You did not follow claim #{id}.",
    "following.none": "You follow no claims. Use /follow <i>number</i> or the 🔔 button.",
    "following.head": "<b>You follow {n} claims:</b>",
    "following.foot": "/unfollow <i>number</i> to stop.",
    "follow.no_user": "I can't tell who you are here, so I can't do that.",
    # --- submit ---
    "submit.usage": ("Send <code>/submit number link [supports|refutes|context] [note]</code>, "
                     "or just /submit and I will ask step by step."),
    "submit.ask_claim": "Which claim is the source for? Send its number (see /search). /cancel to stop.",
    "submit.ask_url": "Claim #{id}: «{text}»\n\nNow send the link to the source (http:// or https://).",
    "submit.ask_stance": "What does this source do for the claim?",
    "submit.ask_note": "Add a short note for the moderators (up to {limit} characters), or press Skip.",
    "submit.confirm": ("Please check:\nClaim #{id}: «{text}»\nLink: {url}\nStance: {stance}\nNote: {note}\n\n"
                       "Send it?"),
    "submit.no_note": "—",
    "submit.done": ("📎 Thank you! The source for claim #{id} is waiting for a moderator "
                    "(status: pending). It will appear on the card once approved."),
    "submit.cancelled": "Cancelled. Nothing was saved.",
    "submit.private_only": ("Step-by-step submission works in a private chat with me. Here use "
                            "<code>/submit number link [supports|refutes|context] [note]</code>."),
    "submit.expired": "This step has expired — start again with /submit.",
    "submit.text_please": "Please send text.",
    "btn.supports": "✅ supports",
    "btn.refutes": "❌ refutes",
    "btn.context": "ℹ️ context",
    "btn.skip": "Skip",
    "btn.send": "✅ Send",
    "btn.cancel": "✖ Cancel",
    "cancel.nothing": "There is nothing to cancel.",
    # --- inline ---
    "inline.more": "More in the bot",
    "inline.none_title": "No checked claims found",
    "inline.none_text": "No checked claims found for «{query}».",
    # --- groups ---
    "autocheck.usage": "Use <code>/autocheck on</code> or <code>/autocheck off</code>. Now: {state}.",
    "autocheck.on": "Auto-check is on: I will reply to messages that repeat a checked claim.",
    "autocheck.off": "Auto-check is off: I answer only commands and mentions.",
    "autocheck.state_on": "on",
    "autocheck.state_off": "off",
    "autocheck.admins_only": "Only group admins can change this.",
    "autocheck.groups_only": "Auto-check is for groups; in a private chat I check everything you send.",
    # --- errors ---
    "err.generic": "Sorry, something went wrong on my side. Please try again a bit later.",
    "err.db": "The database is not available right now. Please try again in a few minutes.",
    "err.bad_id": "«{value}» is not a claim number. Claim numbers look like 12.",
    "err.claim_not_found": "There is no claim #{id}.",
    "err.bad_url": ("That is not a link I can accept. Send a full http:// or https:// address "
                    "(up to {limit} characters)."),
    "err.bad_scheme": "Only http:// and https:// links are accepted, not «{scheme}:».",
    "err.bad_stance": "Unknown stance «{value}». Use supports, refutes or context.",
    "err.note_too_long": "The note is too long: at most {limit} characters.",
    "err.duplicate_source": "This link was already submitted for claim #{id}.",
    "err.too_many_follows": "You follow too many claims (at most {limit}). /unfollow some first.",
    "err.invalid": "I couldn't use that input. /help explains the commands.",
    "err.conflict": "That was already done.",
    "ratelimit": "You are sending messages too fast. Please wait {seconds} s and try again.",
    "expired": "This button has expired.",
    # --- notifications ---
    "notify.verdict": ("🔔 The verdict on claim #{id} changed.\n«{text}»\n\nwas: {old}\nnow: {new}\n"
                       "Reason: {reason}\n\n{cmd}"),
    # --- console ---
    "console.banner": (
        "Claim bot — terminal chat (no Telegram token set). You are user {user}{mod}.\n"
        "Type as you would in Telegram: /start, /search words, any text to check it.\n"
        "  > text          forward text as a post from a channel\n"
        "  @ words         inline query (@bot words)\n"
        "  1, 2, …         press button number N of the last message with buttons (\\3 sends «3» as text)\n"
        "  /quit or Ctrl-D end the chat"
    ),
    "console.moderator": ", a moderator",
    "console.no_button": "(no button {n} — the last message has {count})",
    # --- moderation ---
}
