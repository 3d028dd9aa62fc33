"""List filters the admins share."""

from django.contrib import admin

from .people import display_name


class PersonListFilter(admin.RelatedOnlyFieldListFilter):
    """Filter by a user field (作者, 上传者): the people who appear in the list, by name."""

    def field_choices(self, field, request, model_admin):
        in_list = model_admin.get_queryset(request).values(f"{self.field_path}__pk")
        people = field.related_model._default_manager.filter(pk__in=in_list)
        return sorted(((person.pk, display_name(person)) for person in people), key=lambda c: c[1])
