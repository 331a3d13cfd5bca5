"""Keep Slack payloads out of the logs: bolt logs a rejected request's whole body at INFO, and the
Socket Mode client logs every frame at DEBUG. Those bodies carry what people typed and the legacy
verification `token`; the log keeps the event, not the body."""

from __future__ import annotations

import logging

# message prefix -> what is logged instead
_REDACTIONS = {
    "Invalid request signature": "Invalid request signature detected (request body not logged)",
    "Received message": "Received a Socket Mode message (body not logged)",
    "Sending a message": "Sending a Socket Mode message (body not logged)",
}
VERIFICATION_LOGGERS = ("slack_bolt.RequestVerification", "slack_bolt.AsyncRequestVerification")


# bolt reads SLACK_BOT_TOKEN from the environment even when the token is given only as `client`'s,
# then warns that it is unused: the app is built right (client only), the warning is noise.
_DROPPED = ("As you gave `client` as well, `token` will be unused.",)


class NoPayloads(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        text = str(record.msg)
        if text.startswith(_DROPPED):
            return False
        for prefix, replacement in _REDACTIONS.items():
            if text.startswith(prefix):
                record.msg, record.args = replacement, ()
                break
        return True


def quiet(*logger_names: str) -> None:
    """Install the filter on these loggers (idempotent)."""
    for name in logger_names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, NoPayloads) for f in logger.filters):
            logger.addFilter(NoPayloads())
