"""The user's own API tokens: list, create (the secret is shown once) and revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tambonplan.api import selectors, services
from tambonplan.api.forms import TokenForm


def _require_api_user(user) -> None:
    if not services.may_use_api(user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    _require_api_user(request.user)
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = services.token_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = TokenForm()
    context = {
        "form": form,
        "secret": secret,
        "tokens": selectors.tokens_of(request.user),
        "can_write": request.user.can_edit,
    }
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
def token_revoke(request, pk):
    _require_api_user(request.user)
    token = selectors.own_token(request.user, pk)
    services.token_revoke(user=request.user, token=token)
    messages.success(request, _("เพิกถอนโทเค็น %(name)s แล้ว ระบบจะไม่รับโทเค็นนี้อีก") % {"name": token.name})
    return redirect("api_tokens:list")
