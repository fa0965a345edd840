from django.apps import AppConfig


class BenchConfig(AppConfig):
    """National-scale data generator, benchmarks against their floors (management commands only)."""

    name = "tambonplan.bench"
    label = "bench"
    verbose_name = "Benchmarks"
