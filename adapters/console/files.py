"""Files a reply carries (an export, a progress picture), saved where the console user can open
them: `PREPBOT_FILES_DIR`, else `prepbot-files` in the user data folder. Only the owner can read
them (personal data); an existing file is never overwritten."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from bot.messages import Attachment


def files_dir() -> Path:
    configured = os.environ.get("PREPBOT_FILES_DIR")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("prepbot", appauthor=False)) / "prepbot-files"


def save(attachments: Sequence[Attachment], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for attachment in attachments:
        name = Path(attachment.filename).name or "file"  # never a path that leaves the folder
        stem, suffix = Path(name).stem, Path(name).suffix
        path, n = folder / name, 1
        while True:
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                break
            except FileExistsError:
                n += 1
                path = folder / f"{stem}-{n}{suffix}"
        with os.fdopen(fd, "wb") as out:
            out.write(attachment.data)
        saved.append(path)
    return saved


def saved_note(paths: Sequence[Path]) -> str:
    return "\n".join(f"Saved: {path}" for path in paths)
