"""A password given in a PostgreSQL URL's query (libpq's ``password=``, or the client
key's ``sslpassword=``) is hidden wherever the store shows its URL, as one given
before the host is: in a refusal and in ``repr``. It was shown in full."""

from __future__ import annotations

import traceback
from pathlib import Path

import pytest

from governance_rules import EventStore
from governance_rules.errors import StoreError

SECRET = "s3cret-pw"


@pytest.mark.parametrize(
    "query",
    [f"password={SECRET}", f"PASSWORD={SECRET}", f"sslpassword={SECRET}",
     f"user=app&password={SECRET}&sslmode=disable"],
)  # fmt: skip
def test_a_password_in_the_query_is_hidden_in_a_refusal(tmp_path: Path, query: str) -> None:
    pytest.importorskip("psycopg")
    url = f"postgresql+psycopg:///events?host={tmp_path}&port=1&{query}"
    with pytest.raises(StoreError, match="cannot open the event store") as info:
        EventStore(url)
    shown = "".join(traceback.format_exception(info.value))
    assert SECRET not in shown
    assert "password=***" in str(info.value.where).lower()


def test_a_password_in_the_query_is_hidden_in_repr_and_refusals_before_connecting() -> None:
    url = f"mysql://app@localhost/events?password={SECRET}"
    with pytest.raises(StoreError, match="SQLite or PostgreSQL only") as info:
        EventStore(url)
    assert SECRET not in str(info.value)
    store = EventStore.memory()
    store.url = f"sqlite:///x.db?password={SECRET}"  # repr reads the URL as given
    assert SECRET not in repr(store)
    assert "password=***" in repr(store)
