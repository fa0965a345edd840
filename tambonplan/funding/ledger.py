"""The ledger entry of a partner commitment: every write to a commitment calls `record_commitment` in its
transaction, so the ledger holds each live commitment's money once, in the commitment's fiscal year.

proposed, cancelled → no entry; pledged → a pledged entry; approved, delivered → a secured entry. The amount
is the commitment's value (its money, else the estimate of what it gives in kind); the source group is the
partner type's (`SOURCE_GROUP_OF_PARTNER_TYPE`, the groups of the integration pages).
"""

from collections.abc import Iterable

from tambonplan.funding.models import EntryStatus, FundingEntry, SourceGroup
from tambonplan.partners.models import Commitment, CommitmentKind, CommitmentStatus, Partner, PartnerType

ENTRY_STATUS_OF_COMMITMENT = {
    CommitmentStatus.PLEDGED: EntryStatus.PLEDGED,
    CommitmentStatus.APPROVED: EntryStatus.SECURED,
    CommitmentStatus.DELIVERED: EntryStatus.SECURED,
}
SOURCE_GROUP_OF_PARTNER_TYPE = {
    PartnerType.COMMUNITY: SourceGroup.COMMUNITY,
    PartnerType.LOCAL_GOVERNMENT: SourceGroup.LOCAL_GOVERNMENT,
    PartnerType.GOVERNMENT: SourceGroup.AGENCIES,
    PartnerType.ACADEMIC: SourceGroup.AGENCIES,
    PartnerType.INTERNATIONAL: SourceGroup.AGENCIES,
    PartnerType.PRIVATE: SourceGroup.PARTNERS,
    PartnerType.CIVIL_SOCIETY: SourceGroup.PARTNERS,
    PartnerType.RELIGIOUS: SourceGroup.PARTNERS,
}


def _reference(commitment: Commitment) -> str:
    if commitment.kind == CommitmentKind.BUDGET:
        return str(CommitmentKind(commitment.kind).label)
    return f"{CommitmentKind(commitment.kind).label}: {commitment.in_kind_description}"[:300]


def _entry_values(commitment: Commitment, partner: Partner) -> dict | None:
    status = ENTRY_STATUS_OF_COMMITMENT.get(commitment.status)
    if status is None:
        return None
    return {
        "project_id": commitment.project_id,
        "fiscal_year": commitment.fiscal_year,
        "amount": commitment.value,
        "status": status,
        "source_group": SOURCE_GROUP_OF_PARTNER_TYPE.get(partner.partner_type, SourceGroup.PARTNERS),
        "source_name": partner.name[:300],
        "reference": _reference(commitment),
        "partner_id": partner.pk,
    }


def record_commitment(commitment: Commitment) -> FundingEntry | None:
    """Bring the commitment's ledger entry in line with it (create, change or delete); call inside the
    transaction that wrote the commitment. Returns the entry, or None when the commitment has none."""
    values = _entry_values(commitment, Partner.objects.get(pk=commitment.partner_id))
    entry = FundingEntry.objects.select_for_update().filter(commitment_id=commitment.pk).first()
    if values is None:
        if entry is not None:
            entry.delete()
        return None
    if entry is None:
        entry = FundingEntry(commitment_id=commitment.pk, **values)
    elif all(getattr(entry, name) == value for name, value in values.items()):
        return entry
    else:
        for name, value in values.items():
            setattr(entry, name, value)
    entry.full_clean(exclude=["commitment", "project", "partner"])
    entry.save()
    return entry


def entries_for_commitments(commitments: Iterable[Commitment]) -> list[FundingEntry]:
    """Unsaved entries of saved commitments, for the bulk paths (demo data, the benchmark generator) that
    insert commitments with `bulk_create`: insert these with `FundingEntry.objects.bulk_create`. One query
    for the partners."""
    commitments = [c for c in commitments if c.status in ENTRY_STATUS_OF_COMMITMENT]
    partners = Partner.objects.in_bulk({c.partner_id for c in commitments})
    entries = []
    for commitment in commitments:
        values = _entry_values(commitment, partners[commitment.partner_id])
        entries.append(FundingEntry(commitment_id=commitment.pk, **values))
    return entries
