from tambonplan.core.fiscal_years import fiscal_year_choices


def navigation(request):
    return {
        "fiscal_year": getattr(request, "fiscal_year", None),
        "fiscal_year_choices": fiscal_year_choices(),
    }
