# The archive's web image: gunicorn and whitenoise on Python 3.11 (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so that a change to the code alone reuses this layer: the packages are
# empty placeholders here, and the editable install points at /app, which COPY then fills in.
COPY pyproject.toml ./
RUN for pkg in astana_site rounds articles; do mkdir "$pkg" && touch "$pkg/__init__.py"; done \
    && pip install --upgrade "pip>=25.1" \
    && pip install -e .

COPY . .

# An unprivileged user; it owns only what the site writes (collected static files, SQLite data).
RUN useradd --system --home-dir /app --shell /usr/sbin/nologin archive \
    && mkdir -p build/staticfiles data \
    && chown -R archive:archive build data
USER archive

EXPOSE 8000
CMD ["scripts/start-web.sh"]
