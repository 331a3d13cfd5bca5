"""The compiled-KB cache: reused while inputs are unchanged, invalidated by any change, and never
able to break loading."""

from __future__ import annotations

import os
from pathlib import Path

import knowledge
from tests.knowledge.conftest import MakeFolder, mini_doc


def pickles(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.kb"))


def test_unchanged_inputs_are_served_from_the_cache(make_folder: MakeFolder, tmp_path: Path) -> None:
    folder = make_folder({"doc.md": mini_doc()})
    cache = tmp_path / "cache"
    first = knowledge.load(folder, cache_dir=cache)
    assert len(pickles(cache)) == 1
    doc = folder / "doc.md"
    stat = doc.stat()
    # Same size and mtime but other words: only a cache hit can still say "Fast".
    doc.write_text(mini_doc("| Speed | Swft | Slow |"), encoding="utf-8")
    os.utime(doc, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = knowledge.load(folder, cache_dir=cache)
    assert again.cell("speed", "alpha") == first.cell("speed", "alpha") == "Fast"
    assert knowledge.load(folder, cache=False).cell("speed", "alpha") == "Swft"


def test_a_changed_file_invalidates_the_cache(make_folder: MakeFolder, tmp_path: Path) -> None:
    folder = make_folder({"doc.md": mini_doc()})
    cache = tmp_path / "cache"
    assert knowledge.load(folder, cache_dir=cache).cell("speed", "beta") == "Slow"
    (folder / "doc.md").write_text(mini_doc("| Speed | Fast | Glacial |"), encoding="utf-8")
    assert knowledge.load(folder, cache_dir=cache).cell("speed", "beta") == "Glacial"
    assert len(pickles(cache)) == 2


def test_added_overlay_or_question_file_invalidates_the_cache(
    make_folder: MakeFolder, tmp_path: Path
) -> None:
    folder = make_folder({"doc.md": mini_doc()})
    cache = tmp_path / "cache"
    assert knowledge.load(folder, cache_dir=cache).topic("alpha").aliases == ()
    (folder / "aliases.yaml").write_text("topics:\n  alpha: [al]\n", encoding="utf-8")
    assert knowledge.load(folder, cache_dir=cache).topic("alpha").aliases == ("al",)


def test_a_corrupt_cache_file_falls_back_to_parsing(make_folder: MakeFolder, tmp_path: Path) -> None:
    folder = make_folder({"doc.md": mini_doc()})
    cache = tmp_path / "cache"
    knowledge.load(folder, cache_dir=cache)
    (cached,) = pickles(cache)
    cached.write_bytes(b"\x80\x05not a pickle at all")
    assert knowledge.load(folder, cache_dir=cache).cell("speed", "alpha") == "Fast"
    cached.write_bytes(b"")
    assert knowledge.load(folder, cache_dir=cache).cell("speed", "alpha") == "Fast"


def test_an_unwritable_cache_dir_only_costs_speed(make_folder: MakeFolder, tmp_path: Path) -> None:
    folder = make_folder({"doc.md": mini_doc()})
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache dir should be", encoding="utf-8")
    assert knowledge.load(folder, cache_dir=blocker / "cache").cell("speed", "alpha") == "Fast"


def test_cached_and_parsed_results_are_equal(tmp_path: Path) -> None:
    parsed = knowledge.load(cache=False)
    knowledge.load(cache_dir=tmp_path)
    assert knowledge.load(cache_dir=tmp_path) == parsed


def test_old_entries_are_pruned(make_folder: MakeFolder, tmp_path: Path) -> None:
    from knowledge.cache import KEEP

    folder = make_folder({"doc.md": mini_doc()})
    cache = tmp_path / "cache"
    for round_ in range(KEEP + 3):
        fast = "F" * (round_ + 1)  # a new size each round: a new key whatever the mtime resolution
        (folder / "doc.md").write_text(mini_doc(f"| Speed | {fast} | Slow |"), encoding="utf-8")
        assert knowledge.load(folder, cache_dir=cache).cell("speed", "alpha") == fast
    assert len(pickles(cache)) == KEEP


_KEYS = """
import os, sys
from pathlib import Path
import knowledge, knowledge.cache
files = (Path(sys.argv[1]),)
print(knowledge.cache.cache_key(files))
code = Path(knowledge.__file__).with_name("extract.py")
stat = code.stat()
os.utime(code, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # the code changes under a running process
print(knowledge.cache.cache_key(files))
"""


def test_the_key_is_the_code_the_process_imported_not_the_files_since(tmp_path: Path) -> None:
    """A process that imported older code must not store its old-shaped objects under the key of
    the newer code on disk: the key is stamped when the package is imported."""
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "code"
    shutil.copytree(
        Path(knowledge.__file__).parent, copy / "knowledge", ignore=shutil.ignore_patterns("docs")
    )
    doc = tmp_path / "doc.md"
    doc.write_text("# Notes\n", encoding="utf-8")

    def keys() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", _KEYS, str(doc)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(copy)},
            cwd=tmp_path,
        )
        return done.stdout.split()

    before, during = keys()
    assert before == during  # same process, same imported code: same key after the file changed
    after, _ = keys()
    assert after != before  # a new process imports the new code: a new key


def test_the_key_names_the_stored_classes_fields() -> None:
    from dataclasses import dataclass

    from knowledge import cache

    @dataclass
    class Old:
        id: str

    @dataclass
    class New:
        id: str
        aliases: tuple[str, ...]

    New.__name__ = "Old"
    assert cache.shape(Old) != cache.shape(New)
    assert "Topic:id,name,aliases,definition" in cache.shape(knowledge.Topic)
