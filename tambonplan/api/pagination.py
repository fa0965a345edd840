"""Page-numbered lists: ?page=1&page_size=50 (at most 500), answered as {count, page, pages, page_size,
results}."""

from math import ceil
from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
PAGE_HOOK = "_api_page_hook"


class Pages(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000, description="หน้าที่ต้องการ เริ่มที่ 1")
        page_size: int = Field(
            DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"จำนวนรายการต่อหน้า (ไม่เกิน {MAX_PAGE_SIZE})"
        )

    class Output(Schema):
        count: int = Field(description="จำนวนรายการทั้งหมดที่ตรงกับเงื่อนไข")
        page: int
        pages: int = Field(description="จำนวนหน้าทั้งหมด")
        page_size: int
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        count = self._items_count(queryset)
        offset = (pagination.page - 1) * pagination.page_size
        results = list(queryset[offset : offset + pagination.page_size])
        decorate = getattr(queryset, PAGE_HOOK, None)
        if decorate is not None:
            decorate(results)
        return {
            "count": count,
            "page": pagination.page,
            "pages": ceil(count / pagination.page_size),
            "page_size": pagination.page_size,
            "results": results,
        }


def with_page_hook(queryset, decorate):
    """`decorate(rows)` runs on each page's rows before they are answered: figures computed for the page in a
    constant number of queries (e.g. the progress percent of the page's projects)."""
    setattr(queryset, PAGE_HOOK, decorate)
    return queryset
