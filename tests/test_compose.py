"""Deployment files: what `docker-compose config` makes of the compose file and a generated .env (when
docker-compose is installed; .ci/run installs it), read back the way the bot and its driver read it;
and the files keep their promises (non-root image, healthchecks, no secrets inline, README paths)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from bot.storage.db import normalise_url

REPO = Path(__file__).resolve().parents[1]
SECRET_SHAPES = re.compile(r"xox[abp]-|xapp-|[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27}")
# Every character that breaks a URL's user-info, plus quotes, a space, a dollar and non-ASCII.
NASTY_PASSWORD = 'p/a+s@s:w#o%rd?&=[x] $HOME;\\"é'
HTTP_OVERRIDE = "docker-compose.slack-http.yml"
needs_compose = pytest.mark.skipif(
    shutil.which("docker-compose") is None, reason="docker-compose is not installed (.ci/run installs it)"
)


def _dotenv_value(value: str) -> str:
    """How a user writes a value in .env: single quotes keep anything but a single quote literal."""
    return f"'{value}'" if re.search(r"[\s#$'\"\\]", value) else value


def _env_file(target: Path, values: dict[str, str]) -> None:
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    lines = []
    for line in example.splitlines():
        key = line.split("=", 1)[0]
        lines.append(
            f"{key}={_dotenv_value(values[key])}" if key in values and not line.startswith("#") else line
        )
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _compose_config(tmp_path: Path, values: dict[str, str], *files: str) -> dict[str, Any]:
    """The stack as docker-compose resolves it from the repository's files and a .env made from
    .env.example with `values` filled in."""
    for name in ("docker-compose.yml", HTTP_OVERRIDE, "Dockerfile"):
        shutil.copy(REPO / name, tmp_path / name)
    _env_file(tmp_path / ".env", values)
    argv = ["docker-compose"]
    for name in files or ("docker-compose.yml",):
        argv += ["-f", name]
    done = subprocess.run(
        [*argv, "config"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if not k.startswith(("COMPOSE_", "POSTGRES_"))},
    )
    assert done.returncode == 0, done.stderr
    # `config` prints a compose file, where a literal $ is written $$: undo that to get the values.
    config: dict[str, Any] = yaml.safe_load(done.stdout.replace("$$", "$"))
    return config


def _environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


def _published_ports(service: dict[str, Any]) -> set[int]:
    found: set[int] = set()
    for port in service.get("ports") or []:
        if isinstance(port, dict):
            found.add(int(port["published"]))
        else:
            found.add(int(str(port).split(":")[0]))
    return found


def _database_settings(env: dict[str, str]) -> dict[str, Any]:
    """What the bot connects with: its URL, and libpq's PGUSER/PGPASSWORD for what the URL leaves out."""
    url = make_url(normalise_url(env["PREPBOT_DATABASE_URL"]))
    return {
        "driver": url.drivername,
        "host": url.host,
        "port": url.port,
        "database": url.database,
        "user": url.username or env.get("PGUSER"),
        "password": url.password or env.get("PGPASSWORD"),
    }


@needs_compose
def test_compose_with_the_example_env_gives_the_bot_a_working_database_url(tmp_path: Path) -> None:
    config = _compose_config(
        tmp_path, {"POSTGRES_PASSWORD": "ci-generated-password", "SLACK_BOT_TOKEN": "xoxb-ci-generated"}
    )
    bot, db = config["services"]["prepbot"], config["services"]["postgres"]
    settings = _database_settings(_environment(bot))
    assert settings == {
        "driver": "postgresql+psycopg",
        "host": "postgres",
        "port": 5432,
        "database": "prepbot",
        "user": "prepbot",
        "password": "ci-generated-password",
    }
    server = _environment(db)
    assert (server["POSTGRES_USER"], server["POSTGRES_PASSWORD"], server["POSTGRES_DB"]) == (
        "prepbot",
        "ci-generated-password",
        "prepbot",
    )


@needs_compose
@pytest.mark.postgres
def test_any_password_reaches_the_database_driver_unchanged(tmp_path: Path, pg_url: str) -> None:
    """A password full of URL syntax: the server and the bot get the same one, and the real bot
    process (`prepbot ask` on the local PostgreSQL, only the host swapped) connects and answers."""
    name = make_url(pg_url).database
    assert name
    config = _compose_config(
        tmp_path, {"POSTGRES_USER": "postgres", "POSTGRES_PASSWORD": NASTY_PASSWORD, "POSTGRES_DB": name}
    )
    bot_env = _environment(config["services"]["prepbot"])
    assert _environment(config["services"]["postgres"])["POSTGRES_PASSWORD"] == NASTY_PASSWORD
    settings = _database_settings(bot_env)
    assert (settings["user"], settings["password"], settings["database"]) == (
        "postgres",
        NASTY_PASSWORD,
        name,
    )

    local = make_url(normalise_url(bot_env["PREPBOT_DATABASE_URL"])).set(host="127.0.0.1")
    driver_env = {"PGUSER": bot_env["PGUSER"], "PGPASSWORD": bot_env["PGPASSWORD"]}
    saved = {k: os.environ.get(k) for k in driver_env}
    os.environ.update(driver_env)
    try:
        engine = create_engine(local, poolclass=NullPool)
        with engine.connect() as conn:
            info = conn.connection.dbapi_connection.info  # type: ignore[union-attr]
            assert (info.user, info.password, info.dbname) == ("postgres", NASTY_PASSWORD, name)
        engine.dispose()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    script = Path(sys.executable).with_name("prepbot")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PREPBOT_", "PG"))},
        **driver_env,
        "PREPBOT_DATABASE_URL": local.render_as_string(hide_password=False),
    }
    done = subprocess.run(
        [str(script), "ask", "--json", "--user", "U1", "who made keras"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    reply = json.loads(done.stdout)
    assert reply["topics"] == ["keras"] and "Chollet" in reply["text"]
    assert NASTY_PASSWORD not in done.stdout + done.stderr


@needs_compose
def test_port_3000_is_published_only_with_the_slack_http_override(tmp_path: Path) -> None:
    values = {"POSTGRES_PASSWORD": "pw"}
    plain = _compose_config(tmp_path, values)["services"]["prepbot"]
    assert _published_ports(plain) == set()
    http = _compose_config(tmp_path, values, "docker-compose.yml", HTTP_OVERRIDE)["services"]["prepbot"]
    assert _published_ports(http) == {3000}
    # Inside the container both servers listen where the compose network (a scraper, a proxy) reaches them.
    env = _environment(plain)
    assert env["PREPBOT_HEALTH_HOST"] == "0.0.0.0" and env["PREPBOT_HTTP_HOST"] == "0.0.0.0"
    assert env["PREPBOT_HEALTH_PORT"] == "8080"


def _knowledge_mount(service: dict[str, Any]) -> tuple[str, str, bool]:
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict) and volume.get("target") == "/knowledge":
            return str(volume["source"]), volume["target"], bool(volume.get("read_only"))
        if isinstance(volume, str) and ":/knowledge" in volume:
            source, target, *mode = volume.split(":")
            return source, target, mode == ["ro"]
    raise AssertionError(f"no /knowledge mount in {service.get('volumes')}")


@needs_compose
def test_a_team_mounts_its_own_knowledge_folder(tmp_path: Path) -> None:
    default = _compose_config(tmp_path, {"POSTGRES_PASSWORD": "pw"})["services"]["prepbot"]
    source, target, read_only = _knowledge_mount(default)
    assert Path(source) == tmp_path / "knowledge" and read_only
    assert _environment(default)["PREPBOT_KNOWLEDGE"] == target

    ours = tmp_path / "our-notes"
    ours.mkdir()
    team = _compose_config(tmp_path, {"POSTGRES_PASSWORD": "pw", "PREPBOT_KNOWLEDGE_DIR": str(ours)})
    source, target, _ = _knowledge_mount(team["services"]["prepbot"])
    assert Path(source) == ours and _environment(team["services"]["prepbot"])["PREPBOT_KNOWLEDGE"] == target


def test_the_default_knowledge_mount_is_the_bundled_knowledge_folder() -> None:
    """Out of the box the mount serves what the package bundles (not an empty folder)."""
    from knowledge.sources import BUNDLED, layout

    example = (REPO / ".env.example").read_text(encoding="utf-8")
    folder = re.search(r"^PREPBOT_KNOWLEDGE_DIR=(\S+)$", example, flags=re.MULTILINE)
    assert folder is not None
    mounted = layout(REPO / folder.group(1))
    assert mounted.documents and mounted.documents == layout(BUNDLED).documents


def test_compose_runs_the_bot_on_postgres_with_healthchecks_and_no_inline_secrets() -> None:
    text = (REPO / "docker-compose.yml").read_text(encoding="utf-8")
    compose = yaml.safe_load(text)
    bot, db = compose["services"]["prepbot"], compose["services"]["postgres"]
    assert bot["env_file"] == [".env"] and "healthcheck" in bot and "healthcheck" in db
    assert bot["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "${PREPBOT_ADAPTER" in bot["environment"]["PREPBOT_ADAPTER"]
    assert "pgdata" in compose["volumes"] and "pgdata:/var/lib/postgresql/data" in db["volumes"]
    assert "POSTGRES_PASSWORD:?" in db["environment"]["POSTGRES_PASSWORD"]
    assert "POSTGRES_PASSWORD" not in bot["environment"]["PREPBOT_DATABASE_URL"]
    assert "ports" not in bot
    assert not SECRET_SHAPES.search(text)


def test_dockerfile_is_slim_non_root_compiled_and_runs_prepbot() -> None:
    text = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.11-slim" in text
    users = re.findall(r"^USER (\S+)", text, flags=re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    assert 'ENTRYPOINT ["prepbot", "run"]' in text and "HEALTHCHECK" in text
    assert "compileall" in text and "PREPBOT_HEALTH_HOST=0.0.0.0" in text
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert ".env" in ignored and "!.env.example" in ignored and ".git" in ignored
    assert "knowledge" not in ignored  # the bundled knowledge ships inside the image


def test_env_example_names_every_setting_the_compose_files_read() -> None:
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    names = {
        line.split("=", 1)[0] for line in example.splitlines() if "=" in line and not line.startswith("#")
    }
    compose = "".join(
        (REPO / name).read_text(encoding="utf-8") for name in ("docker-compose.yml", HTTP_OVERRIDE)
    )
    used = set(re.findall(r"\$\{([A-Z_]+)", compose)) - {"PREPBOT_HTTP_PORT"}
    assert used <= names
    assert not SECRET_SHAPES.search(example)
    assert re.search(r"^SLACK_SIGNING_SECRET=", example, flags=re.MULTILINE)
    assert "HTTP mode needs SLACK_SIGNING_SECRET" in example


def test_readme_and_docs_point_only_at_files_inside_the_repository() -> None:
    for page in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        assert "../shared" not in text and "/work/" not in text, page
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if "://" in target or target.startswith("mailto:"):
                continue
            assert (page.parent / target).resolve().is_relative_to(REPO), (page.name, target)
            assert (page.parent / target).exists(), (page.name, target)
