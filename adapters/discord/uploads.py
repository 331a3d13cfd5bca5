"""Files a reply carries, as Discord attachments on the reply's first message (ephemeral when the
reply is personal), within Discord's upload limit: a file over it is left off and the person is told
in one line."""

from __future__ import annotations

import io
from collections.abc import Sequence

import discord

from bot.messages import Attachment

# Discord's upload limit for bots in a server without boosts (per message, all files together).
MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
TOO_BIG = "I left out {names}: over Discord's {mb} MB upload limit."


def files_for(attachments: Sequence[Attachment]) -> tuple[list[discord.File], str]:
    """discord.File objects for the attachments that fit, and a note naming those left out ("")."""
    files: list[discord.File] = []
    left_out: list[str] = []
    total = 0
    for attachment in attachments:
        if len(files) >= MAX_FILES or total + len(attachment.data) > MAX_BYTES:
            left_out.append(attachment.filename)
            continue
        total += len(attachment.data)
        files.append(
            discord.File(
                io.BytesIO(attachment.data),
                filename=attachment.filename,
                description=attachment.title or None,
            )
        )
    note = TOO_BIG.format(names=", ".join(left_out), mb=MAX_BYTES // (1024 * 1024)) if left_out else ""
    return files, note
