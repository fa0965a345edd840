"""The areas' outlines for the maps, derived once from the boundaries GeoJSON into the repository
(`shapes/*.json.gz`, made by `manage.py build_map_shapes`; provenance and licence in `shapes/README.md`).

Each outline is stored ready to draw: projected (equirectangular, longitudes scaled by cos 13°, Thailand's
middle latitude, so a province keeps its shape), in integer units of 1/1000 degree of latitude (about 110 m,
finer than a pixel of the largest map), as an SVG path with its bounding box. A process reads each level's
file once (`shapes_of`), about 0.1 s for the tambons; drawing a map is then string joining.
"""

import gzip
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SHAPES_DIR = Path(__file__).resolve().parent / "shapes"
LEVELS = ("provinces", "districts", "tambons")
UNITS_PER_DEGREE = 1000
ORIGIN_LON, ORIGIN_LAT = 97.0, 21.0  # west and north of Thailand: every coordinate is positive
LON_SCALE = math.cos(math.radians(13.0))


@dataclass(frozen=True)
class Shape:
    code: str
    bbox: tuple[int, int, int, int]  # min x, min y, max x, max y
    path: str  # the SVG path data ("M… L… Z" per ring)


def project(lon: float, lat: float) -> tuple[int, int]:
    """A WGS84 longitude/latitude as map units (x east, y south)."""
    return (
        round((lon - ORIGIN_LON) * LON_SCALE * UNITS_PER_DEGREE),
        round((ORIGIN_LAT - lat) * UNITS_PER_DEGREE),
    )


def _ring_path(ring: list[list[float]]) -> tuple[str, list[tuple[int, int]]]:
    points: list[tuple[int, int]] = []
    for lon, lat in ring:
        point = project(lon, lat)
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < 3:
        return "", []
    first, rest = points[0], points[1:]
    return f"M{first[0]} {first[1]}L" + " ".join(f"{x} {y}" for x, y in rest) + "Z", points


def shape_of(code: str, geometry: dict) -> Shape | None:
    """A GeoJSON Polygon or MultiPolygon as a drawable shape (None when nothing of it is left at map
    resolution)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    parts, points = [], []
    for polygon in polygons:
        for ring in polygon:
            path, ring_points = _ring_path(ring)
            if path:
                parts.append(path)
                points += ring_points
    if not parts:
        return None
    xs, ys = [x for x, _y in points], [y for _x, y in points]
    return Shape(code, (min(xs), min(ys), max(xs), max(ys)), "".join(parts))


def build_level(features: list[dict]) -> dict[str, list]:
    """The stored form of a level: code -> [min x, min y, max x, max y, path]."""
    stored = {}
    for feature in sorted(features, key=lambda f: f["properties"]["code"]):
        shape = shape_of(feature["properties"]["code"], feature["geometry"])
        if shape is not None:
            stored[shape.code] = [*shape.bbox, shape.path]
    return stored


def write_level(level: str, stored: dict[str, list], directory: Path = SHAPES_DIR) -> Path:
    path = directory / f"{level}.json.gz"
    data = json.dumps(stored, ensure_ascii=False, separators=(",", ":")).encode()
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return path


@cache
def shapes_of(level: str) -> dict[str, Shape]:
    """Every stored shape of a level (provinces, districts, tambons) by DOPA code, read once per process."""
    if level not in LEVELS:
        raise ValueError(level)
    stored = json.loads(gzip.decompress((SHAPES_DIR / f"{level}.json.gz").read_bytes()))
    return {code: Shape(code, tuple(values[:4]), values[4]) for code, values in stored.items()}
