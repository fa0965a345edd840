"""The environment parsers of tambonplan.config: bad values fail loudly, at start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from tambonplan import config


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), (" Yes ", True), ("on", True), ("0", False), ("off", False)]
)
def test_env_bool_reads_the_usual_words(monkeypatch, raw, expected):
    monkeypatch.setenv("TP_FLAG", raw)
    assert config.env_bool("TP_FLAG", not expected) is expected


def test_env_bool_default_when_unset(monkeypatch):
    monkeypatch.delenv("TP_FLAG", raising=False)
    assert config.env_bool("TP_FLAG", True) is True


def test_env_bool_rejects_maybe(monkeypatch):
    monkeypatch.setenv("TP_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="TP_FLAG='maybe' is not a boolean"):
        config.env_bool("TP_FLAG", False)


def test_env_int(monkeypatch):
    monkeypatch.setenv("TP_NUMBER", "25")
    assert config.env_int("TP_NUMBER", 1) == 25
    monkeypatch.setenv("TP_NUMBER", " ")
    assert config.env_int("TP_NUMBER", 1) == 1


def test_env_int_rejects_x(monkeypatch):
    monkeypatch.setenv("TP_NUMBER", "x")
    with pytest.raises(ImproperlyConfigured, match="TP_NUMBER='x' is not an integer"):
        config.env_int("TP_NUMBER", 1)


def test_env_int_within_bounds_or_refused_with_the_hint(monkeypatch):
    monkeypatch.setenv("TP_YEAR", "2571")
    assert config.env_int("TP_YEAR", 2566, bounds=(2500, 2700)) == 2571
    monkeypatch.setenv("TP_YEAR", "2023")
    with pytest.raises(ImproperlyConfigured, match=r"TP_YEAR='2023' is out of range: .*2500 to 2700 \(BE\)"):
        config.env_int("TP_YEAR", 2566, bounds=(2500, 2700), hint=" (BE)")


def test_env_list(monkeypatch):
    monkeypatch.setenv("TP_HOSTS", " a.example, b.example ,,")
    assert config.env_list("TP_HOSTS", []) == ["a.example", "b.example"]


def test_database_config_parses_a_postgres_url(monkeypatch, tmp_path):
    monkeypatch.setenv("TP_DATABASE_URL", "postgres://plan:s3cret@db.example:5433/tambonplan")

    database = config.database_config("TP_DATABASE_URL", tmp_path / "db.sqlite3")

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("tambonplan", "plan", "s3cret")
    assert (database["HOST"], database["PORT"]) == ("db.example", 5433)


def test_database_config_defaults_to_sqlite(monkeypatch, tmp_path):
    monkeypatch.delenv("TP_DATABASE_URL", raising=False)

    database = config.database_config("TP_DATABASE_URL", tmp_path / "db.sqlite3")

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / "db.sqlite3")


def test_database_config_rejects_an_unknown_scheme(monkeypatch, tmp_path):
    monkeypatch.setenv("TP_DATABASE_URL", "nosuchdb://x/y")
    with pytest.raises(ImproperlyConfigured, match="TP_DATABASE_URL"):
        config.database_config("TP_DATABASE_URL", tmp_path / "db.sqlite3")


def test_secret_key_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TP_SECRET_KEY", "from-env")
    assert config.secret_key("TP_SECRET_KEY", debug=False, key_file=tmp_path / "key.txt") == "from-env"
    assert not (tmp_path / "key.txt").exists()


def test_secret_key_is_required_when_debug_is_off(monkeypatch, tmp_path):
    monkeypatch.delenv("TP_SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="TP_SECRET_KEY must be set"):
        config.secret_key("TP_SECRET_KEY", debug=False, key_file=tmp_path / "key.txt")
    assert not (tmp_path / "key.txt").exists()


def test_secret_key_is_generated_once_and_kept_in_development(monkeypatch, tmp_path):
    monkeypatch.delenv("TP_SECRET_KEY", raising=False)
    key_file = tmp_path / "data" / "secret_key.txt"

    first = config.secret_key("TP_SECRET_KEY", debug=True, key_file=key_file)
    second = config.secret_key("TP_SECRET_KEY", debug=True, key_file=key_file)

    assert len(first) >= 50
    assert second == first
    assert key_file.read_text(encoding="utf-8") == first
    assert key_file.stat().st_mode & 0o777 == 0o600
