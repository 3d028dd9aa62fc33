"""gunicorn settings for production (read automatically from the working directory).

Every value can be overridden from the environment or on the command line. See README,
"Health checks and outages".
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")

# A request stuck for this long (a hung query, a dead connection) gets its worker killed and
# replaced, instead of the worker being lost for good. Pages take milliseconds; large photo
# uploads are the slowest requests.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# Recycle each worker after about a thousand requests (jitter: not all at once), so slow
# memory growth never builds up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))

# Each worker opens its own database connection pool after forking.
preload_app = False

# Heartbeat files in memory, not on a possibly slow disk.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Behind the reverse proxy: which addresses may set X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Bound what one request line and its headers may cost.
limit_request_line = 8190
limit_request_fields = 100
