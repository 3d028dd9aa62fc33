import django.db.models.deletion
from django.db import migrations, models

import search.models

POSTGRES_SQL = [
    # The bigram tsvectors: one GIN index each. fastupdate off: each save writes its
    # entries straight into the index, so no query ever scans a long pending list.
    "CREATE INDEX search_doc_tsv_gin ON search_searchdocument USING gin (tsv)"
    " WITH (fastupdate = off)",
    "CREATE INDEX search_doc_title_tsv_gin ON search_searchdocument USING gin (title_tsv)"
    " WITH (fastupdate = off)",
    # lz4 decompresses the large body tsvectors faster than the default pglz.
    "ALTER TABLE search_searchdocument ALTER COLUMN tsv SET COMPRESSION lz4",
    "ALTER TABLE search_searchdocument ALTER COLUMN body SET COMPRESSION lz4",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_doc_tsv_gin",
    "DROP INDEX IF EXISTS search_doc_title_tsv_gin",
]


def create_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_SQL:
            schema_editor.execute(sql)


def drop_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_REVERSE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("article", "新闻"), ("profile", "人物"), ("plan", "工作计划"), ("task", "工作任务")], max_length=16, verbose_name="类型")),
                ("object_id", models.BigIntegerField(verbose_name="对象编号")),
                ("title", models.CharField(max_length=300, verbose_name="标题")),
                ("subtitle", models.CharField(blank=True, help_text="引题、副题或职务;与标题同样优先。", max_length=500, verbose_name="副标题")),
                ("body", models.TextField(blank=True, verbose_name="正文(纯文本)")),
                ("url", models.CharField(blank=True, max_length=300, verbose_name="网址")),
                ("year", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="年份")),
                ("published_at", models.DateTimeField(blank=True, null=True, verbose_name="发布时间")),
                ("is_public", models.BooleanField(default=False, verbose_name="公开")),
                ("title_tsv", search.models.TokenVectorField(editable=False, null=True)),
                ("tsv", search.models.TokenVectorField(editable=False, null=True)),
                ("indexed_at", models.DateTimeField(auto_now=True, verbose_name="索引时间")),
                ("section", models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="articles.section", verbose_name="栏目")),
            ],
            options={
                "verbose_name": "搜索索引",
                "verbose_name_plural": "搜索索引",
                "ordering": ["-published_at", "-pk"],
                "indexes": [models.Index(condition=models.Q(("is_public", True)), fields=["-published_at", "-id"], name="search_doc_live_idx")],
                "constraints": [models.UniqueConstraint(fields=("kind", "object_id"), name="search_doc_kind_object")],
            },
        ),
        migrations.RunPython(create_postgres_indexes, drop_postgres_indexes),
    ]
