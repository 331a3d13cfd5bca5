"""grade: the person's answer to the question their practice session is waiting on."""

from __future__ import annotations

from bot import sessions
from bot.grading import grade
from bot.handlers import Context
from bot.messages import Button, Reply
from bot.practice_replies import grade_reply, notice

HINT_COST = 10  # points off per hint used on the question


def handle(ctx: Context) -> Reply:
    store = ctx.stores.practice
    session = sessions.find(store, ctx.message)
    if session is None:
        return notice("There's no question waiting for your answer here. Say mock to start practising.",
                      buttons=(Button("mock", "Start a mock interview", "primary"),))
    session = sessions.adopt_thread(store, session, ctx.message, ctx.clock.now())
    question = ctx.bank.get(session.question_id or "")
    if question is None:
        return notice("That question is done. Say next for another one, or stop to finish.",
                      buttons=(Button("next", "Next question", "primary"), Button("stop", "Stop")))
    answer = ctx.match.args or ctx.message.text
    # The key points shown as hints: reading one back earns nothing for it.
    result = grade(question, answer, ctx.kb, hinted=question.key_points[:session.hints])
    score = max(0, result.score - HINT_COST * session.hints)
    store.answer_in_session(session, question, score, ctx.clock.now(), place=ctx.message.place)
    return grade_reply(question, result, score, session.hints)
