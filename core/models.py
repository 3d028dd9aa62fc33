# The app has no models; this module lets Django send it post_migrate (role sync).
