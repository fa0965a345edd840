"""Give the existing steps their kind, and carry each plan's approval date into its approval step (before
migration 0009 removes `TambonPlan.approved_on`: a plan's approval date is its approval step's done date).

Steps are matched by the default names they still carry (a step the province renamed or added stays "other",
for the province to set on its step settings page); the former "report" step stays "other" with its records.
Nothing is deleted: a plan approved in a year whose province has no approval step keeps the date in its
approval note."""

from django.db import migrations

# The default names (current and former) and their kinds, frozen as they were when this migration was written.
KINDS = {
    "ทบทวนแผนหมู่บ้าน/แผนชุมชน": "village_forums",
    "ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล": "workshop",
    "ก.บ.ต. ให้ความเห็นชอบแผนพัฒนาตำบล": "approval",
    "ส่งต่อแผนให้ อปท. อำเภอ และหน่วยงานที่เกี่ยวข้อง": "send_local",
    "ส่งแผนให้ อปท. และหน่วยงานที่เกี่ยวข้อง": "send_local",
    "ส่งแผนให้อำเภอ (ก.บ.อ.)": "send_district",
    "ประสานภาคีการพัฒนาและบูรณาการงบประมาณ": "coordinate",
    "ติดตามการนำโครงการสู่การปฏิบัติ": "follow_up",
}


def set_kinds(apps) -> int:
    """Each step still named as a default gets that default's kind, the first of a year's steps of a kind only
    (a kind is unique per province and year); how many were set."""
    step_model = apps.get_model("planning", "StepDefinition")
    taken = set(step_model.objects.exclude(kind="other").values_list("province_id", "fiscal_year", "kind"))
    changed = []
    candidates = step_model.objects.filter(kind="other", name_th__in=list(KINDS))
    for definition in candidates.order_by("province_id", "fiscal_year", "sort_order"):
        key = (definition.province_id, definition.fiscal_year, KINDS[definition.name_th])
        if key in taken:
            continue
        taken.add(key)
        definition.kind = key[2]
        changed.append(definition)
    step_model.objects.bulk_update(changed, ["kind"], batch_size=500)
    return len(changed)


def be_date(day) -> str:
    return f"{day.day}/{day.month}/{day.year + 543}"


def copy_approval_dates(apps, rows) -> None:
    """`rows`: (plan id, tambon code, fiscal year, approved on, approval note) of the plans with an approval
    date. The plan's approval step (created if the plan lacks it) becomes done on that date unless it is done
    already; without an approval step in the province's year, the date is written into the approval note."""
    step_model = apps.get_model("planning", "StepDefinition")
    plan_step_model = apps.get_model("planning", "PlanStep")
    plan_model = apps.get_model("planning", "TambonPlan")
    approval = {
        (province, year): pk
        for pk, province, year in step_model.objects.filter(kind="approval").values_list(
            "pk", "province_id", "fiscal_year"
        )
    }
    for plan_id, tambon_code, fiscal_year, approved_on, note in rows:
        definition = approval.get((tambon_code[:2], fiscal_year))
        if definition is None:
            text = f"ก.บ.ต. ให้ความเห็นชอบเมื่อ {be_date(approved_on)}"
            if text not in note:
                plan_model.objects.filter(pk=plan_id).update(
                    approval_note=f"{note} ({text})"[:300] if note else text
                )
            continue
        step, _created = plan_step_model.objects.get_or_create(plan_id=plan_id, definition_id=definition)
        if step.status != "done":
            step.status, step.done_on = "done", approved_on
            step.save(update_fields=["status", "done_on"])


def forwards(apps, schema_editor):
    set_kinds(apps)
    plans = apps.get_model("planning", "TambonPlan").objects.filter(approved_on__isnull=False)
    copy_approval_dates(
        apps, list(plans.values_list("pk", "tambon_id", "fiscal_year", "approved_on", "approval_note"))
    )


def backwards(apps, schema_editor):
    """The approval dates back from the approval steps (the kinds stay: they are harmless before 0008)."""
    plan_step_model = apps.get_model("planning", "PlanStep")
    plan_model = apps.get_model("planning", "TambonPlan")
    done = plan_step_model.objects.filter(definition__kind="approval", status="done", done_on__isnull=False)
    for plan_id, done_on in done.values_list("plan_id", "done_on"):
        plan_model.objects.filter(pk=plan_id).update(approved_on=done_on)


class Migration(migrations.Migration):
    dependencies = [("planning", "0007_carryover_historicalcarryover_and_more")]

    operations = [migrations.RunPython(forwards, backwards)]
