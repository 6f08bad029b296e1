# Each block belongs to one feature; keep additions inside the block they belong to.
urlpatterns = [
    # --- home, logging on waking, events, manifest (journal/views/entries.py) ---
    # --- nights timeline, diary, partner reports, check-ins (journal/views/nights.py) ---
    # --- weekly patterns, how-it-works, summary API (journal/views/patterns.py) ---
    # --- report, share links, export/import (journal/views/report.py, journal/views/data.py) ---
]
