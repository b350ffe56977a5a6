"""Errors the emulator answers with, carrying the platform's own error codes and strings.

    ShopeeError                 any answer with a non-empty ``error``; rendered by the pipeline
    ├── ParamError              error_param: a request the gateway or handler cannot accept
    ├── AuthError               error_auth: token or permission problems
    ├── SignError               error_sign: the signature does not match
    ├── NotFoundError           HTTP 404: no such API path (error_param), no such control-plane thing
    └── NotEmulatedError        a known API the emulator does not implement yet

Domain packages define their own subclasses next to the rules that raise them.
"""
from __future__ import annotations

from typing import Any

# The gateway's strings, exactly as the reference's error tables give them.
NO_PARTNER_ID = "There is no partner_id in query."
INVALID_PARTNER_ID = "Invalid partner_id."
NO_TIMESTAMP = "no timestamp"
INVALID_TIMESTAMP = "Invalid timestamp"
EXPIRED_TIMESTAMP = "Timestamp is expired."
# a common parameter that is no whole number of 32 bits (the common-errors table's wording)
NOT_UINT32 = "{name} is invalid, should be an integer between 0 and 4294967295."
UINT32_MAX = 4294967295
UNKNOWN_PATH = "Permission denied. This API is currently offline or the request path is incorrect."
NO_SIGN = "There is no sign in query."
WRONG_SIGN = "Wrong sign."
NO_ACCESS_TOKEN = "There is no access_token in query."
INVALID_ACCESS_TOKEN = "Invalid access_token."
EXPIRED_ACCESS_TOKEN_ERROR = "invalid_acceess_token"
EXPIRED_ACCESS_TOKEN = "Invalid access_token, please have a check."  # the common-errors table's message for it
INVALID_PARTNER_OR_SHOP = "Invalid partner_id or shopid."
SHOP_NO_LINKED = "Partner and shop has no linked."
SHOP_NO_LINKED_ERROR = "shop_no_linked"
NO_PERMISSION = "No permission to current api."
INVALID_JSON = "The request body is not a valid json format"
WRONG_PARAMETERS = "Wrong parameters, detail: {msg}."
SHOP_NOT_FOUND = "The shop id you provided is not found. Please check your shop id."
SERVER_ERROR = "Something wrong. Please try later."
NOT_EMULATED = "{api} is a Shopee API that this emulator does not emulate yet."


class ShopeeError(Exception):
    """An answer in the platform's envelope with a non-empty ``error``."""

    error = "error_server"
    http_status = 200

    def __init__(
        self,
        message: str,
        error: str | None = None,
        http_status: int | None = None,
        response: Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if error is not None:
            self.error = error
        if http_status is not None:
            self.http_status = http_status
        self.response = response


class ParamError(ShopeeError):
    """error_param."""

    error = "error_param"


class AuthError(ShopeeError):
    """error_auth: the token does not grant this call."""

    error = "error_auth"
    http_status = 403


class SignError(ShopeeError):
    """error_sign: the signature does not match."""

    error = "error_sign"
    http_status = 403


class NotFoundError(ShopeeError):
    """Nothing at this address: an API path (answered as the platform does) or a control-plane record."""

    error = "error_not_found"
    http_status = 404


class NotEmulatedError(ShopeeError):
    """A real v2 API that this emulator does not implement yet."""

    error = "error_not_emulated"
    http_status = 501


def wrong_parameters(detail: str) -> ParamError:
    """The platform's generic validation failure, with the detail filled in."""
    return ParamError(WRONG_PARAMETERS.format(msg=detail))
