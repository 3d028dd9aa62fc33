# The site's image: gunicorn on nanhai.wsgi, static files collected and served by WhiteNoise.
# Media (uploads) live in the object store (MinIO in docker-compose.yml), or on a volume
# at /data/media without DJANGO_MEDIA_BUCKET; nginx serves them (deploy/nginx.conf).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    DJANGO_MEDIA_ROOT=/data/media \
    NANHAI_VAR_DIR=/app/var

# postgresql-client: pg_dump/psql for the backup and restore commands.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .
# Static files are part of the image (hashed names, pre-compressed for WhiteNoise).
# The key below only exists for this build step; the container requires the real one.
RUN DJANGO_SECRET_KEY=collectstatic-only DATABASE_URL=sqlite:////tmp/build.sqlite3 \
        python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3 \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin nanhai \
    && mkdir -p /data/media /app/var \
    && chown -R nanhai:nanhai /data/media /app/var

USER nanhai
EXPOSE 8000
VOLUME ["/data/media"]

# gunicorn.conf.py (timeouts, worker recycling, limits) is read from /app; the compose file
# sets GUNICORN_WORKERS and which proxy addresses may send X-Forwarded-* headers.
ENV GUNICORN_WORKERS=3
CMD ["gunicorn", "nanhai.wsgi:application"]
