from django_ckeditor_5.fields import CKEditor5Field

from .html import sanitize_html


class SanitizedRichTextField(CKEditor5Field):
    """A CKEditor 5 field whose value is sanitized with nh3 whenever it is saved.

    Sanitizing in ``pre_save`` covers every path that writes the row: the admin, services,
    fixtures and the shell.
    """

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
