"""A separate process writing practice data:
`python -m tests.bot.storage.worker URL MODE PREFIX [START COUNT]`.

MODE "answers": graded answers START..START+COUNT of the shared workload, then exit.
MODE "sessions": mock sessions for five people, forever, printing a line after each committed answer
(the kill -9 test stops it mid-write).
"""

from __future__ import annotations

import itertools
import sys
import uuid
from dataclasses import replace

from bot.storage import Stores
from bot.storage.practice import PracticeSession
from tests.bot.storage.workload import START, answer, question, score

USERS = 50


def run_answers(stores: Stores, prefix: str, start: int, count: int) -> None:
    for index in range(start, start + count):
        answer(stores, prefix, index, USERS)


def run_sessions(stores: Stores, prefix: str) -> None:
    for index in itertools.count():
        user = f"{prefix}{index % 5}"
        session = stores.practice.get_session(user, "console::kill") or PracticeSession(
            user_key=user,
            channel_key="console::kill",
            session_id=uuid.uuid4().hex,
            kind="mock",
            started_at=START,
        )
        asked = replace(session, question_id=question(index).id, asked=session.asked + 1)
        stores.practice.save_session(asked, START)
        stores.practice.answer_in_session(asked, question(index), score(index), START)
        print(index, flush=True)


def main(argv: list[str]) -> None:
    url, mode, prefix = argv[:3]
    stores = Stores.open(url)
    if mode == "answers":
        run_answers(stores, prefix, int(argv[3]), int(argv[4]))
    else:
        run_sessions(stores, prefix)


if __name__ == "__main__":
    main(sys.argv[1:])
