"""Write a figure the way the newspaper does: 127.6万余人次, 超8000人, 10余万人次, 40多万人次."""

from decimal import Decimal, InvalidOperation

PREFIX_QUALIFIERS = {"超", "超过", "约", "近", "逾", "将近"}


def plain_number(number) -> str:
    """127.60 -> "127.6", 8000.00 -> "8000"; no thousands separators (as printed)."""
    try:
        value = Decimal(number)
    except (InvalidOperation, TypeError, ValueError):
        return str(number)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def qualifier_slot(*, number, qualifier: str, position: str = "auto", magnitude: str = "") -> str:
    """Where the qualifier goes: "before", "after_number" or "after_magnitude".

    Automatic rule: 超/约/近 stand before the number. 余/多 follow a whole number and
    precede 万 (10余万, 40多万); after a decimal they follow the magnitude (127.6万余),
    since "127.6余万" is not written.
    """
    if position and position != "auto":
        return position
    if qualifier in PREFIX_QUALIFIERS:
        return "before"
    if magnitude and Decimal(number) != Decimal(number).to_integral_value():
        return "after_magnitude"
    return "after_number"


def format_figure(*, number, magnitude="", qualifier="", position="auto", unit="", split=False):
    """The figure as text, or with ``split`` a (before, number, after) triple for styling."""
    digits = plain_number(number)
    before, after = "", magnitude or ""
    if qualifier:
        slot = qualifier_slot(
            number=number, qualifier=qualifier, position=position, magnitude=magnitude
        )
        if slot == "before":
            before = qualifier
        elif slot == "after_magnitude":
            after = f"{magnitude}{qualifier}"
        else:
            after = f"{qualifier}{magnitude}"
    after += unit or ""
    if split:
        return before, digits, after
    return f"{before}{digits}{after}"
