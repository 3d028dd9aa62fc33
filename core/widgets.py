"""The rich-text editor as staff see it: CKEditor 5 (django-ckeditor-5) with the public
page's heading and paragraph styles inside the editing area (css/admin-editor.css) and a
Chinese character count (字数) under it (js/admin-editor.js)."""

from django_ckeditor_5.widgets import CKEditor5Widget


class RichTextWidget(CKEditor5Widget):
    class Media:
        css = {"all": ["css/admin-editor.css"]}
        js = ["js/admin-editor.js"]
