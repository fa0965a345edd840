"""bench_run on a small generated dataset: every page and job is measured next to a floor and reported."""

from io import StringIO

import pytest
from django.core.management import call_command

from tambonplan.bench.load import Tally, summary
from tambonplan.bench.run import results_markdown, run

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_every_benchmark_runs_and_is_reported(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    call_command("bench_generate", provinces="34", projects_per_plan=2, stdout=StringIO())
    lines = []
    results = run(repeat=1, import_rows=30, write=lines.append)

    names = [r.name for r in results]
    assert len(results) == 20 and len(lines) == 20
    assert any(name.startswith("National overview") for name in names)
    assert sum(name.startswith("Home of") for name in names) == 3
    assert any(name.startswith("Import of 30 projects") for name in names)
    for result in results:
        assert result.times_ms and result.floor_ms and result.floor > 0
        assert result.median > 0
    export = next(r for r in results if r.kind == "export")
    assert export.peak_mb is not None and export.met
    assert all(r.queries > 0 for r in results if r.kind == "page")
    maps = [r for r in results if r.kind == "map"]
    assert [r.name.split(" (")[0] for r in maps] == [
        "Map: the nation by province",
        "Map: a province by tambon",
    ]
    assert all(r.size_kb and r.size_kb < 300 for r in maps)

    markdown = results_markdown(results, load=["- errors: 0"])
    assert markdown.count("\n| ") == 1 + 20
    assert "## Load" in markdown and "Machine:" in markdown


def test_the_load_summary_reports_percentiles_and_errors():
    tally = Tally()
    for ms in range(1, 101):
        tally.add(float(ms), write=ms % 5 == 0, error="GET /x -> 500" if ms == 100 else None)
    lines = summary(tally, users=10, elapsed=10.0, workers=2, threads=2, write=lambda _line: None)
    assert "100 (80 reads, 20 project updates, 20% writes); throughput 10.0 req/s" in lines[1]
    assert "p50 50 ms, p95 95 ms, p99 99 ms" in lines[2]
    assert lines[3] == "- errors: 1 (first: GET /x -> 500)"
