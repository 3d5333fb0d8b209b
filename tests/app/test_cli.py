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
                                            (["--port", "70000"], "--port must be 1 – 65535, got 70000")])
def test_out_of_range_options_are_refused(capsys, args, says):
    assert refused(capsys, *args) == f"ssrsim: error: {says}\n"
