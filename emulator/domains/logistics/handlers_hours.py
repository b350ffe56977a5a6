"""Operating-hour APIs of Outlets: restrictions, current hours, overwrite, special-hours removal."""
from __future__ import annotations

from typing import Any

from pydantic import AliasChoices, Field

from emulator.context import RequestContext
from emulator.spec.requests import (
    V2LogisticsDeleteSpecialOperatingHourRequest,
    V2LogisticsGetOperatingHourRestrictionsRequest,
    V2LogisticsGetOperatingHoursRequest,
)
from emulator.domains.logistics import errors as e
from emulator.errors import ParamError
from emulator.registry import operation
from emulator.spec import RequestModel


class DayHours(RequestModel):
    start_time: str
    end_time: str


class WeekHours(RequestModel):
    """A weekly hour set; a day left out is closed."""

    monday: DayHours | None = None
    tuesday: DayHours | None = None
    wednesday: DayHours | None = None
    # the reference's own example spells it "thrusday" for Instant hours; clients copy it
    thursday: DayHours | None = Field(None, validation_alias=AliasChoices("thursday", "thrusday"))
    friday: DayHours | None = None
    saturday: DayHours | None = None
    sunday: DayHours | None = None
    public_holiday: DayHours | None = None


class SpecialDate(RequestModel):
    date: str
    start_time: str
    end_time: str
    enable: bool


class SpecialHours(RequestModel):
    name: str
    start_date: str
    end_date: str
    operating_hours: list[SpecialDate]


class UpdateOperatingHoursRequest(RequestModel):
    regular_operating_hour: WeekHours | None = None
    special_operating_hour: SpecialHours | None = None
    instant_operating_hour: WeekHours | None = None
    shop_collection_operating_hour: WeekHours | None = None


@operation("v2.logistics.get_operating_hour_restrictions")
def get_operating_hour_restrictions(ctx: RequestContext, req: V2LogisticsGetOperatingHourRestrictionsRequest) -> dict[str, Any]:
    """What each hour set must satisfy."""
    return ctx.emulator.logistics.operating_hour_restrictions(ctx.signed_shop_id)


# the reference page nests the fields under a misspelt "repsonse"; the platform's envelope says "response"
@operation("v2.logistics.get_operating_hours", envelope="nested")
def get_operating_hours(ctx: RequestContext, req: V2LogisticsGetOperatingHoursRequest) -> dict[str, Any]:
    """Pickup, Instant, special and shop-collection hours; closed days are left out."""
    return ctx.emulator.logistics.operating_hours(ctx.signed_shop_id)


@operation("v2.logistics.update_operating_hours", request=UpdateOperatingHoursRequest)
def update_operating_hours(ctx: RequestContext, req: UpdateOperatingHoursRequest) -> dict[str, Any]:
    """Each given hour set replaces the stored one whole; a set that breaks a restriction is not saved."""
    sections = {
        name: (value.model_dump(exclude_none=True) if value is not None else None)
        for name, value in (
            ("regular", req.regular_operating_hour),
            ("special", req.special_operating_hour),
            ("instant", req.instant_operating_hour),
            ("shop_collection", req.shop_collection_operating_hour),
        )
    }
    result, saved = ctx.emulator.logistics.update_operating_hours(ctx.signed_shop_id, sections)
    if not saved:
        raise ParamError(e.ALL_HOURS_FAILED, response=result)
    return result


@operation("v2.logistics.delete_special_operating_hour")
def delete_special_operating_hour(ctx: RequestContext, req: V2LogisticsDeleteSpecialOperatingHourRequest) -> None:
    """Remove the special hours of that name."""
    ctx.emulator.logistics.delete_special_operating_hour(ctx.signed_shop_id, req.name)
