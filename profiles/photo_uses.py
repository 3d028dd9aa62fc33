"""What the photo library asks of profiles (``photos.hooks``): published portraits."""

from .models import Profile


def published_portrait_uses(photo) -> list[str]:
    return [
        f"已发布人物档案《{profile.name}》的肖像"
        for profile in Profile.objects.published().filter(portrait=photo).only("name")
    ]
