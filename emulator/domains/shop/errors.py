"""Shop profile errors, with the platform's strings."""
from emulator.errors import ShopeeError

NAME_RECENTLY_CHANGED = (
    "Failed to change Shop Name for shop name have been changed in recent 30 days. "
    "Please change the shop name at least 30 days later than your last modify."
)
NAME_LENGTH = (
    "Failed to change shop name for shop name should be between {min} and {max} characters. "
    "Please correct and try it again."
)
NAME_NOT_APPLICABLE = "This name is not applicable. Please choose another name."
LOGO_NOT_SHOPEE = "Failed to change shop logo for the image url is not Shopee image url. Please use Shopee image url."
DESCRIPTION_TOO_LONG = (
    "Failed to change Shop Description for characters exceeds 500 characters. Please correct and try it again."
)
MART_OUTLET_NOT_WHITELISTED = (
    "This app is not whitelisted for Mart & Outlet shops. Enable Sandbox V2 first, then the Mart & Outlet whitelist."
)
SANDBOX_V2_REQUIRED = "Sandbox V2 must be enabled before the Mart & Outlet shop whitelist."


class ProfileCheckFailed(ShopeeError):
    error = "error_data_check"
