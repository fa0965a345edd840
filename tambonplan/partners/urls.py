from tambonplan.partners import funding_urls, registry_urls

app_name = "partners"
urlpatterns = registry_urls.urlpatterns + funding_urls.urlpatterns
