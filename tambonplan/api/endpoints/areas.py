"""Areas: provinces, districts, tambons and villages in the caller's scope."""

from typing import Annotated

from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate

from tambonplan.api.filters import AREA_CODE_PATTERN, AreaFilter
from tambonplan.api.pagination import Pages
from tambonplan.areas import selectors
from tambonplan.areas.models import District, Province, Tambon, Village

router = Router(tags=["พื้นที่"])
AreaCode = Annotated[str, Path(pattern=AREA_CODE_PATTERN, description="รหัสพื้นที่ของกรมการปกครอง")]


class ProvinceOut(Schema):
    code: str
    name_th: str
    name_en: str
    is_cd_area: bool


class DistrictOut(Schema):
    code: str
    province_code: str
    name_th: str
    name_en: str
    is_active: bool

    @staticmethod
    def resolve_province_code(obj) -> str:
        return obj.province_id


class TambonOut(Schema):
    code: str
    district_code: str
    name_th: str
    name_en: str
    is_active: bool

    @staticmethod
    def resolve_district_code(obj) -> str:
        return obj.district_id


class VillageOut(Schema):
    code: str
    tambon_code: str
    moo: int
    name_th: str
    name_en: str

    @staticmethod
    def resolve_tambon_code(obj) -> str:
        return obj.tambon_id


@router.get("/provinces", response=list[ProvinceOut], url_name="provinces", summary="จังหวัด")
@paginate(Pages)
def provinces(request, filters: Query[AreaFilter]):
    return selectors.areas_list(request.user, Province, area=filters.area)


@router.get("/provinces/{code}", response=ProvinceOut, url_name="province", summary="จังหวัดหนึ่ง")
def province(request, code: AreaCode):
    return selectors.province_for(request.user, code)


@router.get("/districts", response=list[DistrictOut], url_name="districts", summary="อำเภอ")
@paginate(Pages)
def districts(request, filters: Query[AreaFilter]):
    return selectors.areas_list(request.user, District, area=filters.area)


@router.get("/districts/{code}", response=DistrictOut, url_name="district", summary="อำเภอหนึ่ง")
def district(request, code: AreaCode):
    return selectors.district_for(request.user, code)


@router.get("/tambons", response=list[TambonOut], url_name="tambons", summary="ตำบล")
@paginate(Pages)
def tambons(request, filters: Query[AreaFilter]):
    return selectors.areas_list(request.user, Tambon, area=filters.area)


@router.get("/tambons/{code}", response=TambonOut, url_name="tambon", summary="ตำบลหนึ่ง")
def tambon(request, code: AreaCode):
    return selectors.tambon_for(request.user, code)


@router.get("/villages", response=list[VillageOut], url_name="villages", summary="หมู่บ้าน")
@paginate(Pages)
def villages(request, filters: Query[AreaFilter]):
    return selectors.areas_list(request.user, Village, area=filters.area)


@router.get("/villages/{code}", response=VillageOut, url_name="village", summary="หมู่บ้านหนึ่ง")
def village(request, code: AreaCode):
    return selectors.village_for(request.user, code)
