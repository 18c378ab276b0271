"""/mod_add, /mod_remove, /mods; a changed role changes that person's command menu (bot/menus.py)."""

from __future__ import annotations

from telegram import Update

from claims.errors import ClaimsError
from claims.services import moderators as mods

from ..core import Context, explain, reply
from ..i18n import t
from ..menus import set_commands_for
from ..render import isolate
from .common import command_action, gate


async def mod_add_cmd(update: Update, context: Context) -> None:
    """/mod_add USER_ID [name] (admins only)."""
    if not (mod := await gate(update, context, command_action(update), need=mods.ADMIN)):
        return
    args = (update.effective_message.text or "").split(maxsplit=2)[1:]
    if not args:
        return await reply(update, t(mod.lang, "mod.usage.mod_add"))
    try:
        added = await context.run(mods.add_moderator, mod.actor, args[0], name=args[1] if len(args) > 1 else None,
                         admin_ids=mod.runtime.admin_ids)
    except ClaimsError as err:
        return await reply(update, explain(mod.lang, err, "mod"))
    uid = int(args[0])
    if added:
        await set_commands_for(context.bot, uid, mods.MODERATOR)
    await reply(update, t(mod.lang, "mod.role.added" if added else "mod.role.already", id=uid))


async def mod_remove_cmd(update: Update, context: Context) -> None:
    """/mod_remove USER_ID (admins only)."""
    if not (mod := await gate(update, context, command_action(update), need=mods.ADMIN)):
        return
    args = (update.effective_message.text or "").split()[1:]
    if len(args) != 1:
        return await reply(update, t(mod.lang, "mod.usage.mod_remove"))
    try:
        removed = await context.run(mods.remove_moderator, mod.actor, args[0], admin_ids=mod.runtime.admin_ids)
    except ClaimsError as err:
        if err.code == "conflict":
            return await reply(update, t(mod.lang, "mod.role.is_admin", id=args[0]))
        return await reply(update, explain(mod.lang, err, "mod"))
    uid = int(args[0])
    if removed:
        await set_commands_for(context.bot, uid, None)
    await reply(update, t(mod.lang, "mod.role.removed" if removed else "mod.role.not_mod", id=uid))


async def mods_cmd(update: Update, context: Context) -> None:
    """/mods: who can moderate."""
    if not (mod := await gate(update, context, "/mods")):
        return
    rows = await context.run(mods.list_moderators, mod.runtime.admin_ids)
    lines = [t(mod.lang, "mod.role.list_head", n=len(rows))]
    lines += [t(mod.lang, f"mod.role.row_{r.role}", id=r.user_id, name=isolate(r.name)) for r in rows]
    await reply(update, "\n".join(lines))
