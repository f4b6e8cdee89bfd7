"""The curators' admin: access, every bulk action with its confirmation and audit, query counts."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from measures import curation
from measures.models import (
    Category,
    Document,
    Industry,
    Label,
    LabelSource,
    Measure,
    Region,
    Tag,
    TagAlias,
    TagMerge,
)
from measures.search import parse_query
from tests.factories import TagFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]

CHANGELIST = "/admin/measures/measure/"


def three_measures() -> list[Measure]:
    return list(Measure.objects.measures().order_by("pk")[:3])


def act(client: Client, url: str, action: str, objects: list, apply: bool, **fields: object):  # type: ignore[no-untyped-def,type-arg]
    data = {"action": action, ACTION_CHECKBOX_NAME: [str(o.pk) for o in objects], **fields}
    if apply:
        data["apply"] = "1"
    return client.post(url, data)


def test_anonymous_readers_never_reach_the_admin(reader: Client) -> None:
    for url in ["/admin/", CHANGELIST, "/admin/measures/category/quality/", "/admin/measures/document/upload/"]:
        response = reader.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_curators_curate_but_cannot_manage_users(curator_client: Client) -> None:
    assert curator_client.get(CHANGELIST).status_code == 200
    assert curator_client.get("/admin/measures/tag/").status_code == 200
    assert curator_client.get("/admin/auth/user/").status_code == 403
    assert curator_client.get("/admin/auth/group/").status_code == 403


def test_staff_without_permissions_cannot_run_actions(client: Client, staff_without_permissions) -> None:  # type: ignore[no-untyped-def]
    client.force_login(staff_without_permissions)
    assert client.get(CHANGELIST).status_code == 403
    response = act(client, CHANGELIST, "mark_as_context", three_measures(), apply=True)
    assert response.status_code == 403
    assert not Measure.objects.filter(kind_curated=True).exists()


@pytest.mark.parametrize(
    ("action", "fields"),
    [
        ("add_tag", {"tag": "tag"}),
        ("remove_tag", {"tag": "tag"}),
        ("set_category", {"category": "land"}),
        ("remove_category", {"category": "finance"}),
        ("mark_as_measure", {}),
        ("mark_as_context", {}),
    ],
)
def test_every_bulk_action_asks_for_confirmation_then_applies_and_logs(
    curator_client: Client, curator, action, fields
) -> None:  # type: ignore[no-untyped-def]
    tag = Tag.objects.create(name="示范", slug="shifan")
    measures = three_measures()
    if action == "remove_tag":
        tag.measures.add(*measures)
    values = {
        name: (tag.pk if value == "tag" else Category.objects.get(slug=value).pk) for name, value in fields.items()
    }
    confirm = act(curator_client, CHANGELIST, action, measures, apply=False)
    assert confirm.status_code == 200 and "确认执行" in confirm.content.decode()
    assert not LogEntry.objects.exists(), "nothing happens before confirmation"

    done = act(curator_client, CHANGELIST, action, measures, apply=True, **values)
    assert done.status_code == 302
    for measure in measures:
        measure.refresh_from_db()
        entries = LogEntry.objects.filter(object_id=str(measure.pk), user=curator)
        assert entries.count() == 1, action
    if action == "add_tag":
        assert tag.measures.count() == 3
    elif action == "remove_tag":
        assert tag.measures.count() == 0
    elif action in {"set_category", "remove_category"}:
        rejected = action == "remove_category"
        labels = Label.objects.filter(measure__in=measures, category__pk=next(iter(values.values())))
        assert labels.count() == 3 and all(
            label.source == LabelSource.CURATOR and label.rejected == rejected for label in labels
        )
    else:
        assert all(m.kind_curated and m.is_measure == (action == "mark_as_measure") for m in measures)


def test_an_action_form_left_blank_asks_again(curator_client: Client) -> None:
    response = act(curator_client, CHANGELIST, "add_tag", three_measures(), apply=True)
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_changelist_search_uses_the_full_text_index(curator_client: Client) -> None:
    page = curator_client.get(CHANGELIST, {"q": "專項資金"}).content.decode()
    assert "设立泵阀产业专项资金" in page
    assert page.count('class="action-select"') == Measure.objects.filter(text__contains="专项资金").count()


def test_changelist_search_lists_the_most_relevant_sentences_first(curator_client: Client) -> None:
    query = parse_query("资金")
    expected = list(Measure.objects.search(query).order_by("-relevance", "-pk").values_list("pk", flat=True))
    assert len(expected) > 3
    shown = curator_client.get(CHANGELIST, {"q": "资金"}).context["cl"].result_list
    assert [m.pk for m in shown] == expected[: len(shown)]
    by_document = curator_client.get(CHANGELIST, {"q": "资金", "o": "2"}).context["cl"].result_list  # a column sort
    assert [m.document.title for m in by_document] == sorted(m.document.title for m in by_document)


def test_changelist_filters(curator_client: Client) -> None:
    for query in ["category=land", "category=none", "label_source=curator", "label_source=machine", "region=wenzhou",
                  "is_measure__exact=1", f"document__id__exact={Document.objects.first().pk}"]:  # fmt: skip
        assert curator_client.get(f"{CHANGELIST}?{query}").status_code == 200, query


def test_the_label_source_filter_tells_curator_decisions_from_machine_ones(curator_client: Client, curator) -> None:  # type: ignore[no-untyped-def]
    kind, labelled, rejected = three_measures()
    land = Category.objects.get(slug="land")
    curation.set_kind(measures=Measure.objects.filter(pk=kind.pk), is_measure=True, curator=curator)
    curation.set_category(measures=Measure.objects.filter(pk=labelled.pk), category=land, curator=curator)
    curation.remove_category(measures=Measure.objects.filter(pk=rejected.pk), category=land, curator=curator)
    curator_page = curator_client.get(f"{CHANGELIST}?label_source=curator")
    assert {m.pk for m in curator_page.context["cl"].result_list} == {kind.pk, labelled.pk, rejected.pk}
    machine = curator_client.get(f"{CHANGELIST}?label_source=machine").context["cl"]
    assert machine.result_count == Measure.objects.count() - 3


def test_changelist_query_count_does_not_grow_with_rows(curator_client: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards the sentence changelist: eager loading of documents, regions, labels, tags and quantities."""
    for measure in Measure.objects.all()[:60]:
        measure.tags.add(TagFactory())
    with django_assert_num_queries(14):
        assert curator_client.get(f"{CHANGELIST}?document__id__exact=1").status_code == 200
    with django_assert_num_queries(14):
        assert curator_client.get(CHANGELIST).status_code == 200


def test_changelist_never_reads_document_texts(curator_client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    """The document filter lists titles; no query selects a document's raw or cleaned text (megabytes at scale)."""
    with django_assert_max_num_queries(20) as context:
        page = curator_client.get(CHANGELIST).content.decode()
    selected = " ".join(query["sql"] for query in context.captured_queries)
    assert "raw_text" not in selected and "cleaned_text" not in selected
    document = Document.objects.first()
    assert f"?document__id__exact={document.pk}" in page and document.title in page  # type: ignore[union-attr]


def test_tag_admin_shows_usage_renames_with_an_alias_and_merges(curator_client: Client, curator) -> None:  # type: ignore[no-untyped-def]
    source = Tag.objects.create(name="人才引进", slug="rencai-yinjin")
    into = Tag.objects.create(name="人才", slug="rencai")
    source.measures.add(*three_measures())
    assert ">3<" in curator_client.get("/admin/measures/tag/").content.decode()

    response = curator_client.post(
        f"/admin/measures/tag/{into.pk}/change/", {"name": "人才政策", "slug": "rencai-zhengce"}
    )
    assert response.status_code == 302
    assert TagAlias.objects.get(slug="rencai").tag.slug == "rencai-zhengce"

    act(curator_client, "/admin/measures/tag/", "merge_into", [source], apply=True, into=into.pk)
    record = TagMerge.objects.get()
    assert record.source_slug == "rencai-yinjin" and len(record.measure_ids) == 3 and record.merged_by == curator
    assert Tag.objects.get(pk=into.pk).measures.count() == 3


def test_category_preview_then_apply(curator_client: Client) -> None:
    finance = Category.objects.get(slug="finance")
    url = f"/admin/measures/category/{finance.pk}/preview/"
    lexicon = finance.lexicon + "\n招商引资"
    preview = curator_client.post(url, {"lexicon": lexicon, "preview": "1"}).content.decode()
    assert "将新增此类别" in preview or "gain" in preview
    assert Category.objects.get(slug="finance").lexicon == finance.lexicon, "preview saves nothing"
    bad = curator_client.post(url, {"lexicon": "资金 lots", "preview": "1"}).content.decode()
    assert "权重必须是数字" in bad
    assert curator_client.post(url, {"lexicon": lexicon, "apply": "1"}).status_code == 302
    assert Category.objects.get(slug="finance").lexicon == lexicon
    assert Measure.objects.in_category("finance").filter(text__contains="招商引资").exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/a.txt"])
def test_document_upload_refuses_a_source_url_that_is_not_a_web_page(curator_client: Client, url: str) -> None:
    region = Region.objects.get(slug="yanhu")
    count = Document.objects.count()
    page = curator_client.post(
        "/admin/measures/document/upload/",
        {"files": SimpleUploadedFile("a.txt", "设立专项资金。".encode()), "region": region.code, "source_url": url},
    )
    assert page.status_code == 200 and "http:// 或 https://" in page.content.decode()
    assert Document.objects.count() == count


def test_rerun_pipeline_action(curator_client: Client, curator) -> None:  # type: ignore[no-untyped-def]
    document = Document.objects.get(region__slug="yongjia")
    response = act(curator_client, "/admin/measures/document/", "rerun_pipeline", [document], apply=True)
    assert response.status_code == 302
    assert LogEntry.objects.filter(object_id=str(document.pk), change_message__contains="pipeline re-run").exists()


def test_quality_dashboard_renders(curator_client: Client) -> None:
    page = curator_client.get("/admin/measures/category/quality/").content.decode()
    assert "资金金融" in page and "精确率" in page
    assert "使用中的分类模型：v1" in page and "留出文档评估" in page, "the figures of the model in use are shown"


def test_the_quality_dashboard_and_the_category_filter_speak_the_curators_language(curator_client: Client) -> None:
    page = curator_client.get("/admin/measures/category/quality/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    rows = page[page.index("<tbody>") : page.index("</tbody>")]
    assert "<td>Finance</td>" in rows and "<td>Measure / context</td>" in rows
    assert "资金金融" not in rows and "措施/背景" not in rows
    listing = curator_client.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "?category=finance" in listing and ">Finance</a>" in listing


def change_form_data(
    client: Client, measure: Measure, *, is_measure: bool, reject: Label | None = None
) -> dict[str, object]:
    """What the sentence's change form posts as it stands, with the kind set and ``reject`` ticked as rejected."""
    page = client.get(f"{CHANGELIST}{measure.pk}/change/")
    data: dict[str, object] = {"tags": [], **({"is_measure": "on"} if is_measure else {})}
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for form in formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value is not None and value is not False:
                    data[form.add_prefix(name)] = value
            if reject is not None and form.instance.pk == reject.pk and isinstance(form.instance, Label):
                data[form.add_prefix("rejected")] = "on"
    return data


def test_rejecting_a_machine_label_on_the_sentence_page_simply_works(curator_client: Client, curator) -> None:  # type: ignore[no-untyped-def]
    label = Label.objects.filter(source=LabelSource.MACHINE, measure__is_measure=True).select_related("measure").first()
    measure = label.measure
    data = change_form_data(curator_client, measure, is_measure=True, reject=label)
    response = curator_client.post(f"{CHANGELIST}{measure.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    label.refresh_from_db()
    assert label.rejected and label.source == LabelSource.CURATOR and label.curator == curator


def test_a_kind_set_on_the_sentence_page_brings_the_machines_categories_as_the_bulk_action_does(
    curator_client: Client,
) -> None:
    land_story = Measure.objects.get(text__startswith="对中小企业尤其是小企业来说，想获得一块土地")
    assert not land_story.is_measure and not land_story.labels.exists()
    data = change_form_data(curator_client, land_story, is_measure=True)
    assert curator_client.post(f"{CHANGELIST}{land_story.pk}/change/", data).status_code == 302
    land_story.refresh_from_db()
    assert land_story.is_measure and land_story.kind_curated
    assert list(land_story.labels.values_list("category__slug", "source")) == [("land", LabelSource.MACHINE)]
    data = change_form_data(curator_client, land_story, is_measure=False)
    assert curator_client.post(f"{CHANGELIST}{land_story.pk}/change/", data).status_code == 302
    assert not land_story.labels.exists(), "made context: its machine categories go"


@pytest.mark.usefixtures("gazetteer")
def test_the_document_region_field_finds_any_unit_by_name_pinyin_or_former_name(curator_client: Client) -> None:
    document = Document.objects.first()
    page = curator_client.get(f"/admin/measures/document/{document.pk}/change/").content.decode()
    assert "admin-autocomplete" in page  # a search box, not a list of ~6,800 options
    search = "/admin/autocomplete/?app_label=measures&model_name=document&field_name=region&term="
    for term, name in [("长兴", "长兴县"), ("changxing", "长兴县"), ("襄樊", "襄阳市")]:
        results = curator_client.get(search + term).json()["results"]
        assert name in [r["text"] for r in results], term


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # session, user, the curator's permissions, filters' choices, counts, the page's rows
        ("/admin/measures/document/", 10),
        ("/admin/measures/tag/", 7),
        ("/admin/measures/tagalias/", 7),
        ("/admin/measures/tagmerge/", 7),
        ("/admin/measures/category/", 7),
        ("/admin/measures/region/", 7),
        ("/admin/measures/industry/", 7),
    ],
)
def test_other_changelists_query_count_does_not_grow_with_rows(  # type: ignore[no-untyped-def]
    curator_client: Client, curator, django_assert_num_queries, url: str, queries: int
) -> None:
    """Guards every other changelist against a query per row: each shows at least three rows with related objects."""
    tags = [TagFactory() for _ in range(8)]
    for tag in tags:
        tag.measures.add(*three_measures())
    for index in range(3):
        curation.rename_tag(tag=tags[index], name=f"改名{index}", slug=f"renamed-{index}", curator=curator)
        curation.merge_tags(source=tags[index + 4], into=tags[index], curator=curator)
    industries = [Industry.objects.create(name=f"产业{i}", slug=f"industry-{i}") for i in range(3)]
    for document in Document.objects.all():
        document.industries.add(*industries)
    curator_client.get(url)  # warm the session and content types
    with django_assert_num_queries(queries):
        page = curator_client.get(url)
    assert page.status_code == 200 and len(page.context["cl"].result_list) >= 3


def test_the_document_region_filter_includes_the_regions_below(curator_client: Client) -> None:
    page = curator_client.get("/admin/measures/document/?region=zhejiang")
    shown = {document.pk for document in page.context["cl"].result_list}
    assert shown == set(Document.objects.in_region(Region.objects.get(slug="zhejiang")).values_list("pk", flat=True))
    assert len(shown) == 2  # 温州市's own document and 永嘉县's, below it


def test_the_document_list_shows_dates_only_as_precisely_as_they_are_known(curator_client: Client) -> None:
    page = curator_client.get("/admin/measures/document/").content.decode()
    circa = Document.objects.filter(date_precision="circa").first()
    assert circa is not None and circa.date is not None
    assert f"约 {circa.date.year} 年" in page
    assert f"{circa.date.year}年1月1日" not in page


def test_a_sentence_page_reads_its_evidence_in_words_and_names_its_columns_in_chinese(curator_client: Client) -> None:
    measure = Measure.objects.measures().filter(labels__isnull=False).first()
    assert measure is not None
    page = curator_client.get(f"/admin/measures/measure/{measure.pk}/change/").content.decode()
    assert "支持措施：" + "、".join(measure.measure_reasons) in page
    assert '"+' not in page  # not the stored list of marked cues
    assert re.search(r'<th class="column-category[^"]*">类别\s', page)


def test_the_quality_page_names_categories_in_the_readers_language(curator_client: Client) -> None:
    page = curator_client.get("/admin/measures/category/quality/").content.decode()
    assert "<td>资金金融</td>" in page and "<td>finance</td>" not in page and "<td>措施/背景</td>" in page
    english = curator_client.get("/admin/measures/category/quality/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<td>Finance</td>" in english and "<td>Measure / context</td>" in english


def test_the_document_list_shows_the_newest_first_and_undated_documents_last(curator_client: Client) -> None:
    """The model's default order (the admin's document list): PostgreSQL would put NULL dates first."""
    undated = Document.objects.get(region__slug="yanhu")  # the only one with a full date: it would come first
    Document.objects.filter(pk=undated.pk).update(date=None)
    assert list(Document.objects.all())[-1] == undated
    page = curator_client.get("/admin/measures/document/").content.decode()
    titles = [document.title for document in Document.objects.all()]
    assert page.index(titles[0]) < page.index(undated.title)
