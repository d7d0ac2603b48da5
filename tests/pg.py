"""PostgreSQL for the tests: VEIVISER_TEST_DATABASE_URL names a server (``.ci/run`` starts a
throwaway one). Each test gets a database of its own, dropped afterwards. Without the variable the
PostgreSQL tests skip, saying why."""

from __future__ import annotations

import os
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

ENV = "VEIVISER_TEST_DATABASE_URL"


def server_url() -> str:
    url = os.environ.get(ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server given ({ENV} is not set; .ci/run sets it)")
    return url


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


@pytest.fixture
def pg_url():
    """The URL of a new, empty database."""
    import psycopg

    admin = server_url()
    name = "veiviser_t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(admin, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
