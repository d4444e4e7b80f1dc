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

COPY pyproject.toml README.md ./
COPY app/ app/
COPY migrations/ migrations/
COPY data/ data/
# Editable, so the app finds migrations/ and data/ beside it, as in a clone.
RUN pip install --no-cache-dir -e .

ENV DATABASE_URL=sqlite:////home/app/var/article-facts.db

USER 10001:10001

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]

CMD ["sh", "-c", "article-facts migrate && article-facts ingest data --if-empty && exec article-facts serve --host 0.0.0.0 --port 8000"]
