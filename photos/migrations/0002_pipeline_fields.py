import uuid

import photos.models
from django.db import migrations, models


def fill_keys(apps, schema_editor):
    Photo = apps.get_model("photos", "Photo")
    for photo in Photo.objects.filter(key__isnull=True).only("pk"):
        photo.key = uuid.uuid4().hex
        photo.save(update_fields=["key"])


class Migration(migrations.Migration):

    dependencies = [
        ('photos', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='photo',
            name='key',
            field=models.CharField(editable=False, max_length=32, null=True, verbose_name='文件标识'),
        ),
        migrations.RunPython(fill_keys, reverse_code=migrations.RunPython.noop),
        migrations.AlterField(
            model_name='photo',
            name='key',
            field=models.CharField(default=photos.models.new_key, editable=False, max_length=32, unique=True, verbose_name='文件标识'),
        ),
        migrations.AddField(
            model_name='photo',
            name='original_name',
            field=models.CharField(blank=True, editable=False, max_length=255, verbose_name='原文件名'),
        ),
        migrations.AddField(
            model_name='photo',
            name='renditions',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='缩略图'),
        ),
        migrations.AlterField(
            model_name='photo',
            name='image',
            field=models.ImageField(max_length=200, upload_to=photos.models.photo_upload_to, verbose_name='图片'),
        ),
        migrations.AlterField(
            model_name='photo',
            name='taken_at',
            field=models.DateTimeField(blank=True, help_text='上传时从照片的 EXIF 信息读取。', null=True, verbose_name='拍摄时间'),
        ),
    ]
