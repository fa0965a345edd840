"""Django's admin site with one front door: its login page sends people to the site's login.

The site's login has the lockout, the two-factor code and the password rules; the admin's own login form
has none of them, so it authenticates nobody: GET or POST, it redirects to the site's login with the admin
page as `next`. A signed-in user who is not staff is refused instead of sent round in a circle.
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse


class FrontDoorAdminSite(admin.AdminSite):
    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect("admin:index")
            raise PermissionDenied
        target = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(target)
