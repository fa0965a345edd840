"""English mode: whether the active language is English, and the one rule for names kept in both languages.

Names that are data (areas, need categories, project classes, committee kinds and positions, the default plan
steps) carry `name_th` and an optional `name_en`. They are shown in English when English is active and an
English name is set, else in Thai; official documents render under Thai, so they always carry the Thai name.
"""

from django.utils import translation


def english_active() -> bool:
    """True when the active language is English (the user chose it with the language picker)."""
    return (translation.get_language() or "").split("-")[0] == "en"


def localized(thai: str, english: str) -> str:
    """`english` when English is active and `english` is set, else `thai`."""
    return english if english and english_active() else thai


class LocalizedName:
    """Mixed into a model whose `name_th` has an optional English twin `name_en`: `display_name` (which the
    model's `__str__` returns) follows the active language."""

    @property
    def display_name(self) -> str:
        return localized(self.name_th, self.name_en)
