"""Two people edit the same report: the second save is refused and nothing is lost."""

import pytest
from django.utils import timezone

from articles.models import Article
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory, CreditFactory

from .conftest import article_url, client_for

pytestmark = pytest.mark.django_db


def open_form(client, article):
    response = client.get(article_url("change", article.pk))
    assert response.status_code == 200
    token = response.context["edit_token"]
    assert f'name="_edit_token" value="{token}"' in response.content.decode()
    return response, token


def test_second_save_is_refused_and_names_who_saved_in_between(editor, second_editor):
    article = ArticleFactory(headline="原标题", body="<p>原来的正文。</p>")
    CreditFactory(article=article, name="黄梦灵")
    alice, bob = client_for(editor), client_for(second_editor)

    form_a, token_a = open_form(alice, article)
    form_b, token_b = open_form(bob, article)
    assert token_a == token_b

    saved = alice.post(
        article_url("change", article.pk),
        admin_form_data(
            form_a, headline="甲改的标题", body="<p>甲写的正文。</p>", _edit_token=token_a
        ),
    )
    assert saved.status_code == 302

    refused = bob.post(
        article_url("change", article.pk),
        admin_form_data(
            form_b, headline="乙改的标题", body="<p>乙写的一大段正文。</p>", _edit_token=token_b
        ),
    )
    assert refused.status_code == 200  # the form again, not a redirect
    page = refused.content.decode()
    assert "保存未成功" in page
    assert "之后，editor已于" in page  # who saved in between
    # Bob's own text is still in the form, so nothing he typed is lost ...
    assert "乙改的标题" in page
    assert "乙写的一大段正文" in page
    # ... and Alice's save stands.
    article.refresh_from_db()
    assert article.headline == "甲改的标题"
    assert "甲写的正文" in article.body
    assert article.credits.get().name == "黄梦灵"

    # The form now carries the current version: saving again is a deliberate overwrite.
    new_token = refused.context["edit_token"]
    assert new_token != token_b
    assert f'value="{new_token}"' in page
    again = bob.post(
        article_url("change", article.pk),
        admin_form_data(refused, headline="乙改的标题", _edit_token=new_token),
    )
    assert again.status_code == 302
    article.refresh_from_db()
    assert article.headline == "乙改的标题"


def test_same_person_saving_twice_in_a_row_is_not_a_conflict(editor):
    article = ArticleFactory(headline="一稿")
    client = client_for(editor)
    form, token = open_form(client, article)
    data = admin_form_data(form, headline="二稿", _edit_token=token, _continue="1")
    response = client.post(article_url("change", article.pk), data)
    assert response.status_code == 302
    form, token2 = open_form(client, article)
    assert token2 != token
    response = client.post(
        article_url("change", article.pk),
        admin_form_data(form, headline="三稿", _edit_token=token2),
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "三稿"


def test_reporter_and_editor_on_the_same_draft(reporter, editor):
    draft = ArticleFactory(headline="记者草稿", status=Article.Status.DRAFT, author=reporter)
    mine, desk = client_for(reporter), client_for(editor)
    form_r, token_r = open_form(mine, draft)
    form_e, token_e = open_form(desk, draft)
    assert (
        desk.post(
            article_url("change", draft.pk),
            admin_form_data(form_e, headline="编辑改过的标题", _edit_token=token_e),
        ).status_code
        == 302
    )
    refused = mine.post(
        article_url("change", draft.pk),
        admin_form_data(form_r, headline="记者的新标题", _edit_token=token_r),
    )
    assert "保存未成功" in refused.content.decode()
    assert "记者的新标题" in refused.content.decode()
    assert Article.objects.get(pk=draft.pk).headline == "编辑改过的标题"


def test_a_save_from_outside_the_admin_is_also_detected(editor):
    article = ArticleFactory(headline="后台打开的标题")
    client = client_for(editor)
    form, token = open_form(client, article)
    Article.objects.filter(pk=article.pk).update(headline="脚本改的标题", updated_at=timezone.now())
    refused = client.post(
        article_url("change", article.pk),
        admin_form_data(form, headline="编辑的标题", _edit_token=token),
    )
    assert "保存未成功" in refused.content.decode()
    assert "其他同事已于" in refused.content.decode()
    assert Article.objects.get(pk=article.pk).headline == "脚本改的标题"
