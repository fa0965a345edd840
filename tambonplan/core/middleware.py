from django.conf import settings
from django.utils import translation

from tambonplan.core.fiscal_years import selected_fiscal_year
from tambonplan.thai.digits import activate_digit_style


def chosen_language(request) -> str:
    """Thai unless the user chose another language (Django's language cookie); the browser is not asked."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ThaiPreferencesMiddleware:
    """Sets the request's language, fiscal year and the user's digit style (Thai or Arabic) for rendering."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        request.fiscal_year = selected_fiscal_year(request.session)
        user = getattr(request, "user", None)
        style = user.digit_style if user is not None and user.is_authenticated else "arabic"
        activate_digit_style(style)
        try:
            response = self.get_response(request)
        finally:
            activate_digit_style("arabic")
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
