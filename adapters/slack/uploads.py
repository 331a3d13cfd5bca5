"""Files a reply carries, uploaded Slack's current way (`files_upload_v2`: files.getUploadURLExternal,
a POST of the bytes to the upload URL, files.completeUploadExternal), one call for all of them.

A personal reply's files (an export, a progress picture) go to the person's direct messages
(conversations.open): Slack has no ephemeral files. When Slack refuses (no `files:write` scope,
not allowed in the channel, too big) the person is told in one line and the reply's text stands.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient

from bot.messages import Attachment

log = logging.getLogger("prepbot.slack")

MAX_BYTES = 50 * 1024 * 1024  # far below Slack's 1 GB file limit: nothing prepbot makes comes near it
NOT_UPLOADED = "I could not attach the file{s} ({why})."


async def direct_channel(client: AsyncWebClient, user: str) -> str | None:
    """The id of the bot's DM with `user` (opened if needed)."""
    try:
        response = await client.conversations_open(users=user)
    except SlackApiError as exc:
        log.warning("slack conversations.open failed: %s", exc.response.get("error"))
        return None
    channel = response.get("channel") or {}
    return str(channel.get("id")) if channel.get("id") else None


async def upload(
    client: AsyncWebClient,
    channel: str,
    files: Sequence[Attachment],
    *,
    thread_ts: str | None = None,
    comment: str | None = None,
) -> str | None:
    """Upload `files` into `channel` (a thread of it); None when done, else why not (a short reason)."""
    too_big = [f.filename for f in files if len(f.data) > MAX_BYTES]
    if too_big:
        return f"{', '.join(too_big)} is too big"
    try:
        await client.files_upload_v2(
            file_uploads=[
                {"content": f.data, "filename": f.filename, "title": f.title or f.filename} for f in files
            ],
            channel=channel,
            thread_ts=thread_ts,
            initial_comment=comment,
        )
    except SlackApiError as exc:
        error = str(exc.response.get("error") or exc.response.status_code)
        log.warning("slack file upload failed: %s", error)
        return (
            "uploads are not allowed for me"
            if error in {"missing_scope", "not_allowed", "restricted_action"}
            else error
        )
    except (SlackRequestError, OSError) as exc:
        log.warning("slack file upload failed: %s", exc)
        return "the upload did not go through"
    return None


def refusal(files: Sequence[Attachment], why: str) -> str:
    return NOT_UPLOADED.format(s="s" if len(files) > 1 else "", why=why)
