"""The check the connection pool runs when it hands out a connection.

psycopg_pool's own ``check_connection`` (what Django uses with CONN_HEALTH_CHECKS) runs an
empty query: a round trip to PostgreSQL on every request, about 15 % of an uncached
article page here. A connection that has been idle in the pool is healthy unless the
server said something meanwhile: when PostgreSQL shuts down, restarts or a backend is
terminated, it sends a message and closes the socket, which makes it readable. So: look at
the socket without waiting (a system call, no round trip), and only then ask the server.
A connection lost without a word (a network cut) fails its first query instead; the
request gets the 503 page (``core.errors``) and the pool drops the broken connection.
"""

import select

from psycopg import OperationalError
from psycopg_pool import ConnectionPool


def check_connection(conn) -> None:
    """Raise if ``conn`` is unusable (the pool then replaces it)."""
    if conn.closed or conn.broken:
        raise OperationalError("connection is closed")
    readable, _, _ = select.select([conn.fileno()], [], [], 0)
    if readable:
        ConnectionPool.check_connection(conn)
