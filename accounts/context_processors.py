from django.utils import timezone

# Under "auto", pages are dark from 19:00 to 08:00 local time (and whenever the phone asks for
# dark), so nobody is met by a white screen when they log something at night.
DAY_STARTS, NIGHT_STARTS = 8, 19


def preferences(request):
    """Theme, clock and temperature unit for every template."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        theme, clock, unit = user.theme, user.clock, user.temperature_unit
    else:
        theme, clock, unit = "auto", "24", "C"
    if theme == "auto":
        hour = timezone.localtime().hour
        page_theme = "light" if DAY_STARTS <= hour < NIGHT_STARTS else "dark"
    else:
        page_theme = theme
    return {
        "theme_setting": theme,
        "page_theme": page_theme,
        "clock": clock,
        "temperature_unit": unit,
    }
