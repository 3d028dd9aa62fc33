import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Credit, Section, Series

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    order = factory.Sequence(lambda n: n)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    title = factory.Sequence(lambda n: f"系列报道{n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    intro = "系列报道简介"


class ArticleFactory(factory.django.DjangoModelFactory):
    """A live article by default; pass status=... or a future published_at otherwise."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"南海区总工会新闻第{n}号")
    summary = "摘要"
    body = "<p>正文内容：南海工会服务职工。</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))

    @factory.post_generation
    def credits(self, create, extracted, **kwargs):
        if create and extracted:
            for i, spec in enumerate(extracted):
                CreditFactory(article=self, order=i, **spec)


class CreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credit

    article = factory.SubFactory(ArticleFactory)
    role = "文"
    outlet = "珠江时报"
    title = "记者"
    name = factory.Sequence(lambda n: f"记者{n}")
