"""Probe a running TambonPlan for the holes of the second security round (docs/SECURITY.md).

    python scripts/security_probe.py http://127.0.0.1:8000

Runs against the demo data (`seed_demo`, logins of README.md) over HTTP, with the standard library only, and
prints one line per check: PASS or FAIL and what was seen. It changes nothing on the server but failed-login
counters of made-up usernames. Exit code 1 if any check fails.
"""

import argparse
import http.cookiejar
import io
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile

DEMO_PASSWORD = "TambonPlan-2569"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006"
SHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
FORM = "application/x-www-form-urlencoded"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie-keeping client that does not follow redirects and sends Django's CSRF token."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        cookies = urllib.request.HTTPCookieProcessor(self.cookies)
        self.opener = urllib.request.build_opener(cookies, NoRedirect)

    def request(self, method: str, path: str, *, data: bytes | None = None, headers: dict | None = None):
        url = self.base + path
        headers = {"Referer": self.base + "/", **(headers or {})}
        token = next((c.value for c in self.cookies if c.name == "csrftoken"), None)
        if token and method == "POST":
            headers["X-CSRFToken"] = token
        try:
            request = urllib.request.Request(url, data=data, method=method, headers=headers)
            response = self.opener.open(request)
        except urllib.error.HTTPError as error:
            response = error
        return response.status, dict(response.headers), response.read().decode("utf-8", "replace")

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, fields: dict):
        token = next((c.value for c in self.cookies if c.name == "csrftoken"), "")
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        return self.request("POST", path, data=body, headers={"Content-Type": FORM})

    def post_file(self, path: str, field: str, name: str, content: bytes):
        token = next((c.value for c in self.cookies if c.name == "csrftoken"), "")
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
                f"{token}\r\n"
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request(
            "POST", path, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )

    def login(self, username: str, password: str = DEMO_PASSWORD) -> bool:
        self.get("/accounts/login/")
        status, headers, _ = self.post("/accounts/login/", {"username": username, "password": password})
        return status == 302 and "/accounts/login" not in headers.get("Location", "")

    def signed_in(self) -> bool:
        return any(c.name == "sessionid" for c in self.cookies) and self.get("/")[0] == 200


def shared_strings_bomb(cells: int = 2000, length: int = 30_000) -> bytes:
    """An XLSX of a few KB whose one shared string (within Excel's 32,767 characters) is referred to by every
    cell: 60 million characters for a parser that copies the string into each cell (issue 14, item 2)."""
    text = "ก" * length
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(1, cells + 1))
    head = '<?xml version="1.0"?>'
    relationship = f"{OFFICE}/relationships"
    parts = {
        "[Content_Types].xml": f'{head}<Types xmlns="{PACKAGE}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": f'{head}<Relationships xmlns="{PACKAGE}/relationships">'
        f'<Relationship Id="rId1" Type="{relationship}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": f'{head}<workbook xmlns="{SHEET}" xmlns:r="{relationship}">'
        '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'{head}<Relationships xmlns="{PACKAGE}/relationships">'
        f'<Relationship Id="rId1" Type="{relationship}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{relationship}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
        "xl/sharedStrings.xml": f'{head}<sst xmlns="{SHEET}" count="1" uniqueCount="1">'
        f"<si><t>{text}</t></si></sst>",
        "xl/worksheets/sheet1.xml": f'{head}<worksheet xmlns="{SHEET}">'
        f"<sheetData>{rows}</sheetData></worksheet>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def check_front_door(base: str) -> tuple[bool, str]:
    browser = Browser(base)
    status, headers, _ = browser.get("/admin/login/")
    redirected = status == 302 and headers.get("Location", "").startswith("/accounts/login/")
    browser.get("/accounts/login/")
    browser.post("/admin/login/", {"username": "admin", "password": DEMO_PASSWORD})
    admin_status, _, _ = browser.get("/admin/")
    ok = redirected and admin_status == 302 and not browser.signed_in()
    location = headers.get("Location", "")
    return ok, f"/admin/login/ → {status} {location}; password posted there, /admin/ → {admin_status}"


def check_import_bomb(base: str) -> tuple[bool, str]:
    browser = Browser(base)
    if not browser.login("mueang_district"):
        return False, "could not log in as mueang_district"
    bomb = shared_strings_bomb()
    browser.get("/areas/villages/import/")
    started = time.monotonic()
    status, _, body = browser.post_file("/areas/villages/import/", "file", "bomb.xlsx", bomb)
    seconds = time.monotonic() - started
    alive = Browser(base).get("/healthz")[0] == 200
    refused = status == 200 and "ตัวอักษร" in body and "เกิน" in body
    return refused and alive, (
        f"{len(bomb):,}-byte file of {2000 * 30_000:,} characters: answered {status} in {seconds:.2f} s, "
        f"refusal shown: {refused}, /healthz afterwards: {'200' if alive else 'down'}"
    )


def _first_id(browser: Browser, path: str) -> int | None:
    status, _, body = browser.get(path)
    if status != 200:
        return None
    items = json.loads(body).get("results", [])
    return items[0]["id"] if items else None


def check_odd_digits(base: str) -> tuple[bool, str]:
    browser = Browser(base)
    browser.login("mueang_district")
    project = _first_id(browser, "/api/v1/projects?page_size=1")
    paths = ["/open-data/?year=%C2%B2", "/planning/?year=%D9%A3"]
    if project is not None:
        paths.append(f"/partners/commitments/new/{project}/?partner=%C2%B2")
    statuses = {path: browser.get(path)[0] for path in paths}
    posted = browser.post("/fiscal-year/", {"fiscal_year": "²", "next": "/"})[0]
    statuses["POST /fiscal-year/ fiscal_year=²"] = posted
    seen = ", ".join(f"{request} → {status}" for request, status in statuses.items())
    return all(status < 500 for status in statuses.values()), seen


def check_viewer_sees_no_checkin_link(base: str) -> tuple[bool, str]:
    browser = Browser(base)
    browser.login("ubon_viewer")
    event = _first_id(browser, "/api/v1/events?page_size=1")
    if event is None:
        return False, "no event visible to ubon_viewer"
    status, _, body = browser.get(f"/events/{event}/")
    qr_status = browser.get(f"/events/{event}/qr/")[0]
    leaked = re.search(r"/checkin/[A-Za-z0-9_.:-]+/", body) is not None
    return status == 200 and not leaked and qr_status in (403, 404), (
        f"/events/{event}/ → {status}, check-in link on the page: {leaked}; QR page → {qr_status}"
    )


def check_headers(base: str) -> tuple[bool, str]:
    status, headers, _ = Browser(base).get("/accounts/login/")
    wanted = ["Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"]
    missing = [name for name in wanted if name not in headers]
    return status == 200 and not missing, f"missing: {missing or 'none'}"


CHECKS = {
    "one front door (admin login)": check_front_door,
    "shared-strings bomb refused, worker alive": check_import_bomb,
    "odd digits never answer 500": check_odd_digits,
    "viewer sees no check-in link": check_viewer_sees_no_checkin_link,
    "security headers": check_headers,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="e.g. http://127.0.0.1:8000")
    args = parser.parse_args()
    failed = 0
    for name, check in CHECKS.items():
        try:
            ok, detail = check(args.base)
        except Exception as error:  # noqa: BLE001 - a probe reports, it does not stop
            ok, detail = False, f"{type(error).__name__}: {error}"
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
