# prepbot: one image for every platform; PREPBOT_ADAPTER picks console, slack or discord.
# Build: docker build -t prepbot .    Run: docker compose up (see docker-compose.yml and .env.example)

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
# pyproject names README.md as the readme: make sure one exists even if the context has none.
COPY . .
RUN test -f README.md || echo "# prepbot" > README.md \
 && pip wheel --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PREPBOT_ADAPTER=console \
    PREPBOT_HEALTH_PORT=8080 \
    PREPBOT_HEALTH_HOST=0.0.0.0 \
    PREPBOT_HTTP_HOST=0.0.0.0
COPY --from=build /wheels /wheels
# The bundled knowledge documents ship inside the package (package-data), so the image needs no volume for them.
# The image never writes bytecode at run time (PYTHONDONTWRITEBYTECODE), so compile prepbot's own
# packages here, once, with that variable unset: otherwise every start compiles them again.
RUN pip install /wheels/*.whl && rm -rf /wheels \
 && site="$(python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" \
 && env -u PYTHONDONTWRITEBYTECODE python -m compileall -q "$site/bot" "$site/knowledge" "$site/adapters" \
 && useradd --create-home --uid 10001 --shell /usr/sbin/nologin prepbot
USER prepbot
WORKDIR /home/prepbot
# 3000: Slack HTTP mode (/slack/events). 8080: /healthz and /metrics. Both listen on every interface of the
# container (PREPBOT_HTTP_HOST, PREPBOT_HEALTH_HOST); publish only what you need.
EXPOSE 3000 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import os, sys, urllib.request; port = os.environ.get('PREPBOT_HEALTH_PORT', '8080'); sys.exit(0 if urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=3).status == 200 else 1)"
# prepbot run stops cleanly on SIGTERM within 25 s (docker stop waits 10 s by default: use -t 30).
STOPSIGNAL SIGTERM
ENTRYPOINT ["prepbot", "run"]
