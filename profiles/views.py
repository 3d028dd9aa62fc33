from django.views.generic import DetailView, ListView

from core.views import PreviewOr404Mixin

from .forms import ProfileFilterForm
from .models import Profile, ProfileKind, Town
from .permissions import can_preview_profile


class ProfileListView(ListView):
    """人物档案: published profiles as cards, filtered by kind, town and series (GET)."""

    paginate_by = 24
    template_name = "profiles/profile_list.html"
    context_object_name = "profiles"

    def get_queryset(self):
        live = Profile.objects.published()
        self.filter_form = ProfileFilterForm(
            self.request.GET,
            kinds=list(ProfileKind.objects.all()),
            towns=list(Town.objects.all()),
            series_list=list(live.series_options()),
        )
        self.selected = self.filter_form.selected()
        return live.for_listing().filter_by(**self.selected)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filter_form, selected=self.selected, **kwargs
        )


class ProfileDetailView(PreviewOr404Mixin, DetailView):
    """One profile. Unpublished profiles are a 404, except as a preview for staff."""

    template_name = "profiles/profile_detail.html"
    context_object_name = "profile"
    not_found_message = "人物档案不存在"

    def get_queryset(self):
        return Profile.objects.for_detail()

    def is_live(self, profile) -> bool:
        return profile.is_published

    def can_preview(self, user, profile) -> bool:
        return can_preview_profile(user, profile)
