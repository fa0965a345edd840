"""The national dictionary of abbreviations in partners' names, and the partners' keys read with it."""

from django.db import migrations

from tambonplan.partners.names import name_key

NATIONAL = (
    ("ธ.ก.ส.", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร"),
    ("ธ.ออมสิน", "ธนาคารออมสิน"),
    ("ม.", "มหาวิทยาลัย"),
    ("มรภ.", "มหาวิทยาลัยราชภัฏ"),
    ("มทร.", "มหาวิทยาลัยเทคโนโลยีราชมงคล"),
    ("รพ.", "โรงพยาบาล"),
    ("รพ.สต.", "โรงพยาบาลส่งเสริมสุขภาพตำบล"),
    ("สสจ.", "สำนักงานสาธารณสุขจังหวัด"),
    ("สสอ.", "สำนักงานสาธารณสุขอำเภอ"),
    ("กศน.", "สำนักงานส่งเสริมการเรียนรู้"),
    ("สำนักงาน กศน.", "สำนักงานส่งเสริมการเรียนรู้"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("ทน.", "เทศบาลนคร"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทต.", "เทศบาลตำบล"),
    ("ปภ.", "ป้องกันและบรรเทาสาธารณภัย"),
    ("กอ.รมน.", "กองอำนวยการรักษาความมั่นคงภายใน"),
    ("พช.", "พัฒนาชุมชน"),
    ("สปสช.", "สำนักงานหลักประกันสุขภาพแห่งชาติ"),
    ("สสส.", "สำนักงานกองทุนสนับสนุนการสร้างเสริมสุขภาพ"),
    ("บมจ.", "บริษัทจำกัดมหาชน"),
    ("บจก.", "บริษัทจำกัด"),
    ("หจก.", "ห้างหุ้นส่วนจำกัด"),
    ("สนง.", "สำนักงาน"),
    ("รร.", "โรงเรียน"),
    ("UNDP", "United Nations Development Programme"),
    ("UNICEF", "United Nations Children's Fund"),
    ("UNFPA", "United Nations Population Fund"),
    ("FAO", "Food and Agriculture Organization of the United Nations"),
    ("WHO", "World Health Organization"),
    ("ILO", "International Labour Organization"),
    ("UNHCR", "United Nations High Commissioner for Refugees"),
    ("UNESCO", "United Nations Educational, Scientific and Cultural Organization"),
    ("UN Women", "United Nations Entity for Gender Equality and the Empowerment of Women"),
    ("WFP", "World Food Programme"),
    ("ยูเอ็นดีพี", "โครงการพัฒนาแห่งสหประชาชาติ"),
    ("ยูนิเซฟ", "องค์การทุนเพื่อเด็กแห่งสหประชาชาติ"),
    ("องค์การยูนิเซฟ", "องค์การทุนเพื่อเด็กแห่งสหประชาชาติ"),
    ("ยูเนสโก", "องค์การการศึกษา วิทยาศาสตร์ และวัฒนธรรมแห่งสหประชาชาติ"),
    ("องค์การยูเนสโก", "องค์การการศึกษา วิทยาศาสตร์ และวัฒนธรรมแห่งสหประชาชาติ"),
    ("ยูเอ็นเอชซีอาร์", "สำนักงานข้าหลวงใหญ่ผู้ลี้ภัยแห่งสหประชาชาติ"),
)


def seed(apps, schema_editor):
    PartnerAbbreviation = apps.get_model("partners", "PartnerAbbreviation")
    Partner = apps.get_model("partners", "Partner")
    have = set(PartnerAbbreviation.objects.filter(province=None).values_list("abbreviation", flat=True))
    PartnerAbbreviation.objects.bulk_create(
        [PartnerAbbreviation(abbreviation=a, full_form=full) for a, full in NATIONAL if a not in have]
    )
    # No province has its own rows yet: every partner is read with the national dictionary.
    national = list(
        PartnerAbbreviation.objects.filter(province=None).values_list("abbreviation", "full_form")
    )
    changed = []
    for partner in Partner.objects.only("pk", "name", "name_key"):
        key = name_key(partner.name, national)
        if key and key != partner.name_key:
            partner.name_key = key
            changed.append(partner)
    Partner.objects.bulk_update(changed, ["name_key"], batch_size=500)


def unseed(apps, schema_editor):
    PartnerAbbreviation = apps.get_model("partners", "PartnerAbbreviation")
    PartnerAbbreviation.objects.filter(province=None, abbreviation__in=[a for a, _ in NATIONAL]).delete()


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_partner_abbreviation")]

    operations = [migrations.RunPython(seed, unseed)]
