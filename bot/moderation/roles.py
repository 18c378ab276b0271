"""/mod_add, /mod_remove (admins only), /mods; a changed role changes that person's command menu (bot/menus.py)."""

from __future__ import annotations

from telegram import Update

from claims.errors import Conflict
from claims.services import moderators as mods

from ..core import Context, reply
from ..menus import set_commands_for
from ..render import isolate
from .common import Mod


async def mod_add_cmd(update: Update, context: Context, mod: Mod, args: str) -> None:
    """/mod_add USER_ID [name]."""
    if not (words := args.split(maxsplit=1)):
        return await mod.say(update, "mod.usage.mod_add")
    added = await context.run(mods.add_moderator, mod.actor, words[0], name=words[1] if len(words) > 1 else None,
                              admin_ids=context.runtime.admin_ids)
    if added:
        await set_commands_for(context.bot, int(words[0]), mods.MODERATOR)
    await mod.say(update, "mod.role.added" if added else "mod.role.already", id=int(words[0]))


async def mod_remove_cmd(update: Update, context: Context, mod: Mod, args: str) -> None:
    """/mod_remove USER_ID."""
    if len(words := args.split()) != 1:
        return await mod.say(update, "mod.usage.mod_remove")
    try:
        removed = await context.run(mods.remove_moderator, mod.actor, words[0], admin_ids=context.runtime.admin_ids)
    except Conflict:
        return await mod.say(update, "mod.role.is_admin", id=words[0])
    if removed:
        await set_commands_for(context.bot, int(words[0]), None)
    await mod.say(update, "mod.role.removed" if removed else "mod.role.not_mod", id=int(words[0]))


async def mods_cmd(update: Update, context: Context, mod: Mod, args: str) -> None:
    """/mods: who can moderate."""
    rows = await context.run(mods.list_moderators, context.runtime.admin_ids)
    await reply(update, "\n".join([mod.t("mod.role.list_head", n=len(rows)), *(
        mod.t(f"mod.role.row_{r.role}", id=r.user_id, name=isolate(r.name)) for r in rows)]))
