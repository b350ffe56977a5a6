"""Video upload in parts, transcoding on the clock, push 11, and the video on a Mart item and its Outlets."""
from __future__ import annotations

import hashlib
from typing import Any

import pytest

from emulator.domains.product import video as v
from tests.conftest import ok
from tests.domains.product_support import publish_body


def send_part(client: Any, http: Any, shop_id: int, upload_id: str, seq: int, data: bytes, md5: str | None = None) -> dict[str, Any]:
    _method, path, query = client.signed_query("v2.media.upload_video_part", shop_id)
    fields = {"video_upload_id": upload_id, "part_seq": str(seq), "part_md5": md5 or hashlib.md5(data).hexdigest()}
    return http.post(path, params=query, data=fields, files=[("part_content", ("part.mp4", data, "video/mp4"))]).json()


def init(client: Any, shop_id: int, size: int, **overrides: Any) -> dict[str, Any]:
    body = {"business": 3, "scene": 1, "file_name": "susu.mp4", "file_size": size, "duration": 30, **overrides}
    return client.call("v2.media.init_video_upload", shop_id=shop_id, body=body)


def uploaded(client: Any, http: Any, shop_id: int, video: bytes) -> str:
    answer = ok(init(client, shop_id, len(video)))
    size = answer["part_size"]
    for seq in range(-(-len(video) // size)):
        ok(send_part(client, http, shop_id, answer["video_upload_id"], seq, video[seq * size:(seq + 1) * size]))
    return str(answer["video_upload_id"])


def status(client: Any, shop_id: int, upload_id: str) -> dict[str, Any]:
    return ok(client.call("v2.media.get_video_upload_result", shop_id=shop_id, params={"video_upload_id": upload_id}))


def test_a_video_is_uploaded_transcoded_pushed_and_shown_on_the_outlets(shopee, shopee_client, shopee_http, shopee_push_sink, mart_id, outlet_ids):
    client = shopee_client
    video = bytes(range(256)) * (v.PART_SIZE // 256) + b"tail of the file"
    upload_id = uploaded(client, shopee_http, mart_id, video)
    assert status(client, mart_id, upload_id)["status"] == "UPLOADED"
    ok(client.call("v2.media.complete_video_upload", shop_id=mart_id, body={"video_upload_id": upload_id}))
    assert status(client, mart_id, upload_id)["status"] == "PROCESSING"
    refused = client.call("v2.product.add_item", shop_id=mart_id, body=_item(client, shopee_http, mart_id, upload_id))
    assert refused["message"] == v.VIDEO_NOT_READY.format(video_upload_id=upload_id)

    shopee.advance(shopee.products.videos.task_settings.current()["delay_seconds"])
    done = status(client, mart_id, upload_id)
    assert done["status"] == "SUCCEEDED" and done["video_info"]["duration"] == 30
    assert shopee_http.get(done["video_info"]["video_url"].removeprefix("http://testserver")).content == video
    pushes = shopee_push_sink.of_code(11)
    assert [p.json["data"]["video_upload_id"] for p in pushes] == [upload_id]
    assert pushes[0].json["data"]["status"] == "SUCCEEDED" and pushes[0].json["shop_id"] == mart_id
    assert shopee_push_sink.verifies(pushes[0], shopee.auth.default_partner()["partner_key"])

    item = ok(client.call("v2.product.add_item", shop_id=mart_id, body=_item(client, shopee_http, mart_id, upload_id)))["item_id"]
    copies = []
    for outlet in outlet_ids[:2]:
        copies.append(ok(client.call("v2.product.publish_item_to_outlet_shop", shop_id=mart_id, body=publish_body(item, outlet, [0])))["item_id"])
    for outlet, copy in zip(outlet_ids[:2], copies):
        shown = ok(client.call("v2.product.get_item_base_info", shop_id=outlet, params={"item_id_list": [copy]}))["item_list"][0]["video_info"]
        assert shown == [{"video_url": done["video_info"]["video_url"], "thumbnail_url": done["video_info"]["video_thumbnail_url"], "duration": 30}]


def _item(client: Any, http: Any, mart_id: int, upload_id: str) -> dict[str, Any]:
    from tests.domains.product_support import image_id, item_body

    return item_body([image_id(client, http, mart_id)], video_upload_id=[upload_id])


def test_a_forced_transcoding_failure_ends_failed_with_its_reason(shopee, shopee_client, shopee_http, shopee_push_sink, mart_id):
    shopee_http.post("/_emulator/product/videos", json={"fail_next": 1, "delay_seconds": 5})
    upload_id = uploaded(shopee_client, shopee_http, mart_id, b"short clip")
    ok(shopee_client.call("v2.media.complete_video_upload", shop_id=mart_id, body={"video_upload_id": upload_id}))
    shopee.advance(5)
    assert status(shopee_client, mart_id, upload_id) == {"status": "FAILED", "reason": v.TRANSCODE_FAILED, "update_time": shopee.clock.now()}
    assert shopee_push_sink.of_code(11)[0].json["data"]["status"] == "FAILED"


def test_parts_are_checked_and_a_cancelled_session_is_over(shopee_client, shopee_http, mart_id):
    client = shopee_client
    answer = ok(init(client, mart_id, 20))
    upload_id = answer["video_upload_id"]
    assert send_part(client, shopee_http, mart_id, upload_id, 0, b"x" * 20, md5="0" * 32)["message"] == v.MD5_MISMATCH
    assert send_part(client, shopee_http, mart_id, upload_id, 0, b"x" * 19)["message"] == v.PART_SIZE_WRONG.format(size=20, got=19)
    assert send_part(client, shopee_http, mart_id, upload_id, 1, b"x" * 20)["message"] == v.PART_SEQ_INVALID.format(last=0)
    early = client.call("v2.media.complete_video_upload", shop_id=mart_id, body={"video_upload_id": upload_id})
    assert early["message"] == v.PARTS_MISSING.format(missing="0")
    ok(client.call("v2.media.cancel_video_upload", shop_id=mart_id, body={"video_upload_id": upload_id}))
    assert status(client, mart_id, upload_id)["reason"] == v.CANCELLED_REASON
    again = send_part(client, shopee_http, mart_id, upload_id, 0, b"x" * 20)
    assert again["message"] == v.STATUS_WRONG.format(status="CANCELLED")


@pytest.mark.parametrize(("overrides", "message"), [
    ({"business": 1}, v.BUSINESS_INVALID), ({"scene": 2}, v.SCENE_MISMATCH),
    ({"duration": 181}, v.DURATION_INVALID), ({"file_size": 0}, v.FILE_SIZE_INVALID), ({"file_size": 2**30 + 1}, v.FILE_SIZE_INVALID),
])
def test_init_refuses_what_the_page_rules_out(shopee_client, mart_id, overrides, message):
    answer = init(shopee_client, mart_id, 100, **overrides)
    assert (answer["error"], answer["message"]) == ("error_param", message)


def test_unknown_sessions_are_not_found(shopee_client, mart_id, outlet_id):
    upload_id = ok(init(shopee_client, mart_id, 10))["video_upload_id"]
    for shop_id, name in ((mart_id, "nope"), (outlet_id, upload_id)):
        answer = shopee_client.call("v2.media.get_video_upload_result", shop_id=shop_id, params={"video_upload_id": name})
        assert answer["message"] == v.NOT_FOUND


def test_the_default_world_has_a_published_video_on_a_mart_item_and_its_outlets(shopee, shopee_client, shopee_http, mart_id, outlet_ids):
    mart_item = shopee.products.items_of_shop(mart_id)[0]
    upload_id = mart_item["video_info"][0]["video_upload_id"]
    result = status(shopee_client, mart_id, upload_id)
    assert result["status"] == "SUCCEEDED"
    assert shopee_http.get(result["video_info"]["video_url"].removeprefix("http://testserver")).status_code == 200
    for outlet in outlet_ids:
        copy = mart_item["outlets"][str(outlet)]
        shown = ok(shopee_client.call("v2.product.get_item_base_info", shop_id=outlet, params={"item_id_list": [copy]}))["item_list"][0]
        assert shown["video_info"][0]["video_url"] == result["video_info"]["video_url"]
