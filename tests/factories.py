"""factory_boy factories for the measures models."""

import hashlib

import factory
from django.contrib.auth import get_user_model

from measures.models import Category, Document, Label, Measure, Region, Tag
from measures.search import index_tokens


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"测试县{n}")
    level = "county"
    code = factory.Sequence(lambda n: f"99{n:04d}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = "finance"
    name_zh = "资金金融"
    name_en = "Finance"
    lexicon = "专项资金 2\n资金"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"文件{n}")
    region = factory.SubFactory(RegionFactory)
    doc_type = "opinion"
    raw_text = factory.Sequence(lambda n: f"原文{n}")
    cleaned_text = factory.LazyAttribute(lambda d: d.raw_text)
    content_hash = factory.LazyAttribute(lambda d: hashlib.sha256(d.raw_text.encode()).hexdigest())


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    document = factory.SubFactory(DocumentFactory)
    position = factory.Sequence(lambda n: n)
    text = "设立泵阀产业专项资金。"
    is_measure = True
    search_tokens = factory.LazyAttribute(lambda m: index_tokens(m.text))


class LabelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Label

    measure = factory.SubFactory(MeasureFactory)
    category = factory.SubFactory(CategoryFactory)
    source = "machine"
    score = 1.0
    evidence = factory.LazyFunction(lambda: ["资金"])


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"标签{n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def save_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class CuratorDecisions:
    """A fund measure a curator made context, a background sentence made a finance measure."""

    def __init__(self, curator: object) -> None:
        from measures.models import Category, Label, LabelSource, Measure

        self.fund = Measure.objects.get(text__startswith="设立泵阀产业专项资金")
        self.background = Measure.objects.get(text__startswith="产业集群是区域经济发展的重要特征")
        Measure.objects.filter(pk=self.fund.pk).update(is_measure=False, kind_curated=True)
        Measure.objects.filter(pk=self.background.pk).update(is_measure=True, kind_curated=True)
        self.finance = Category.objects.get(slug="finance")
        Label.objects.update_or_create(
            measure=self.background, category=self.finance, defaults={"source": LabelSource.CURATOR, "curator": curator}
        )

    def assert_kept(self) -> None:
        from measures.models import LabelSource

        self.fund.refresh_from_db()
        self.background.refresh_from_db()
        assert not self.fund.is_measure and self.fund.kind_curated and self.background.is_measure
        label = self.background.labels.get(category=self.finance)
        assert label.source == LabelSource.CURATOR and not label.rejected
