"""Video upload: a session in parts, transcoding on the clock, and its result."""
from __future__ import annotations

from typing import Any

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2MediaCancelVideoUploadRequest,
    V2MediaCompleteVideoUploadRequest,
    V2MediaGetVideoUploadResultRequest,
    V2MediaInitVideoUploadRequest,
    V2MediaUploadVideoPartRequest,
)
from emulator.errors import wrong_parameters
from emulator.registry import operation


@operation("v2.media.init_video_upload")
def init_video_upload(ctx: RequestContext, req: V2MediaInitVideoUploadRequest) -> dict[str, Any]:
    """A new session: its id and the size every part but the last must have."""
    videos = ctx.emulator.products.videos
    return videos.init(ctx.signed_shop_id, int(req.business), int(req.scene), str(req.file_name), int(req.file_size), int(req.duration))


@operation("v2.media.upload_video_part", form=True)
def upload_video_part(ctx: RequestContext, req: V2MediaUploadVideoPartRequest) -> None:
    """One part, checked against its size and MD5."""
    upload = req.part_content
    if not isinstance(upload, dict) or not isinstance(upload.get("data"), (bytes, bytearray)):
        raise wrong_parameters("part_content should be a file")
    ctx.emulator.products.videos.upload_part(ctx.signed_shop_id, str(req.video_upload_id), int(req.part_seq), bytes(upload["data"]), str(req.part_md5))


@operation("v2.media.complete_video_upload")
def complete_video_upload(ctx: RequestContext, req: V2MediaCompleteVideoUploadRequest) -> None:
    """Every part is in: transcoding starts (push code 11 when it ends)."""
    ctx.emulator.products.videos.complete(ctx.signed_shop_id, str(req.video_upload_id), ctx.base_url)


@operation("v2.media.get_video_upload_result")
def get_video_upload_result(ctx: RequestContext, req: V2MediaGetVideoUploadResultRequest) -> dict[str, Any]:
    """The session's status, the reason it failed or was cancelled, and the video once transcoded."""
    return ctx.emulator.products.videos.result(ctx.signed_shop_id, str(req.video_upload_id), ctx.base_url)


@operation("v2.media.cancel_video_upload")
def cancel_video_upload(ctx: RequestContext, req: V2MediaCancelVideoUploadRequest) -> None:
    """Discard an unfinished session and its parts."""
    ctx.emulator.products.videos.cancel(ctx.signed_shop_id, str(req.video_upload_id))
