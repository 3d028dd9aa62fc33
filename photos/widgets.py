"""Picking photos from the library by their pictures: the autocomplete shows a thumbnail
with each result (fed by ``PhotoAdmin.autocomplete_extra``) and the chosen photo is
previewed under the field, at a height that leaves the form in view. static/js/admin.js
(on every admin page) does the browser's part."""

from django.contrib.admin.widgets import AutocompleteSelect, RelatedFieldWidgetWrapper

from .models import Photo


def thumbnail(photo) -> dict:
    """What the picker shows of a photo: its smallest rendition and that size."""
    width, height = photo.thumbnail_size
    return {"thumb": photo.thumbnail_url, "thumb_w": width, "thumb_h": height}


class PhotoAutocompleteSelect(AutocompleteSelect):
    template_name = "photos/widgets/photo_picker.html"

    def optgroups(self, name, value, attr=None):
        """Django's selected option, carrying its thumbnail (one query, as Django's own)."""
        default = (None, [], 0)
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not self.is_required:
            default[1].append(self.create_option(name, "", "", False, 0))
        self._chosen = None
        known = getattr(self, "known", None)
        if selected and known is not None and str(known.pk) in selected:
            photos = [known]  # the row's own photo, read with the row: no query
        elif selected:
            photos = self.choices.queryset.using(self.db).filter(pk__in=selected)[:1]
        else:
            photos = []
        for photo in photos:
            self._chosen = photo
            option = self.create_option(
                name, photo.pk, self.choices.field.label_from_instance(photo), True, 1
            )
            option["attrs"]["data-thumb"] = photo.thumbnail_url
            default[1].append(option)
        return [default]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = getattr(self, "_chosen", None)
        context["widget"]["preview"] = thumbnail(chosen) if chosen is not None else None
        context["widget"]["preview_alt"] = str(chosen) if chosen is not None else ""
        return context


class PhotoPickerMixin:
    """For a ``ModelAdmin`` or inline with foreign keys to ``Photo`` in its
    ``autocomplete_fields`` (cover, gallery photo, portrait): picked by thumbnail, only
    among the photos the user may place (``PhotoQuerySet.placeable_by``, so a crafted POST
    can't place others' photos either), and without the related "add" link: photos come
    into the library through the upload page (传图), which the add link can't replace."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Photo and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["queryset"] = Photo.objects.placeable_by(request.user)
            kwargs.setdefault(
                "widget",
                PhotoAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper) and widget.rel.model is Photo:
            widget.can_add_related = False
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        """Inline rows (gallery): each row's picker shows the photo the row already holds,
        read with the rows (``get_queryset`` joins it), instead of one query per row."""
        formset = super().get_formset(request, obj, **kwargs)
        names = [
            name
            for name, field in formset.form.base_fields.items()
            if isinstance(field.widget, RelatedFieldWidgetWrapper)
            and isinstance(field.widget.widget, PhotoAutocompleteSelect)
        ]
        if not names:
            return formset

        class RowForm(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name in names:
                    if getattr(self.instance, f"{name}_id", None):
                        self.fields[name].widget.widget.known = getattr(self.instance, name)

        RowForm.__name__ = formset.form.__name__
        formset.form = RowForm
        return formset
