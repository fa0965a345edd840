"""{% project_funding project %}: the commitments section shown on a plan project's page."""

from django import template

from tambonplan.accounts.scope import may_change
from tambonplan.partners.integration import project_funding

register = template.Library()


@register.inclusion_tag("partners/funding_project_section.html", takes_context=True)
def project_funding_section(context, project):
    user = context["request"].user
    return {
        "project": project,
        "funding": project_funding(user, project),
        "can_change": may_change(user, project),
    }
