"""The enclosures' public links: the QR codes printed on the circular open the file without an account, on
SITE_URL, count the download, can be revoked by the province, and answer one Thai 404 for anything wrong."""

import shutil
import subprocess
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.checks import run_checks
from django.test import Client
from django.urls import reverse

from tambonplan.directives.demo import seed_circulars
from tambonplan.directives.models import Circular, DownloadLog
from tambonplan.directives.public_links import MAX_MISSES_PER_ADDRESS, public_path
from tambonplan.directives.selectors import receipt_of
from tambonplan.thai.dates import bangkok_today

SITE = "https://tambonplan.example"  # SITE_URL in tests (tests/conftest.py)
NOT_FOUND = "ไม่พบเอกสาร"


@pytest.fixture
def circular(db) -> Circular:
    seed_circulars()
    return Circular.objects.get()


def main_of(response) -> str:
    """The page's own content (the layout around it carries the path and a CSRF token)."""
    text = response.content.decode()
    return text[text.index("<main") : text.index("</main>")]


def file_bytes(response) -> bytes:
    return b"".join(response.streaming_content)


def test_public_link_opens_the_file_without_login_and_counts_a_download(client, circular):
    first = circular.enclosures.first()
    response = client.get(public_path(first))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "noindex" in response["X-Robots-Tag"]
    with first.file.open("rb") as stored:
        assert file_bytes(response) == stored.read()
    assert "%E0%B8%AA%E0%B8%B4%E0%B9%88%E0%B8%87" in response["Content-Disposition"]  # "สิ่ง…" in UTF-8
    receipt = receipt_of(circular)
    assert receipt.public_downloads == [1, 0, 0]
    assert receipt.province_downloads == [0, 0, 0]
    assert all(row.downloads == [0, 0, 0] for row in receipt.rows)
    assert client.head(public_path(first)).status_code == 200
    assert DownloadLog.objects.count() == 1  # a HEAD (a link preview) is not a download


def test_signed_in_district_officer_through_the_qr_code_counts_for_the_district(personas, circular):
    first = circular.enclosures.first()
    response = personas.client_for(personas.district_officer).get(public_path(first))
    assert response.status_code == 200
    rows = {row.district.code: row.downloads for row in receipt_of(circular).rows}
    assert rows["3401"] == [1, 0, 0]
    page = personas.client_for(personas.province_officer).get(
        reverse("directives:detail", args=[circular.pk])
    )
    assert "ผ่านคิวอาร์โค้ดหรือลิงก์สาธารณะ" in page.content.decode()


def test_enclosure_page_shows_the_public_link_and_the_renew_button_to_the_province(personas, circular):
    first = circular.enclosures.first()
    page_url = reverse("directives:enclosure", args=[first.token])
    province = personas.client_for(personas.province_officer).get(page_url).content.decode()
    assert f"{SITE}{public_path(first)}" in province
    assert "ออกลิงก์ใหม่" in province
    district = personas.client_for(personas.district_officer).get(page_url).content.decode()
    assert f"{SITE}{public_path(first)}" in district
    assert "ออกลิงก์ใหม่" not in district


def test_renewed_link_revokes_the_printed_one(client, personas, circular):
    first = circular.enclosures.first()
    printed = public_path(first)
    renew = reverse("directives:enclosure_public_link_renew", args=[circular.pk, first.pk])
    assert personas.client_for(personas.district_officer).post(renew).status_code == 403
    assert personas.client_for(personas.outsider).post(renew).status_code == 404
    assert client.get(printed).status_code == 200

    response = personas.client_for(personas.province_officer).post(renew, follow=True)
    assert "ลิงก์และคิวอาร์โค้ดเดิมใช้ไม่ได้อีก" in response.content.decode()
    first.refresh_from_db()
    old = client.get(printed)
    assert old.status_code == 404
    assert NOT_FOUND in old.content.decode()
    assert client.get(public_path(first)).status_code == 200


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token[:10],
        lambda token: token + "x",
        lambda token: "..%2F..%2Fsecret_key.txt",
        lambda token: "๑" * 22,
    ],
)
def test_tampered_token_is_a_thai_404(client, circular, tamper):
    token = circular.enclosures.first().public_token
    response = client.get(reverse("directives:enclosure_public", args=[tamper(token)]))
    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()
    assert not DownloadLog.objects.exists()


def test_link_of_a_circular_not_yet_issued_is_the_same_404(client, circular):
    first = circular.enclosures.first()
    circular.issued_on = bangkok_today() + timedelta(days=1)
    circular.save()
    draft = client.get(public_path(first))
    unknown = client.get(reverse("directives:enclosure_public", args=["A" * 22]))
    assert draft.status_code == unknown.status_code == 404
    assert main_of(draft) == main_of(unknown)  # nothing tells a not yet issued circular from a wrong link
    circular.issued_on = bangkok_today()
    circular.save()
    assert client.get(public_path(first)).status_code == 200


def test_wrong_links_are_limited_per_address(client, circular):
    for attempt in range(MAX_MISSES_PER_ADDRESS):
        assert client.get(reverse("directives:enclosure_public", args=[f"{attempt:022d}"])).status_code == 404
    response = client.get(public_path(circular.enclosures.first()))
    assert response.status_code == 429
    assert "ถี่เกินไป" in response.content.decode()
    other_address = Client(REMOTE_ADDR="203.0.113.9")
    assert other_address.get(public_path(circular.enclosures.first())).status_code == 200


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_production_refuses_to_print_qr_codes_for_a_private_site_url(settings, personas, circular, kind):
    settings.DEBUG = False
    settings.SITE_URL = "http://127.0.0.1:8000"
    client = personas.client_for(personas.province_officer)
    response = client.get(reverse(f"directives:{kind}", args=[circular.pk]))
    text = response.content.decode()
    assert response.status_code == 503
    assert "SITE_URL" in text and "ผู้ดูแลระบบ" in text and "คิวอาร์โค้ด" in text
    page = client.get(reverse("directives:enclosure", args=[circular.enclosures.first().token]))
    assert "เปิดจากภายนอกไม่ได้" in page.content.decode()
    settings.SITE_URL = "https://tambonplan.cdd.go.th"
    assert client.get(reverse(f"directives:{kind}", args=[circular.pk])).status_code == 200


@pytest.mark.parametrize(
    ("site_url", "warned"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000", True),
        ("http://10.20.30.40", True),
        ("http://192.168.1.10:8000", True),
        ("http://172.20.0.5", True),
        ("http://[::1]:8000", True),
        ("http://tambonplan.local", True),
        ("tambonplan.cdd.go.th", True),
        ("https://tambonplan.cdd.go.th", False),
        ("http://172.32.0.1", False),
    ],
)
def test_deploy_check_warns_about_a_private_site_url(settings, site_url, warned):
    settings.SITE_URL = site_url
    ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert ("core.W001" in ids) is warned


def _decoded_urls(image_paths) -> set[str]:
    urls = set()
    for path in image_paths:
        found = subprocess.run(["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, text=True)
        urls.update(line for line in found.stdout.splitlines() if line)
    return urls


@pytest.mark.skipif(shutil.which("pdfimages") is None, reason="pdfimages (poppler-utils) is not installed")
def test_qr_codes_scanned_from_the_pdf_open_the_enclosures_without_an_account(personas, circular, tmp_path):
    if shutil.which("zbarimg") is None:
        pytest.skip(
            "zbarimg (Debian package zbar-tools) is not installed: the printed QR codes were not decoded"
        )
    pdf = personas.client_for(personas.province_officer).get(reverse("directives:pdf", args=[circular.pk]))
    assert pdf.status_code == 200
    (tmp_path / "circular.pdf").write_bytes(pdf.content)
    subprocess.run(["pdfimages", "-png", "circular.pdf", "image"], cwd=tmp_path, check=True)
    from_images = _decoded_urls(sorted(tmp_path.glob("image-*.png")))
    # As a phone sees the printed page: the pages rasterised at 150 dpi, every code on them decoded.
    subprocess.run(["pdftoppm", "-r", "150", "-png", "circular.pdf", "page"], cwd=tmp_path, check=True)
    from_pages = _decoded_urls(sorted(tmp_path.glob("page-*.png")))
    expected = {f"{SITE}{public_path(e)}" for e in circular.enclosures.all()}
    assert from_images == from_pages == expected

    anonymous = Client()
    for url in sorted(from_images):
        response = anonymous.get(urlsplit(url).path)
        assert response.status_code == 200, url
        assert file_bytes(response)
    assert receipt_of(circular).public_downloads == [1, 1, 1]
