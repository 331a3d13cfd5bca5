"""Health and metrics over HTTP: `/healthz` and `/metrics` (Prometheus text format).

The counters live in one `Metrics` object on its own registry, created on first use (nothing at
import time). `record_message()`, `record_reply(reply)`, `record_error()` and `record_post(lag)`
are what the core calls around `Prepbot.handle` and the scheduler calls after a daily post.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from bot.messages import Message, Reply

log = logging.getLogger("prepbot.ops")

LAG_BUCKETS = (1, 5, 30, 60, 300, 900, 3600, 4 * 3600, 12 * 3600)


@dataclass
class Metrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        self.messages = Counter(
            "prepbot_messages_handled", "Messages handled by the core", registry=self.registry
        )
        self.replies = Counter(
            "prepbot_replies", "Replies sent, by intent", ["intent"], registry=self.registry
        )
        self.errors = Counter("prepbot_errors", "Messages that ended in an apology", registry=self.registry)
        self.posts = Counter(
            "prepbot_daily_posts", "Daily posts sent, by kind", ["kind"], registry=self.registry
        )
        self.post_lag = Histogram(
            "prepbot_post_lag_seconds",
            "Daily post sent time minus its due time",
            buckets=LAG_BUCKETS,
            registry=self.registry,
        )
        self.last_lag = Gauge(
            "prepbot_last_post_lag_seconds", "Lag of the latest daily post", registry=self.registry
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)


_metrics: Metrics | None = None


def metrics() -> Metrics:
    """The process's metrics (one per process; tests may `reset()`)."""
    global _metrics
    if _metrics is None:
        _metrics = Metrics()
    return _metrics


def reset() -> Metrics:
    global _metrics
    _metrics = Metrics()
    return _metrics


def record_message() -> None:
    metrics().messages.inc()


def record_reply(reply: Reply | None) -> None:
    if reply is not None:
        metrics().replies.labels(intent=reply.intent.value).inc()


def record_error() -> None:
    metrics().errors.inc()


def record_post(kind: str, lag_seconds: float) -> None:
    found = metrics()
    found.posts.labels(kind=kind).inc()
    found.post_lag.observe(max(0.0, lag_seconds))
    found.last_lag.set(max(0.0, lag_seconds))


class MetricsObserver:
    """Counts what `Prepbot.handle` does; the runner adds one to `bot.observers`."""

    def on_message(self, message: Message) -> None:
        record_message()

    def on_reply(self, reply: Reply) -> None:
        record_reply(reply)

    def on_error(self) -> None:
        record_error()


HealthCheck = Callable[[], Awaitable[bool]]


def web_app(healthy: HealthCheck) -> web.Application:
    async def healthz(_request: web.Request) -> web.Response:
        ok = await healthy()
        return web.json_response(
            {"status": "ok" if ok else "unavailable"}, status=200 if ok else 503, dumps=json.dumps
        )

    async def metrics_page(_request: web.Request) -> web.Response:
        response = web.Response(body=metrics().render())
        response.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return response

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics_page)
    return app


class OpsServer:
    """The aiohttp server for /healthz and /metrics; `port` 0 picks a free port (tests)."""

    def __init__(self, healthy: HealthCheck, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._runner = web.AppRunner(web_app(healthy), access_log=None)

    async def start(self) -> None:
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = self._runner.addresses[0][1]
        log.info("health and metrics on http://%s:%s/healthz", self.host, self.port)

    async def stop(self) -> None:
        await self._runner.cleanup()
