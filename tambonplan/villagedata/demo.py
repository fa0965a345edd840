"""Demo village data for tambon Hua Ruea (340104): จปฐ. of 2566 and 2569 and กชช.2ค of 2566 and 2568 for every
village, most indicators passing and a few failing in each, imported through the same service as a file."""

import csv
import io
import random

from tambonplan.areas.models import Village
from tambonplan.villagedata.models import Indicator
from tambonplan.villagedata.scales import Survey
from tambonplan.villagedata.services import results_import

HUA_RUEA = "340104"
JPT_YEARS = (2566, 2569)
KCH2K_YEARS = (2566, 2568)
# Indicators that commonly fail in the demo's villages (drinking water, income, savings, alcohol, smoking, …).
LIKELY_JPT = ("14", "15", "20", "25", "28", "29", "30", "31", "32", "6", "7")
LIKELY_KCH2K = ("1.1", "1.3", "1.4", "2.1", "2.3", "6.4", "4.3", "5.2")


def _csv(rows: list[list], header: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _codes(survey: str, year: int) -> list[str]:
    return [i.code for i in Indicator.objects.filter(survey=survey).order_by("sort_order") if i.covers(year)]


def seed_village_data(seed: int = 3401) -> int:
    """Import the demo results; returns the number of results created (0 when they are already there)."""
    rng = random.Random(seed)
    villages = list(Village.objects.filter(tambon_id=HUA_RUEA).order_by("moo"))
    if not villages:
        return 0
    jpt_rows, kch2k_rows = [], []
    for village in villages:
        households = rng.randint(60, 180)
        for year in JPT_YEARS:
            codes = _codes(Survey.JPT, year)
            likely = [code for code in LIKELY_JPT if code in codes]
            failing = set(rng.sample(likely, k=min(len(likely), rng.randint(2, 3))))
            surveyed = households + (year - JPT_YEARS[0]) * rng.randint(0, 3)
            for code in codes:
                passed = surveyed - rng.randint(1, max(2, surveyed // 6)) if code in failing else surveyed
                jpt_rows.append([village.code, year, code, passed, surveyed])
        for year in KCH2K_YEARS:
            codes = _codes(Survey.KCH2K, year)
            likely = [code for code in LIKELY_KCH2K if code in codes]
            picked = rng.sample(likely, k=min(len(likely), rng.randint(1, 3)))
            serious = set(picked[:1])
            for code in codes:
                level = 1 if code in serious else 2 if code in picked else 3
                kch2k_rows.append([village.code, year, code, level])
    # (no rows when the indicator catalogue is empty, as after a test flushes the migrations' data)
    created = 0
    if jpt_rows:
        created += results_import(
            user=None,
            survey=Survey.JPT,
            upload=_csv(jpt_rows, ["รหัสหมู่บ้าน", "ปี", "รหัสตัวชี้วัด", "ครัวเรือนที่ผ่าน", "ครัวเรือนที่สำรวจ"]),
        ).created
    if kch2k_rows:
        created += results_import(
            user=None,
            survey=Survey.KCH2K,
            upload=_csv(kch2k_rows, ["รหัสหมู่บ้าน", "ปี", "รหัสตัวชี้วัด", "ระดับ"]),
        ).created
    return created
