from django import forms


class ProfileFilterForm(forms.Form):
    """The filters of /people/ (GET). Choices come from lists the view has already loaded,
    so validating a choice costs no query; an unknown value is ignored with a message."""

    kind = forms.TypedChoiceField(
        label="人物类型",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "没有这个人物类型，已显示全部类型。"},
    )
    town = forms.TypedChoiceField(
        label="镇街",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "没有这个镇街，已显示全部镇街。"},
    )
    series = forms.TypedChoiceField(
        label="系列报道",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "没有这个系列报道，已显示全部系列。"},
    )

    def __init__(self, data, *, kinds, towns, series_list):
        super().__init__(data)
        self.options = {
            "kind": {kind.pk: kind for kind in kinds},
            "town": {town.pk: town for town in towns},
            "series": {series.pk: series for series in series_list},
        }
        labels = {"kind": "全部类型", "town": "全部镇街", "series": "全部系列"}
        for name, objects in self.options.items():
            self.fields[name].choices = [("", labels[name])] + [
                (pk, str(obj)) for pk, obj in objects.items()
            ]

    def selected(self) -> dict:
        """The chosen objects by field name (``None`` for any); invalid values are ignored."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: self.options[name].get(cleaned.get(name)) for name in self.options}
