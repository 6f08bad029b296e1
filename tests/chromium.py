"""Which Chromium the browser tests drive: Debian's at /usr/bin/chromium, else Playwright's own
(installed into the virtualenv by `make test`, or into the user's cache by hand).

`python -m tests.chromium` prints the one it finds, or the line saying what to install and exits 1.
"""

import os
import sys
from contextlib import contextmanager
from functools import cache
from pathlib import Path

# For the phone-sized browser tests (page.evaluate): anything wider than the screen — <body>'s
# scroll width (nightjar.css hides overflow-x on <html>) and any element whose right edge is past
# the viewport (which overflow-x would clip).
OVERFLOW = """() => {
  const width = window.innerWidth;
  const clipped = [...document.querySelectorAll("main *")]
    .filter((el) => {
      const box = el.getBoundingClientRect();
      return box.width > 1 && box.right > width + 1;
    })
    .map((el) => el.tagName + "." + el.className);
  return {scroll: document.body.scrollWidth - width, clipped};
}"""

DEBIAN = Path("/usr/bin/chromium")
MISSING = (
    "The browser tests need Chromium: install Debian's (apt-get install chromium) or Playwright's "
    "(.venv/bin/playwright install chromium), or leave them out with -m 'not browser'."
)


@contextmanager
def _browsers_path(value):
    """Point Playwright at a browsers folder ("0": inside its own package) for a moment."""
    saved = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if value is None:
        os.environ.pop("PLAYWRIGHT_BROWSERS_PATH", None)
    else:
        os.environ["PLAYWRIGHT_BROWSERS_PATH"] = value
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("PLAYWRIGHT_BROWSERS_PATH", None)
        else:
            os.environ["PLAYWRIGHT_BROWSERS_PATH"] = saved


def playwright_chromium() -> str | None:
    """Playwright's own Chromium, if installed: in the virtualenv first, then the user's cache."""
    from playwright.sync_api import sync_playwright

    for folder in ("0", os.environ.get("PLAYWRIGHT_BROWSERS_PATH")):
        with _browsers_path(folder), sync_playwright() as playwright:
            path = Path(playwright.chromium.executable_path)
        if path.is_file():
            return str(path)
    return None


@cache
def executable() -> str | None:
    if DEBIAN.is_file():
        return str(DEBIAN)
    return playwright_chromium()


if __name__ == "__main__":
    found = executable()
    print(found or MISSING)
    sys.exit(0 if found else 1)
