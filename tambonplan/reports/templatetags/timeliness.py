"""{% timeliness_badge on_time %}: "ทันกำหนด" or "ล่าช้า" as a badge, the words of `reports.timeliness`."""

from django import template
from django.utils.html import format_html

from tambonplan.reports.timeliness import label

register = template.Library()


@register.simple_tag
def timeliness_badge(on_time: bool) -> str:
    colour = "success" if on_time else "danger"
    return format_html(
        '<span class="badge text-bg-{}" data-on-time="{}">{}</span>', colour, int(on_time), label(on_time)
    )
