"""The village plans as the tambon plan's page shows them, without touching planning's views:

- ``{% village_plans_link plan %}``: "แผนพัฒนาหมู่บ้าน (n/m ผ่านการทบทวน)", a link to the tambon's village plans
  of the plan's year;
- ``{% village_origin need %}``: under a need pulled from a village plan, "จากแผนพัฒนาหมู่บ้าน หมู่ที่ n" linking to
  that plan. The items of the whole tambon plan are read once per page (one query), not once per need.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from tambonplan.thai.digits import localize_digits
from tambonplan.villageplans import selectors

register = template.Library()


@register.inclusion_tag("villageplans/_tambon_plan_link.html")
def village_plans_link(plan):
    reviewed, total = selectors.reviewed_counts_in([plan.tambon_id], plan.fiscal_year)[plan.tambon_id]
    url = reverse("villageplans:tambon", kwargs={"code": plan.tambon_id})
    return {"url": f"{url}?year={plan.fiscal_year}", "reviewed": reviewed, "total": total}


@register.simple_tag(takes_context=True)
def village_origin(context, need):
    cache = context.render_context.setdefault("villageplans_items", {})
    if need.plan_id not in cache:
        cache[need.plan_id] = selectors.items_of_plan_needs(need.plan_id)
    item = cache[need.plan_id].get(need.pk)
    if item is None:
        return ""
    plan = item.plan
    if plan.village_id:
        text = _("จากแผนพัฒนาหมู่บ้าน หมู่ที่ %(moo)s") % {"moo": localize_digits(plan.village.moo)}
    else:
        text = _("จากแผน%(community)s") % {"community": plan.community}
    return format_html(
        '<div class="small" id="village-need-{}"><a href="{}">{}</a></div>',
        need.pk,
        reverse("villageplans:plan", kwargs={"pk": plan.pk}),
        text,
    )
