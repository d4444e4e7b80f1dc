FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app \
    && mkdir -p /home/app/var \
    && chown 10001:10001 /home/app/var

WORKDIR /home/app/article-facts

# The runtime packages first, each checked against its hash (a layer that only changes
# with the lock), then the project itself without resolving anything; editable, so the
# app finds migrations/ and data/ beside it, as in a clone.
COPY requirements-runtime.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements-runtime.lock
COPY pyproject.toml README.md ./
COPY app/ app/
COPY migrations/ migrations/
COPY data/ data/
RUN pip install --no-cache-dir --no-deps --no-build-isolation -e .

ENV DATABASE_URL=sqlite:////home/app/var/article-facts.db

USER 10001:10001

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]

CMD ["sh", "-c", "article-facts migrate && article-facts ingest data --if-empty && exec article-facts serve --host 0.0.0.0 --port 8000"]
