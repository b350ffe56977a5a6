"""Product videos: an upload session in parts, transcoding on the clock, then use on Mart items.

    INITIATED --upload_video_part--> UPLOADING --(last part)--> UPLOADED --complete--> PROCESSING
    PROCESSING --(delay_seconds later)--> SUCCEEDED | FAILED (while fail_next > 0)
    INITIATED | UPLOADING | UPLOADED | PROCESSING --cancel_video_upload--> CANCELLED

Parts are kept in the store (base64) and count against the media store's budget with the images;
a finished or cancelled session keeps its result but drops its parts, so only the transcoded file
stays. The end of transcoding publishes ``product.video_transcoded`` (push code 11). Only a
SUCCEEDED id may be set on an item.
"""
from __future__ import annotations

import base64
import hashlib
import io
from typing import TYPE_CHECKING, Any, TypedDict

from PIL import Image

from emulator.domains.product.errors import ProductError
from emulator.tasks import TaskSettings

if TYPE_CHECKING:
    from emulator.domains.product.models import ProductModel

UPLOADS = "video_uploads"
PARTS = "video_parts"
SETTINGS = "product_settings"
JOB = "product.video_transcoded"
class VideoJob(TypedDict):
    """The payload of a video's transcoding finishing."""

    video_upload_id: str

EVENT = "product.video_transcoded"
BUSINESS_VIDEO, SCENE_SHOPEE_VIDEO = 3, 1
# The emulator takes requests of up to 10 MB, so parts are 4 MiB, as the product guide's older
# video flow asks, rather than the 10 MiB of the page's example.
PART_SIZE = 4 * 1024 * 1024
MAX_FILE_SIZE = 1024 ** 3
DURATION = (1, 180)
DEFAULT_DELAY = 10
INITIATED, UPLOADING, UPLOADED, PROCESSING = "INITIATED", "UPLOADING", "UPLOADED", "PROCESSING"
SUCCEEDED, FAILED, CANCELLED = "SUCCEEDED", "FAILED", "CANCELLED"
OPEN = (INITIATED, UPLOADING, UPLOADED, PROCESSING)
THUMBNAIL = (320, 180)
RESOLUTION = "960x540"

BUSINESS_INVALID = "The business value is invalid."
SCENE_MISMATCH = "The scene value does not match with business."
FILE_SIZE_INVALID = "The file_size should be between 1 byte and 1GB."
DURATION_INVALID = "The duration should be between 1s and 180s."
FILE_NAME_INVALID = "The file_name should not be empty."
NOT_FOUND = "Upload task not found."
STATUS_WRONG = "The upload task is {status}; this operation is not allowed."
PART_SEQ_INVALID = "The part_seq should be between 0 and {last}."
PART_SIZE_WRONG = "The part size should be {size} bytes, got {got}."
MD5_MISMATCH = "The part_md5 does not match with actual file."
PARTS_MISSING = "Not all parts are uploaded, missing part_seq {missing}."
VIDEO_NOT_READY = "Invalid video_upload_id {video_upload_id}: the video is not transcoded successfully."
TRANSCODE_FAILED = "Video transcoding failed."
CANCELLED_REASON = "Upload task was canceled by the client."


def _error(message: str) -> ProductError:
    return ProductError(message, error="error_param")


class Videos:
    """Video upload sessions of one emulator."""

    def __init__(self, products: ProductModel) -> None:
        self.products = products
        self.emulator = products.emulator
        self.store = products.store
        self.emulator.scheduler.handle(JOB, self._transcoded)
        default = (self.emulator.world.get("products") or {}).get("video_transcode_delay", DEFAULT_DELAY)
        self.task_settings = TaskSettings(self.store, SETTINGS, "video", default)

    def last_due(self) -> float | None:
        """When the last transcoding ends (None: none is running)."""
        return max((float(d["due_time"]) for d in self.store.collection(UPLOADS).values() if d["status"] == PROCESSING), default=None)

    def stored_bytes(self) -> int:
        return sum(int(doc["size"]) for doc in self.store.collection(PARTS).values())

    # -- the session -----------------------------------------------------------------------------------
    def init(self, shop_id: int | None, business: int, scene: int, file_name: str, file_size: int, duration: int) -> dict[str, Any]:
        if business != BUSINESS_VIDEO:
            raise _error(BUSINESS_INVALID)
        if scene != SCENE_SHOPEE_VIDEO:
            raise _error(SCENE_MISMATCH)
        if not file_name.strip():
            raise _error(FILE_NAME_INVALID)
        if not 0 < file_size <= MAX_FILE_SIZE:
            raise _error(FILE_SIZE_INVALID)
        if not DURATION[0] <= duration <= DURATION[1]:
            raise _error(DURATION_INVALID)
        region = str(self.emulator.world.get("region", "sg")).lower()
        token = self.emulator.hex_token("video")
        upload_id = f"{region}-11110201-{token[:5]}-{token[5:19]}"
        now = self.emulator.clock.now()
        self.store.put(UPLOADS, upload_id, {
            "video_upload_id": upload_id, "shop_id": shop_id, "file_name": file_name, "file_size": file_size,
            "duration": duration, "part_count": -(-file_size // PART_SIZE), "parts": [], "status": INITIATED,
            "reason": "", "create_time": now, "update_time": now, "video_info": None, "base_url": "",
        })
        return {"video_upload_id": upload_id, "part_size": PART_SIZE}

    def find(self, shop_id: int | None, upload_id: str) -> dict[str, Any]:
        doc = self.store.get(UPLOADS, upload_id) if upload_id else None
        if doc is None or doc["shop_id"] != shop_id:
            raise _error(NOT_FOUND)
        return doc

    def _open(self, shop_id: int | None, upload_id: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        doc = self.find(shop_id, upload_id)
        if doc["status"] not in allowed:
            raise _error(STATUS_WRONG.format(status=doc["status"]))
        live = self.store.edit(UPLOADS, upload_id)
        assert live is not None
        return live

    def upload_part(self, shop_id: int | None, upload_id: str, part_seq: int, data: bytes, part_md5: str) -> None:
        """Keep one part; a part sent again replaces the earlier one."""
        doc = self.find(shop_id, upload_id)
        last = int(doc["part_count"]) - 1
        if not 0 <= part_seq <= last:
            raise _error(PART_SEQ_INVALID.format(last=last))
        expected = PART_SIZE if part_seq < last else int(doc["file_size"]) - PART_SIZE * last
        if len(data) != expected:
            raise _error(PART_SIZE_WRONG.format(size=expected, got=len(data)))
        if hashlib.md5(data).hexdigest() != part_md5.strip().lower():
            raise _error(MD5_MISMATCH)
        key = f"{upload_id}:{part_seq}"
        previous = self.store.get(PARTS, key)
        self.products.media.check_budget(len(data) - (int(previous["size"]) if previous else 0))
        live = self._open(shop_id, upload_id, (INITIATED, UPLOADING))
        self.store.put(PARTS, key, {"size": len(data), "data": base64.b64encode(data).decode("ascii")})
        live["parts"] = sorted(set(live["parts"]) | {part_seq})
        live["status"] = UPLOADED if len(live["parts"]) == live["part_count"] else UPLOADING
        live["update_time"] = self.emulator.clock.now()

    def complete(self, shop_id: int | None, upload_id: str, base_url: str) -> None:
        """Start transcoding; it ends ``delay_seconds`` of virtual time later."""
        doc = self.find(shop_id, upload_id)
        if doc["status"] in (INITIATED, UPLOADING):
            missing = sorted(set(range(int(doc["part_count"]))) - set(doc["parts"]))
            raise _error(PARTS_MISSING.format(missing=", ".join(map(str, missing))))
        live = self._open(shop_id, upload_id, (UPLOADED,))
        delay = float(self.task_settings.current()["delay_seconds"])
        live.update(status=PROCESSING, update_time=self.emulator.clock.now(), base_url=base_url, due_time=self.emulator.clock.now_float() + delay)
        self.emulator.scheduler.after(delay, JOB, VideoJob(video_upload_id=upload_id))
        if delay <= 0:
            self.emulator.scheduler.run_due()

    def cancel(self, shop_id: int | None, upload_id: str) -> None:
        live = self._open(shop_id, upload_id, OPEN)
        live.update(status=CANCELLED, reason=CANCELLED_REASON, update_time=self.emulator.clock.now())
        self._drop_parts(live)

    def result(self, shop_id: int | None, upload_id: str, base_url: str) -> dict[str, Any]:
        doc = self.find(shop_id, upload_id)
        answer: dict[str, Any] = {"status": doc["status"], "update_time": doc["update_time"]}
        if doc["status"] in (FAILED, CANCELLED):
            answer["reason"] = doc["reason"]
        if doc["status"] == SUCCEEDED:
            answer["video_info"] = self.info(doc["video_info"], base_url)
        return answer

    def _drop_parts(self, doc: dict[str, Any]) -> None:
        for seq in doc["parts"]:
            self.store.delete(PARTS, f"{doc['video_upload_id']}:{seq}")

    def _transcoded(self, payload: VideoJob) -> None:
        doc = self.store.edit(UPLOADS, payload["video_upload_id"])
        if doc is None or doc["status"] != PROCESSING:
            return
        now = self.emulator.clock.now()
        if self.task_settings.take_failure():
            doc.update(status=FAILED, reason=TRANSCODE_FAILED, update_time=now)
        else:
            video = b"".join(base64.b64decode(self.store.get(PARTS, f"{doc['video_upload_id']}:{s}")["data"])  # type: ignore[index]
                             for s in range(int(doc["part_count"])))
            doc.update(status=SUCCEEDED, update_time=now, video_info=self._publish(doc, video))
        self._drop_parts(doc)
        info = self.info(doc["video_info"], doc["base_url"]) if doc["video_info"] else None
        self.emulator.publish(EVENT, doc["shop_id"] or 0, video_upload_id=doc["video_upload_id"], status=doc["status"],
                              message=doc["reason"], video_info=info)

    def _publish(self, doc: dict[str, Any], video: bytes) -> dict[str, Any]:
        """The transcoded file and its cover, kept in the media store and served like images."""
        media = self.products.media
        cover = io.BytesIO()
        Image.new("RGB", THUMBNAIL, (230, 80, 40)).save(cover, "PNG")
        return {
            "video_media_id": media.save(video, "video/mp4", "video", doc["shop_id"]),
            "cover_media_id": media.save(cover.getvalue(), "image/png", "video_cover", doc["shop_id"]),
            "duration": int(doc["duration"]),
        }

    def info(self, stored: dict[str, Any], base_url: str) -> dict[str, Any]:
        """get_video_upload_result's ``video_info``, its URLs where the caller reaches the emulator."""
        media = self.products.media
        return {
            "video_url": media.url(stored["video_media_id"], base_url),
            "video_thumbnail_url": media.url(stored["cover_media_id"], base_url),
            "thumbnail_width": THUMBNAIL[0], "thumbnail_height": THUMBNAIL[1],
            "duration": int(stored["duration"]), "resolution": RESOLUTION,
        }

    def item_info(self, entry: dict[str, Any], base_url: str) -> dict[str, Any]:
        """An item's ``video_info`` entry as get_item_base_info shows it."""
        if "video_media_id" not in entry:
            return {"video_url": entry.get("video_url", ""), "thumbnail_url": entry.get("thumbnail_url", ""), "duration": entry.get("duration", 0)}
        info = self.info(entry, base_url)
        return {"video_url": info["video_url"], "thumbnail_url": info["video_thumbnail_url"], "duration": info["duration"]}

    def seed(self, shop_id: int, file_name: str, duration: int) -> str:
        """A transcoded video of the shop, as a world starts with (no push: nobody listens yet)."""
        clip = b"\x00\x00\x00\x18ftypmp42" + file_name.encode("utf-8")
        upload_id = str(self.init(shop_id, BUSINESS_VIDEO, SCENE_SHOPEE_VIDEO, file_name, len(clip), duration)["video_upload_id"])
        live = self.store.edit(UPLOADS, upload_id)
        assert live is not None
        live.update(status=SUCCEEDED, parts=[0], video_info=self._publish(live, clip))
        return upload_id

    # -- use on items ----------------------------------------------------------------------------------
    def item_video(self, shop_id: int, upload_id: str) -> dict[str, Any]:
        """An item's ``video_info`` entry for a SUCCEEDED upload of this shop; refused otherwise."""
        doc = self.store.get(UPLOADS, upload_id) if upload_id else None
        if doc is None or doc["status"] != SUCCEEDED or doc["shop_id"] not in (shop_id, None):
            raise ProductError(VIDEO_NOT_READY.format(video_upload_id=upload_id))
        return {"video_upload_id": upload_id, **doc["video_info"]}

