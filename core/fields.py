"""Model fields that carry the site's text policy (``core/text.py``; README, "Text policy").

Use them for every text field a person types into:

- :class:`SingleLineTextField` (a ``CharField``): headlines, names, captions, credits, units.
  Refuses control characters, tabs and line breaks.
- :class:`MultiLineTextField` (a ``TextField``): summaries, details, notes, quotes. Keeps
  line breaks and tabs; refuses other control characters.
- :class:`SanitizedRichTextField`: CKEditor 5 HTML, cleaned by the sanitizer on every save.

Both plain-text fields refuse a value made only of spaces (rather than storing it empty
without a word), and take every ``CharField``/``TextField`` argument (``max_length``,
``blank``, ``validators``, ``help_text``…). Their form fields (:class:`SingleLineFormField`,
:class:`MultiLineFormField`) check the same rules with Chinese messages, so the admin and
every ``ModelForm`` get them for free; ``pre_save`` checks again, so a service, an import or
the shell cannot store what a form would refuse (it raises ``ValidationError``). Changing a
field to one of these classes only needs an ``AlterField`` migration.

    from core.fields import MultiLineTextField, SingleLineTextField

    class Notice(models.Model):
        title = SingleLineTextField("标题", max_length=80)
        body = MultiLineTextField("内容", blank=True)
"""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django_ckeditor_5.fields import CKEditor5Field

from .html import sanitize_html
from .text import CONTROL_RE, LINE_BREAK_RE, describe, is_blank
from .widgets import RichTextWidget

ONLY_SPACES = "只填了空格，请填写内容，或者把这一栏清空。"


def refuse_control_characters(value: str) -> None:
    match = CONTROL_RE.search(value)
    if match:
        raise ValidationError(
            "第 %(position)s 个字符是看不见的控制字符(%(char)s)，常随从 Word、网页或终端"
            "复制的文字带进来，请删除后再保存（可先粘贴到记事本再复制）。",
            code="control_character",
            params={"position": match.start() + 1, "char": describe(match.group())},
        )


@deconstructible
class PlainTextValidator:
    """The text policy for plain text: no control characters, no value of only spaces, and
    for a single line no tabs or line breaks."""

    def __init__(self, single_line: bool = True):
        self.single_line = single_line

    def __call__(self, value):
        if not isinstance(value, str) or not value:
            return
        if is_blank(value):
            raise ValidationError(ONLY_SPACES, code="only_spaces")
        if self.single_line:
            if LINE_BREAK_RE.search(value):
                raise ValidationError("只能填写一行文字，请删除其中的换行。", code="line_break")
            if "\t" in value:
                raise ValidationError("不能含有制表符(Tab)，请换成空格。", code="tab")
        refuse_control_characters(value)

    def __eq__(self, other):
        return isinstance(other, PlainTextValidator) and other.single_line == self.single_line


single_line_validator = PlainTextValidator(single_line=True)
multi_line_validator = PlainTextValidator(single_line=False)


class _PlainTextFormMixin:
    policy = single_line_validator

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.policy not in self.validators:
            self.validators.append(self.policy)

    def to_python(self, value):
        # Django strips spaces before validating: a value of only spaces would vanish, and
        # control characters that Python counts as spaces (U+001C–U+001F, U+0085) would be
        # removed from the ends without a word. Judge the value as typed.
        if isinstance(value, str) and value:
            if is_blank(value):
                raise ValidationError(ONLY_SPACES, code="only_spaces")
            refuse_control_characters(value)
        return super().to_python(value)


class SingleLineFormField(_PlainTextFormMixin, forms.CharField):
    """A one-line text input with the text policy (use it in hand-written forms)."""

    policy = single_line_validator


class MultiLineFormField(_PlainTextFormMixin, forms.CharField):
    """A textarea with the text policy (use it in hand-written forms)."""

    policy = multi_line_validator
    widget = forms.Textarea


class _PlainTextModelMixin:
    policy = single_line_validator
    form_class = SingleLineFormField

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": self.form_class, **kwargs})

    def pre_save(self, model_instance, add):
        # The last line of defence for writes that skip forms (services, imports, shell).
        value = super().pre_save(model_instance, add)
        try:
            self.policy(value)
        except ValidationError as exc:
            raise ValidationError({self.attname: exc.messages}) from exc
        return value


class SingleLineTextField(_PlainTextModelMixin, models.CharField):
    """One line of plain text (headline, name, caption): see the module's docstring."""

    policy = single_line_validator
    default_validators = [single_line_validator]
    form_class = SingleLineFormField


class MultiLineTextField(_PlainTextModelMixin, models.TextField):
    """Plain text with line breaks (summary, details, notes): see the module's docstring."""

    policy = multi_line_validator
    default_validators = [multi_line_validator]
    form_class = MultiLineFormField


# Functions that rework rich text after it is sanitized, on every save (declared by the
# apps that need them, e.g. photos turns library images into responsive <picture>s).
_enrichers: list[Callable[[str], str]] = []


def register_rich_text_enricher(function: Callable[[str], str]) -> None:
    """Run ``function(html) -> html`` on every rich-text value saved. Its output is
    sanitized again, so an enricher can never let through what the sanitizer refuses."""
    if function not in _enrichers:
        _enrichers.append(function)


class SanitizedRichTextField(CKEditor5Field):
    """A CKEditor 5 field whose value is sanitized with nh3 whenever it is saved.

    Sanitizing in ``pre_save`` covers every path that writes the row: the admin, services,
    imports, fixtures and the shell; so do the registered enrichers. The sanitizer also
    removes control characters (text policy).
    """

    def formfield(self, **kwargs):
        return super().formfield(
            **{"widget": RichTextWidget(config_name=self.config_name), **kwargs}
        )

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        if _enrichers and value:
            for enrich in _enrichers:
                value = enrich(value)
            value = sanitize_html(value)
        setattr(model_instance, self.attname, value)
        return value
