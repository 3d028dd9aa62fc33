from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .forms import ProfileFilterForm
from .models import Profile, ProfileKind, Town
from .services import can_preview


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


class ProfileDetailView(DetailView):
    """One profile. Unpublished profiles are a 404, except as a preview for staff."""

    template_name = "profiles/profile_detail.html"
    context_object_name = "profile"

    def get_object(self, queryset=None):
        profile = get_object_or_404(Profile.objects.for_detail(), pk=self.kwargs["pk"])
        if profile.is_published:
            return profile
        user = self.request.user
        if user.is_authenticated and can_preview(user, profile):
            self.preview = True
            return profile
        raise Http404("人物档案不存在")

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=getattr(self, "preview", False), **kwargs)
