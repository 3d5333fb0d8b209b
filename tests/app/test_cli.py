"""``ssrsim app``'s mistakes end with a message and exit status 2, never a traceback: the app extra
missing or mismatched (a blank page without internet), a port taken, too many workers."""

from __future__ import annotations

import socket
from importlib.metadata import PackageNotFoundError

import pytest

from ssrsim.app import server
from ssrsim.cli import main


def refused(capsys, *args) -> str:
    with pytest.raises(SystemExit) as stopped:
        main(["app", *args])
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and "Traceback" not in err
    return err


def test_without_the_app_extra_it_says_how_to_install_it(monkeypatch, capsys):
    def version(package):
        raise PackageNotFoundError(package)

    monkeypatch.setattr(server, "version", version)
    assert refused(capsys) == ('ssrsim: error: the browser app needs the app extra, which is not installed (solara '
                               'is missing): pip install ".[app]" (in the ssrsim source folder)\n')


def test_solara_and_its_assets_of_different_releases_are_refused(monkeypatch, capsys):
    monkeypatch.setattr(server, "version", {"solara": "1.58.2", "solara-assets": "1.57.0"}.get)
    err = refused(capsys)
    assert "solara 1.58.2 and solara-assets 1.57.0 are of different releases" in err
    assert 'pip install ".[app]"' in err


def test_a_port_in_use_is_named(monkeypatch, capsys):
    monkeypatch.setattr(server, "missing_extra", lambda: None)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        err = refused(capsys, "--port", str(port))
    assert err == (f"ssrsim: error: cannot listen on 127.0.0.1:{port} (Address already in use); choose another "
                   "--port (or --host)\n")


@pytest.mark.parametrize(("args", "says"), [(["--workers", "3"], "--workers must be 1 – 2, got 3"),
                                            (["--port", "70000"], "--port must be 1 – 65535, got 70000"),
                                            (["--abandon-after", "0.5"],
                                             "--abandon-after must be 1 – 3600 seconds, got 0.5")])
def test_out_of_range_options_are_refused(capsys, args, says):
    assert refused(capsys, *args) == f"ssrsim: error: {says}\n"


def test_a_data_folder_that_is_a_file_is_refused(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(server, "missing_extra", lambda: None)
    monkeypatch.setenv("SSRSIM_APP_DATA", "")  # restored after the test: serve sets it
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("mine")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    err = refused(capsys, "--port", str(port), "--data", str(not_a_folder))
    assert err == f"ssrsim: error: --data {not_a_folder}: not a folder\n"
    assert not_a_folder.read_text() == "mine"


def test_the_help_says_the_network_is_plain_http_and_teams_need_join_codes(capsys):
    with pytest.raises(SystemExit):
        main(["app", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "plain HTTP" in text and "join codes" in text and "--data DIR" in text
