"""A choropleth map: areas coloured by the class of their figure, drawn as SVG on the server.

A page builds one from the rows its own selector returns (`choropleth`, with a scale and how to read a row),
so the map never computes a figure of its own; the same rows fill the table under the map. The SVG has no
tiles, fonts or scripts: it works offline, prints, and goes into the PDF documents as a vector figure.

Colours: ColorBrewer's sequential YlGnBu, lighter for less, darker for more; its lightness rises steadily
so the classes stay apart in grey-scale print and for the common colour-vision deficiencies. An area with no
figure is hatched; an area drawn only for context (Bangkok on the national map: outside community
development work) is plain grey with its own legend entry.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tambonplan.maps.geometry import Shape, shapes_of
from tambonplan.thai.digits import localize_digits
from tambonplan.thai.money import format_number

PALETTES = {
    1: ("#41b6c4",),
    2: ("#c7e9b4", "#225ea8"),
    3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
    4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
    5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
    6: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"),
}
CONTEXT_FILL = "#d9d9d9"
STROKE = "#ffffff"
HATCH = "#737373"
ATTRIBUTION = gettext_lazy(
    "ขอบเขตการปกครอง: กรมแผนที่ทหาร ผ่านชุดข้อมูล COD-AB ของ OCHA (Humanitarian Data Exchange) "
    "สัญญาอนุญาต CC BY-IGO ปรับให้เรียบโดย mapthai (Piyayut Chitchumnong, MIT)"
)


@dataclass(frozen=True)
class MapClass:
    label: str
    colour: str


@dataclass(frozen=True)
class Scale:
    """The classes of a measure and which class a figure falls in (None: no figure, hatched)."""

    labels: tuple[str, ...]
    classify: Callable[[object], int | None]

    @property
    def classes(self) -> list[MapClass]:
        return [
            MapClass(label, colour)
            for label, colour in zip(self.labels, PALETTES[len(self.labels)], strict=True)
        ]


def percent_scale() -> Scale:
    """0–100 in five classes of 20 points (the last takes 100)."""
    labels = tuple(
        f"{localize_digits(low)}–{localize_digits(high)}%"
        for low, high in ((0, 19), (20, 39), (40, 59), (60, 79), (80, 100))
    )
    return Scale(labels, lambda value: None if value is None else min(int(value) // 20, 4))


def quantile_scale(values: Iterable, classes: int = 5) -> Scale:
    """Up to `classes` classes holding about as many areas each, for a figure with no natural bands
    (projects per 1,000 households); bounds shown with one decimal."""
    known = sorted(Decimal(value) for value in values if value is not None)
    if not known:
        return Scale((_("ไม่มีข้อมูล"),), lambda value: None)
    uppers = sorted(
        {known[min(len(known) - 1, (len(known) * (i + 1)) // classes - 1)] for i in range(classes)}
    )
    if len(uppers) == 1:
        uppers = [known[-1]]
    bounds = list(zip([known[0], *uppers[:-1]], uppers, strict=True))
    labels = tuple(
        f"{'' if i == 0 else '> '}{format_number(low, decimals=1)}–{format_number(high, decimals=1)}"
        for i, (low, high) in enumerate(bounds)
    )

    def classify(value):
        if value is None:
            return None
        return next(i for i, upper in enumerate(uppers) if Decimal(value) <= upper or i == len(uppers) - 1)

    return Scale(labels, classify)


def category_scale(labels: Iterable[str]) -> Scale:
    """Ordered categories; the figure is the category's index (0: the lightest)."""
    return Scale(tuple(labels), lambda value: value)


@dataclass
class MapArea:
    code: str
    name: str
    url: str
    shown: str  # the figure as the table shows it ("" for no figure)
    class_index: int | None
    shape: Shape | None = None

    @property
    def title(self) -> str:
        return f"{self.name}: {self.shown}" if self.shown else f"{self.name}: {_('ไม่มีข้อมูล')}"


@dataclass
class ChoroplethMap:
    key: str  # unique on the page: ids of the SVG's pattern and title
    title: str
    measure: str  # the figure's name, the table's column heading
    classes: list[MapClass]
    areas: list[MapArea]
    context: list[Shape] = field(default_factory=list)
    context_label: str = ""

    @property
    def drawn(self) -> list[MapArea]:
        return [area for area in self.areas if area.shape is not None]

    @property
    def missing(self) -> list[MapArea]:
        """Areas whose figures count but which have no outline on the map ("ไม่มีขอบเขตในแผนที่")."""
        return [area for area in self.areas if area.shape is None]

    @property
    def has_no_data(self) -> bool:
        return any(area.class_index is None for area in self.areas)

    @property
    def legend(self) -> list[tuple[MapClass, int]]:
        counts = [0] * len(self.classes)
        for area in self.areas:
            if area.class_index is not None:
                counts[area.class_index] += 1
        return list(zip(self.classes, counts, strict=True))

    @property
    def no_data_count(self) -> int:
        return sum(1 for area in self.areas if area.class_index is None)

    @property
    def attribution(self) -> str:
        return str(ATTRIBUTION)

    def svg(self) -> SafeString:
        return mark_safe(render_svg(self))

    def print_svg(self) -> SafeString:
        """For a document: no links (a PDF's reader cannot follow the site's relative ones)."""
        return mark_safe(render_svg(self, links=False))


def choropleth(
    *,
    key: str,
    level: str,
    title: str,
    measure: str,
    scale: Scale,
    rows: Iterable,
    code: Callable[[object], str],
    name: Callable[[object], str],
    url: Callable[[object], str],
    value: Callable[[object], object],
    shown: Callable[[object], str],
    context_codes: Iterable[str] = (),
    context_label: str = "",
) -> ChoroplethMap:
    """A map of `level` (provinces, districts, tambons) with one area per row, in the rows' order."""
    shapes = shapes_of(level)
    areas = []
    for row in rows:
        figure = value(row)
        areas.append(
            MapArea(
                code=code(row),
                name=name(row),
                url=url(row),
                shown=shown(row) if figure is not None else "",
                class_index=scale.classify(figure),
                shape=shapes.get(code(row)),
            )
        )
    drawn_codes = {area.code for area in areas}
    context = [shapes[c] for c in context_codes if c in shapes and c not in drawn_codes]
    return ChoroplethMap(key, title, measure, scale.classes, areas, context, context_label)


def _frame(shapes: list[Shape]) -> tuple[int, int, int, int]:
    min_x = min(s.bbox[0] for s in shapes)
    min_y = min(s.bbox[1] for s in shapes)
    max_x = max(s.bbox[2] for s in shapes)
    max_y = max(s.bbox[3] for s in shapes)
    margin = max(max_x - min_x, max_y - min_y) // 50 + 1
    return min_x - margin, min_y - margin, max_x - min_x + 2 * margin, max_y - min_y + 2 * margin


def _hatch_pattern(pattern_id: str, size: float) -> str:
    """Diagonal grey lines on white: "no figure", told apart from every class in colour and in grey."""
    side = f"{size:.0f}"
    return (
        f'<defs><pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="{side}" height="{side}" '
        f'patternTransform="rotate(45)"><rect width="{side}" height="{side}" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="{side}" stroke="{HATCH}" stroke-width="{size / 3:.1f}"/>'
        "</pattern></defs>"
    )


def render_svg(chart: ChoroplethMap, *, links: bool = True) -> str:
    """The map as an SVG element: one link per area (its page), each with a <title> of its name and figure."""
    drawn = chart.drawn
    shapes = [area.shape for area in drawn] + chart.context
    if not shapes:
        return ""
    x, y, width, height = _frame(shapes)
    stroke = max(width, height) / 700
    hatch = max(width, height) / 120
    pattern = f"{chart.key}-nodata"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="choropleth" viewBox="{x} {y} {width} {height}" '
        f'role="img" aria-labelledby="{chart.key}-title" data-map="{chart.key}">',
        f'<title id="{chart.key}-title">{escape(chart.title)}</title>',
        _hatch_pattern(pattern, hatch),
        f'<g stroke="{STROKE}" stroke-width="{stroke:.1f}" stroke-linejoin="round">',
    ]
    for shape in chart.context:
        parts.append(
            f'<path d="{shape.path}" fill="{CONTEXT_FILL}" data-context="{shape.code}">'
            f"<title>{escape(chart.context_label)}</title></path>"
        )
    for area in drawn:
        fill = f"url(#{pattern})" if area.class_index is None else chart.classes[area.class_index].colour
        path = (
            f'<path d="{area.shape.path}" fill="{fill}" data-area="{area.code}"'
            f' data-class="{"" if area.class_index is None else area.class_index}">'
            f"<title>{escape(area.title)}</title></path>"
        )
        parts.append(f'<a href="{escape(area.url)}">{path}</a>' if links and area.url else path)
    parts.append("</g></svg>")
    return "".join(parts)
