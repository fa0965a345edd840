"""A project's categories (ด้าน): one rule, one place, for the project form, the imports, partner matching,
the budget integration and the open data.

- A project has its own category (``Project.category``), chosen on the form or read from a file. When none
  is given, the form and the imports take the category its needs share (``category_id_of_needs``).
- Matching compares partners with every category the project concerns: its own and its needs'
  (``project_categories``).
- Totals count a project in exactly one category, so every baht is counted once (``counted_category``): its
  own category, else the first of its needs' categories in the categories' order, else none (ไม่ระบุด้าน).
"""

from collections.abc import Iterable

from django.db.models import BigIntegerField, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from tambonplan.planning.models import Need, NeedCategory, Project

CATEGORY_ORDER = ("sort_order", "name_th", "id")


def category_id_of_needs(needs: Iterable[Need]) -> int | None:
    """The id of the category the needs share; None when there are no needs or their categories differ."""
    ids = {need.category_id for need in needs}
    return ids.pop() if len(ids) == 1 else None


def project_categories(project: Project) -> list[NeedCategory]:
    """Every category the project concerns: its own and those of the needs it answers, in order; 1 query."""
    return list(
        NeedCategory.objects.filter(Q(projects=project) | Q(need__projects=project))
        .distinct()
        .order_by(*CATEGORY_ORDER)
    )


def counted_category():
    """The id of the one category a project counts in, as an expression on a Project queryset: its own,
    else the first (in the categories' order) of its needs' categories, else None."""
    first_of_needs = (
        Need.objects.filter(projects=OuterRef("pk"))
        .order_by(*(f"category__{name}" for name in CATEGORY_ORDER))
        .values("category_id")[:1]
    )
    return Coalesce(F("category_id"), Subquery(first_of_needs), output_field=BigIntegerField())
