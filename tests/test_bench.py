"""The benchmark command runs end to end on a tiny journal (times are not asserted)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from journal.bench import Measurement, Page, percentile, table
from journal.management.commands.bench import BENCH_EMAIL
from journal.models import Event

ROWS = (
    "floor (one query)",
    "/ (home)",
    "/log/",
    "/nights/",
    "/patterns/ (week)",
    "/patterns/?weeks=12",
    "/report/ 4 weeks",
    "/report/ 12 weeks",
    "/api/summary 1 year",
    "/api/summary 10 years",
    "/report.pdf 4 weeks",
    "/report.pdf 12 weeks",
    "/report.pdf 1 year",
    "/report.pdf 12 weeks, demo density",
)


def bench(*args):
    out = StringIO()
    call_command("bench", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_prints_a_row_for_every_page_and_the_floor():
    output = bench("--nights", "10", "--runs", "1")

    lines = output.splitlines()
    assert any(line.startswith("| page") and "× floor" in line for line in lines)
    for label in ROWS:
        row = next(line for line in lines if line.startswith(f"| {label} "))
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        median_ms, p95_ms, queries, ratio = cells[1:]
        assert float(median_ms) > 0
        assert float(p95_ms) >= float(median_ms)
        assert int(queries) >= 1
        assert float(ratio) > 0
    floor_row = next(line for line in lines if line.startswith("| floor"))
    assert floor_row.rstrip().endswith("1.0 |")
    assert "Settings: DEBUG off, cached template loader" in output


@pytest.mark.django_db
def test_it_keeps_its_seeded_journals_when_asked():
    bench("--nights", "3", "--runs", "1", "--no-pdf")
    first = User.objects.get(email=BENCH_EMAIL)
    output = bench("--nights", "3", "--runs", "1", "--keep", "--no-pdf")

    assert User.objects.get(email=BENCH_EMAIL).pk == first.pk
    assert f"Kept {BENCH_EMAIL}" in output


@pytest.mark.django_db
def test_it_replaces_its_previous_bench_account():
    bench("--nights", "3", "--runs", "1", "--no-pdf")
    first = User.objects.get(email=BENCH_EMAIL)
    bench("--nights", "3", "--runs", "1", "--seed", "2", "--no-pdf")

    second = User.objects.get(email=BENCH_EMAIL)
    assert second.pk != first.pk
    assert not Event.objects.for_user(first).exists()


@pytest.mark.django_db
def test_it_refuses_a_database_with_other_accounts(user):
    with pytest.raises(CommandError, match="other account"):
        bench("--nights", "3", "--runs", "1", "--no-pdf")

    assert not User.objects.filter(email=BENCH_EMAIL).exists()


@pytest.mark.django_db
def test_it_runs_beside_other_accounts_when_forced(user):
    output = bench("--nights", "3", "--runs", "1", "--force", "--no-pdf")

    assert "| floor (one query)" in output
    assert User.objects.filter(pk=user.pk).exists()


def test_percentile_is_the_nearest_rank():
    samples = [float(n) for n in range(1, 21)]

    assert percentile(samples, 0.95) == 19.0
    assert percentile(samples, 0.5) == 10.0
    assert percentile([4.0], 0.95) == 4.0


def test_table_shows_each_page_as_a_multiple_of_the_floor():
    floor = Measurement(Page("floor", "/f/"), [2.0, 2.0], 3)
    page = Measurement(Page("/x/", "/x/"), [10.0, 14.0], 5)

    text = table([floor, page])

    assert "| /x/   |      12.0 |   14.0 |       5 |     6.0 |" in text
