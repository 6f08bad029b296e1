"""Project-wide pytest set-up: live-server browser tests run Playwright's sync API inside an
event loop, which Django refuses unless told it is safe here."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
