"""The classroom's SQLite file: what it keeps, what it never keeps (secrets), and that a new store
on the same file (the app restarted) finds everything where it was."""

from __future__ import annotations

import sqlite3

import pytest

from ssrsim.app.classroom.store import DATABASE, NameTaken, Store, digest


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "data" / DATABASE)


def test_a_session_is_found_by_its_code_and_by_its_key_only(store):
    session = store.add_session("ABC234", "s3cret-key", "burundi", 40, 20, 7)
    assert session.code == "ABC234" and session.point == 0 and session.stage == "playing"
    assert store.session_by_code("ABC234") == session
    assert store.session_by_key(f"{session.id}.s3cret-key") == session
    for wrong in (f"{session.id}.s3cret-kez", f"{session.id + 1}.s3cret-key", "s3cret-key", "", f"{session.id}."):
        assert store.session_by_key(wrong) is None, wrong
    assert store.add_session("ABC234", "other", "burundi", 40, 20, 7) is None  # the code is taken


def test_a_team_is_found_by_its_token_only_and_names_are_unique_per_session(store):
    one = store.add_session("AAAAAA", "k1", "burundi", 40, 20, 7)
    two = store.add_session("BBBBBB", "k2", "burundi", 40, 20, 7)
    red = store.add_team(one.id, "Red", "red", "t-red")
    assert store.team_by_token(f"{red.id}.t-red") == red
    assert store.team_by_token(f"{red.id}.t-blue") is None and store.team_by_token("t-red") is None
    with pytest.raises(NameTaken):
        store.add_team(one.id, "RED", "red", "t-other")
    assert store.add_team(two.id, "Red", "red", "t-red-2").session_id == two.id  # another session: allowed
    assert [t.name for t in store.teams(one.id)] == ["Red"]


def test_secrets_are_kept_as_hashes_only(store):
    session = store.add_session("CCCCCC", "facilitator-secret", "burundi", 40, 20, 7)
    store.add_team(session.id, "Red", "red", "team-secret")
    dump = "\n".join(sqlite3.connect(store.path).iterdump())
    assert "facilitator-secret" not in dump and "team-secret" not in dump
    assert digest("facilitator-secret") in dump and digest("team-secret") in dump


def test_a_restarted_store_finds_the_session_its_point_and_decisions(store):
    session = store.add_session("DDDDDD", "k", "burundi", 40, 20, 7)
    red = store.add_team(session.id, "Red", "red", "t")
    store.save_decision(red.id, "2004-12", {"money": None, "choices": {"ddr_pace": "fast"}})
    store.save_decision(red.id, "2004-12", {"money": None, "choices": {"ddr_pace": "slow"}})  # changed its mind
    store.set_point(session.id, 1)
    store.save_situation(session.id, "2006-12", "abc", [{"deaths": 3}])

    again = Store(store.path)
    assert again.session_by_key(f"{session.id}.k").point == 1
    assert again.decisions(red.id) == {"2004-12": {"money": None, "choices": {"ddr_pace": "slow"}}}
    assert again.submitted(session.id) == {red.id: {"2004-12"}}
    assert again.situation(session.id, "2006-12", "abc") == [{"deaths": 3}]
    assert again.situation(session.id, "2006-12", "other") is None
