"""The choices above a map (measure, level, committee kind …): links to the same page with one query
parameter changed, the others kept, as `maps/_map.html` draws them."""


def picker(request, parameter: str, label: str, options, chosen: str) -> dict:
    """{label, links: [{label, url, active}]} for `options` ((key, label) pairs)."""
    links = []
    for key, option_label in options:
        query = request.GET.copy()
        query[parameter] = key
        links.append({"label": option_label, "url": f"?{query.urlencode()}", "active": key == chosen})
    return {"label": label, "links": links}


def chosen(request, parameter: str, keys, default: str) -> str:
    """The option the request asks for (`?parameter=`), or `default` for a missing or unknown one."""
    value = request.GET.get(parameter, "")
    return value if value in keys else default
