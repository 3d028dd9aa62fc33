"""The share card: a PNG (1200×630) of a plan's key figures and progress.

WeChat and most link previews do not render SVG, so the overview's infographic is drawn
again with Pillow. The file name carries a digest of everything drawn on it, so a change
to the plan (a task's status, a figure, the title) gives a new name: the card is redrawn
on the next page view and caches see a new URL. Files go through Django's storage API.
"""

import hashlib
import io
import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from .outline import STATUS_COLOURS, Outline

logger = logging.getLogger(__name__)

CARD_VERSION = "1"
CARD_SIZE = (1200, 630)
CARD_DIR = "workplan/share"
RED, RED_DARK, INK, MUTED, PAPER = "#b3261e", "#8c1d18", "#1f1f1f", "#555555", "#faf7f2"

# (path, face index): index 2 of the Noto CJK collections is Simplified Chinese.
DEFAULT_FONTS = {
    "regular": [
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ],
    "bold": [
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ],
}


def _font_candidates(weight: str) -> list[tuple[str, int]]:
    configured = getattr(settings, "WORKPLAN_SHARE_FONT", "")
    fonts = [(configured, 0)] if configured else []
    return fonts + DEFAULT_FONTS[weight]


def find_font(weight: str = "regular") -> tuple[str, int] | None:
    for path, index in _font_candidates(weight):
        if path and Path(path).is_file():
            return path, index
    return None


def _lines(plan, outline: Outline) -> list[str]:
    """Everything the card shows, as text: the digest of this names the file."""
    lines = [CARD_VERSION, str(plan.year), plan.title]
    lines += [f"{f.label}={f.display}" for f in outline.figures[:6]]
    lines += [
        f"{g.category.name}:{g.counts.done}/{g.counts.in_progress}/{g.counts.not_started}"
        for g in outline.groups
    ]
    return lines


def card_name(plan, outline: Outline) -> str:
    digest = hashlib.sha256("\n".join(_lines(plan, outline)).encode()).hexdigest()[:16]
    return f"{CARD_DIR}/{plan.year}-{digest}.png"


# Card names this process has seen in storage (per storage location). A name is a digest of everything drawn on
# the card, so a known name never needs checking again.
_known_cards: set[tuple[str, str]] = set()


def share_card_url(plan, outline: Outline) -> str | None:
    """URL of the plan's current card, drawing it first if the plan changed.

    Returns None when no CJK font is installed (the pages then simply have no og:image).
    """
    if find_font("regular") is None:
        return None
    name = card_name(plan, outline)
    known = (getattr(default_storage, "location", ""), name)
    if known in _known_cards:  # no storage round trip (an S3 HEAD) on every page view
        return default_storage.url(name)
    try:
        if not default_storage.exists(name) and not _draw_once(plan, outline, name):
            return None
        _known_cards.add(known)
        return default_storage.url(name)
    except OSError:
        logger.exception("Could not write the share card for plan %s", plan.year)
        return None


LOCK_SECONDS = 30


def _draw_once(plan, outline: Outline, name: str) -> bool:
    """Draw the card unless another worker (on any server: the lock is in the shared
    cache) is drawing it; then wait a little for theirs. False if it is not there yet."""
    lock = f"workplan:share-card-lock:{name}"
    if cache.add(lock, 1, LOCK_SECONDS):
        try:
            if not default_storage.exists(name):
                saved = default_storage.save(name, ContentFile(render_card(plan, outline)))
                if saved != name:  # stored meanwhile by a worker without the lock
                    default_storage.delete(saved)
                _remove_stale(plan.year, keep=name)
        finally:
            cache.delete(lock)
        return True
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if default_storage.exists(name):
            return True
    return False


def _remove_stale(year: int, keep: str) -> None:
    try:
        _dirs, files = default_storage.listdir(CARD_DIR)
    except (OSError, NotImplementedError):
        return
    for filename in files:
        path = f"{CARD_DIR}/{filename}"
        if filename.startswith(f"{year}-") and path != keep:
            default_storage.delete(path)


def render_card(plan, outline: Outline) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    regular, bold = find_font("regular"), find_font("bold") or find_font("regular")

    def font(size, heavy=False):
        path, index = bold if heavy else regular
        return ImageFont.truetype(path, size, index=index)

    width, height = CARD_SIZE
    image = Image.new("RGB", CARD_SIZE, "white")
    draw = ImageDraw.Draw(image)

    # Header band.
    draw.rectangle([0, 0, width, 150], fill=RED)
    draw.rounded_rectangle([60, 34, 230, 82], radius=24, fill="white")
    draw.text((145, 58), "一图读懂", font=font(28, heavy=True), fill=RED, anchor="mm")
    title = plan.title
    title_font = font(50 if len(title) <= 16 else 40, heavy=True)
    draw.text((60, 96), title, font=title_font, fill="white", anchor="lt")

    # Key figures: up to eight, four to a row.
    figures = outline.figures[:8]
    top = 176
    if figures:
        col_w = (width - 120) // 4
        for i, figure in enumerate(figures):
            x = 60 + (i % 4) * col_w
            y = top + (i // 4) * 124
            draw.rectangle([x, y, x + col_w - 16, y + 108], fill=PAPER)
            draw.rectangle([x, y, x + 6, y + 108], fill=RED)
            before, number, after = figure.parts
            value_font, small = font(46, heavy=True), font(24, heavy=True)
            cx = x + 20
            for text, f, colour in ((before, small, RED_DARK), (number, value_font, RED),
                                    (after, small, RED_DARK)):  # fmt: skip
                if text:
                    draw.text((cx, y + 58), text, font=f, fill=colour, anchor="ls")
                    cx += draw.textlength(text, font=f) + 3
            label_font = font(21)
            label = _fit(draw, figure.label, label_font, col_w - 44)
            draw.text((x + 20, y + 90), label, font=label_font, fill=MUTED, anchor="ls")
        top += ((len(figures) + 3) // 4) * 124 + 10
    # Progress per category.
    groups = outline.groups[:6]
    if groups:
        col_w = (width - 120) // len(groups)
        bar_y = min(top + 56, height - 80)
        for i, group in enumerate(groups):
            x = 60 + i * col_w
            draw.text((x, bar_y - 14), group.category.name, font=font(28, heavy=True), fill=INK,
                      anchor="ls")  # fmt: skip
            bar_w = col_w - 24
            draw.rectangle([x, bar_y, x + bar_w, bar_y + 14], fill="#e3e3e3")
            cx = x
            for segment in group.counts.segments():
                w = bar_w * segment["share"] / 100
                if w > 0:
                    draw.rectangle([cx, bar_y, cx + w, bar_y + 14], fill=segment["colour"])
                    cx += w
            draw.text((x, bar_y + 44), f"{group.counts.total}项 · 已完成{group.counts.done}",
                      font=font(22), fill=MUTED, anchor="ls")  # fmt: skip
    # Footer.
    draw.rectangle([0, height - 40, width, height], fill=RED_DARK)
    draw.text((60, height - 20), settings.SITE_NAME, font=font(22), fill="white", anchor="lm")
    x = width - 60
    for status in reversed(list(STATUS_COLOURS)):  # the bars' colours, right-aligned
        x -= draw.textlength(status.label, font=font(20))
        draw.text((x, height - 20), status.label, font=font(20), fill="white", anchor="lm")
        x -= 26
        draw.rectangle([x, height - 29, x + 18, height - 11], fill=STATUS_COLOURS[status],
                       outline="white")  # fmt: skip
        x -= 24

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _fit(draw, text: str, font, width: float) -> str:
    """Cut ``text`` with an ellipsis so it fits ``width`` pixels."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"
