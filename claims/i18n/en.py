"""English catalogue: the bot's messages and the texts of the public pages (keys web.*).

The bot formats them with `t()`: values in {braces} are substituted already HTML-escaped
(Telegram HTML). The pages use `plain()`: Jinja2 escapes the values."""

TEXTS: dict[str, str] = {
    # --- start, help, privacy ---
    "start": (
        "👋 I check whether a message repeats a claim in the fact-checkers' database.\n\n"
        "<b>Forward me a post</b> (or paste its text) and I will tell you which claims from the database it "
        "repeats: with the verdict when one is checked, or that it is still waiting to be checked.\n\n"
        "/search <i>words</i> — find claims in the database\n"
        "/claim <i>number</i> — a claim with its verdict, sources and history\n"
        "/submit — send a source that supports or refutes a claim\n"
        "/follow <i>number</i> — hear from me when a verdict changes\n"
        "/lang — Русский / English\n"
        "/help — everything I can do and what I store about you"
    ),
    "help": (
        "<b>How to use me</b>\n"
        "• Forward a post, or send its text or a photo/video with a caption: I look for claims it repeats. "
        "Unless it clearly repeats one, the text goes to the fact-checkers as a tip.\n"
        "• /search <i>words</i> — claims in the database, five per page.\n"
        "• /claim <i>number</i> — the full card (or tap /claim_12 in any list).\n"
        "• /submit <i>number link</i> [supports|refutes|context] [note] — or just /submit and I will guide you. "
        "Sources are published after a moderator approves them.\n"
        "• /follow <i>number</i>, /unfollow <i>number</i>, /following — verdict-change notices.\n"
        "• In any chat, type @{bot} <i>words</i> to post a claim card there.\n"
        "• In a group: I answer commands and mentions. A group admin can switch on /autocheck to have me "
        "reply to messages that repeat a claim in the database.\n"
        "• /lang — choose the language, /cancel — stop a guided step.\n\n"
        "{privacy}"
    ),
    "privacy": (
        "<b>What I store</b>\n"
        "• A message that repeats no claim is kept for the fact-checkers as a tip: its text, where it was "
        "forwarded from (channel or chat title and date) and a salted hash of your Telegram id — not the id.\n"
        "• Your id itself is stored only: while you follow a claim; when you press “Notify me” on a tip (to "
        "send you the answer); with a source you submit (with your name, for the moderators); and with your "
        "language once you choose it with /lang or follow something (so notices come in your language).\n"
        "• Other checked messages leave only anonymous statistics (matched or not, the score), no text.\n"
        "• “Not this claim” keeps a hash of the message, the claim and the score.\n"
        "/unfollow stops notices and removes your id from that subscription."
    ),
    "privacy.forget": (
        "<b>/forget</b> deletes your subscriptions, your language choice, any unfinished step and the notices "
        "not yet sent to you. <b>What stays</b>, no longer linked to you: the texts of the tips you sent, the "
        "sources you submitted (without your name), your “Not this claim” marks, and the moderation log — "
        "e.g. a moderator command you tried — where the record and its time stay but your id and name are "
        "replaced by a salted hash of your id."
    ),
    "unknown_command": "I don't know that command. /help lists what I can do.",
    # --- language ---
    "lang.choose": "Choose the language:",
    "lang.set": "Language: English.",
    "lang.bad": "Use /lang ru or /lang en.",
    # --- search ---
    "search.usage": "Write what to look for, e.g. <code>/search vaccines 2021</code>.",
    "search.head": "🔎 Claims for «{query}» — page {page}:",
    "search.none": ("Nothing among the claims in the database matches «{query}».\n"
                    "If you saw this in a post, forward the post to me: I will check it and pass it on "
                    "to the fact-checkers."),
    "search.no_more": "No more results.",
    "search.expired": "This search has expired — run /search again.",
    "btn.prev": "◀",
    "btn.next": "▶",
    "card.short": "<b>{n}.</b> {badge}{speaker}\n{text}\n{cmd} · {score}",
    "card.line": "{badge} {text} — {cmd}",
    # --- checking a message ---
    "check.head": "This message repeats claims in the fact-checkers' database:",
    "check.head_link": "The link in this message leads to claims in the fact-checkers' database:",
    "check.head_after_link": "And the text of the message repeats these claims:",
    "check.head_related": "I found no claim this message clearly repeats, but it resembles these claims:",
    "check.also_related": "It also resembles:",
    "match.head": "<b>{n}.</b> {badge}",
    "match.head_related": "<b>{n}.</b> {badge} <i>(similar)</i>",
    "match.claim": "«{text}»",
    "match.claim_by": "«{text}» — <i>{speaker}</i>",
    "verdict.state.unverified": "on the fact-checkers' list, not checked yet",
    "verdict.state.unproven": "could not be confirmed — which does not mean it is false",
    "match.follow_offer": "🔔 {n} — I will tell you when it is checked.",
    "match.contradicts": "⚠️ <b>The message possibly contradicts this claim.</b>",
    "match.cross_language": "🌐 Found by meaning, in another language than the claim (the message or a part of it).",
    "match.article": "📰 {link}",
    "match.footer": "📎 approved sources: {sources} · similarity {score} · {cmd}",
    "match.via.article": "🔗 A claim from the article the link leads to.",
    "match.via.review": "🔗 The link leads to the fact-checkers' review of this claim.",
    "match.via.source": "🔗 The link is an approved source on this claim.",
    "match.footer_link": "📎 approved sources: {sources} · found by the link · {cmd}",
    "check.tip_saved": ("I found no claim in the database that this message repeats, so I passed it to the "
                        "fact-checkers as a tip (tip #{id})."),
    "check.tip_saved_related": ("It does not clearly repeat any of them, so I passed it to the fact-checkers as "
                                "a tip (tip #{id})."),
    "check.not_tip": "These claims are already in the database, so I did not pass the message on as a new tip.",
    "check.tip_notify_q": "Press the button if you want me to tell you when they check it.",
    "check.tip_saved_part": ("The rest of the message repeats no claim in the database, so I passed that "
                             "part to the fact-checkers as a tip (tip #{id})."),
    "check.tip_repeat": "Others have sent this to the fact-checkers too. People who sent it so far: {n}.",
    "check.tip_again": "You already sent this — the fact-checkers have it as tip #{id}, no need to send it again.",
    "check.group_none": ("I found no claim in the database that this message repeats. Forward it to me in a "
                         "private chat to pass it to the fact-checkers."),
    "check.group_related": ("It does not clearly repeat any of them. Forward it to me in a private chat to pass "
                            "it to the fact-checkers."),
    "check.empty": "There is no text to check here. Send the text of the post or forward the post itself.",
    "check.non_text": "I can only check text: send text, or a photo or video with a caption.",
    "check.edited": "I check new messages only — send the corrected text as a new message.",
    "check.channel": "I don't work inside channels. Use inline mode instead: type @{bot} and a few words.",
    "btn.details": "ℹ️ {n}",
    "btn.follow": "🔔 {n}",
    "btn.not_this": "✖ not {n}",
    "btn.notify": "🔔 Notify me",
    "btn.follow_one": "🔔 Follow",
    "btn.unfollow_one": "🔕 Unfollow",
    "btn.submit_one": "📎 Add a source",
    "check.buttons_hint": "ℹ️ details · 🔔 follow · ✖ not this claim",
    "feedback.thanks": "Thanks — noted that this is not claim #{id}.",
    "feedback.dup": "Already noted, thank you.",
    "tip.notify_ok": "OK — I will write to you here when the fact-checkers handle this tip.",
    "tip.notify_handled": "The fact-checkers have already handled this tip — I am sending you what they decided.",
    "tip.notify_gone": "I can no longer find this tip.",
    # --- the claim card ---
    "claim.usage": "Write the claim number, e.g. <code>/claim 12</code>.",
    "card.merged": "ℹ️ Claim #{old} was merged into claim #{new}:",
    "card.title": "<b>Claim #{id}</b>",
    "card.speaker": "🗣 {speaker}",
    "card.plan": "📅 Plan: an announced commitment",
    "card.plan_due": "📅 Plan, due {due}",
    "card.article": "📰 {link}{when}",
    "card.verdict": "Verdict: {badge}{updated}",
    "card.updated": " ({date})",
    "card.review": "🔗 Review: {link}",
    "card.page": "🌐 {link}",
    "card.page_label": "The fact-check page",
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
    "submit.timed_out": ("Your /submit draft waited more than {minutes} minutes, so I dropped it. "
                         "Start again with /submit if you need it."),
    "submit.press_button": "Please press ✅ Send or ✖ Cancel (or /cancel).",
    "submit.text_please": "Please send text.",
    "btn.skip": "Skip",
    "btn.send": "✅ Send",
    "btn.cancel": "✖ Cancel",
    "cancel.nothing": "There is nothing to cancel.",
    # --- inline ---
    "inline.footer": "📎 approved sources: {sources} · claim #{id}",
    "inline.more": "More in the bot",
    "inline.none_title": "No claims found",
    # --- groups ---
    "autocheck.usage": "Use <code>/autocheck on</code> or <code>/autocheck off</code>. Now: {state}.",
    "autocheck.on": "Auto-check is on: I will reply to messages that repeat a claim in the database.",
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
    "notify.tip_linked": ("🔔 The fact-checkers looked at your tip #{tip}: it repeats claim #{id}.\n«{text}»\n\n"
                          "{state}\n\nI will write if the verdict changes. {cmd}"),
    "notify.tip_converted": ("🔔 The fact-checkers added your tip #{tip} to the database as claim #{id}.\n«{text}»\n\n"
                             "{state}\n\nI will write when its verdict changes. {cmd}"),
    "notify.tip_dismissed": ("🔔 The fact-checkers looked at your tip #{tip} and found no claim in it that they "
                             "will check."),
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
    "console.edited": "bot (edited message {id})",
    "console.inline_none": "bot (inline): no results",
    "console.inline_results": "bot (inline): {count} results — type a number to post one",
    "console.via_inline": "you (via inline)",
    "console.opens": "  (opens {url})",
    "console.other_chat": "  (the bot sent a message to another chat: {chat})",
    # --- command menu ---
    "cmd.start": "what the bot does",
    "cmd.help": "help and privacy",
    "cmd.search": "find claims",
    "cmd.claim": "a claim's card",
    "cmd.submit": "send a source",
    "cmd.follow": "follow a verdict",
    "cmd.unfollow": "stop following",
    "cmd.following": "what I follow",
    "cmd.lang": "язык / language",
    "cmd.autocheck": "group auto-check (admins)",
    "cmd.cancel": "cancel the current step",
    "cmd.forget": "delete everything the bot holds about me",
    # --- moderation ---
    "mod.denied": "⛔ This command is for moderators only.",
    "mod.denied_button": "⛔ This button is for moderators only.",
    "mod.denied_admin": "⛔ Only admins can manage moderators.",
    "mod.expired": "This confirmation has expired or was already used. Nothing was changed.",
    "mod.cancelled": "Cancelled. Nothing was changed.",
    "mod.already": "Already handled by {name}.",
    "mod.unnamed": "a moderator",
    "mod.skipped": "Skipped.",
    # commands (menu descriptions)
    "mod.cmd.queue": "review queue (moderators)",
    "mod.cmd.verdict": "set a verdict: ID VERDICT reason",
    "mod.cmd.addclaim": "add a claim: [speaker |] text [| url]",
    "mod.cmd.editclaim": "edit a claim's text: ID text",
    "mod.cmd.merge": "merge a duplicate: KEEP_ID DUP_ID",
    "mod.cmd.ingest": "extract claims from an article",
    "mod.cmd.history": "who changed what on a claim: ID",
    "mod.cmd.stats": "numbers and chart",
    "mod.cmd.mods": "list moderators",
    "mod.cmd.mod_add": "make a moderator: USER_ID (admins)",
    "mod.cmd.mod_remove": "remove a moderator: USER_ID (admins)",
    # usage
    "mod.usage.verdict": ("Usage: <code>/verdict ID VERDICT reason</code>, e.g. "
                          "<code>/verdict 12 false the statistics office says 3.1%</code>.\n"
                          "Verdicts: unverified, true, mostly_true, mixed, misleading, mostly_false, false, unproven."),
    "mod.usage.addclaim": ("Usage: <code>/addclaim text</code> or <code>/addclaim Speaker | text | article URL</code> "
                           "(speaker and URL are optional)."),
    "mod.usage.editclaim": "Usage: <code>/editclaim ID new text</code>.",
    "mod.usage.merge": "Usage: <code>/merge KEEP_ID DUPLICATE_ID</code> — the duplicate becomes a pointer to KEEP.",
    "mod.usage.history": "Usage: <code>/history ID</code>.",
    "mod.usage.ingest": "Send the article as text (optionally with its URL on the first line), as a .txt file, or just its link.",
    "mod.usage.mod_add": "Usage: <code>/mod_add USER_ID [name]</code> — the numeric Telegram id, not the @username.",
    "mod.usage.mod_remove": "Usage: <code>/mod_remove USER_ID</code>.",
    # errors
    "mod.err.no_source": "There is no source #{id}.",
    "mod.err.no_tip": "There is no tip #{id}.",
    "mod.err.bad_id": "«{value}» is not an id: use a number such as 12.",
    "mod.err.verdict": "There is no verdict «{value}». Valid verdicts: {valid}.",
    "mod.err.too_long": "Too long: at most {limit} characters. Nothing was changed.",
    "mod.err.no_words": "A claim needs words: «{value}» has none it could be found by (only emoji, signs or the most common words). Nothing was changed.",
    "mod.err.merged": "Claim #{id} was merged into claim #{new}; act on #{new} instead. Nothing was changed.",
    "mod.err.evidence": "Claim #{id} has no approved source yet.",
    "mod.err.same_verdict": "Claim #{id} already has the verdict {verdict}. Nothing was changed.",
    "mod.err.verdict_changed": "The verdict of claim #{id} was just changed by someone else. Nothing was changed: open the card to see it.",
    "mod.err.refused": "⚠️ Not done: {detail}",
    # roles
    "mod.role.added": "✅ {id} is now a moderator. They see the moderator commands in their chat with me.",
    "mod.role.already": "{id} already is a moderator or an admin. Nothing was changed.",
    "mod.role.removed": "✅ {id} is no longer a moderator.",
    "mod.role.not_mod": "{id} is not a moderator. Nothing was changed.",
    "mod.role.is_admin": "{id} is an admin (MODERATOR_IDS in the configuration); admins are changed there.",
    "mod.role.list_head": "<b>Moderators ({n})</b>",
    "mod.role.row_admin": "• <code>{id}</code> — admin",
    "mod.role.row_moderator": "• <code>{id}</code> {name} — moderator",
    # queue cards
    "mod.queue.header": "📋 Queue: {sources} sources, {tips} tips · oldest waits {age}",
    "mod.queue.only_skipped": "Nothing more for now: the {n} items left were skipped. /queue starts over.",
    "mod.queue.empty": "🎉 The queue is empty.",
    "mod.new.source": "🆕 New source",
    "mod.new.tip": "🆕 New tip",
    "mod.ago.min": "{n} min",
    "mod.ago.h": "{n} h",
    "mod.ago.d": "{n} d",
    "mod.card.source_head": "📎 <b>Source #{id}</b> · waiting {age}",
    "mod.card.claim_ref": "Claim #{id} {badge}\n{speaker}«{text}»",
    "mod.card.no_claim": "(the claim is gone)",
    "mod.card.source_link": "{stance}: {link}",
    "mod.card.note": "📝 {note}",
    "mod.card.by": "👤 from {name}",
    "mod.card.tip_head": "💬 <b>Tip #{id}</b> · waiting {age}{origin}",
    "mod.card.tip_origin": " · from «{origin}»",
    "mod.card.tip_askers": "👥 Sent by {n} people · last {age} ago",
    "mod.card.tip_part": "✂️ Part of a post: the rest repeats {claims}",
    "mod.card.tip_links": "🔗 Links in the message ({n}):",
    "mod.status.approved": "✅ Approved by {name} · {when}{reason}",
    "mod.status.rejected": "🚫 Rejected by {name} · {when}{reason}",
    "mod.status.reason": "\nReason: {reason}",
    "mod.status.tip_linked": "🔗 Linked to claim #{claim} by {name} · {when}",
    "mod.status.tip_converted": "➕ Claim #{claim} created by {name} · {when}",
    "mod.status.tip_dismissed": "🗑 Dismissed by {name} · {when}",
    "mod.btn.approve": "✅ Approve",
    "mod.btn.reject": "🚫 Reject",
    "mod.btn.skip": "⏭ Skip",
    "mod.btn.next": "▶ Next",
    "mod.btn.back": "↩ Back",
    "mod.btn.link": "🔗 Link to claim",
    "mod.btn.new_claim": "➕ New claim",
    "mod.btn.dismiss": "🗑 Dismiss",
    "mod.btn.search": "🔎 Search",
    "mod.btn.create": "✅ Create as is",
    "mod.btn.verdict": "⚖️ Set verdict",
    "mod.btn.history": "📜 History",
    "mod.btn.override": "⚠️ Set it anyway",
    "mod.btn.store": "✅ Store {n} claims",
    "mod.reason.duplicate": "Duplicate of another source",
    "mod.reason.unreliable": "Unreliable source",
    "mod.reason.irrelevant": "Not about this claim",
    "mod.reason.broken": "Broken link or paywall",
    "mod.prompt.reject": "✍️ Choose a reason, or send your own as your next message.",
    "mod.prompt.convert": ("✍️ The new claim will have the tip's text. Press «Create as is», or send the edited "
                           "text as your next message (<code>Speaker | text</code> to name the speaker)."),
    "mod.prompt.search": "✍️ Send words to search for, or a claim number.",
    "mod.link.pick": "Which claim does this tip repeat?",
    "mod.link.none": "The matcher found no candidate. Search with other words.",
    "mod.link.results": "Results for «{query}»:",
    "mod.link.nothing": "Nothing found for «{query}». Try other words.",
    "mod.done.approved": "Approved.",
    "mod.done.rejected": "Rejected.",
    "mod.done.dismissed": "Dismissed.",
    "mod.done.linked": "Linked.",
    "mod.done.converted": "Claim created.",
    "mod.done.verdict": "Verdict set.",
    # verdicts
    "mod.verdict.choose": "⚖️ Claim #{id}: «{text}»\nNow: {now}. Choose the new verdict:",
    "mod.verdict.reason": ("⚖️ Claim #{id}: «{text}»\n{old} → <b>{new}</b>\n\n"
                           "✍️ Send the reason as your next message (it is shown to followers)."),
    "mod.verdict.done": "⚖️ Claim #{id}: {old} → <b>{new}</b>.\nReason: {reason}\nFollowers will be notified.",
    "mod.verdict.done_override": ("⚖️ Claim #{id}: {old} → <b>{new}</b> (without an approved source — recorded as "
                                  "an override).\nReason: {reason}\nFollowers will be notified."),
    "mod.verdict.needs_source": ("⚠️ Claim #{id} has no approved source, and «{verdict}» states a finding. "
                                 "Approve a source first, or confirm that you set it without one "
                                 "(the override is recorded in the history)."),
    # claims
    "mod.addclaim.done": "➕ Claim #{id} added:\n«{text}»{note}",
    "mod.addclaim.no_article": "\n(No stored article has that URL, so none is attached — /ingest it first.)",
    "mod.editclaim.done": "✏️ Claim #{id} now reads:\n«{text}»",
    "mod.merge.done": "🔀 Claim #{dup} is merged into #{keep}: its sources, followers, tips and history moved.\n«{text}»",
    "mod.merge.self": "A claim cannot be merged with itself. Nothing was changed.",
    "mod.ingest.send": "📰 Send the article as your next message: text (URL on the first line, optional), a .txt file, or a link to the page.",
    "mod.ingest.fetch_failed": "⚠️ Could not take the article from the link: {detail}. Nothing was stored.",
    "mod.ingest.html_failed": "⚠️ Could not take the article from the page you sent: {detail}. Nothing was stored.",
    "mod.ingest.page.address": "that is not a web address",
    "mod.ingest.page.status": "the server answered {status}",
    "mod.ingest.page.not_page": "it is not a web page ({type})",
    "mod.ingest.page.too_big": "the page is too large",
    "mod.ingest.page.timeout": "the site did not answer within {seconds} s",
    "mod.ingest.page.redirects": "too many redirects",
    "mod.ingest.page.network": "the site cannot be reached",
    "mod.ingest.page.unreadable": "the page could not be read",
    "mod.ingest.page.no_text": "no article text found on the page",
    "mod.ingest.page.encoding": "the page's text is damaged: it holds invalid characters",
    "mod.ingest.page.other": "the page could not be read",
    "mod.ingest.not_txt": "Send plain text, a .txt file or a saved .html page.",
    "mod.ingest.table": "That is a table, not an article: fact-checks in a CSV or Excel sheet are imported on the server with <code>claims import FILE</code>. Nothing was stored.",
    "mod.ingest.too_big": "The article is too long for the bot (at most {limit} characters); use the command line.",
    "mod.ingest.nothing": "No check-worthy claims found in this text. Nothing was stored.",
    "mod.ingest.preview": "📰 Found {n} claims in the article ({chars} characters). Store them?",
    "mod.ingest.more": "…and {n} more.",
    "mod.ingest.done": "✅ Article #{article} stored with {n} claims: {ids}",
    "mod.ingest.exists": "This article is already stored (#{article}, {n} claims): {ids}. Nothing was added.",
    # history
    "mod.history.head": "📜 <b>History of claim #{id}</b> ({n} entries)\n«{text}»",
    "mod.history.empty": "No changes yet.",
    "mod.history.line": "• {when} · <b>{who}</b> — {action}{change}{reason}",
    "mod.history.change": ": {before} → {after}",
    "mod.history.reason": "\n   <i>{reason}</i>",
    "mod.act.verdict": "verdict",
    "mod.act.verdict_override": "verdict (override, no approved source)",
    "mod.act.source_approved": "source approved",
    "mod.act.source_rejected": "source rejected",
    "mod.act.tip_link": "tip linked",
    "mod.act.tip_convert": "tip turned into this claim",
    "mod.act.tip_dismiss": "tip dismissed",
    "mod.act.claim_add": "claim added",
    "mod.act.claim_edit": "text edited",
    "mod.act.claim_merge": "duplicate merged in",
    "mod.act.claim_ingest": "claim stored from an article",
    # stats
    "mod.stats.head": "📊 <b>Statistics</b> (last {days} days)",
    "mod.stats.claims": "Claims: {n}",
    "mod.stats.verdict_line": "  {badge}: {n}",
    "mod.stats.queue": "Queue: {sources} sources, {tips} tips · oldest waits {age}",
    "mod.stats.totals": "Tips: {tips} · messages checked: {checked} · matched: {matched}",
    "mod.stats.forwarded": "Forwarded posts: {n}, matched {matched} ({share})",
    "mod.stats.daily_head": "Per day — tips / checked / matched:",
    "mod.stats.daily_line": "  {day}: {tips} / {checked} / {matched}",
    "mod.stats.caption": "📊 Claims by verdict and activity per day ({days} days)",
    "mod.chart.verdicts": "Claims by verdict",
    "mod.chart.daily": "Per day",
    "mod.chart.tips": "tips",
    "mod.chart.checked": "messages checked",
    "mod.chart.matched": "matched",
    # --- privacy ---
    "privacy.forget.confirm": (
        "🗑 <b>Forget me?</b>\n"
        "I will delete your subscriptions, your language choice and any unfinished step, cancel notices "
        "not yet sent to you, and remove your id and name from your tips and the sources you sent "
        "(their text stays with the fact-checkers, no longer linked to you) and from the moderation log "
        "(its records stay, with a salted hash of your id instead). This cannot be undone."
    ),
    "privacy.btn.forget": "🗑 Yes, forget me",
    "privacy.btn.keep": "Cancel",
    "privacy.forget.done": ("Done: I deleted what I held about you ({follows} subscriptions deleted; "
                            "{tips} tips and {sources} sources are no longer linked to you)."),
    "privacy.forget.kept": "Nothing was deleted.",
    "privacy.forget.not_yours": "Only the person who asked can press this.",
    "privacy.forget.private_only": "Send /forget to me in a private chat.",
    # --- public pages (claims/web): Jinja2 escapes ---
    "web.site.tagline": "Checked claims and their verdicts",
    "web.nav.recent": "Latest verdicts",
    "web.nav.search": "Search",
    "web.nav.feed": "Atom feed",
    "web.lang.other": "Русский",
    "web.claim.title": "Claim #{id}",
    "web.claim.speaker": "Said by",
    "web.claim.article": "Where it appeared",
    "web.claim.date": "Date of the claim",
    "web.claim.kind": "What it is",
    "web.claim.plan": "plan: an announced commitment",
    "web.claim.plan_due": "plan, due {due}",
    "web.claim.verdict": "Verdict",
    "web.claim.updated": "set on {date}",
    "web.claim.review": "Full review",
    "web.claim.sources": "Sources",
    "web.claim.no_sources": "No approved sources yet.",
    "web.claim.history": "Verdict history",
    "web.claim.by": "by {name}",
    "web.claim.approved_by": "approved by {name}",
    "web.claim.og_description": "Verdict: {verdict}. {summary}",
    "web.stance.supports": "supports the claim",
    "web.stance.refutes": "refutes the claim",
    "web.stance.context": "context",
    "web.recent.title": "Latest verdicts",
    "web.recent.none": "No verdicts have been published yet.",
    "web.search.title": "Search the checked claims",
    "web.search.label": "Words to look for",
    "web.search.button": "Search",
    "web.search.results": "Checked claims for «{query}»",
    "web.search.none": "No checked claim matches «{query}».",
    "web.search.next": "Next page",
    "web.search.prev": "Previous page",
    "web.search.page": "page {page}",
    "web.error.404.title": "Page not found",
    "web.error.404.text": "There is no published fact-check here. It may not have a verdict yet.",
    "web.error.400.title": "Bad request",
    "web.error.400.text": "This search cannot be run: {reason}",
    "web.error.400.too_long": "the query is longer than {n} characters.",
    "web.error.400.page": "the page number must be a whole number from 1 to {n}.",
    "web.error.503.title": "Temporarily unavailable",
    "web.error.503.text": "The database cannot be reached right now. Please try again in a minute.",
    "web.feed.title": "{name}: verdicts",
}
