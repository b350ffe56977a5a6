"""Write-ahead, then apply: a write the data file refuses is answered ``error_server`` and undone,
now and after a restart; a write that was acknowledged survives a kill."""
from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path
from typing import Any, Iterator

import pytest

from emulator import cli
from emulator.app import create_app
from emulator.asgi import in_process_client
from emulator.client import client_for
from emulator.server import free_port
from emulator.store import JournalError
from emulator.world import Emulator

DISK_BYTES = 4 * 1024 * 1024


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs, as a full disk is met in the field."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(disk)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root and mount permission): {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    # unbuffered: a buffered file would try the refused bytes again on close, and raise there
    with filler.open("wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def _orders(emulator: Emulator, count: int) -> list[tuple[int, str]]:
    docs = [d for d in emulator.store.collection("orders").values() if d.get("note", "") == ""]
    return [(d["shop_id"], d["order_sn"]) for d in docs[:count]]


def _set_note(client: Any, shop_id: int, order_sn: str, note: str) -> dict[str, Any]:
    return client.call("v2.order.set_note", shop_id=shop_id, body={"order_sn": order_sn, "note": note})


def _note(emulator: Emulator, order_sn: str) -> str:
    return str(emulator.store.get("orders", order_sn).get("note", ""))


def test_disk_filled_mid_burst_keeps_acknowledged_writes_and_no_refused_one(small_disk: Path):
    data = str(small_disk / "world.json")
    emulator = Emulator(data=data)
    http = in_process_client(create_app(emulator))
    client = client_for(emulator, http)
    targets = _orders(emulator, 60)
    acked, refused = [], []
    filler = None
    for n, (shop_id, order_sn) in enumerate(targets):
        if n == 20:
            filler = _fill(small_disk)
        if n == 40:
            assert filler is not None
            filler.unlink()  # space again: writes after the full spell must be replayable too
        answer = _set_note(client, shop_id, order_sn, f"burst {n}")
        if answer["error"] == "":
            acked.append(order_sn)
        else:
            assert answer["error"] == "error_server"
            refused.append(order_sn)
            assert _note(emulator, order_sn) == ""  # not even for a moment visible
    assert len(acked) >= 40 and len(refused) >= 15
    http.close()
    emulator.store.abandon()  # a kill: no compaction; the next start reads the file and its journal
    restarted = Emulator(data=data)
    for order_sn in acked:
        assert _note(restarted, order_sn).startswith("burst ")
    for order_sn in refused:
        assert _note(restarted, order_sn) == ""
    restarted.close()


def test_refused_write_is_undone_everywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    emulator = Emulator(data=str(tmp_path / "world.json"))
    http = in_process_client(create_app(emulator))
    client = client_for(emulator, http)
    (shop_id, order_sn), = _orders(emulator, 1)
    now = emulator.clock.now()

    def full(fd: int, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    answer = _set_note(client, shop_id, order_sn, "never")
    assert (answer["error"], answer["message"]) == ("error_server", "Something wrong. Please try later.")
    with pytest.raises(JournalError):
        emulator.advance(3600)
    monkeypatch.undo()
    assert _note(emulator, order_sn) == "" and emulator.clock.now() == now
    detail = client.call("v2.order.get_order_detail", shop_id=shop_id, params={"order_sn_list": order_sn, "response_optional_fields": "note"})
    assert detail["response"]["order_list"][0]["note"] == ""
    assert _set_note(client, shop_id, order_sn, "later")["error"] == ""
    http.close()
    emulator.close()


def test_start_on_a_full_disk_ends_in_one_readable_line(small_disk: Path, capsys: pytest.CaptureFixture[str]):
    _fill(small_disk)
    code = cli.main(["serve", "--port", str(free_port()), "--data", str(small_disk / "world.json")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().count("\n") == 0 and "No space left on device" in err and "Traceback" not in err
