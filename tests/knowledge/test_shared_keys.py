"""With no comparison table, a `Key: value` line that two or more topics share is an aspect to compare on."""

from __future__ import annotations

from pathlib import Path

import knowledge
from bot.app import Prepbot
from bot.config import load_settings
from bot.storage import Stores
from tests.conftest import Chat, FakeClock
from tests.knowledge.conftest import MakeFolder

MONITORING = """# Monitoring tools

## Prometheus

Prometheus is an open-source metrics and alerting toolkit.

- Developed by: SoundCloud
- Pricing: free; you run it yourself
- Scalability: one server per shard
- PromQL for queries

## Datadog

Datadog is a hosted monitoring and observability service.

- Language: Go agents
- pricing: per host and per GB ingested
- Dashboards out of the box

## Nagios

Nagios is a classic host and service checker.

- Scalability: add workers with mod_gearman
- Licence: GPL
"""


def test_a_key_two_topics_share_becomes_an_aspect(make_folder: MakeFolder) -> None:
    kb = knowledge.load(make_folder({"monitoring.md": MONITORING}), cache=False)

    assert kb.aspects["pricing"].label == "Pricing"
    assert kb.aspects["scalability"].label == "Scalability"
    assert [f.text for f in kb.facts_for("datadog", "pricing")] == ["per host and per GB ingested"]
    assert [f.text for f in kb.facts_for("nagios", "scalability")] == ["add workers with mod_gearman"]
    assert [f.text for f in kb.facts_for("prometheus", "developer")] == ["SoundCloud"]
    assert [f.text for f in kb.facts_for("datadog", "language")] == ["Go agents"]
    assert "licence" not in kb.aspects  # one topic only: stays a feature
    assert [f.text for f in kb.facts_for("nagios", "features")] == ["Licence: GPL"]
    assert [f.text for f in kb.facts_for("prometheus", "features")] == ["PromQL for queries"]
    assert kb.problems == ()


def test_a_comparison_on_the_shared_key_shows_each_topics_value(
    make_folder: MakeFolder, tmp_path: Path
) -> None:
    kb = knowledge.load(make_folder({"monitoring.md": MONITORING}), cache=False)
    settings = load_settings(
        {"database_url": f"sqlite:///{tmp_path / 'bot.db'}", "rate_limit_per_10s": 0}, environ={}
    )
    bot = Prepbot(kb=kb, stores=Stores.open(settings.database_url), settings=settings, clock=FakeClock())
    try:
        reply = Chat(bot).say("prometheus vs datadog pricing")
    finally:
        bot.stores.db.dispose()

    assert reply.aspect == "pricing" and reply.topics == ("prometheus", "datadog")
    assert reply.table is not None
    assert reply.table.rows == (("Pricing", "free; you run it yourself", "per host and per GB ingested"),)


def test_with_a_comparison_table_the_table_rows_are_the_aspects(make_folder: MakeFolder) -> None:
    table = (
        "\n## Comparison\n\n| Aspect | Prometheus | Datadog | Nagios |\n|---|---|---|---|\n"
        "| Setup | Easy | Agent | Hard |\n"
    )
    kb = knowledge.load(make_folder({"monitoring.md": MONITORING + table}), cache=False)

    assert "pricing" not in kb.aspects
    assert "pricing: per host and per GB ingested" in [f.text for f in kb.facts_for("datadog", "features")]
