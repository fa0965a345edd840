"""The ledger entries of the commitments that exist before the ledger (the rule of `funding.ledger`:
pledged → pledged, approved/delivered → secured, the partner type's source group)."""

from django.db import migrations

ENTRY_STATUS = {"pledged": "pledged", "approved": "secured", "delivered": "secured"}
SOURCE_GROUP = {
    "community": "community",
    "local_government": "local_government",
    "government": "agencies",
    "academic": "agencies",
    "international": "agencies",
    "private": "partners",
    "civil_society": "partners",
    "religious": "partners",
}
KIND_LABEL = {
    "budget": "งบประมาณ",
    "materials": "วัสดุ",
    "labour": "แรงงาน",
    "technical": "วิชาการ/ที่ปรึกษา",
    "equipment": "เครื่องมืออุปกรณ์",
}


def forwards(apps, schema_editor):
    Commitment = apps.get_model("partners", "Commitment")
    FundingEntry = apps.get_model("funding", "FundingEntry")
    have = set(FundingEntry.objects.filter(commitment__isnull=False).values_list("commitment_id", flat=True))
    entries = []
    commitments = (
        Commitment.objects.filter(status__in=list(ENTRY_STATUS))
        .select_related("partner")
        .order_by("id")
        .iterator(chunk_size=2000)
    )
    for c in commitments:
        if c.pk in have:
            continue
        label = KIND_LABEL.get(c.kind, c.kind)
        entries.append(
            FundingEntry(
                commitment_id=c.pk,
                project_id=c.project_id,
                fiscal_year=c.fiscal_year,
                amount=c.amount if c.amount is not None else (c.estimated_value or 0),
                status=ENTRY_STATUS[c.status],
                source_group=SOURCE_GROUP.get(c.partner.partner_type, "partners"),
                source_name=c.partner.name[:300],
                reference=label if c.kind == "budget" else f"{label}: {c.in_kind_description}"[:300],
                partner_id=c.partner_id,
            )
        )
        if len(entries) >= 2000:
            FundingEntry.objects.bulk_create(entries)
            entries = []
    FundingEntry.objects.bulk_create(entries)


def backwards(apps, schema_editor):
    apps.get_model("funding", "FundingEntry").objects.filter(commitment__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0003_funding_window"),
        ("partners", "0004_history_channel"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
