from django import forms

from .models import HEADLINE_MAX_LENGTH, Article, Credit


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "kicker", "headline", "subheadline", "summary", "body", "section", "series",
            "source", "cover", "is_headline", "published_at",
        ]  # fmt: skip
        error_messages = {
            "headline": {
                "required": "请填写标题。",
                "max_length": f"标题最多 {HEADLINE_MAX_LENGTH} 个字(现在有 %(show_value)d 个字)。",
            },
            "section": {"required": "请选择栏目。", "invalid_choice": "所选栏目不存在。"},
            "published_at": {"invalid": "请输入有效的日期和时间，如 2020-06-17 08:30。"},
        }


class CreditForm(forms.ModelForm):
    class Meta:
        model = Credit
        fields = ["role", "outlet", "title", "name", "order"]
        error_messages = {"name": {"required": "每条署名都要填写姓名。"}}
