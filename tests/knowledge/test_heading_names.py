"""A topic heading may carry a longer name than the one its definition starts with."""

from __future__ import annotations

from click.testing import CliRunner

import knowledge
from bot.cli import main
from tests.knowledge.conftest import MakeFolder

WAREHOUSES = """# Cloud data warehouses

### 1. Amazon Redshift

> "Redshift is a columnar data warehouse run by Amazon Web Services."

* Developed by: Amazon
* Concurrency scaling adds clusters for bursts

### 2. Google BigQuery (BigQuery, BQ)

> "BigQuery is a serverless data warehouse from Google."

* Developed by: Google
* Separates storage and compute

### 3. Snowflake Data Cloud

Snowflake is a cloud data platform that runs on all three big clouds.

- Language: SQL
- Time travel over past versions of a table

### Comparison

| Aspect | Redshift | BigQuery | Snowflake |
|---|---|---|---|
| Setup | Clusters to size | Nothing to manage | Warehouses to size |
"""


def test_definition_starting_with_an_alias_or_a_shorter_name_keeps_the_section(
    make_folder: MakeFolder,
) -> None:
    kb = knowledge.load(make_folder({"warehouses.md": WAREHOUSES}), cache=False)

    assert list(kb.topics) == ["amazon-redshift", "google-bigquery", "snowflake-data-cloud"]
    bigquery = kb.topic("google-bigquery")
    assert bigquery.definition == "BigQuery is a serverless data warehouse from Google."
    assert bigquery.aliases[:2] == ("BigQuery", "BQ")
    assert [f.text for f in kb.facts_for("google-bigquery", "developer")] == ["Google"]
    assert kb.topic("amazon-redshift").definition.startswith("Redshift is a columnar")
    assert kb.facts_for("snowflake-data-cloud", "language")[0].text == "SQL"
    assert kb.cell("setup", "google-bigquery") == "Nothing to manage"
    assert kb.problems == ()


def test_kb_check_warns_about_a_topic_left_without_definition_or_facts(make_folder: MakeFolder) -> None:
    text = WAREHOUSES.replace("Google BigQuery (BigQuery, BQ)", "The Google one").replace(
        '"BigQuery is a serverless', '"A serverless'
    )
    folder = make_folder({"warehouses.md": text})

    result = CliRunner().invoke(main, ["kb", "check", str(folder)])

    assert result.exit_code == 0  # a warning: read, but it looks wrong
    table_line = text.splitlines().index("| Aspect | Redshift | BigQuery | Snowflake |") + 1
    assert f"warehouses.md:{table_line}: topic 'BigQuery' has no definition and no facts" in result.output
    assert "Redshift' has no definition" not in result.output
