from django import forms


class StyledForm(forms.Form):
    """A form whose widgets carry Bootstrap classes, so templates render fields with ``{{ field }}``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.HiddenInput):
                continue
            css = "form-select" if isinstance(widget, forms.Select | forms.SelectMultiple) else "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
