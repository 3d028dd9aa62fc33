"""Keep private data out of profiles: no phone numbers or ID numbers in any text field."""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from core.html import html_to_text

# Mainland mobile numbers (13x–19x, 11 digits, spaces or hyphens allowed between groups),
# landlines with an area code (0757-8xxxxxxx) and 18-character resident ID numbers.
PRIVATE_NUMBER_PATTERNS = [
    re.compile(r"(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)"),
    re.compile(r"(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)"),
    re.compile(r"(?<!\d)\d{17}[\dXx](?![\dA-Za-z])"),
]


def contains_private_number(text: str) -> bool:
    return any(pattern.search(text or "") for pattern in PRIVATE_NUMBER_PATTERNS)


@deconstructible
class NoPrivateNumbers:
    """Reject text that looks like a phone number or an ID number."""

    message = "人物档案不能包含电话号码或身份证号码等个人隐私信息，请删除后再保存。"
    code = "private_number"

    def __init__(self, rich_text: bool = False):
        self.rich_text = rich_text

    def __call__(self, value):
        text = html_to_text(value) if self.rich_text else value
        if contains_private_number(text):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, NoPrivateNumbers) and other.rich_text == self.rich_text


no_private_numbers = NoPrivateNumbers()
no_private_numbers_html = NoPrivateNumbers(rich_text=True)
