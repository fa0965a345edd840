from django.conf import settings

from tambonplan.accounts.scope import may_see_contacts
from tambonplan.core.fiscal_years import fiscal_year_choices


def navigation(request):
    return {
        "fiscal_year": getattr(request, "fiscal_year", None),
        "fiscal_year_choices": fiscal_year_choices(),
        "show_contacts": may_see_contacts(request.user) if hasattr(request, "user") else False,
        # The language picker's choices, each language named in its own script ("ไทย", "English") whatever
        # the active language (Django's {% get_available_languages %} would translate the names).
        "language_choices": settings.LANGUAGES,
    }
