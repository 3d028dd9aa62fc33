"""The admin site, set up in one place: its titles, its login form, the start page (built
from the parts apps declare in ``core.dashboard``), the order of its sections, and the
autocomplete answers (which a model admin may enrich, e.g. photos with thumbnails)."""

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView

from . import dashboard
from .auth_forms import StaffLoginForm


class SiteAutocompleteJsonView(AutocompleteJsonView):
    """Django's autocomplete answer, with two hooks a ``ModelAdmin`` may define:

    - ``get_autocomplete_queryset(request)``: the rows a picker may offer (default: the
      admin's ``get_queryset``), e.g. the photos a user may *place*, not only those they
      may edit;
    - ``autocomplete_extra(obj) -> dict``: more keys for each result (e.g. ``thumb``, a
      thumbnail URL, shown by static/js/admin-picker.js).
    """

    def get_queryset(self):
        hook = getattr(self.model_admin, "get_autocomplete_queryset", None)
        qs = hook(self.request) if hook else self.model_admin.get_queryset(self.request)
        qs = qs.complex_filter(self.source_field.get_limit_choices_to())
        qs, may_have_duplicates = self.model_admin.get_search_results(self.request, qs, self.term)
        return qs.distinct() if may_have_duplicates else qs

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        extra = getattr(self.model_admin, "autocomplete_extra", None)
        if extra:
            result.update(extra(obj))
        return result


class SiteAdmin(admin.AdminSite):
    site_header = "南海区总工会 · 内容管理"
    site_title = "南海工会 CMS"
    index_title = "工作台"
    index_template = "admin/dashboard/index.html"
    # Django's form plus the optional one-time code (DJANGO_REQUIRE_2FA).
    login_form = StaffLoginForm
    # The sidebar takes a third of a laptop screen from every list and form; the start
    # page and the breadcrumbs lead everywhere instead.
    enable_nav_sidebar = False
    empty_value_display = "—"

    # Sections in the order of a newsroom's day (apps not listed follow, by name), and
    # the models within them (others follow as registered).
    app_order = ["articles", "photos", "workplan", "profiles", "audit", "auth", "axes"]
    model_order = {
        "articles": ["article", "section", "series"],
        "workplan": ["workplan", "task", "category"],
        "profiles": ["profile", "town", "profilekind"],
    }

    def index(self, request, extra_context=None):
        context = {
            "shortcuts": dashboard.shortcuts_for(request),
            "panels": dashboard.panels_for(request),
            **(extra_context or {}),
        }
        return super().index(request, context)

    def get_app_list(self, request, app_label=None):
        apps = list(self._build_app_dict(request, app_label).values())

        def app_key(app):
            label = app["app_label"]
            rank = self.app_order.index(label) if label in self.app_order else len(self.app_order)
            return (rank, app["name"])

        apps.sort(key=app_key)
        for app in apps:
            order = self.model_order.get(app["app_label"], [])
            app["models"].sort(
                key=lambda m, order=order: (
                    order.index(m["object_name"].lower())
                    if m["object_name"].lower() in order
                    else len(order)
                )
            )
        return apps

    def autocomplete_view(self, request):
        return SiteAutocompleteJsonView.as_view(admin_site=self)(request)
