import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from profiles.models import Honour, Profile, ProfileKind, Town
from profiles.validators import contains_private_number
from tests.factories import ArticleFactory, SeriesFactory

from .factories import HonourFactory, ProfileFactory, make_photo

pytestmark = pytest.mark.django_db

PRIVATE_WORDS = (
    "phone",
    "mobile",
    "tel",
    "id_card",
    "idcard",
    "identity",
    "id_number",
    "身份证",
    "电话",
    "手机",
)


def test_towns_and_kinds_are_seeded_by_migration_in_order():
    assert list(Town.objects.values_list("name", flat=True)) == [
        "桂城街道", "大沥镇", "里水镇", "狮山镇", "丹灶镇", "西樵镇", "九江镇",
    ]  # fmt: skip
    assert list(ProfileKind.objects.values_list("name", flat=True)) == [
        "村居干部", "工会干部", "劳动模范", "工匠人才", "先进职工",
    ]  # fmt: skip


def test_profile_models_have_no_phone_or_id_fields():
    for model in (Profile, Honour, Town, ProfileKind):
        for field in model._meta.get_fields():
            names = f"{field.name} {getattr(field, 'verbose_name', '')}".lower()
            assert not any(word in names for word in PRIVATE_WORDS), (model, field.name)


@pytest.mark.parametrize(
    ("text", "private"),
    [
        ("联系电话13812345678", True),
        ("手机 138 1234 5678", True),
        ("座机0757-86281234", True),
        ("身份证44060219800101123X", True),
        ("灯湖社区2010年成立,户籍人口12000多,690名机关党员", False),
        ("全国劳动模范 2020", False),
    ],
)
def test_private_number_detection(text, private):
    assert contains_private_number(text) is private


def test_phone_number_in_deeds_or_biography_is_rejected_with_chinese_message():
    profile = ProfileFactory.build(deeds="欢迎致电 13812345678")
    with pytest.raises(ValidationError) as excinfo:
        profile.full_clean()
    assert "电话号码" in str(excinfo.value.message_dict["deeds"])
    profile = ProfileFactory.build(biography="<p>身份证号 44060219800101123X</p>")
    with pytest.raises(ValidationError) as excinfo:
        profile.full_clean()
    assert "biography" in excinfo.value.message_dict


def test_biography_is_sanitized_on_save():
    profile = ProfileFactory(biography='<p onclick="x()">好人<script>alert(1)</script></p>')
    profile.refresh_from_db()
    assert "<script>" not in profile.biography
    assert "onclick" not in profile.biography
    assert "好人" in profile.biography


def test_empty_name_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        ProfileFactory(name="")


def test_published_excludes_drafts():
    live = ProfileFactory()
    ProfileFactory(is_published=False)
    assert list(Profile.objects.published()) == [live]


def test_featured_in_returns_profiles_linked_to_the_article():
    article = ArticleFactory()
    featured = ProfileFactory(articles=[article])
    ProfileFactory(articles=[ArticleFactory()])
    assert list(Profile.objects.featured_in(article)) == [featured]


def test_in_series_includes_assigned_and_featured_but_not_draft_reports():
    series = SeriesFactory()
    assigned = ProfileFactory(series=series)
    featured = ProfileFactory(articles=[ArticleFactory(series=series)])
    ProfileFactory(articles=[ArticleFactory(series=series, status="draft")])
    ProfileFactory(articles=[ArticleFactory(series=SeriesFactory())])
    assert set(Profile.objects.in_series(series)) == {assigned, featured}


def test_filter_by_kind_town_and_series():
    series = SeriesFactory()
    kind = ProfileKind.objects.get(name="劳动模范")
    town = Town.objects.get(name="狮山镇")
    match = ProfileFactory(kind=kind, town=town, series=series)
    ProfileFactory(kind=kind, town=town)
    ProfileFactory(kind=kind, series=series)
    assert list(Profile.objects.filter_by(kind=kind, town=town, series=series)) == [match]
    assert Profile.objects.filter_by().count() == 3


def test_series_options_lists_series_of_published_profiles_only():
    assigned, reported, draft_only = SeriesFactory(), SeriesFactory(), SeriesFactory()
    ProfileFactory(series=assigned)
    ProfileFactory(articles=[ArticleFactory(series=reported)])
    ProfileFactory(series=draft_only, is_published=False)
    options = set(Profile.objects.published().series_options())
    assert options == {assigned, reported}


def test_str_initial_and_absolute_url():
    profile = ProfileFactory(name="示例·陈建华")
    assert str(profile) == "示例·陈建华"
    assert profile.initial == "陈"
    assert profile.get_absolute_url() == f"/people/{profile.pk}/"
    assert (
        str(HonourFactory(profile=profile, title="全国劳动模范", year=2020)) == "全国劳动模范(2020)"
    )


def test_honour_year_is_validated():
    honour = HonourFactory.build(profile=ProfileFactory(), year=1800)
    with pytest.raises(ValidationError) as excinfo:
        honour.full_clean()
    assert "1949" in str(excinfo.value.message_dict["year"])


def test_portrait_in_use_cannot_be_deleted():
    from django.db.models import ProtectedError

    photo = make_photo()
    ProfileFactory(portrait=photo)
    with pytest.raises(ProtectedError):
        photo.delete()


def test_sitemap_lists_published_profiles_only():
    from profiles.sitemaps import ProfileSitemap

    live = ProfileFactory()
    ProfileFactory(is_published=False)
    sitemap = ProfileSitemap()
    assert list(sitemap.items()) == [live]
    assert sitemap.location(live) == live.get_absolute_url()
