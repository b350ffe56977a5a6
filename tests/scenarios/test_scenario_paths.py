"""Scenario paths given to the control plane resolve only inside the working directory or a
directory allowed with ``serve --allow-path``, and a refusal never quotes the file."""
from __future__ import annotations

from pathlib import Path

from emulator.app import create_app
from emulator.asgi import in_process_client

DATA = Path(__file__).parent / "data"
SECRET = "root:$6$saltsalt$hashhashhash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n"


def test_scenario_path_outside_the_working_directory_refused(shopee_http, tmp_path):
    secret = tmp_path / "shadow"
    secret.write_text(SECRET)
    answer = shopee_http.post("/_emulator/scenario", json={"path": str(secret)})
    assert (answer.status_code, answer.json()) == (403, {
        "error": "path_not_allowed",
        "message": "path must be inside the server's working directory or a directory given with serve --allow-path",
    })


def test_scenario_path_escaping_with_dot_dot_refused(shopee_http):
    answer = shopee_http.post("/_emulator/scenario", json={"path": "../" * 30 + "etc/passwd"})
    assert answer.status_code == 403 and "root" not in answer.text


def test_scenario_path_through_a_symlink_out_refused(shopee_http, tmp_path):
    secret = tmp_path / "shadow"
    secret.write_text(SECRET)
    link = DATA / f"link-{tmp_path.name}.yaml"
    link.symlink_to(secret)
    try:
        answer = shopee_http.post("/_emulator/scenario", json={"path": str(link)})
    finally:
        link.unlink()
    assert answer.status_code == 403


def test_scenario_file_that_is_not_a_scenario_is_not_quoted(shopee, tmp_path):
    secret = tmp_path / "shadow"
    secret.write_text(SECRET)
    with in_process_client(create_app(shopee, allow_paths=[str(tmp_path)])) as http:
        answer = http.post("/_emulator/scenario", json={"path": str(secret)})
    assert (answer.status_code, answer.json()) == (400, {
        "error": "invalid_scenario",
        "message": "shadow is not a valid scenario file: `instant-mart-emulator scenario check` shows why",
    })
    assert "root" not in answer.text and "daemon" not in answer.text


def test_scenario_path_in_an_allowed_directory_loads(shopee, tmp_path):
    (tmp_path / "mine.yaml").write_text((DATA / "setup_faults.yaml").read_text())
    with in_process_client(create_app(shopee, allow_paths=[str(tmp_path)])) as http:
        answer = http.post("/_emulator/scenario", json={"path": str(tmp_path / "mine.yaml")})
    assert answer.status_code == 200, answer.text


def test_scenario_relative_path_resolves_from_the_working_directory(shopee_http):
    relative = (DATA / "setup_faults.yaml").resolve().relative_to(Path.cwd().resolve())
    assert shopee_http.post("/_emulator/scenario", json={"path": str(relative)}).status_code == 200
