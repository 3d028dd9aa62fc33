"""Declared extension points of the photo library.

The library does not know the apps that place its photos (articles: cover, gallery, body;
profiles: portraits). Those apps declare, in their ``AppConfig.ready()``:

- :func:`register_usage`: ``(photo) -> list[str]``, where the public site shows the photo,
  in Chinese ("已发布文章《…》的封面图"). A photo with any such use can't be deleted.
- :func:`register_placeable`: ``(user) -> Q`` over ``Photo``, photos a reporter may place
  beyond the ones they uploaded (e.g. those an editor already placed on their own draft).
"""

from collections.abc import Callable

_usages: list[Callable] = []
_placeable: list[Callable] = []


def register_usage(function: Callable) -> None:
    if function not in _usages:
        _usages.append(function)


def register_placeable(function: Callable) -> None:
    if function not in _placeable:
        _placeable.append(function)


def usages(photo) -> list[str]:
    return [use for function in _usages for use in function(photo)]


def placeable_conditions(user) -> list:
    return [function(user) for function in _placeable]
