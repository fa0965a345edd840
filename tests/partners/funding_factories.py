"""Builders for the funding tests: partners made with the model, commitments in a given status, files."""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tambonplan.funding.ledger import record_commitment
from tambonplan.partners.models import Commitment, CommitmentKind, Milestone, Partner, PartnerType
from tests.planning import factories as pf

UBON, SISAKET = "34", "33"


def partner(name: str = "มูลนิธิเพื่อนเยาวชนอีสาน", partner_type: str = PartnerType.CIVIL_SOCIETY, province=UBON):
    return Partner.objects.create(
        name=name, name_key=name, partner_type=partner_type, level="provincial", province_id=province
    )


def commitment(project, partner_, *, status="proposed", amount="10000", year=None, estimated=None, **fields):
    kind = CommitmentKind.BUDGET if estimated is None else CommitmentKind.MATERIALS
    made = Commitment.objects.create(
        project=project,
        partner=partner_,
        fiscal_year=year or pf.fiscal_year(),
        kind=kind,
        amount=Decimal(amount) if estimated is None else None,
        estimated_value=Decimal(estimated) if estimated is not None else None,
        in_kind_description="" if estimated is None else "ปูนซีเมนต์",
        status=status,
        **fields,
    )
    record_commitment(made)  # as every commitment service does
    return made


def milestone(project, name="ดำเนินการ", weight=0, done_on=None, order=0):
    return Milestone.objects.create(
        project=project, name=name, weight=weight, done_on=done_on, sort_order=order
    )


def pdf_upload(name="mou.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", content_type="application/pdf"
    )


def image_upload(name="photo.png", fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def fake_pdf(name="mou.pdf"):
    return SimpleUploadedFile(name, b"<html>not a pdf</html>", content_type="application/pdf")
