"""Open data: public, no login (``/open-data/``). Parameters go in the query string (?year=2566&format=csv
&province=34), so every URL here names no object: the same file for everyone."""

from django.urls import path

from tambonplan.opendata import views
from tambonplan.opendata.selectors import DISTRICTS, PROVINCES

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("provinces/", views.download, {"name": PROVINCES}, name=PROVINCES),
    path("districts/", views.download, {"name": DISTRICTS}, name=DISTRICTS),
    path("dictionary/", views.dictionary, name="dictionary"),
]
