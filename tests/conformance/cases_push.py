"""Conformance cases: the push configuration and lost-push APIs (v2.push.*)."""
from __future__ import annotations

from emulator.domains.push.sink import PushSink
from tests.conformance.cases import Call, Cases, World
from tests.domains.push_support import quiet_outlets

CASES = Cases()
PENDING: dict[str, str] = {}


def _lost_push(world: World) -> int:
    """An Outlet with an order-status push that failed every delivery attempt."""
    (outlet,) = quiet_outlets(world.emulator, 1)
    sink = PushSink().install(world.emulator)
    sink.respond(*[500] * 4)
    world.emulator.publish("order.status_changed", outlet, order_sn="260105LOST0001", old="UNPAID", new="READY_TO_SHIP")
    world.emulator.advance(86400)
    return outlet


@CASES.case("v2.push.set_app_push_config")
def turn_on(world: World) -> Call:
    return Call(params={"callback_url": "https://erp.example/push", "set_push_config_on": [3, 4], "set_push_config_off": [5]})


@CASES.case("v2.push.get_app_push_config", optional={"response.suspended_time": "answered only while suspended (case suspended)"})
def config(world: World) -> Call:
    world.ok("v2.push.set_app_push_config", callback_url="https://erp.example/push", set_push_config_on=[3])
    return Call()


@CASES.case("v2.push.get_app_push_config")
def suspended(world: World) -> Call:
    """After more than 600 pushes in 6 hours with under 30% delivered (``suspended_time`` appears)."""
    (outlet,) = quiet_outlets(world.emulator, 1)
    sink = PushSink().install(world.emulator)
    sink.respond(*[500] * 601)
    with world.emulator.transaction():
        world.emulator.pushes.settings.configure(world.emulator.auth.default_partner()["partner_id"], {"retry_intervals": []})
    for n in range(601):
        world.emulator.publish("order.status_changed", outlet, order_sn=f"260105SUSP{n:04d}", old="UNPAID", new="READY_TO_SHIP")
    world.emulator.advance(0)
    return Call(shop_id=outlet)


@CASES.case("v2.push.get_lost_push_message")
def lost(world: World) -> Call:
    return Call(shop_id=_lost_push(world))


@CASES.case("v2.push.confirm_consumed_lost_push_message")
def confirm(world: World) -> Call:
    outlet = _lost_push(world)
    last = world.ok("v2.push.get_lost_push_message", outlet)["last_message_id"]
    return Call(shop_id=outlet, params={"last_message_id": last})
