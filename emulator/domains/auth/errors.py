"""Authorization errors, with the platform's codes and strings."""
from emulator.errors import AuthError, ShopeeError

INVALID_CODE = "The code is expired or used or invalid, please check the code."
CODE_SHOP_MISMATCH = "The code or shop_id is wrong, please check the code or the shop_id."
CODE_MAIN_ACCOUNT_MISMATCH = "The code or main_accoount_id is wrong, please check the code or the main_account_id."
PARTNER_MISMATCH = "Invalid partner_id, please have a check."
INVALID_REFRESH_TOKEN = "Invalid refresh_token."
REFRESH_TOKEN_EXPIRED = "Your refresh_token expired."
REFRESH_SHOP_MISMATCH = "Your refresh token is error ,please check refresh token or shopid."
REFRESH_MERCHANT_MISMATCH = "Your refresh token is error,please check refresh token or merchant_id."
SHOP_ACCESS_EXPIRED = "Your access to shop has expired."
SHOP_NO_LINKED = "Partner and shop has no linked."


class InvalidCode(ShopeeError):
    error = "invalid_code"


class InvalidShopId(ShopeeError):
    error = "invalid_shop_id"


class InvalidMainAccountId(ShopeeError):
    error = "invalid_main_acount_id"


class InvalidPartnerId(ShopeeError):
    error = "invalid_partner_id"


class InvalidRefreshToken(AuthError):
    http_status = 200


class RefreshTokenExpired(ShopeeError):
    error = "refresh_token_expired"


class ShopRefreshMismatch(ShopeeError):
    error = "error_shop_refresh_token"


class MerchantRefreshMismatch(ShopeeError):
    error = "error_merchant_refresh_token"


class ShopAccessExpired(ShopeeError):
    error = "shop_access_expired"


class ShopNoLinked(ShopeeError):
    error = "shop_no_linked"
