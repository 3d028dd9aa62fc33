"""One folder layout for a photo's files: the model, the service and the body enricher agree."""

import pytest

from photos.layout import key_of, photo_folder, photo_keys
from photos.models import Photo, photo_upload_to

pytestmark = pytest.mark.django_db


def test_every_file_of_a_photo_is_in_its_key_folder_and_found_by_key(make_photo):
    photo = make_photo(size=(2000, 1000))
    folder = photo_folder(photo.key, photo.uploaded_at)
    names = photo.file_names()
    assert len(names) == 1 + 2 * len(photo.renditions)
    assert all(name.startswith(folder) for name in names)
    assert photo_keys(" ".join(names)) == {photo.key}
    assert key_of(photo.src) == photo.key
    assert key_of(photo.srcset_webp.split(" ")[0]) == photo.key


def test_upload_to_uses_the_same_folder():
    photo = Photo(key="0" * 32)
    assert photo_upload_to(photo, "IMG_0001.JPG") == photo_folder("0" * 32) + "original.jpg"


def test_names_outside_the_layout_have_no_key():
    assert key_of("/media/other/2026/11/" + "a" * 32 + "/x.jpg") is None
    assert photo_keys("photos/2026/11/not-a-key/w480.jpg") == set()
