"""The media space: images the platform issued ids for, and the bytes it serves back.

Only ids issued here (by upload or by the world's seed) may be used on items. Images are kept
in the store as base64 so they survive restarts with the rest of the state.
"""
from __future__ import annotations

import base64
import io
import struct
import warnings
import zlib
from typing import TYPE_CHECKING, Any

from emulator.domains.product import errors as e
from emulator.errors import ShopeeError, wrong_parameters
from emulator.results import FileAnswer, NotFound

if TYPE_CHECKING:
    from emulator.world import Emulator

MEDIA = "media"
MAX_IMAGE_BYTES = 10 * 1024 * 1024
# Images live in the state (base64), which every compaction writes whole and every start reads:
# without a cap, a few dozen large uploads made the data file hundreds of MB and a restart slow.
DEFAULT_MEDIA_BUDGET_BYTES = 100 * 1024 * 1024
MAX_RETURN_PROOF_IMAGES = 3
MAX_IMAGES_PER_CALL = 9
SCENES = ("normal", "desc")
RATIOS = ("1:1", "3:4")
_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))
_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
# 10 MB of compressed image may claim far more pixels than it holds: past this it is refused
# before being decoded (a 50-megapixel photo still passes)
MAX_IMAGE_PIXELS = 64_000_000


def sniff(data: bytes) -> str | None:
    """The image type from its first bytes: clients often send a generic content type."""
    return next((kind for magic, kind in _SIGNATURES if data.startswith(magic)), None)


def solid_png(rgb: tuple[int, int, int], size: int = 8) -> bytes:
    """A tiny one-colour PNG, so seeded items have real, servable images at almost no cost."""

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * size)) + chunk(b"IEND", b"")


def decodes(data: bytes, kind: str) -> bool:
    """Whether the bytes are a whole image of ``kind``: a signature followed by junk is not."""
    from PIL import Image  # Pillow loads with the first upload, not with every emulator

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[_FORMATS[kind]]) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    return False
                image.verify()  # checksums and structure (PNG chunks), without decoding
            with Image.open(io.BytesIO(data), formats=[_FORMATS[kind]]) as image:
                image.load()  # the pixels themselves: truncated data fails here
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return False  # Pillow's refusals: unidentified or truncated data, bad chunks, bombs
    return True


class Media:
    """Image storage of one emulator."""

    def __init__(self, emulator: "Emulator") -> None:
        self.emulator = emulator
        self.store = emulator.store
        self.budget = int(emulator.world.get("media_budget_mb", DEFAULT_MEDIA_BUDGET_BYTES // 2**20)) * 2**20

    def stored_bytes(self) -> int:
        # summed on demand: an upload is rare next to the few hundred images a world holds; video
        # parts waiting for transcoding count too
        images = sum(int(doc.get("size", 0)) for doc in self.store.collection(MEDIA).values())
        return images + self.emulator.products.videos.stored_bytes()

    def check_budget(self, adding: int) -> None:
        if self.stored_bytes() + adding > self.budget:
            raise e.constraints(f"the images stored exceed the media budget of {self.budget // 2**20} MB")

    def issued(self, image_id: str) -> bool:
        doc = self.store.get(MEDIA, image_id)
        return doc is not None and str(doc["content_type"]).startswith("image/")

    def content(self, image_id: str) -> tuple[bytes, str] | None:
        doc = self.store.get(MEDIA, image_id)
        if doc is None:
            return None
        return base64.b64decode(doc["data"]), doc["content_type"]

    def file(self, image_id: str) -> FileAnswer | NotFound:
        """The bytes of one issued image, cacheable: an image id never changes its content."""
        found = self.content(image_id)
        if found is None:
            return NotFound("no such image")
        data, content_type = found
        return FileAnswer(data, content_type, headers={"Cache-Control": "public, max-age=86400"})

    def save(self, data: bytes, content_type: str, scene: str = "normal", shop_id: int | None = None) -> str:
        image_id = self.emulator.hex_token("media")
        self.store.put(MEDIA, image_id, {
            "image_id": image_id, "content_type": content_type, "scene": scene, "shop_id": shop_id,
            "size": len(data), "create_time": self.emulator.clock.now(),
            "data": base64.b64encode(data).decode("ascii"),
        })
        return image_id

    def check(self, upload: Any) -> tuple[bytes, str]:
        """The bytes and type of one uploaded file, or the reason it is refused."""
        if not isinstance(upload, dict) or not isinstance(upload.get("data"), (bytes, bytearray)):
            raise wrong_parameters("image should be a file")
        data = bytes(upload["data"])
        if len(data) > MAX_IMAGE_BYTES:
            raise wrong_parameters(e.IMAGE_TOO_LARGE)
        kind = sniff(data)
        if kind is None or not decodes(data, kind):
            raise wrong_parameters(e.IMAGE_FORMAT)
        self.check_budget(len(data))
        return data, kind

    def upload(self, files: list[Any], scene: str | None, ratio: str | None, shop_id: int | None, base_url: str) -> dict[str, Any]:
        """Store each file; the answer lists every index with its own result, as the platform does."""
        if not files:
            raise wrong_parameters("image is required")
        if len(files) > MAX_IMAGES_PER_CALL:
            raise wrong_parameters(e.IMAGE_COUNT)
        if scene is not None and scene not in SCENES:
            raise wrong_parameters("scene should be normal or desc")
        if ratio is not None and ratio not in RATIOS:
            raise wrong_parameters("ratio should be 1:1 or 3:4")
        results: list[dict[str, Any]] = []
        refusals: list[ShopeeError] = []
        for index, upload in enumerate(files):
            try:
                data, kind = self.check(upload)
            except ShopeeError as exc:  # one bad file fails its own index, not the whole call
                refusals.append(exc)
                results.append({"id": index, "error": exc.error, "message": exc.message, "image_info": None})
                continue
            image_id = self.save(data, kind, scene or "normal", shop_id)
            results.append({"id": index, "error": "", "message": "", "image_info": self.info(image_id, base_url)})
        ok = [r for r in results if not r["error"]]
        if not ok:
            raise refusals[0]
        return {"image_info": ok[0]["image_info"], "image_info_list": results}

    def upload_business(self, files: list[Any], business: int, scene: int, shop_id: int | None, base_url: str) -> dict[str, Any]:
        """v2.media.upload_image: only Returns (business 2) pickup-proof photos (scene 1), at most 3."""
        if business != 2:
            raise wrong_parameters("business should be 2 (Returns)")
        if scene != 1:
            raise wrong_parameters("scene should be 1 (Return Seller Self Arrange Pickup Proof Image)")
        files = [f for f in files if f is not None]
        if not files:
            raise wrong_parameters("images is required")
        if len(files) > MAX_RETURN_PROOF_IMAGES:
            raise wrong_parameters(f"at most {MAX_RETURN_PROOF_IMAGES} images can be uploaded")
        checked = [self.check(upload) for upload in files]  # all or nothing: one bad file refuses the call
        saved = [self.save(data, kind, "return_proof", shop_id) for data, kind in checked]
        return {"image_list": [{"image_id": image_id, "image_url": self.url(image_id, base_url)} for image_id in saved]}

    def url(self, image_id: str, base_url: str) -> str:
        return f"{base_url}/media/{image_id}"

    def info(self, image_id: str, base_url: str) -> dict[str, Any]:
        region = self.emulator.world["region"]
        return {"image_id": image_id, "image_url_list": [{"image_url_region": region, "image_url": self.url(image_id, base_url)}]}
