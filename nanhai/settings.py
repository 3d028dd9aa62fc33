"""Settings for the Nanhai trade-union CMS.

One settings module, configured from the environment. Safe by default: DEBUG is off
unless DJANGO_DEBUG is set, and a real secret key is required when it is off.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NANHAI_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Absolute base URL of the public site, used in feeds, sitemaps and share tags when no
# request is at hand. Empty means "take it from the request".
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").rstrip("/")
SITE_NAME = "南海区总工会"

INSTALLED_APPS = [
    # django.contrib.admin with the site's AdminSite (titles, login form): core.admin_site.
    "core.apps.SiteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Django's own widget templates, for the form renderer below.
    "django.forms",
    "django_ckeditor_5",
    "reversion",
    # django-axes with Chinese names in the admin (core.apps.AxesConfig).
    "core.apps.AxesConfig",
    "csp",
    "django_otp",
    "core.apps.TOTPConfig",
    "audit",
    "core",
    "photos",
    "proofread",
    "articles",
    "attachments",
    "workplan",
    "profiles",
    "search",
]

MIDDLEWARE = [
    # First: a cached page for an anonymous reader is answered before anything else runs
    # (it was stored with the headers the rest of the stack added). README, "The page cache".
    "core.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.SiteCSPMiddleware",
    # The friendly 503 page while the database is away (inside the header middleware, so
    # that page carries the security headers too).
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Makes the request's address known to the audit trail that services write.
    "audit.context.AuditRequestMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.RequireStaffOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nanhai.urls"
# Widgets render through TEMPLATES, so templates/ can override an admin widget's template
# (templates/admin/widgets/related_widget_wrapper.html: no link to a related delete page).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "nanhai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
            # Memoized {% url %} and |date (core/templatetags/fast_builtins.py).
            "builtins": ["core.templatetags.fast_builtins"],
        },
    },
]
if not DEBUG:
    # Cache compiled templates in production (Django does this itself when DEBUG is off,
    # but only if "loaders" is unset; spelled out here so it is obvious).
    TEMPLATES[0]["APP_DIRS"] = False
    TEMPLATES[0]["OPTIONS"]["loaders"] = [
        (
            "django.template.loaders.cached.Loader",
            [
                "django.template.loaders.filesystem.Loader",
                "django.template.loaders.app_directories.Loader",
            ],
        )
    ]

# Database: DATABASE_URL (PostgreSQL in production and CI), else SQLite in var/.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3 connection pool, managed by Django (CONN_MAX_AGE must stay 0 with it).
    DATABASES["default"].setdefault("OPTIONS", {})
    if env_bool("DJANGO_DB_POOL", True):
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": int(os.environ.get("DJANGO_DB_POOL_MIN", "1")),
            "max_size": int(os.environ.get("DJANGO_DB_POOL_MAX", "8")),
            # Fail fast while PostgreSQL is away (visitors get the 503 page), and keep
            # reconnecting in the background until it is back.
            "timeout": float(os.environ.get("DJANGO_DB_POOL_TIMEOUT", "2")),
            "reconnect_timeout": float(os.environ.get("DJANGO_DB_RECONNECT_TIMEOUT", "3600")),
        }
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 3)
    if "pool" in DATABASES["default"]["OPTIONS"] and env_bool("DJANGO_DB_CHEAP_CHECK", True):
        # A dead connection left by a database restart is replaced instead of failing the
        # request, without a round trip for a healthy one (core/dbpool.py): Django's own
        # pool check (CONN_HEALTH_CHECKS) asks PostgreSQL on every request.
        DATABASES["default"]["ENGINE"] = "core.postgresql"
    else:
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Server-side parameter binding, and statements prepared after their second use on a
    # connection: PostgreSQL plans the site's few hot queries once per connection instead
    # of on every request (measured: README, "A leaner uncached path").
    DATABASES["default"]["OPTIONS"]["server_side_binding"] = env_bool(
        "DJANGO_DB_SERVER_SIDE_BINDING", True
    )
    _prepare = os.environ.get("DJANGO_DB_PREPARE_THRESHOLD", "2")
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = int(_prepare) if _prepare else None

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 first: new and changed passwords are hashed with it; older hashes still verify
# and are upgraded at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTHENTICATION_BACKENDS = [
    # django-axes refuses logins from a locked-out user or address before any password check.
    "core.auth_backends.ThrottledLoginBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# Our own Chinese for Django's and django-axes' admin phrases (locale/zh_Hans; the .mo is
# committed, so nothing needs gettext to run the site).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("DJANGO_PLAIN_STATIC")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Media on S3-compatible object storage (MinIO in docker compose, or OSS/COS/S3), shared
# by every app server: set DJANGO_MEDIA_BUCKET. Credentials: DJANGO_MEDIA_ACCESS_KEY and
# DJANGO_MEDIA_SECRET_KEY (else the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).
# Backups go to their own, private bucket (DJANGO_BACKUP_BUCKET), else to var/backups.
# README, "Deploy with object storage".
MEDIA_BUCKET = os.environ.get("DJANGO_MEDIA_BUCKET", "")


def _bucket_options(bucket: str) -> dict:
    endpoint = os.environ.get("DJANGO_MEDIA_ENDPOINT", "")
    return {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "region_name": os.environ.get("DJANGO_MEDIA_REGION") or None,
        "access_key": os.environ.get("DJANGO_MEDIA_ACCESS_KEY") or None,
        "secret_key": os.environ.get("DJANGO_MEDIA_SECRET_KEY") or None,
        # MinIO and most S3-compatible stores want the bucket in the path.
        "addressing_style": os.environ.get(
            "DJANGO_MEDIA_ADDRESSING", "path" if endpoint else "auto"
        ),
        "signature_version": "s3v4",
        "querystring_auth": False,
        "file_overwrite": False,
        "default_acl": None,
    }


if MEDIA_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "core.storage.MediaStorage",
        "OPTIONS": {
            **_bucket_options(MEDIA_BUCKET),
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
if os.environ.get("DJANGO_BACKUP_BUCKET"):
    STORAGES["backups"] = {
        "BACKEND": "core.storage.PrivateStorage",
        "OPTIONS": _bucket_options(os.environ["DJANGO_BACKUP_BUCKET"]),
    }
if MEDIA_URL.startswith(("http://", "https://")):
    # Photos from a CDN or the bucket's own address: the CSP must allow that origin.
    from urllib.parse import urlsplit

    _media = urlsplit(MEDIA_URL)
    _MEDIA_ORIGIN = f"{_media.scheme}://{_media.netloc}"
else:
    _MEDIA_ORIGIN = ""

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # A Redis that hangs must not hang the site: pages are rendered without it.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }

# --- The page cache (core/pagecache.py; README, "The page cache") ---------------------
# On by default only with a shared cache: a per-process cache could not tell the other
# workers that a page changed.
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", bool(os.environ.get("REDIS_URL")))
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "300"))
# A worker answers from its memory only this long after it last read the shared
# generation: the bound on how stale a page served by Django can be.
PAGE_CACHE_CONFIRM_SECONDS = 0.25
# How much older than that confirmation a proxy (nginx, a CDN) may serve a page, less a
# margin for the proxy's own refresh (it serves the old copy while fetching the new one).
PAGE_CACHE_MAX_STALENESS = 1.0
PAGE_CACHE_PROXY_MARGIN = 0.1
PAGE_CACHE_MEMORY_BYTES = int(os.environ.get("DJANGO_PAGE_CACHE_MEMORY_MB", "32")) * 1024 * 1024
# Cache-Control of public pages: browsers revalidate (ETag), shared caches keep a page a
# second, may serve it while one request refreshes it, and through an outage.
PAGE_CACHE_MAX_AGE = 0
PAGE_CACHE_S_MAXAGE = 1
PAGE_CACHE_STALE_WHILE_REVALIDATE = 1
PAGE_CACHE_STALE_IF_ERROR = 86400
# Never cached: the admin, search, uploads, the display switch, health checks, files.
PAGE_CACHE_EXCLUDE_PREFIXES = (
    "/admin/",
    "/search/",
    "/ckeditor5/",
    "/photos/",
    "/display/",
    "/healthz",
    "/readyz",
    "/static/",
    "/media/",
)
# Answers to a signed-in browser are "private, no-store", except these (files).
PAGE_CACHE_PRIVATE_EXEMPT_PREFIXES = ("/static/", "/media/")
# Tables whose writes never change a public page (every other table's writes invalidate
# all pages, so a new model is covered without being listed anywhere).
PAGE_CACHE_IGNORED_TABLES = (
    "django_session",
    "django_admin_log",
    "axes_",
    "audit_",
    "reversion_",
    "otp_",
    "django_cache",
)

# --- Security -------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT")
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE")
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD")
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Staff sessions end after a working day.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_COOKIE_AGE", str(10 * 60 * 60)))
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Powerful browser features this site never uses (header sent by core.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Content Security Policy (django-csp 4). Our own pages need no inline script or style.
# The admin's rich-text editor (CKEditor 5) sets inline styles on the text it edits and
# previews pasted images as blob: URLs, so /admin/ and /ckeditor5/ get those two
# additions only (core.middleware.SiteCSPMiddleware); scripts stay 'self' everywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_MEDIA_ORIGIN] if _MEDIA_ORIGIN else [])],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CSP_ADMIN_PREFIXES = ("/admin/", "/ckeditor5/")
CSP_ADMIN_ADDITIONS = {"style-src": ["'unsafe-inline'"], "img-src": ["blob:"]}

# Login throttling (django-axes): a few wrong passwords for one user name, or from one
# address, lock the login for a while. Unlock in the admin (访问尝试 → delete the rows)
# or with `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS`.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", "30")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_CLIENT_IP_CALLABLE = "audit.ip.client_ip"
AXES_VERBOSE = False
# Behind a reverse proxy, take the client address from the last X-Forwarded-For hop.
NANHAI_TRUST_X_FORWARDED_FOR = env_bool("DJANGO_TRUST_X_FORWARDED_FOR")

# Second factor for staff (TOTP, django-otp). Off by default; when on, superusers must
# confirm a one-time code after the password, and so must any staff member with a device.
NANHAI_REQUIRE_2FA = env_bool("DJANGO_REQUIRE_2FA")
OTP_TOTP_ISSUER = "南海工会 CMS"

# Large uploads (phone photos) are streamed to disk rather than held in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# --- Rich text (django-ckeditor-5) ----------------------------------------------------
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "zh-cn",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "insertImage",
                "insertTable",
                "|",
                "undo",
                "redo",
            ],
            "shouldNotGroupWhenFull": True,
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "正文段落", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "小标题",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "三级标题",
                    "class": "ck-heading_heading3",
                },
                {
                    "model": "heading4",
                    "view": "h4",
                    "title": "四级标题",
                    "class": "ck-heading_heading4",
                },
            ]
        },
        "image": {
            "toolbar": ["imageTextAlternative", "toggleImageCaption"],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "link": {"defaultProtocol": "https://"},
        # The stock counter counts "words" (a run of Chinese is one); js/admin-editor.js
        # shows 字数 instead.
        "wordCount": {"displayWords": False, "displayCharacters": False},
        # CKEditor 5 under the GPL shows its logo while the editor has focus; its licence
        # lets us change the label beside it, not remove the logo (README, "The admin: how it is
        # built").
        "ui": {"poweredBy": {"label": "技术支持"}},
    },
}

# --- Photos (see README, "Photos and media") ------------------------------------------
# Uploads are checked by content; these bound what one file may cost. They are defined
# here only: photos/pipeline.py reads them from settings and has no defaults of its own.
PHOTOS_MAX_UPLOAD_BYTES = int(os.environ.get("PHOTOS_MAX_UPLOAD_MB", "30")) * 1024 * 1024
PHOTOS_MAX_PIXELS = int(os.environ.get("PHOTOS_MAX_PIXELS", "60000000"))
PHOTOS_RENDITION_WIDTHS = sorted(
    int(width) for width in env_list("PHOTOS_RENDITION_WIDTHS", "480,960,1600")
)
# CKEditor's image uploads go through the photo pipeline and into the library.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "photos:ckeditor-upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "webp", "heic", "heif"]

# --- Attachments (see README, "Attachments") -------------------------------------------
# Each file is checked from its bytes (attachments/inspect.py); this bounds its size.
ATTACHMENTS_MAX_UPLOAD_BYTES = int(os.environ.get("ATTACHMENTS_MAX_UPLOAD_MB", "20")) * 1024 * 1024
# With nginx in front of local media: the internal location that sends attachment files
# (deploy/nginx.conf, "/_attachments/"); empty: the site streams them itself.
ATTACHMENTS_X_ACCEL_REDIRECT = os.environ.get("ATTACHMENTS_X_ACCEL_REDIRECT", "")

# --- WeChat share cards (see README, "Sharing") -----------------------------------------
# Both set: article, plan and profile pages configure WeChat's JS-SDK (core/wechat.py).
WECHAT_APPID = os.environ.get("WECHAT_APPID", "")
WECHAT_APPSECRET = os.environ.get("WECHAT_APPSECRET", "")
WECHAT_API_BASE = os.environ.get("WECHAT_API_BASE", "https://api.weixin.qq.com")
WECHAT_JSSDK_URL = os.environ.get(
    "WECHAT_JSSDK_URL", "https://res.wx.qq.com/open/js/jweixin-1.6.0.js"
)
WECHAT_TIMEOUT = float(os.environ.get("WECHAT_TIMEOUT", "3"))
# Refresh the access token and ticket this long before WeChat's expiry (seconds); after a
# failure, ask WeChat again at most this often.
WECHAT_REFRESH_MARGIN = 600
WECHAT_RETRY_SECONDS = 60
# How long a page waits for another worker's refresh when it has no valid ticket at all.
WECHAT_LOCK_WAIT = 2.0

# --- Word import (README, "Word import") ---------------------------------------------
WORDIMPORT_MAX_BYTES = int(os.environ.get("WORDIMPORT_MAX_MB", "20")) * 1024 * 1024

# --- Site -----------------------------------------------------------------------------
ARTICLES_PER_PAGE = 20
# Font for the work plans' PNG share card (a CJK TrueType/OpenType file); empty means the
# Noto CJK fonts of Debian's fonts-noto-cjk, and no card at all if none is installed.
WORKPLAN_SHARE_FONT = os.environ.get("WORKPLAN_SHARE_FONT", "")
