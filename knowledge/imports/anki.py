"""Anki decks (.apkg): a zip holding the collection as SQLite, either the older `collection.anki2`
/ `collection.anki21` or the newer zstd-compressed `collection.anki21b` (preferred when present).

Nothing is extracted to disk: the collection is read from the zip in memory, its declared and its
actual uncompressed size both capped, and opened with `sqlite3.Connection.deserialize`. The first
field of a note is the question and the second the answer, unless the note type names fields
(question/front, answer/back, key points, topic, difficulty). HTML is stripped; a cloze note asks its
text with the gaps shown as [...]. A tag or deck name that matches a topic gives the topic, and a
tag easy/medium/hard the difficulty.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from knowledge.imports.common import DIFFICULTIES, Checker, Entry, column_of, html_to_text, split_points

MAX_UNPACKED = 50_000_000  # bytes of a collection once uncompressed
MAX_MEMBERS = 10_000  # entries in the zip (media files included)
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
_CHUNK = 1 << 16
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}", re.DOTALL)
_FIELD_SEPARATOR = "\x1f"


class Refused(Exception):
    """The file is not read at all; the message is the one line to show."""


@dataclass(frozen=True, slots=True)
class _NoteType:
    fields: tuple[str | None, ...]  # column each field fills (question/answer/...), by field order
    cloze: bool


def read_apkg(data: bytes, checker: Checker) -> None:
    try:
        collection = _collection(data)
        for entry in _entries(collection):
            if checker.full():
                return
            checker.add(entry)
    except Refused as refused:
        checker.problem(None, str(refused))


def _collection(data: bytes) -> bytes:
    _check_member_count(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise Refused(f"not an Anki package (.apkg is a zip file): {error}") from None
    with archive:
        infos = archive.infolist()
        for info in infos:
            name = info.filename
            if (
                name.startswith(("/", "\\"))
                or ".." in re.split(r"[\\/]", name)
                or re.match(r"^[A-Za-z]:", name)
            ):
                raise Refused(f"refused: the package holds a path that leaves it ({name[:80]!r})")
        by_name = {info.filename: info for info in infos}
        member = next((by_name[n] for n in COLLECTIONS if n in by_name), None)
        if member is None:
            raise Refused("not an Anki package: no collection.anki2 / collection.anki21b inside")
        if member.file_size > MAX_UNPACKED:
            raise Refused(
                f"refused: {member.filename} says it unpacks to {member.file_size:,} bytes, "
                f"over the {MAX_UNPACKED:,}-byte limit"
            )
        raw = _read_capped(lambda: archive.open(member), member.filename)
    if member.filename.endswith(".anki21b"):
        raw = _unzstd(raw, member.filename)
    return raw


def _check_member_count(data: bytes) -> None:
    """Refuse a zip whose central directory lists more entries than a deck has, before the zip
    module builds an object for each (a small file can list millions)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return  # not a zip: zipfile says so
    entries = struct.unpack_from("<H", data, end + 10)[0]
    if entries == 0xFFFF or entries > MAX_MEMBERS:
        raise Refused(
            f"refused: the package lists {'over 65,535' if entries == 0xFFFF else f'{entries:,}'} "
            f"files, over the {MAX_MEMBERS:,} a deck may hold"
        )


def _read_capped(opener: Any, name: str) -> bytes:
    """A member's bytes, counted while reading: a member that lied about its size stops at the cap."""
    out = bytearray()
    try:
        with opener() as stream:
            while chunk := stream.read(_CHUNK):
                out += chunk
                if len(out) > MAX_UNPACKED:
                    raise Refused(f"refused: {name} unpacks to over {MAX_UNPACKED:,} bytes (a zip bomb?)")
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
        raise Refused(f"cannot unpack {name}: {error}") from None
    return bytes(out)


def _unzstd(raw: bytes, name: str) -> bytes:
    try:
        import zstandard
    except ImportError:  # pragma: no cover - a dependency
        raise Refused("reading a newer Anki package needs the 'zstandard' package") from None
    try:
        declared = zstandard.frame_content_size(raw)
    except zstandard.ZstdError as error:
        raise Refused(f"cannot unpack {name}: {error}") from None
    if declared > MAX_UNPACKED:
        raise Refused(
            f"refused: {name} says it unpacks to {declared:,} bytes, over the {MAX_UNPACKED:,}-byte limit"
        )
    try:
        return _read_capped(lambda: zstandard.ZstdDecompressor().stream_reader(io.BytesIO(raw)), name)
    except zstandard.ZstdError as error:
        raise Refused(f"cannot unpack {name}: {error}") from None


def _entries(collection: bytes) -> Iterator[Entry]:
    db = sqlite3.connect(":memory:")
    try:
        try:
            db.deserialize(collection)
            db.execute("PRAGMA query_only = ON")
            types = _note_types(db)
            decks = _note_decks(db)
            rows = db.execute("SELECT id, mid, tags, flds FROM notes ORDER BY id").fetchall()
        except sqlite3.DatabaseError as error:
            raise Refused(f"not an Anki collection: {error}") from None
        for number, (note_id, model, tags, fields) in enumerate(rows, start=1):
            yield _entry(number, types.get(model), str(tags or ""), str(fields or ""), decks.get(note_id, ()))
    finally:
        db.close()


def _entry(number: int, kind: _NoteType | None, tags: str, fields: str, decks: tuple[str, ...]) -> Entry:
    values = [html_to_text(v) for v in fields.split(_FIELD_SEPARATOR)]
    columns = kind.fields if kind else ()
    named = {c: v for c, v in zip(columns, values, strict=False) if c}
    question = named.get("question", values[0] if values else "")
    answer = named.get("answer", values[1] if len(values) > 1 else "")
    if kind is not None and kind.cloze:
        answer = _CLOZE.sub(r"\1", question) + (f"\n{answer}" if answer else "")
        question = _CLOZE.sub("[...]", question)
    tag_list = tags.split()
    difficulty = named.get("difficulty") or next((t for t in tag_list if t.casefold() in DIFFICULTIES), "")
    topics = [t for t in named.get("topic", "").replace(";", ",").split(",")]
    return Entry(
        f"note {number}",
        None,
        question,
        answer,
        split_points(named.get("key_points", "")),
        topics,
        difficulty,
        [t.replace("_", " ") for t in tag_list],
        [part for d in decks for part in reversed(d.split("\x1f"))],
    )


def _note_types(db: sqlite3.Connection) -> dict[int, _NoteType]:
    """Note types by id: from the `notetypes`/`fields` tables (newer schema) or `col.models` (JSON)."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    found: dict[int, _NoteType] = {}
    if {"notetypes", "fields"} <= tables:
        names: dict[int, list[tuple[int, str]]] = {}
        for ntid, order, name in db.execute("SELECT ntid, ord, name FROM fields"):
            names.setdefault(int(ntid), []).append((int(order), str(name)))
        for ntid, name in db.execute("SELECT id, name FROM notetypes"):
            fields = tuple(column_of(n) for _o, n in sorted(names.get(int(ntid), [])))
            found[int(ntid)] = _NoteType(fields, "cloze" in str(name).casefold())
    if not found and "col" in tables:
        row = db.execute("SELECT models FROM col").fetchone()
        models = _json(row[0]) if row else {}
        for mid, model in models.items() if isinstance(models, dict) else ():
            if not isinstance(model, dict):
                continue
            flds = [f for f in model.get("flds") or () if isinstance(f, dict)]
            fields = tuple(
                column_of(str(f.get("name", ""))) for f in sorted(flds, key=lambda f: int(f.get("ord", 0)))
            )
            try:
                found[int(mid)] = _NoteType(fields, model.get("type") == 1)
            except ValueError:
                continue
    return found


def _note_decks(db: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    """Deck names (each "Parent\x1fChild" part) of every note's cards, where the collection says."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "cards" not in tables:
        return {}
    names: dict[int, str] = {}
    if "decks" in tables:
        names = {int(i): str(n) for i, n in db.execute("SELECT id, name FROM decks")}
    elif "col" in tables:
        row = db.execute("SELECT decks FROM col").fetchone()
        decks = _json(row[0]) if row else {}
        for did, deck in decks.items() if isinstance(decks, dict) else ():
            if isinstance(deck, dict) and str(did).isdigit():
                names[int(did)] = str(deck.get("name", "")).replace("::", "\x1f")
    found: dict[int, tuple[str, ...]] = {}
    for nid, did in db.execute("SELECT DISTINCT nid, did FROM cards"):
        if int(did) in names:
            found[int(nid)] = (*found.get(int(nid), ()), names[int(did)])
    return found


def _json(value: Any) -> Any:
    try:
        return json.loads(value) if isinstance(value, str | bytes) and value else {}
    except ValueError:
        return {}
