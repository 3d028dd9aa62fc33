from collections.abc import Callable

from django_ckeditor_5.fields import CKEditor5Field

from .html import sanitize_html
from .widgets import RichTextWidget

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
    imports, fixtures and the shell; so do the registered enrichers.
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
