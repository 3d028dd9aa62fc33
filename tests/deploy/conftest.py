"""Servers for the deploy tests: nginx with deploy/nginx.conf, a plain file server."""

from pathlib import Path

import pytest

from tests.nginx import free_port, nginx_binary, serve_folder, start, wait_for_port, write_config

__all__ = ["free_port", "nginx_binary", "wait_for_port"]


@pytest.fixture
def start_nginx(tmp_path):
    """``start_nginx(web="host:port", media="host:port")``: nginx with deploy/nginx.conf,
    the site and the object store replaced by the given addresses; returns its base URL."""
    binary = nginx_binary()
    if binary is None:
        pytest.skip("nginx is not installed")
    processes = []

    def start_one(web: str, media: str = "127.0.0.1:9") -> str:
        port = free_port()
        config = write_config(tmp_path / f"nginx-{port}", port=port, web=web, media=media)
        processes.append(start(binary, config, port))
        return f"http://127.0.0.1:{port}"

    yield start_one
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def static_upstream():
    """``static_upstream(folder)``: serve ``folder`` over HTTP (an object store stand-in);
    returns "127.0.0.1:port"."""
    servers = []

    def start(folder: Path) -> str:
        server = serve_folder(folder)
        servers.append(server)
        return f"127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
