import factory

from profiles.models import Honour, Profile, ProfileKind, Town
from tests.photos.images import phone_jpeg, upload


def make_photo(caption="肖像", credit="通讯员供图", size=(120, 150)):
    """A real photo in the library, through the upload pipeline."""
    from photos.services import photo_create

    return photo_create(
        upload=upload("portrait.jpg", phone_jpeg(size, gps=False)),
        caption=caption,
        credit=credit,
        alt_text=f"{caption}的照片",
    )


class TownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Town
        django_get_or_create = ("name",)

    name = "桂城街道"


class ProfileKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileKind
        django_get_or_create = ("name",)

    name = "村居干部"


class ProfileFactory(factory.django.DjangoModelFactory):
    """A published profile by default."""

    class Meta:
        model = Profile
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"人物{n}")
    position = "社区党委书记"
    organization = "示例社区党委"
    town = factory.SubFactory(TownFactory)
    kind = factory.SubFactory(ProfileKindFactory)
    deeds = "带领社区坚持创建熟人社区。"
    biography = "<p>人物简介。</p>"
    is_published = True

    @factory.post_generation
    def articles(self, create, extracted, **kwargs):
        if create and extracted:
            self.articles.add(*extracted)


class HonourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Honour

    profile = factory.SubFactory(ProfileFactory)
    title = "全国劳动模范"
    year = 2020
