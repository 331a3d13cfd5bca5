"""personal: `/prep export` (admins: `export channel`), `/prep forget me` (confirmed by a button or
"yes, forget me") and `/prep nudges …`. Every reply is private to the asker."""

from __future__ import annotations

from bot import admin
from bot.context import Context
from bot.intents import Command, Intent
from bot.messages import Button, Reply, Section
from bot.progress import export
from bot.storage.personal_data import PersonalData

FORGET_ASK = (
    "This deletes everything I keep about you: every graded answer, your review schedule, your "
    "streaks and daily-question scores (you leave the leaderboard and statistics), your nudges. "
    "It cannot be undone. Click *Forget me* or say *yes, forget me* to go ahead."
)


def handle(ctx: Context) -> Reply:
    command = ctx.match.command
    if command is Command.EXPORT:
        return _export_channel(ctx) if ctx.match.args == "channel" else _export(ctx)
    if command is Command.FORGET:
        return _forget(ctx) if ctx.match.args == "confirm" else _ask_forget()
    if command is Command.NUDGES:
        from bot.progress.nudges import command as nudges

        return nudges(ctx)
    return _private("Your data", "Say export, forget me, or nudges on 18:00 Europe/Berlin.")


def _private(title: str, text: str, buttons: tuple[Button, ...] = ()) -> Reply:
    return Reply(
        title=title, sections=(Section(text=text),), buttons=buttons, ephemeral=True, intent=Intent.PERSONAL
    )


def _export(ctx: Context) -> Reply:
    user = ctx.message.user.key
    history = PersonalData(ctx.stores.db).history(user)
    answers = len(history["practice_attempts"])
    files = export.personal_files(user, history, ctx.clock.now())
    return Reply(
        title="Your data",
        sections=(
            Section(
                text=f"Your history: {answers} graded answer{'s' * (answers != 1)} as CSV, and everything "
                "I keep about you as JSON. Only you get these files."
            ),
        ),
        attachments=files,
        ephemeral=True,
        intent=Intent.PERSONAL,
    )


def _export_channel(ctx: Context) -> Reply:
    if not admin.is_admin(ctx):
        admin.refused("export channel", ctx)
        return _private(
            "Admins only",
            "Only an admin can export a channel's results. Say export for your own. "
            + admin.who_are_admins(ctx),
        )
    rows = PersonalData(ctx.stores.db).channel_results(ctx.message.channel.key)
    files = export.channel_files(ctx.message.channel.key, rows, ctx.clock.now())
    return Reply(
        title="Channel results",
        sections=(
            Section(text=f"{len(rows)} daily-question answer{'s' * (len(rows) != 1)} in this channel."),
        ),
        attachments=files,
        ephemeral=True,
        intent=Intent.PERSONAL,
    )


def _ask_forget() -> Reply:
    return _private(
        "Forget you?",
        FORGET_ASK,
        buttons=(Button("forget:confirm", "Forget me", "danger"),),
    )


def _forget(ctx: Context) -> Reply:
    deleted = PersonalData(ctx.stores.db).forget(ctx.message.user.key)
    total = sum(deleted.values())
    if not total:
        return _private("Nothing to forget", "I keep nothing about you.")
    return _private(
        "Forgotten",
        "Done: I deleted everything I kept about you "
        f"({deleted.get('practice_attempts', 0)} graded answers among {total} records). "
        "You no longer appear on leaderboards or in statistics.",
    )
