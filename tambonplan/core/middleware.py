from tambonplan.core.fiscal_years import selected_fiscal_year
from tambonplan.thai.digits import activate_digit_style


class ThaiPreferencesMiddleware:
    """Sets the request's fiscal year and the user's digit style (Thai or Arabic) for rendering."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.fiscal_year = selected_fiscal_year(request.session)
        user = getattr(request, "user", None)
        style = user.digit_style if user is not None and user.is_authenticated else "arabic"
        activate_digit_style(style)
        try:
            return self.get_response(request)
        finally:
            activate_digit_style("arabic")
