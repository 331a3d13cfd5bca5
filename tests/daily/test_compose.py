"""Deployment files: docker-compose validates with a generated .env (when docker-compose is installed),
and the files keep their promises (non-root image, healthchecks, no secrets inline)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SECRET_SHAPES = re.compile(r"xox[abp]-|xapp-|[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27}")


def _env_file(target: Path) -> None:
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    values = {"POSTGRES_PASSWORD": "ci-generated-password", "SLACK_BOT_TOKEN": "xoxb-ci-generated"}
    lines = []
    for line in example.splitlines():
        key = line.split("=", 1)[0]
        lines.append(f"{key}={values[key]}" if key in values else line)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose is not installed")
def test_docker_compose_config_validates(tmp_path: Path) -> None:
    shutil.copy(REPO / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(REPO / "Dockerfile", tmp_path / "Dockerfile")
    _env_file(tmp_path / ".env")
    done = subprocess.run(["docker-compose", "-f", "docker-compose.yml", "config", "-q"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    shown = subprocess.run(["docker-compose", "-f", "docker-compose.yml", "config"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=60)
    assert "postgresql://prepbot:ci-generated-password@postgres:5432/prepbot" in shown.stdout


def test_compose_runs_the_bot_on_postgres_with_healthchecks_and_no_inline_secrets() -> None:
    text = (REPO / "docker-compose.yml").read_text(encoding="utf-8")
    compose = yaml.safe_load(text)
    bot, db = compose["services"]["prepbot"], compose["services"]["postgres"]
    assert bot["env_file"] == [".env"] and "healthcheck" in bot and "healthcheck" in db
    assert bot["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "${PREPBOT_ADAPTER" in bot["environment"]["PREPBOT_ADAPTER"]
    assert "pgdata" in compose["volumes"] and "pgdata:/var/lib/postgresql/data" in db["volumes"]
    assert "POSTGRES_PASSWORD:?" in db["environment"]["POSTGRES_PASSWORD"]
    assert not SECRET_SHAPES.search(text)


def test_dockerfile_is_slim_non_root_and_runs_prepbot() -> None:
    text = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.11-slim" in text
    users = re.findall(r"^USER (\S+)", text, flags=re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    assert 'ENTRYPOINT ["prepbot", "run"]' in text and "HEALTHCHECK" in text
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert ".env" in ignored and "!.env.example" in ignored and ".git" in ignored
    assert "knowledge" not in ignored  # the bundled knowledge ships inside the image


def test_env_example_names_every_setting_the_compose_file_reads() -> None:
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    names = {line.split("=", 1)[0] for line in example.splitlines() if "=" in line and not line.startswith("#")}
    compose = (REPO / "docker-compose.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{([A-Z_]+)", compose)) - {"PREPBOT_HTTP_PORT"}
    assert used <= names
    assert not SECRET_SHAPES.search(example)
