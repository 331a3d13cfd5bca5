"""What the progress picture shows, drawn two ways: a compact text chart (always; the console's
answer and the fallback wherever a file cannot go) and a PNG (with the optional `charts` extra).

The PNG is drawn by hand with Pillow (see benchmarks/charts.py for why not matplotlib): bars per
topic and per aspect, the weekly average per topic over time, and a streak calendar. The figures
it shows are also written into the PNG as text chunks (`prepbot:*`), so a reader (or a test) can
check them against the pixels.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from bot.storage.personal_data import Attempt

# Layout (pixels). Public so tests can find the bars they check.
WIDTH = 760
MARGIN = 16
LABEL_W = 150
BAR_X = MARGIN + LABEL_W
BAR_W = WIDTH - BAR_X - 70
ROW_H = 22
BAR_H = 14
TITLE_H = 34
HEAD_H = 22
GAP = 14
TREND_H = 120
CELL = 13
CALENDAR_WEEKS = 16

BACKGROUND = (255, 255, 255)
INK = (40, 40, 40)
GRID = (225, 225, 225)
EMPTY_DAY = (230, 230, 230)
PRACTISED_DAY = (46, 160, 67)
PALETTE = (
    (31, 119, 180),
    (255, 127, 14),
    (148, 103, 189),
    (214, 39, 40),
    (23, 190, 207),
    (140, 86, 75),
    (227, 119, 194),
    (188, 189, 34),
)
ASPECT_COLOUR = (90, 90, 160)
MAX_ROWS = 12  # topics or aspects shown; the rest are summed up in the text


@dataclass(frozen=True, slots=True)
class Summary:
    """The figures of one picture: averages per topic and aspect, weekly averages per topic, days."""

    title: str
    answered: int
    topics: dict[str, tuple[float, int]] = field(default_factory=dict)  # name -> (average, count)
    aspects: dict[str, tuple[float, int]] = field(default_factory=dict)
    weeks: tuple[date, ...] = ()  # Mondays, oldest first
    trend: dict[str, tuple[float | None, ...]] = field(default_factory=dict)  # name -> per week
    days: frozenset[date] = frozenset()
    today: date = date(2000, 1, 1)
    streak: int = 0


def summarise(
    title: str, attempts: Sequence[Attempt], names: dict[str, str], today: date, weeks: int = 8
) -> Summary:
    """Figures from graded answers; `names` turns topic and aspect ids into display names."""
    by_topic: dict[str, list[int]] = {}
    by_aspect: dict[str, list[int]] = {}
    monday = today - timedelta(days=today.weekday())
    week_starts = tuple(monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1))
    weekly: dict[str, dict[date, list[int]]] = {}
    days: set[date] = set()
    for attempt in attempts:
        day = date.fromisoformat(attempt.day)
        days.add(day)
        week = day - timedelta(days=day.weekday())
        for topic in attempt.topics:
            name = names.get(topic, topic)
            by_topic.setdefault(name, []).append(attempt.score)
            weekly.setdefault(name, {}).setdefault(week, []).append(attempt.score)
        if attempt.aspect:
            by_aspect.setdefault(names.get(attempt.aspect, attempt.aspect), []).append(attempt.score)
    topics = _averages(by_topic)
    trend = {
        name: tuple(_mean(weekly.get(name, {}).get(w)) for w in week_starts)
        for name in list(topics)[:MAX_ROWS]
    }
    return Summary(
        title=title,
        answered=len(attempts),
        topics=topics,
        aspects=_averages(by_aspect),
        weeks=week_starts,
        trend=trend,
        days=frozenset(days),
        today=today,
        streak=_streak(days, today),
    )


def _averages(scores: dict[str, list[int]]) -> dict[str, tuple[float, int]]:
    pairs = {k: (sum(v) / len(v), len(v)) for k, v in scores.items()}
    return dict(sorted(pairs.items(), key=lambda kv: (-kv[1][1], kv[0])))  # most answered first


def _mean(values: list[int] | None) -> float | None:
    return sum(values) / len(values) if values else None


def _streak(days: set[date], today: date) -> int:
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


# -- text -------------------------------------------------------------------------------------------
def text_chart(summary: Summary, width: int = 20) -> str:
    """A compact chart for a terminal or a chat message (monospace)."""
    days = f"{summary.streak} day{'s' * (summary.streak != 1)}"
    lines = [f"{summary.title}: {summary.answered} answered, streak {days}"]
    for heading, rows in (("By topic", summary.topics), ("By aspect", summary.aspects)):
        if not rows:
            continue
        lines.append(heading)
        label = min(18, max(len(n) for n in rows))
        for name, (average, count) in list(rows.items())[:MAX_ROWS]:
            filled = round(average / 100 * width)
            lines.append(
                f"  {name[:label]:<{label}} {'█' * filled}{'░' * (width - filled)} {average:3.0f} ({count})"
            )
    start = summary.today - timedelta(days=summary.today.weekday(), weeks=3)
    lines.append("Last 4 weeks (Mon→Sun)")
    for week in range(4):
        monday = start + timedelta(weeks=week)
        cells = [
            ("■" if d in summary.days else "·") if d <= summary.today else " "
            for d in (monday + timedelta(days=n) for n in range(7))
        ]
        lines.append(f"  {monday:%d %b} {' '.join(cells).rstrip()}")
    return "\n".join(lines)


# -- PNG --------------------------------------------------------------------------------------------
def charts_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("PIL") is not None


@dataclass(frozen=True, slots=True)
class Bar:
    """Where one bar was drawn (tests read the pixels there)."""

    section: str  # "topic" | "aspect"
    name: str
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 (inclusive)
    colour: tuple[int, int, int]


def layout(summary: Summary) -> tuple[int, list[Bar], dict[str, int]]:
    """The picture's height, its bars and the top of each section, without drawing anything."""
    y = TITLE_H
    tops: dict[str, int] = {}
    bars: list[Bar] = []
    for section, rows in (("topic", summary.topics), ("aspect", summary.aspects)):
        if not rows:
            continue
        tops[section] = y
        y += HEAD_H
        for index, (name, (average, _count)) in enumerate(list(rows.items())[:MAX_ROWS]):
            colour = PALETTE[index % len(PALETTE)] if section == "topic" else ASPECT_COLOUR
            length = max(1, round(average / 100 * BAR_W))
            top = y + (ROW_H - BAR_H) // 2
            bars.append(Bar(section, name, (BAR_X, top, BAR_X + length - 1, top + BAR_H - 1), colour))
            y += ROW_H
        y += GAP
    if summary.trend:
        tops["trend"] = y
        y += HEAD_H + TREND_H + GAP + 12
    tops["calendar"] = y
    y += HEAD_H + 7 * CELL + MARGIN
    return y, bars, tops


def calendar_cell(summary: Summary, day: date) -> tuple[int, int, int, int] | None:
    """The box of one day in the streak calendar (None when it is not shown)."""
    _height, _bars, tops = layout(summary)
    first = summary.today - timedelta(days=summary.today.weekday(), weeks=CALENDAR_WEEKS - 1)
    if not first <= day <= summary.today:
        return None
    column, row = (day - first).days // 7, day.weekday()
    x, y = BAR_X + column * (CELL + 3), tops["calendar"] + HEAD_H + row * CELL
    return (x, y, x + CELL - 3, y + CELL - 3)


def png(summary: Summary) -> bytes | None:
    """The picture as PNG bytes; None when Pillow (the `charts` extra) is not installed."""
    try:
        from PIL import Image, ImageDraw, ImageFont, PngImagePlugin
    except ImportError:
        return None
    height, bars, tops = layout(summary)
    image = Image.new("RGB", (WIDTH, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    draw.text(
        (MARGIN, 10),
        f"{summary.title}: {summary.answered} answered, streak {summary.streak}",
        fill=INK,
        font=font,
    )
    heads = {"topic": "Average score per topic", "aspect": "Average score per aspect"}
    for section, top in tops.items():
        if section in heads:
            draw.text((MARGIN, top + 4), heads[section], fill=INK, font=font)
    rows = {
        **{("topic", n): v for n, v in summary.topics.items()},
        **{("aspect", n): v for n, v in summary.aspects.items()},
    }
    for bar in bars:
        _x0, y0, _x1, y1 = bar.box
        draw.rectangle((BAR_X, y0, BAR_X + BAR_W - 1, y1), fill=GRID)
        draw.rectangle(bar.box, fill=bar.colour)
        draw.text((MARGIN, y0), bar.name[:24], fill=INK, font=font)
        average, count = rows[(bar.section, bar.name)]
        draw.text((BAR_X + BAR_W + 6, y0), f"{average:.0f} ({count})", fill=INK, font=font)
    if "trend" in tops:
        _trend(draw, font, summary, tops["trend"])
    _calendar(draw, font, summary, tops["calendar"])
    info = PngImagePlugin.PngInfo()
    for key, value in _chunks(summary).items():
        info.add_text(f"prepbot:{key}", json.dumps(value, sort_keys=True))
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info, optimize=True)
    return out.getvalue()


def _trend(draw: Any, font: Any, summary: Summary, top: int) -> None:
    draw.text((MARGIN, top + 4), "Weekly average per topic", fill=INK, font=font)
    y1 = top + HEAD_H + TREND_H
    x0, x1 = BAR_X, BAR_X + BAR_W
    for level in (0, 50, 100):
        y = y1 - round(level / 100 * TREND_H)
        draw.line((x0, y, x1, y), fill=GRID)
        draw.text((x0 - 28, y - 6), str(level), fill=INK, font=font)
    step = (x1 - x0) / max(1, len(summary.weeks) - 1)
    for index, week in enumerate(summary.weeks):
        draw.text((round(x0 + index * step) - 12, y1 + 4), f"{week:%d %b}", fill=INK, font=font)
    for index, (_name, values) in enumerate(summary.trend.items()):
        colour = PALETTE[index % len(PALETTE)]
        points = [
            (round(x0 + i * step), y1 - round(v / 100 * TREND_H))
            for i, v in enumerate(values)
            if v is not None
        ]
        if len(points) > 1:
            draw.line(points, fill=colour, width=2)
        for x, y in points:
            draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill=colour)


def _calendar(draw: Any, font: Any, summary: Summary, top: int) -> None:
    draw.text((MARGIN, top + 4), f"Practice days (last {CALENDAR_WEEKS} weeks)", fill=INK, font=font)
    for row, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        if name:
            draw.text((BAR_X - 30, top + HEAD_H + row * CELL), name, fill=INK, font=font)
    first = summary.today - timedelta(days=summary.today.weekday(), weeks=CALENDAR_WEEKS - 1)
    day = first
    while day <= summary.today:
        box = calendar_cell(summary, day)
        if box is not None:
            draw.rectangle(box, fill=PRACTISED_DAY if day in summary.days else EMPTY_DAY)
        day += timedelta(days=1)


def _chunks(summary: Summary) -> dict[str, Any]:
    return {
        "title": summary.title,
        "topics": {n: round(a, 1) for n, (a, _c) in summary.topics.items()},
        "aspects": {n: round(a, 1) for n, (a, _c) in summary.aspects.items()},
        "days": sorted(d.isoformat() for d in summary.days),
        "streak": summary.streak,
    }
