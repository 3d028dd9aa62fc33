"""The deployment files: docker compose validates, nginx serves media strictly."""

import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
NGINX_CONF = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")


def test_compose_has_the_services_and_requires_the_secrets():
    for service in ("db", "redis", "minio", "buckets", "migrate", "web", "nginx"):
        assert re.search(rf"^  {service}:$", COMPOSE, re.MULTILINE), service
    assert "${DJANGO_SECRET_KEY:?" in COMPOSE
    assert "${POSTGRES_PASSWORD:?" in COMPOSE
    assert "${MINIO_ROOT_PASSWORD:?" in COMPOSE
    assert "condition: service_healthy" in COMPOSE
    # Media and backups in the object store, shared by every web container; no volume.
    assert "DJANGO_MEDIA_BUCKET: nanhai-media" in COMPOSE
    assert "DJANGO_BACKUP_BUCKET: nanhai-backups" in COMPOSE
    assert "media:/data/media" not in COMPOSE
    assert "mc anonymous set download local/nanhai-media" in COMPOSE
    assert "local/nanhai-backups" not in COMPOSE.split("mc anonymous", 1)[1]


def _compose_command():
    docker = shutil.which("docker")
    if (
        docker
        and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0
    ):
        return [docker, "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_docker_compose_config_validates():
    command = _compose_command()
    if command is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed")
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "k" * 50,
        "POSTGRES_PASSWORD": "p",
        "MINIO_ROOT_PASSWORD": "m" * 12,
    }
    result = subprocess.run(
        [*command, "-f", str(ROOT / "docker-compose.yml"), "config"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "postgres://nanhai:p@db:5432/nanhai" in result.stdout
    # Without the secrets it refuses to start rather than run with a default.
    env.pop("DJANGO_SECRET_KEY")
    refused = subprocess.run(
        [*command, "-f", str(ROOT / "docker-compose.yml"), "config"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert refused.returncode != 0
    assert "DJANGO_SECRET_KEY" in refused.stderr


def test_nginx_media_allow_list_has_no_html_or_svg():
    media_location = re.search(r"location ~\* \^/media/.+?\{(.+?)\n    \}", NGINX_CONF, re.S)
    assert media_location, "no media location"
    block = media_location.group(0)
    assert "nosniff" in block
    for forbidden in ("svg", "html", "xml", "javascript"):
        assert forbidden not in block.lower()


@pytest.fixture
def nginx(tmp_path, start_nginx, static_upstream):
    """nginx with the deploy config, the object store replaced by a plain file server."""
    bucket = tmp_path / "store" / "nanhai-media" / "photos"
    bucket.mkdir(parents=True)
    (bucket / "a.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg <html>")
    (bucket / "b.svg").write_text("<svg onload=alert(1)></svg>")
    (bucket / "c.html").write_text("<script>alert(1)</script>")
    (bucket / "d.webp").write_bytes(b"RIFF....WEBP")
    media = static_upstream(tmp_path / "store")
    return start_nginx(web="127.0.0.1:9", media=media)


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_nginx_serves_images_with_nosniff_and_refuses_html_and_svg(nginx):
    status, headers = _get(nginx + "/media/photos/a.jpg")
    assert status == 200
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
    status, headers = _get(nginx + "/media/photos/d.webp")
    assert (status, headers["Content-Type"]) == (200, "image/webp")
    for name in ("b.svg", "c.html", "missing.jpg"):
        status, _ = _get(nginx + f"/media/photos/{name}")
        assert status == 404, name


def test_bench_ceiling_view_is_not_mounted_by_production_urls(settings):
    assert settings.ROOT_URLCONF == "nanhai.urls"
    with pytest.raises(NoReverseMatch):
        reverse("bench-ceiling")
