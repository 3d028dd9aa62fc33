"""The share card: a PNG (1200×630) of a plan's key figures and progress.

WeChat and most link previews do not render SVG, so the overview's infographic is drawn
again with Pillow. The file name carries a digest of everything drawn on it, so a change
to the plan (a task's status, a figure, the title), by whatever path, gives a new name and
caches see a new URL. The first page view after a change draws it, once across every
worker and server: a lock in the shared cache, and a note there that the file exists, so
later views ask neither the storage nor the process. Files go through the storage API.
"""

import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from core.locks import cache_lock
from core.site_info import site_info
from core.text import one_line

from .outline import STATUS_COLOURS, Outline

logger = logging.getLogger(__name__)

CARD_VERSION = "2"
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


def _lines(plan, outline: Outline, site_name: str) -> list[str]:
    """Everything the card shows, as text: the digest of this names the file."""
    lines = [CARD_VERSION, str(plan.year), plan.title, site_name]
    lines += [f"{f.label}={f.display}@{f.year}" for f in outline.figures[:8]]
    lines += [
        f"{g.category.name}:{g.counts.done}/{g.counts.in_progress}/{g.counts.not_started}"
        for g in outline.groups
    ]
    return lines


def card_name(plan, outline: Outline, site_name: str | None = None) -> str:
    if site_name is None:
        site_name = site_info().site_name
    digest = hashlib.sha256("\n".join(_lines(plan, outline, site_name)).encode()).hexdigest()[:16]
    return f"{CARD_DIR}/{plan.year}-{digest}.png"


# How long the shared cache remembers that a card's file exists (a name is a digest of what
# is drawn, so the answer never changes while the file is there).
CARD_KNOWN_SECONDS = 24 * 3600


def share_card_url(plan, outline: Outline) -> str | None:
    """URL of the plan's current card, drawing it first if the plan changed.

    Returns None when no CJK font is installed or the card can't be drawn (the pages then
    simply have no og:image).
    """
    if find_font("regular") is None:
        return None
    site_name = site_info().site_name  # the footer's name (the site information)
    name = card_name(plan, outline, site_name)
    known_key = _known_key(name)
    if cache.get(known_key):  # no storage round trip (an S3 HEAD) on every page view
        return default_storage.url(name)
    try:
        if not default_storage.exists(name):
            # One drawer at a time everywhere; the others wait a moment for its file.
            with cache_lock(f"workplan:card-lock:{plan.year}", timeout=30, wait=5) as locked:
                if not locked:
                    return None
                if not default_storage.exists(name):
                    card = render_card(plan, outline, site_name)
                    saved = default_storage.save(name, ContentFile(card))
                    if saved != name:  # a storage that renamed it: keep one copy
                        default_storage.delete(saved)
                    _remove_stale(plan.year, keep=name)
        cache.set(known_key, True, CARD_KNOWN_SECONDS)
        return default_storage.url(name)
    except Exception:  # storage, or drawing odd text: the page goes on without og:image
        logger.exception("Could not write the share card for plan %s", plan.year)
        return None


def _known_key(name: str) -> str:
    return f"workplan:card:{getattr(default_storage, 'location', '')}:{name}"


def _remove_stale(year: int, keep: str) -> None:
    try:
        _dirs, files = default_storage.listdir(CARD_DIR)
    except (OSError, NotImplementedError):
        return
    for filename in files:
        path = f"{CARD_DIR}/{filename}"
        if filename.startswith(f"{year}-") and path != keep:
            default_storage.delete(path)
            cache.delete(_known_key(path))  # the plan may come back to that state


# --- Layout: a pure function from the plan to positioned boxes and lines of text -------------
#
# Every text on the card is drawn whole: titles, labels, units and category names wrap or
# shrink to fit their box, never end in “…”. The layout is computed first (with the font's
# own measurements) and then drawn, so tests can check every line against its box.

PAD = 60  # left and right margin
HEADER_MIN = 140
FOOTER = 40
COLUMNS = 4
GAP = 16
# From the most generous to the most compact: title sizes, label size, label lines, value
# size. The first level at which everything fits the card is used.
LEVELS = [
    {"title": (50, 40), "label": 22, "lines": 2, "value": 46},
    {"title": (40, 34), "label": 20, "lines": 2, "value": 42},
    {"title": (34, 30), "label": 18, "lines": 3, "value": 38},
    {"title": (30, 26), "label": 16, "lines": 4, "value": 34},
    {"title": (26, 22), "label": 14, "lines": 99, "value": 30},
]
# No line may start with these, none end with the openers.
NO_LINE_START = set("，。、；：！？）》」』”’…·,.;:!?)]%") | {"\u2014"}
NO_LINE_END = set("（《「『“‘([")
# Good places to end a line: after a clause or a closing quote.
BREAK_AFTER = set("，。、；：！？）》」』”’，;:!?)")


@dataclass
class Text:
    x: float
    y: float
    text: str
    size: int
    bold: bool = False
    fill: str = INK
    anchor: str = "ls"  # Pillow's anchor: left, baseline
    box: tuple = ()  # the box the text must stay in (x0, y0, x1, y1)


@dataclass
class CardLayout:
    rects: list = field(default_factory=list)  # (x0, y0, x1, y1, fill, outline[, radius])
    texts: list = field(default_factory=list)
    bars: list = field(default_factory=list)  # (x0, y0, x1, y1, colour)
    # What each piece of text on the card says in full (tests: nothing is lost).
    whole: dict = field(default_factory=dict)


class Measure:
    """Text widths with the card's fonts (cached per size and weight)."""

    def __init__(self):
        from PIL import ImageFont

        self._font_class = ImageFont
        self.regular = find_font("regular")
        self.bold = find_font("bold") or self.regular
        self._fonts: dict = {}

    def font(self, size: int, bold: bool = False):
        key = (size, bold)
        if key not in self._fonts:
            path, index = self.bold if bold else self.regular
            self._fonts[key] = self._font_class.truetype(path, size, index=index)
        return self._fonts[key]

    def width(self, text: str, size: int, bold: bool = False) -> float:
        return self.font(size, bold).getlength(text)


def _tokens(text: str) -> list[str]:
    """Latin words and numbers stay together; every other character is a token."""
    return re.findall(r"[A-Za-z0-9][A-Za-z0-9.,%+\-/]*|\s+|.", text)


def wrap(text: str, width: float, size: int, measure: Measure, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width`` (Chinese line breaking: no line starts with
    a closing mark or ends with an opening one). A single token wider than the line (a very
    long number) is broken between characters. The lines joined give ``text`` back."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if measure.width(line + token, size, bold) <= width:
            line += token
            continue
        if measure.width(token, size, bold) > width:  # break the token itself
            for char in token:
                if line and measure.width(line + char, size, bold) > width:
                    lines.append(line)
                    line = ""
                line += char
            continue
        if token.isspace():
            lines.append(line)
            line = token
            continue
        carry = ""
        # Keep closing marks with the text before them and opening marks with the text after.
        if token[0] in NO_LINE_START and line:
            carry, line = line[-1], line[:-1]
        while line and line[-1] in NO_LINE_END:
            carry, line = line[-1] + carry, line[:-1]
        if line:
            lines.append(line)
        line = carry + token
    if line or not lines:
        lines.append(line)
    return lines


def wrap_balanced(
    text: str, width: float, size: int, measure: Measure, bold: bool = False
) -> list[str]:
    """Like :func:`wrap`, in the same number of lines but evened out, preferring to break
    after punctuation or a space (“中国梦·劳动美”/主题活动, not “中国梦·劳动/美”主题活动)
    and never leaving one character alone on the last line."""
    lines = wrap(text, width, size, measure, bold)
    tokens = _tokens(text)
    if len(lines) < 2 or len(tokens) > 200:
        return lines
    count = len(lines)
    # Where a line may end: between tokens, not before a closing mark or after an opener.
    breakable = [
        j
        for j in range(1, len(tokens))
        if tokens[j][0] not in NO_LINE_START and tokens[j - 1][-1] not in NO_LINE_END
    ]
    good = {j for j in breakable if tokens[j - 1][-1] in BREAK_AFTER or tokens[j - 1].isspace()}
    penalty = (0.35 * width) ** 2
    ends = [*breakable, len(tokens)]

    def cost(i, j):
        line_width = measure.width("".join(tokens[i:j]).strip(), size, bold)
        if line_width > width:
            return None
        if j == len(tokens):  # a little more room on the last line: 7/6, not 6/7
            return 0.9 * (width - line_width) ** 2
        return (width - line_width) ** 2 + (0 if j in good else penalty)

    # best[k][j]: the cheapest way to set tokens[:j] in k lines, and where its last line starts.
    best = [{0: (0.0, None)}] + [{} for _ in range(count)]
    for k in range(1, count + 1):
        for j in ends:
            for i, (so_far, _) in best[k - 1].items():
                if i >= j:
                    continue
                line_cost = cost(i, j)
                if line_cost is not None and (
                    j not in best[k] or so_far + line_cost < best[k][j][0]
                ):
                    best[k][j] = (so_far + line_cost, i)
    if len(tokens) not in best[count]:
        return lines
    out, j = [], len(tokens)
    for k in range(count, 0, -1):
        i = best[k][j][1]
        out.append("".join(tokens[i:j]))
        j = i
    return list(reversed(out))


def _fit_size(text: str, width: float, sizes: range, measure: Measure, bold=True) -> int:
    """The largest size in ``sizes`` (descending) at which ``text`` fits on one line, else
    the smallest."""
    for size in sizes:
        if measure.width(text, size, bold) <= width:
            return size
    return sizes[-1]


def _years_text(plan, figures) -> tuple[str, bool]:
    """The caption of the figures and whether each figure shows its own year.

    A plan quotes figures of other years (the 2020 plan reviews 2019): when they are all of
    one year other than the plan's the caption says so (“数说2019年”, as on the overview);
    when their years are mixed, each figure of another year carries its year.
    """
    years = {f.year for f in figures}
    if len(years) == 1:
        year = years.pop()
        return (f"数说{year}年" if year and year != plan.year else "关键数据"), False
    return "关键数据", any(f.year and f.year != plan.year for f in figures)


def _value_lines(before, number, after, width, size, measure) -> list[tuple[int, list]]:
    """A figure's value as lines of (height, [(text, size, colour)]): on one line when it
    fits (shrinking the number down to 22 px), else the number on the first line and the
    unit on the next ones (a long unit wraps); never cut."""

    def small(value_size):
        return max(14, round(value_size * 0.52))

    def line_width(parts):
        return sum(measure.width(text, s, True) + 3 for text, s, _colour in parts if text)

    for value_size in range(size, 21, -2):
        parts = [
            (before, small(value_size), RED_DARK),
            (number, value_size, RED),
            (after, small(value_size), RED_DARK),
        ]
        if line_width(parts) <= width:
            return [(value_size, parts)]
    for value_size in range(size, 13, -2):
        first = [(before, small(value_size), RED_DARK), (number, value_size, RED)]
        if line_width(first) <= width or value_size <= 14:
            break
    unit_size = small(value_size)
    unit = [
        (round(unit_size * 1.3), [(line, unit_size, RED_DARK)])
        for line in wrap(after, width, unit_size, measure, bold=True)
        if line
    ]
    return [(value_size, first), *unit]


def layout_card(plan, outline: Outline, site_name: str, measure: Measure) -> CardLayout:
    for level in LEVELS:
        layout = _layout(plan, outline, site_name, measure, level, with_bars=True)
        if layout is not None:
            return layout
    # Labels longer than anything real: keep every word, then the bars if there is room.
    return _layout(plan, outline, site_name, measure, LEVELS[-1], with_bars=True, force=True)


def _layout(plan, outline, site_name, measure, level, *, with_bars, force=False):
    width, height = CARD_SIZE
    card = CardLayout()
    inner = width - 2 * PAD

    # Header band: the badge, then the title on as few lines as its sizes allow.
    title = one_line(plan.title)
    card.whole["title"] = title
    big, small = level["title"]
    title_size = _fit_size(title, inner, range(big, small - 1, -2), measure)
    title_lines = wrap_balanced(title, inner, title_size, measure, bold=True)
    line_h = round(title_size * 1.25)
    header = max(HEADER_MIN, 86 + line_h * len(title_lines) + 14)
    card.rects.append((0, 0, width, header, RED, None))
    badge = (PAD, 26, PAD + 160, 70)
    card.rects.append((*badge, "white", None, 22))
    card.texts.append(Text(PAD + 80, 48, "一图读懂", 26, True, RED, "mm", badge))
    for i, line in enumerate(title_lines):
        card.texts.append(
            Text(PAD, 86 + i * line_h, line, title_size, True, "white", "lt",
                 (PAD, 80, width - PAD, header))
        )  # fmt: skip

    # Key figures: up to eight, four to a row; the caption names their year.
    top = header + 14
    figures = outline.figures[:8]
    if figures:
        caption, per_figure_year = _years_text(plan, figures)
        card.whole["figures_caption"] = caption
        card.texts.append(
            Text(
                PAD, top + 24, caption, 24, True, RED_DARK, "ls", (PAD, top, width - PAD, top + 32)
            )
        )
        top += 34
        col_w = (inner + GAP) // COLUMNS
        box_w = col_w - GAP
        text_w = box_w - 20 - 14  # the red edge and padding on the left, padding right
        label_size = level["label"]
        label_h = round(label_size * 1.35)
        placed = []
        for figure in figures:
            label = one_line(figure.label)
            lines = wrap_balanced(label, text_w, label_size, measure)
            if len(lines) > level["lines"] and not force:
                return None
            before, number, after = (one_line(part) for part in figure.parts)
            value_lines = _value_lines(before, number, after, text_w, level["value"], measure)
            shows_year = per_figure_year and figure.year and figure.year != plan.year
            year = f"{figure.year}年" if shows_year else ""
            placed.append((label, lines, value_lines, year))
            card.whole[f"figure:{figure.pk}:label"] = label
            card.whole[f"figure:{figure.pk}:value"] = before + number + after
        rows = [placed[i : i + COLUMNS] for i in range(0, len(placed), COLUMNS)]
        for row in rows:
            year_h = 24 if any(p[3] for p in row) else 0
            value_h = max(sum(h for h, _parts in p[2]) for p in row)
            row_h = 14 + year_h + value_h + 8 + max(len(p[1]) for p in row) * label_h + 10
            for i, (_label, lines, value_lines, year) in enumerate(row):
                x = PAD + i * col_w
                box = (x, top, x + box_w, top + row_h)
                card.rects.append((x, top, x + box_w, top + row_h, PAPER, None))
                card.rects.append((x, top, x + 6, top + row_h, RED, None))
                y = top + 14
                if year:
                    card.texts.append(Text(x + 20, y + 18, year, 18, False, MUTED, "ls", box))
                y += year_h
                for line_h, parts in value_lines:
                    y += line_h
                    tx = x + 20
                    for text, size, colour in parts:
                        if text:
                            card.texts.append(Text(tx, y, text, size, True, colour, "ls", box))
                            tx += measure.width(text, size, True) + 3
                y = top + 14 + year_h + value_h + 8
                for line in lines:
                    y += label_h
                    card.texts.append(
                        Text(x + 20, y - 6, line, label_size, False, MUTED, "ls", box)
                    )
            top += row_h + 12

    # Progress per category.
    groups = outline.groups[:6] if with_bars else []
    if groups:
        col_w = (inner + 24) // len(groups)
        name_w = col_w - 24
        names = [one_line(g.category.name) for g in groups]
        name_size = min(_fit_size(name, name_w, range(28, 15, -2), measure) for name in names)
        name_lines = [wrap_balanced(name, name_w, name_size, measure, bold=True) for name in names]
        name_h = round(name_size * 1.25)
        bar_y = top + 6 + name_h * max(len(lines) for lines in name_lines)
        if bar_y + 44 > height - FOOTER - 8:
            if not force:
                return None
            groups = []  # no room left: the card goes without its progress bars
    if groups:
        for i, group in enumerate(groups):
            x = PAD + i * col_w
            box = (x, top, x + name_w, height - FOOTER)
            card.whole[f"category:{i}"] = names[i]
            for j, line in enumerate(name_lines[i]):
                card.texts.append(
                    Text(x, top + (j + 1) * name_h - 4, line, name_size, True, INK, "ls", box)
                )
            bar_w = name_w
            card.rects.append((x, bar_y, x + bar_w, bar_y + 14, "#e3e3e3", None))
            cx = x
            for segment in group.counts.segments():
                w = bar_w * segment["share"] / 100
                if w > 0:
                    card.bars.append((cx, bar_y, cx + w, bar_y + 14, segment["colour"]))
                    cx += w
            count = f"{group.counts.total}项 · 已完成{group.counts.done}"
            card.texts.append(
                Text(
                    x,
                    bar_y + 40,
                    count,
                    _fit_size(count, name_w, range(22, 13, -2), measure, False),
                    False,
                    MUTED,
                    "ls",
                    box,
                )
            )
    elif top > height - FOOTER and not force:
        return None

    # Footer: the site's name (from the site information) and the bars' legend.
    card.rects.append((0, height - FOOTER, width, height, RED_DARK, None))
    site_name = one_line(site_name)
    card.whole["site_name"] = site_name
    legend_w = sum(measure.width(s.label, 20) + 50 for s in STATUS_COLOURS) if groups else 0
    footer_box = (PAD, height - FOOTER, width - PAD - legend_w, height)
    name_size = _fit_size(
        site_name, footer_box[2] - footer_box[0], range(22, 11, -2), measure, False
    )
    card.texts.append(
        Text(PAD, height - 20, site_name, name_size, False, "white", "lm", footer_box)
    )
    if groups:
        x = width - PAD
        for status in reversed(list(STATUS_COLOURS)):  # the bars' colours, right-aligned
            x -= measure.width(status.label, 20)
            card.texts.append(Text(x, height - 20, status.label, 20, False, "white", "lm",
                                   (width - PAD - legend_w, height - FOOTER, width, height)))  # fmt: skip
            x -= 26
            card.rects.append(
                (x, height - 29, x + 18, height - 11, STATUS_COLOURS[status], "white")
            )
            x -= 24
    return card


def render_card(plan, outline: Outline, site_name: str | None = None) -> bytes:
    from PIL import Image, ImageDraw

    if site_name is None:
        site_name = site_info().site_name
    measure = Measure()
    card = layout_card(plan, outline, site_name, measure)
    image = Image.new("RGB", CARD_SIZE, "white")
    draw = ImageDraw.Draw(image)
    for x0, y0, x1, y1, fill, outline_colour, *radius in card.rects:
        if radius:
            draw.rounded_rectangle([x0, y0, x1, y1], radius=radius[0], fill=fill)
        else:
            draw.rectangle([x0, y0, x1, y1], fill=fill, outline=outline_colour)
    for x0, y0, x1, y1, colour in card.bars:
        draw.rectangle([x0, y0, x1, y1], fill=colour)
    for text in card.texts:
        draw.text(
            (text.x, text.y),
            text.text,
            font=measure.font(text.size, text.bold),
            fill=text.fill,
            anchor=text.anchor,
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
