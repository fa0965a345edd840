"""Builders for village-data tests: CSV files of results and results imported through the service."""

import csv
import io

from tambonplan.villagedata import services

JPT_HEADER = ["รหัสหมู่บ้าน", "ปี", "รหัสตัวชี้วัด", "ผ่าน", "สำรวจ"]
KCH2K_HEADER = ["รหัสหมู่บ้าน", "ปี", "รหัสตัวชี้วัด", "ระดับ"]


def csv_bytes(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def jpt_file(*rows) -> bytes:
    """A จปฐ. file: rows (village code, year, indicator, passed, surveyed) under the Thai headers."""
    return csv_bytes([JPT_HEADER, *[list(row) for row in rows]])


def kch2k_file(*rows) -> bytes:
    """A กชช.2ค file: rows (village code, year, item, level) under the Thai headers."""
    return csv_bytes([KCH2K_HEADER, *[list(row) for row in rows]])


def add_jpt(*rows):
    """Results imported from the command line (no user): rows (village code, year, indicator, passed, surveyed)."""
    return services.results_import(user=None, survey="jpt", upload=jpt_file(*rows))


def add_kch2k(*rows):
    return services.results_import(user=None, survey="kch2k", upload=kch2k_file(*rows))
