"""What the bot needs on a server: the OAuth2 scopes and the permissions integer for its invite."""

from __future__ import annotations

import discord

SCOPES = ("bot", "applications.commands")
# Read and answer in channels and threads, show embeds, open threads for mock interviews.
PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    create_public_threads=True,
    embed_links=True,
    read_message_history=True,
)


def invite_url(application_id: int) -> str:
    """The OAuth2 URL that adds the bot to a server with exactly these scopes and permissions."""
    return discord.utils.oauth_url(application_id, permissions=PERMISSIONS, scopes=SCOPES)
