"""Demo villages for Ubon Ratchathani: a deterministic list with realistic Isan village names."""

import csv
import io
import random

from tambonplan.areas.models import Tambon
from tambonplan.areas.services import ChangeCounts, villages_import

UBON_CODE = "34"
NAME_PARTS = (
    "โนน",
    "หนอง",
    "ดอน",
    "โคก",
    "นา",
    "ห้วย",
    "คำ",
    "บุ่ง",
    "ท่า",
    "กุด",
    "หัว",
    "นาคำ",
    "โพน",
    "ดง",
)
NAME_ENDINGS = (
    "สูง",
    "บัว",
    "ใหญ่",
    "น้อย",
    "แดง",
    "ยาง",
    "แก้ว",
    "สว่าง",
    "เจริญ",
    "ทอง",
    "ไผ่",
    "แคน",
    "ม่วง",
    "ขาม",
    "จิก",
    "หว้า",
    "ศรีสุข",
    "สำราญ",
    "พัฒนา",
    "ไฮ",
    "เค็ง",
    "กระโสบ",
    "หิน",
    "ทราย",
    "เรือ",
)


def ubon_village_rows(seed: int = 34) -> list[dict]:
    """Rows (tambon_code, moo, name_th) for every active tambon of Ubon Ratchathani, 8 to 16 each."""
    rng = random.Random(seed)
    rows = []
    for tambon_code in (
        Tambon.objects.active().filter(district__province_id=UBON_CODE).values_list("code", flat=True)
    ):
        for moo in range(1, rng.randint(8, 16) + 1):
            name = "บ้าน" + rng.choice(NAME_PARTS) + rng.choice(NAME_ENDINGS)
            rows.append({"tambon_code": tambon_code, "moo": moo, "name_th": name})
    return rows


def seed_villages() -> ChangeCounts:
    """Import the demo villages through the same path as an uploaded file."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["tambon_code", "moo", "name_th"])
    writer.writeheader()
    writer.writerows(ubon_village_rows())
    return villages_import(user=None, upload=buffer.getvalue().encode("utf-8"))
