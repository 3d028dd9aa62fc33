"""A local S3-protocol server for tests (moto in server mode, on a free port).

CI has no MinIO; moto speaks the same protocol on loopback. Start it once per test
session with the ``s3_server`` fixture (tests/conftest.py).
"""

import socket
from dataclasses import dataclass

ACCESS_KEY = "nanhai-test"
SECRET_KEY = "nanhai-test-secret"  # noqa: S105 - a throwaway key for a local fake
REGION = "us-east-1"


@dataclass
class S3Server:
    endpoint: str

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )

    def new_bucket(self, name: str) -> str:
        client = self.client()
        client.create_bucket(Bucket=name)
        return name

    def allow_public_read(self, bucket: str) -> None:
        """Anyone may GET the bucket's objects (as docker compose sets up MinIO's)."""
        import json

        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": ["s3:GetObject"],
                    "Resource": [f"arn:aws:s3:::{bucket}/*"],
                }
            ],
        }
        self.client().put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))

    def keys(self, bucket: str, prefix: str = "") -> list[str]:
        pages = (
            self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        )
        return sorted(obj["Key"] for page in pages for obj in page.get("Contents", []))

    def storage_options(self, bucket: str) -> dict:
        return {
            "bucket_name": bucket,
            "endpoint_url": self.endpoint,
            "region_name": REGION,
            "access_key": ACCESS_KEY,
            "secret_key": SECRET_KEY,
            "addressing_style": "path",
            "signature_version": "s3v4",
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        }

    def environment(self, bucket: str, backups: str | None = None) -> dict:
        """The site's environment variables for this server (as in production)."""
        env = {
            "DJANGO_MEDIA_BUCKET": bucket,
            "DJANGO_MEDIA_ENDPOINT": self.endpoint,
            "DJANGO_MEDIA_REGION": REGION,
            "DJANGO_MEDIA_ACCESS_KEY": ACCESS_KEY,
            "DJANGO_MEDIA_SECRET_KEY": SECRET_KEY,
        }
        if backups:
            env["DJANGO_BACKUP_BUCKET"] = backups
        return env


def start() -> tuple[S3Server, object]:
    from moto.server import ThreadedMotoServer

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    return S3Server(endpoint=f"http://127.0.0.1:{port}"), server
