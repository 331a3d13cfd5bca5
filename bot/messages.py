"""The platform-neutral boundary: `Message` in, `Reply` out. No platform objects cross it."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.intents import Intent


@dataclass(frozen=True, slots=True)
class UserRef:
    platform: str
    id: str
    name: str = ""
    is_admin: bool = False  # workspace/guild admin or channel manager, as the platform says

    @property
    def key(self) -> str:
        """Stable storage key for this person on this platform."""
        return f"{self.platform}:{self.id}"


@dataclass(frozen=True, slots=True)
class ChannelRef:
    platform: str
    id: str
    is_direct: bool = False
    team: str = ""  # Slack team / Discord guild; "" where there is none

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.team}:{self.id}"


@dataclass(frozen=True, slots=True)
class Message:
    """One thing a person said or clicked.

    `id` is the platform's id for this message (Slack ts, Discord snowflake, console counter);
    together with the channel it is the dedupe key, so a redelivery of the same message is dropped.
    `thread` is the thread the message lives in (None at top level). `action` is set for a button
    click: the button's action id, e.g. ``"hint"`` or ``"mock:lens"``.
    """

    platform: str
    id: str
    user: UserRef
    channel: ChannelRef
    text: str
    thread: str | None = None
    action: str | None = None
    addressed: bool = True

    @property
    def place(self) -> str:
        """Where a conversation lives: the channel plus the thread (if any)."""
        return f"{self.channel.key}:{self.thread or ''}"

    @property
    def dedupe_key(self) -> str:
        return f"{self.channel.key}:{self.id}:{self.action or ''}"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: str
    inline: bool = True


@dataclass(frozen=True, slots=True)
class Section:
    text: str = ""
    heading: str = ""
    fields: tuple[Field, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    """A small grid: `columns[0]` labels the row headers (e.g. "Aspect"), the rest name topics."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Button:
    """A button; clicking it sends `action` back through `Prepbot.handle` as `Message.action`."""

    action: str
    label: str
    style: str = ""  # "" | "primary" | "danger"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with a reply (an export, a progress picture); adapters upload it their platform's way."""

    filename: str
    data: bytes
    mime: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class Reply:
    """A structured answer, rendered by each adapter (plain text, Block Kit, embeds)."""

    title: str
    sections: tuple[Section, ...] = ()
    table: Table | None = None
    footer: str = ""
    buttons: tuple[Button, ...] = ()
    ephemeral: bool = False  # personal: grades, hints, progress, errors
    in_thread: bool = True  # answer in the thread of the asking message
    start_thread: bool = False  # a mock interview started in a channel gets its own thread
    # What the core understood; the JSON contract of `prepbot ask --json` reads these.
    intent: Intent = Intent.UNKNOWN
    topics: tuple[str, ...] = ()
    aspect: str | None = None
    confidence: int = 0
    score: int | None = None
    suggestions: tuple[str, ...] = field(default_factory=tuple)
    # Where the answer came from, as a reader would look it up: "frameworks.md § Inkwell".
    citations: tuple[str, ...] = ()
    # Files for the asker: sent privately when `ephemeral` (Slack: a DM upload; Discord: an ephemeral
    # attachment).
    attachments: tuple[Attachment, ...] = ()

    @property
    def source_line(self) -> str:
        """The small "Source: …" line every renderer shows under an answer from the notes."""
        return ("Source: " + "; ".join(dict.fromkeys(self.citations))) if self.citations else ""
