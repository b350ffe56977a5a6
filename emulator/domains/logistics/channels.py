"""The Instant channel rules: the catalogue, who may toggle what, and the minimum-activation message.

Pure functions over the immutable catalogue and one shop's state; ``models.py`` owns the state.

The minimum-activation message follows the integration guide's four ID examples. What they share:
the alternatives are the shop's whitelisted channels except the one being turned off; channels of
unpaired masks (8000) come first in catalogue order. They differ by situation, and each situation
keeps its documented wording:

- turning off a channel of an unpaired mask while paired masks are whitelisted: ``{name} cannot be
  turned off. ... channel(s): {...}``; the paired masks follow mask by mask; the platform spaces
  only the first three separators;
- turning off a channel of a paired mask: ``{name} channel cannot be turned off. ... channel(s).
  {...}``; the paired masks follow carrier by carrier, without the target's carrier; when the
  target sits in the second mask of the pair, its twin in the first mask is appended after a bare
  comma;
- nothing is whitelisted outside the target's own mask: ``{name} channel cannot be turned off.
  Please enable the following channel(s). a, b`` without braces.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from emulator import yaml_data
from emulator.worlds import data_dir

RULE_AT_LEAST_ONE = (
    "{name} cannot be turned off. Please enable at least 1 of the following channel(s): {{{names}}}"
)
RULE_AT_LEAST_ONE_PAIRED = (
    "{name} channel cannot be turned off. Please enable at least 1 of the following channel(s). {{{names}}}"
)
RULE_ONLY_OWN_MASK = "{name} channel cannot be turned off. Please enable the following channel(s). {names}"
SPACED_SEPARATORS = 3

# every channel of the catalogue is an Instant channel
SERVICE_TYPE = "instant"

INHERITED = (
    "cod_enabled", "weight_limit", "item_max_dimension", "description", "support_pause", "auto_call", "delivery_minutes",
)


@lru_cache(maxsize=1)
def channel_catalogue() -> dict[str, list[dict[str, Any]]]:
    """Mask channels and their children per region; immutable data shared by every emulator."""
    loaded: dict[str, list[dict[str, Any]]] = yaml_data.load(data_dir() / "logistics" / "channels.yaml")
    return loaded


def masks(region: str) -> list[dict[str, Any]]:
    return channel_catalogue().get(region, [])


def children(region: str) -> list[dict[str, Any]]:
    """Every fulfilment channel of the region, flattened with its mask's inherited fields."""
    found = []
    for mask in masks(region):
        for child in mask["channels"]:
            merged = {key: mask.get(key) for key in INHERITED}
            merged.update(child)
            merged.update(mask_channel_id=mask["mask_channel_id"], mask_name=mask["name"])
            found.append(merged)
    return found


def find_child(region: str, channel_id: int) -> dict[str, Any] | None:
    return next((c for c in children(region) if c["logistics_channel_id"] == channel_id), None)


def find_mask(region: str, mask_channel_id: int) -> dict[str, Any] | None:
    if not mask_channel_id:
        return None
    return next((m for m in masks(region) if m["mask_channel_id"] == mask_channel_id), None)


def twin(region: str, channel: dict[str, Any]) -> dict[str, Any] | None:
    """The same carrier's channel in the paired mask (2 hours <-> 4 hours), if any."""
    mask = find_mask(region, channel["mask_channel_id"])
    partner = find_mask(region, mask.get("paired_with", 0)) if mask else None
    if partner is None:
        return None
    return next(
        (find_child(region, c["logistics_channel_id"]) for c in partner["channels"] if c["carrier"] == channel["carrier"]),
        None,
    )


def _is_paired(region: str, mask_channel_id: int) -> bool:
    mask = find_mask(region, mask_channel_id)
    return bool(mask and mask.get("paired_with"))


def minimum_activation_message(region: str, target: dict[str, Any], whitelist: set[int]) -> str:
    """The message refusing to turn off ``target``, the shop's last enabled Instant channel."""
    target_id, name = target["logistics_channel_id"], target["name"]
    others = [c for c in children(region) if c["logistics_channel_id"] in whitelist and c["logistics_channel_id"] != target_id]
    outside = [c for c in others if c["mask_channel_id"] != target["mask_channel_id"]]
    if not outside:
        return RULE_ONLY_OWN_MASK.format(name=name, names=", ".join(c["name"] for c in others)).rstrip()
    unpaired = [c for c in others if not _is_paired(region, c["mask_channel_id"])]
    if not _is_paired(region, target["mask_channel_id"]):
        paired = [c for c in others if _is_paired(region, c["mask_channel_id"])]
        names = [c["name"] for c in unpaired + paired]
        joined = ", ".join(names[:SPACED_SEPARATORS + 1])
        if len(names) > SPACED_SEPARATORS + 1:
            joined += "," + ",".join(names[SPACED_SEPARATORS + 1:])
        return RULE_AT_LEAST_ONE.format(name=name, names=joined)
    own_twin = twin(region, target)
    mask = find_mask(region, target["mask_channel_id"])
    first_mask = [m for m in masks(region) if m.get("paired_with")][0]
    first_of_pair = first_mask["mask_channel_id"]
    assert mask is not None  # the target's mask is paired (above), so it exists
    pair_ids = {mask["mask_channel_id"], mask["paired_with"]}
    by_carrier: list[dict[str, Any]] = []
    for child in first_mask["channels"]:
        if child["carrier"] == target["carrier"]:
            continue
        for mask_id in sorted(pair_ids, key=lambda m: m != first_of_pair):
            same = next((c for c in others if c["mask_channel_id"] == mask_id and c["carrier"] == child["carrier"]), None)
            if same is not None:
                by_carrier.append(same)
    joined = ", ".join(c["name"] for c in unpaired + by_carrier)
    if own_twin and target["mask_channel_id"] != first_of_pair and own_twin["logistics_channel_id"] in whitelist:
        joined += "," + own_twin["name"]
    return RULE_AT_LEAST_ONE_PAIRED.format(name=name, names=joined)


def related_channels(region: str, channel: dict[str, Any], whitelist: set[int]) -> list[int]:
    """The channel's whitelisted twin: the 2-hour and 4-hour masks switch on and off together."""
    partner = twin(region, channel) if channel.get("mask_channel_id") else None
    return [partner["logistics_channel_id"]] if partner and partner["logistics_channel_id"] in whitelist else []


def relation_rules(region: str, channel: dict[str, Any], whitelist: set[int]) -> list[dict[str, list[int]]]:
    """channel_relation_rules, which update_channel reads back: what is enabled with the channel
    (``related_enabled_channels``) and what is turned off with it (``related_dependent_block_channels``)."""
    related = related_channels(region, channel, whitelist)
    return [{"related_enabled_channels": related, "related_dependent_block_channels": list(related)}]


def switched_with(rules: list[dict[str, list[int]]], enabled: bool) -> list[int]:
    """The channels one toggle also switches, as ``rules`` publish them."""
    key = "related_enabled_channels" if enabled else "related_dependent_block_channels"
    found: list[int] = []
    for rule in rules:
        found += [cid for cid in rule[key] if cid not in found]
    return found


def compulsory(channel: dict[str, Any], whitelist: set[int]) -> bool:
    """compulsory_channel: one of the Outlet's whitelisted Instant channels must stay on."""
    return bool(channel.get("mask_channel_id") is not None and channel["logistics_channel_id"] in whitelist)


# -- Auto Call Driver ------------------------------------------------------------------------------
def auto_call_limits(channel: dict[str, Any]) -> tuple[int, int] | None:
    """(min, max) preparation minutes of a channel offering Auto Call Driver, else None."""
    limits = channel.get("auto_call")
    if not limits:
        return None
    return int(limits["min_preparation_time"]), int(limits["max_preparation_time"])


def auto_call_view(channel: dict[str, Any], state: dict[str, Any] | None) -> dict[str, Any]:
    """get_channel_list's auto_call_driver_setting; an eligible channel never set shows its minimum."""
    limits = auto_call_limits(channel)
    if limits is None:
        return no_auto_call_driver()
    state = state or {}
    return {
        "auto_call_driver_eligible": True,
        "auto_call_driver_enabled": bool(state.get("enabled", False)),
        "preparation_time": int(state.get("preparation_time") or limits[0]),
        "preparation_time_limit": {"min_preparation_time": limits[0], "max_preparation_time": limits[1]},
    }


def checked_auto_call(
    channel: dict[str, Any], state: dict[str, Any] | None, enabled: bool | None, preparation_time: int | None
) -> dict[str, Any]:
    """The channel's Auto Call Driver state after update_channel's auto_call_driver_setting, or
    ``AutoCallRefused`` with the platform's message; ``state`` is not changed."""
    limits = auto_call_limits(channel)
    if enabled is None and preparation_time is None:
        raise AutoCallRefused(INVALID_AUTO_CALL)
    if limits is None:
        if enabled:
            raise AutoCallRefused(AUTO_CALL_UNSUPPORTED)
        return {"enabled": False, "preparation_time": 0}
    current = dict(state or {})
    if enabled and preparation_time is None:
        raise AutoCallRefused(INVALID_AUTO_CALL)
    if preparation_time is not None:
        if not limits[0] <= preparation_time <= limits[1]:
            raise AutoCallRefused(INVALID_PREPARATION_TIME)
        current["preparation_time"] = preparation_time
    if enabled is not None:
        current["enabled"] = enabled
    return {"enabled": bool(current.get("enabled", False)), "preparation_time": int(current.get("preparation_time") or limits[0])}


# Instant channels charge by the package's weight and size, so items on them need both
FEE_TYPE = "SIZE_INPUT"
AUTO_CALL_UNSUPPORTED = "Seller or Channel does not support Auto-Call."
INVALID_AUTO_CALL = "Invalid Auto-Call setting param."
INVALID_PREPARATION_TIME = "Invalid Seller preparation time."


class AutoCallRefused(ValueError):
    """An auto_call_driver_setting update_channel refuses, with the platform's message."""


def fields(
    channel: dict[str, Any],
    enabled: bool,
    cod_enabled: bool,
    mask_channel_id: int,
    rules: list[dict[str, list[int]]] | None = None,
    is_compulsory: bool = False,
    auto_call: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One entry of get_channel_list, with every field the reference lists.

    A mask (checkout) channel is never paused itself and offers no Auto Call Driver: its fulfilment
    channels carry both.
    """
    dimension = channel.get("item_max_dimension") or {}
    weight = channel.get("weight_limit") or {}
    is_mask = mask_channel_id == 0 and "channels" in channel
    return {
        "logistics_channel_id": channel["logistics_channel_id"],
        "logistics_channel_name": channel["name"],
        "cod_enabled": cod_enabled,
        "enabled": enabled,
        "fee_type": FEE_TYPE,
        "size_list": [],
        "weight_limit": {
            "item_max_weight": float(weight.get("item_max_weight", 0)),
            "item_min_weight": float(weight.get("item_min_weight", 0)),
        },
        "item_max_dimension": {
            "height": float(dimension.get("height", 0)),
            "width": float(dimension.get("width", 0)),
            "length": float(dimension.get("length", 0)),
            "unit": dimension.get("unit", "cm"),
            "dimension_sum": float(dimension.get("dimension_sum", 0)),
        },
        "volume_limit": {"item_max_volume": 0.0, "item_min_volume": 0.0},
        "logistics_description": channel.get("description") or "",
        "force_enable": False,
        "mask_channel_id": mask_channel_id,
        "block_seller_cover_shipping_fee": False,
        "support_cross_border": False,
        "seller_logistic_has_configuration": False,
        "logistics_capability": {"seller_logistics": False},
        "preprint": False,
        "service_type_identifier": SERVICE_TYPE,
        "auto_call_driver_setting": auto_call if auto_call is not None else no_auto_call_driver(),
        "support_pause": bool(channel.get("support_pause")) and not is_mask,
        "compulsory_channel": is_compulsory,
        "channel_relation_rules": rules if rules is not None else relation_rules("", {}, set()),
    }


def no_auto_call_driver() -> dict[str, Any]:
    """auto_call_driver_setting of a channel that is not eligible for Auto Call Driver."""
    return {
        "auto_call_driver_eligible": False,
        "auto_call_driver_enabled": False,
        "preparation_time": 0,
        "preparation_time_limit": {"min_preparation_time": 0, "max_preparation_time": 0},
    }
