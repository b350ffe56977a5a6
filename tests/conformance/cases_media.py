"""Conformance cases: image upload (v2.media_space.upload_image, v2.media.upload_image) and video upload (v2.media.*video*)."""
from __future__ import annotations

import hashlib

from emulator.domains.product.media import solid_png
from tests.conformance.cases import Call, Cases, World

CASES = Cases()
PENDING: dict[str, str] = {}


@CASES.case("v2.media_space.upload_image")
def product_image(world: World) -> Call:
    return Call(params={"scene": "normal"}, files=[("image", ("milk.png", solid_png((250, 250, 250)), "image/png"))])


@CASES.case("v2.media.upload_image")
def return_proof(world: World) -> Call:
    files = [("images", ("proof.png", solid_png((200, 10, 10)), "image/png"))]
    return Call(shop_id=world.outlet_id, params={"business": "2", "scene": "1"}, files=files)


# -- video upload ----------------------------------------------------------------------------------
CLIP = b"\x00\x00\x00\x18ftypmp42" + bytes(range(200))


def _session(world: World, clip: bytes = CLIP) -> str:
    answer = world.ok("v2.media.init_video_upload", world.mart_id, business=3, scene=1, file_name="susu.mp4", file_size=len(clip), duration=30)
    return str(answer["video_upload_id"])


def _send(world: World, upload_id: str, clip: bytes = CLIP) -> None:
    _method, path, query = world.client.signed_query("v2.media.upload_video_part", world.mart_id)
    fields = {"video_upload_id": upload_id, "part_seq": "0", "part_md5": hashlib.md5(clip).hexdigest()}
    answer = world.http.post(path, params=query, data=fields, files=[("part_content", ("susu.mp4", clip, "video/mp4"))]).json()
    assert answer["error"] == "", answer


def transcoded_video(world: World) -> str:
    """A video_upload_id of the Mart that add_item and update_item accept."""
    upload_id = _session(world)
    _send(world, upload_id)
    world.ok("v2.media.complete_video_upload", world.mart_id, video_upload_id=upload_id)
    world.emulator.advance(float(world.emulator.products.videos.task_settings.current()["delay_seconds"]))
    return upload_id


@CASES.case("v2.media.init_video_upload")
def new_session(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"business": 3, "scene": 1, "file_name": "susu.mp4", "file_size": 26214400, "duration": 105})


@CASES.case("v2.media.upload_video_part", values={"part_seq": 0, "part_md5": hashlib.md5(CLIP).hexdigest()})
def first_part(world: World) -> Call:
    params = {"video_upload_id": _session(world), "part_seq": "0", "part_md5": hashlib.md5(CLIP).hexdigest()}
    return Call(shop_id=world.mart_id, params=params, files=[("part_content", ("susu.mp4", CLIP, "video/mp4"))])


@CASES.case("v2.media.complete_video_upload")
def all_parts_in(world: World) -> Call:
    upload_id = _session(world)
    _send(world, upload_id)
    return Call(shop_id=world.mart_id, params={"video_upload_id": upload_id})


@CASES.case("v2.media.get_video_upload_result", optional={"response.reason": "only a FAILED or CANCELLED session has one"})
def transcoded(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"video_upload_id": transcoded_video(world)})


@CASES.case("v2.media.get_video_upload_result", optional={"response.video_info": "only a SUCCEEDED session has one"})
def cancelled(world: World) -> Call:
    upload_id = _session(world)
    world.ok("v2.media.cancel_video_upload", world.mart_id, video_upload_id=upload_id)
    return Call(shop_id=world.mart_id, params={"video_upload_id": upload_id})


@CASES.case("v2.media.cancel_video_upload")
def cancel_open_session(world: World) -> Call:
    return Call(shop_id=world.mart_id, params={"video_upload_id": _session(world)})
