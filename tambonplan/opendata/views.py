"""Public open-data pages and downloads: no login. Parameters are checked here and refused with a Thai message
(400 for a malformed value, 404 for a year or province that has no data); the rows come from the selectors."""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_safe

from tambonplan.core.fiscal_years import fiscal_year_choices
from tambonplan.opendata import files
from tambonplan.opendata import maps as opendata_maps
from tambonplan.opendata.selectors import (
    DATASETS,
    DISTRICTS,
    INTEGER,
    NUMBER,
    PROVINCES,
    UnknownProvince,
    dataset_dictionary,
    open_dataset,
    province_choices,
)
from tambonplan.thai.digits import parse_int, to_arabic_digits

PREVIEW_ROWS = 100
_YEAR = re.compile(r"[0-9]{4}")
_PROVINCE = re.compile(r"[0-9]{2}")
MAX_PARAM = 40


class BadParameter(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def _param(request, name: str) -> str:
    """The parameter as text with Thai digits read as Arabic ones; "" when absent."""
    raw = request.GET.get(name, "")
    if len(raw) > MAX_PARAM:
        raise BadParameter(_("ค่าของพารามิเตอร์ %(name)s ยาวเกินไป") % {"name": name})
    return to_arabic_digits(raw).strip()


def _year(request, default: int) -> int:
    text = _param(request, "year")
    if not text:
        return default
    choices = fiscal_year_choices()
    first, last = choices[-1], choices[0]
    year = parse_int(text) if _YEAR.fullmatch(text) else None
    if year is None:
        raise BadParameter(
            _("ปีงบประมาณต้องเป็นปีพุทธศักราช 4 หลัก เช่น %(example)s") % {"example": first},
        )
    if year not in choices:
        raise BadParameter(
            _("ไม่มีข้อมูลปีงบประมาณ พ.ศ. %(year)s: มีข้อมูลตั้งแต่ปี %(first)s ถึง %(last)s (ใช้ปีพุทธศักราช)")
            % {"year": year, "first": first, "last": last},
            status=404,
        )
    return year


def _format(request) -> str:
    fmt = _param(request, "format").lower() or "csv"
    if fmt not in files.FORMATS:
        raise BadParameter(
            _("ไม่รองรับรูปแบบไฟล์ “%(format)s”: เลือกได้เฉพาะ csv, json หรือ xlsx") % {"format": fmt[:10]}
        )
    return fmt


def _province(request) -> str | None:
    code = _param(request, "province")
    if not code:
        return None
    if not _PROVINCE.fullmatch(code):
        raise BadParameter(_("รหัสจังหวัดต้องเป็นตัวเลข 2 หลัก เช่น 34 (อุบลราชธานี)"))
    if code not in dict(province_choices()):
        raise BadParameter(_("ไม่พบจังหวัดรหัส %(code)s ในงานพัฒนาชุมชน") % {"code": code}, status=404)
    return code


def _level(request) -> str:
    level = _param(request, "level") or PROVINCES
    if level not in DATASETS:
        raise BadParameter(_("ระดับของข้อมูลต้องเป็น provinces (รายจังหวัด) หรือ districts (รายอำเภอ)"))
    return level


def _dataset_name(request) -> str:
    name = _param(request, "dataset") or PROVINCES
    if name not in DATASETS:
        raise BadParameter(_("ชุดข้อมูลต้องเป็น provinces (รายจังหวัด) หรือ districts (รายอำเภอ)"))
    return name


def _refused(request, error: BadParameter):
    context = {"message": error.message}
    return render(request, "opendata/error.html", context, status=error.status)


def _public(response):
    patch_cache_control(response, public=True, max_age=settings.OPEN_DATA_CACHE_SECONDS)
    return response


def _open(name: str, year: int, province: str | None):
    try:
        return open_dataset(name, fiscal_year=year, province_code=province)
    except UnknownProvince:
        raise BadParameter(
            _("ไม่พบจังหวัดรหัส %(code)s ในงานพัฒนาชุมชน") % {"code": province}, status=404
        ) from None


# Figures summed over the rows at the top of the page: (column, label, unit).
HEADLINE = (
    ("plans_opened", _lazy("แผนพัฒนาตำบลที่เปิดแล้ว"), _lazy("แผน")),
    ("plans_approved_on_time", _lazy("แผนที่ ก.บ.ต. ให้ความเห็นชอบภายในกำหนด"), _lazy("แผน")),
    ("plans_done", _lazy("แผนที่ดำเนินการครบทุกขั้นตอน"), _lazy("แผน")),
    ("projects", _lazy("โครงการในแผน"), _lazy("โครงการ")),
    ("budget_needed_baht", _lazy("งบประมาณที่ต้องการ"), _lazy("บาท")),
)


def _headline(dataset) -> list[tuple[str, object, str, bool]]:
    """(label, sum over the rows, unit, is an amount of baht) of each HEADLINE column."""
    columns = {column.name: (i, column) for i, column in enumerate(dataset.columns)}
    figures = []
    for name, label, unit in HEADLINE:
        index, column = columns[name]
        total = sum(row[index] for row in dataset.rows)
        figures.append((str(label), total, str(unit), column.type == NUMBER))
    return figures


def download_url(name: str, *, year: int, province: str | None, fmt: str) -> str:
    query = {"year": year, "format": fmt}
    if name == DISTRICTS and province:
        query["province"] = province
    return f"{reverse(f'opendata:{name}')}?{urlencode(query)}"


@require_safe
def index(request):
    """Choose a year and a level, download the files, preview the rows, read the dictionary."""
    try:
        year = _year(request, request.fiscal_year)
        level = _level(request)
        province = _province(request) if level == DISTRICTS else None
        dataset = _open(level, year, province)
    except BadParameter as error:
        return _refused(request, error)
    numeric = [
        column.type in (INTEGER, NUMBER) and column.name != "fiscal_year" for column in dataset.columns
    ]
    preview = [list(zip(row, numeric, strict=True)) for row in dataset.rows[:PREVIEW_ROWS]]
    chart, pickers = opendata_maps.dataset_map(request, dataset)
    context = {
        "map": chart,
        "map_pickers": pickers,
        "dataset": dataset,
        "year": year,
        "level": level,
        "province": province or "",
        "levels": [(key, str(label)) for key, label in DATASETS.items()],
        "years": fiscal_year_choices(),
        "provinces": province_choices(),
        "headline": _headline(dataset),
        "preview": preview,
        "preview_limit": PREVIEW_ROWS,
        "downloads": [
            (fmt.upper(), download_url(level, year=year, province=province, fmt=fmt)) for fmt in files.FORMATS
        ],
        "dictionary_url": reverse("opendata:dictionary")
        + "?"
        + urlencode({"dataset": level, "format": "csv"}),
        "cache_minutes": settings.OPEN_DATA_CACHE_SECONDS // 60,
    }
    return render(request, "opendata/index.html", context)


@require_safe
def download(request, name: str):
    """The dataset as CSV, JSON or XLSX: ?year=2566&format=csv (&province=34 for a province's districts)."""
    try:
        year = _year(request, request.fiscal_year)
        fmt = _format(request)
        province = _province(request) if name == DISTRICTS else None
        dataset = _open(name, year, province)
    except BadParameter as error:
        return _refused(request, error)
    return _public(files.dataset_response(dataset, fmt))


@require_safe
def dictionary(request):
    """The data dictionary alone: ?dataset=districts&format=csv."""
    try:
        name = _dataset_name(request)
        fmt = _format(request)
    except BadParameter as error:
        return _refused(request, error)
    return _public(files.dictionary_response(name, dataset_dictionary(name), fmt))
