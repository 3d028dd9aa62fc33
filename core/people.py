"""How staff are named in the admin: by their name (姓名), not their user name."""

import re

_CJK = re.compile(r"[\u3400-\u9fff]")


def display_name(user, default: str = "") -> str:
    """``黄梦灵`` for last name 黄 and first name 梦灵 (Chinese order, no space); ``Anna
    Li`` for Latin names; the user name when no name is filled in."""
    if user is None:
        return default
    first = (getattr(user, "first_name", "") or "").strip()
    last = (getattr(user, "last_name", "") or "").strip()
    if first or last:
        if _CJK.search(first + last):
            return f"{last}{first}"
        return f"{first} {last}".strip()
    return user.get_username() or default
