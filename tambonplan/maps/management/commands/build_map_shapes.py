"""Derive the maps' outlines (tambonplan/maps/shapes/*.json.gz) from the boundaries GeoJSON."""

import json
from pathlib import Path

from django.core.management.base import CommandError

from tambonplan.core.commands import AuditedCommand
from tambonplan.maps.geometry import LEVELS, SHAPES_DIR, build_level, write_level


class Command(AuditedCommand):
    help = "สร้างไฟล์ขอบเขตสำหรับแผนที่จาก GeoJSON (provinces, districts, tambons .geojson)"

    def add_arguments(self, parser):
        parser.add_argument("source", help="โฟลเดอร์ที่มี provinces.geojson districts.geojson tambons.geojson")
        parser.add_argument("--output", default=str(SHAPES_DIR), help="โฟลเดอร์ที่จะเขียนไฟล์ (ค่าเริ่มต้น: ของระบบ)")

    def handle(self, *args, source, output, **options):
        folder = Path(source)
        for level in LEVELS:
            path = folder / f"{level}.geojson"
            try:
                features = json.loads(path.read_text(encoding="utf-8"))["features"]
            except (OSError, ValueError, KeyError) as error:
                raise CommandError(f"อ่าน {path} ไม่ได้: {error}") from error
            stored = build_level(features)
            written = write_level(level, stored, Path(output))
            self.stdout.write(
                f"{level}: {len(stored):,} ขอบเขตจาก {len(features):,} รายการ -> {written.name} "
                f"({written.stat().st_size / 1024:,.0f} KB)"
            )
