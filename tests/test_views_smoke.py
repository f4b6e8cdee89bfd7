import re

import pytest

pytestmark = pytest.mark.django_db


def test_home_lists_the_five_seed_documents(seed_data: None, reader) -> None:  # type: ignore[no-untyped-def]
    response = reader.get("/")
    assert response.status_code == 200
    assert len(set(re.findall(r'href="/documents/(\d+)/"', response.content.decode()))) == 5


def test_admin_shows_documents_sentences_and_labels(seed_data: None, admin_client) -> None:  # type: ignore[no-untyped-def]
    documents = admin_client.get("/admin/measures/document/").content.decode()
    assert "盐湖区加快推进盐湖水泵专业镇平台建设" in documents and "大洼县" in documents
    sentences = admin_client.get("/admin/measures/measure/?document__id__exact=1").content.decode()
    assert "设立泵阀产业专项资金" in sentences and "资金金融" in sentences


def test_anonymous_readers_are_sent_to_the_admin_login(seed_data: None, reader) -> None:  # type: ignore[no-untyped-def]
    response = reader.get("/admin/measures/measure/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
