"""The HTTP API, version 1: /api/v1/, its OpenAPI schema at /api/v1/openapi.json and docs at /api/v1/docs."""

from django.conf import settings
from ninja import NinjaAPI, Swagger
from ninja.throttling import AuthRateThrottle

from tambonplan.api import errors
from tambonplan.api.auth import SignedInSession, TokenAuth
from tambonplan.api.endpoints import (
    areas,
    committees,
    directives,
    events,
    funding,
    localgov,
    partners,
    planning,
    reports,
    villagedata,
    villageplans,
)

DESCRIPTION = """
API ของ TambonPlan สำหรับระบบอื่นของภาครัฐ นักวิเคราะห์ และสคริปต์ของสำนักงาน

* **การยืนยันตัวตน**: ส่งโทเค็น API ในส่วนหัว `Authorization: Bearer <โทเค็น>`
  (สร้างและเพิกถอนได้ที่เมนู "โทเค็น API" หลังเข้าสู่ระบบ) โทเค็นใช้สิทธิ์และพื้นที่รับผิดชอบเดียวกับเจ้าของ
  โทเค็นแบบอ่านอย่างเดียวใช้ได้เฉพาะ GET
* **รายการ** แบ่งหน้าด้วย `page` และ `page_size` (ไม่เกิน 500) ตอบเป็น `{count, page, pages, page_size, results}`
* **ข้อผิดพลาด** ตอบรูปแบบเดียวกันทุกกรณี: `{"error": {"code": "...", "message": "ข้อความภาษาไทย", "details": [...]}}`
* **วันที่** เป็น ISO 8601 (ค.ศ.) ส่วน **ปีงบประมาณ** เป็น พ.ศ.
* ข้อมูลสถิติรวมที่ไม่ต้องเข้าสู่ระบบ ดูได้ที่หน้า "ข้อมูลเปิด" (/open-data/)
"""

api = NinjaAPI(
    title="TambonPlan API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[TokenAuth(), SignedInSession()],
    throttle=[AuthRateThrottle(settings.API_RATE_LIMIT)],
    docs=Swagger(settings={"persistAuthorization": True, "docExpansion": "list"}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)

api.add_router("/areas", areas.router)
api.add_router("", committees.router)
api.add_router("", events.router)
api.add_router("", partners.router)
api.add_router("", funding.router)
api.add_router("", localgov.router)
api.add_router("", villageplans.router)
api.add_router("", villagedata.router)
api.add_router("", planning.router)
api.add_router("", directives.router)
api.add_router("", reports.router)
