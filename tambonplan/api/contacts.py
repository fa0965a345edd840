"""Personal contacts in API answers: shown by the pages' one rule (`accounts.scope.may_see_contacts`),
null for everyone else."""

from tambonplan.accounts.scope import may_see_contacts

CONTACT_NOTE = "เฉพาะผู้มีสิทธิ์เห็นข้อมูลติดต่อ (เจ้าหน้าที่ผู้แก้ไขข้อมูลในพื้นที่) อื่น ๆ เป็น null"


def contact(value, context):
    """A schema resolver's answer for a contact field: the value, or None when the caller may not see it."""
    return value if may_see_contacts(context["request"].user) else None
