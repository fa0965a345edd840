#!/usr/bin/env bash
# Set everything up and serve TambonPlan on SQLite with demo data at http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_env.sh
ensure_venv
python manage.py migrate --noinput
python manage.py seed_demo
echo "TambonPlan: http://${HOST:-127.0.0.1}:${PORT:-8000} (demo logins above; Ctrl+C to stop)"
echo "API docs: http://${HOST:-127.0.0.1}:${PORT:-8000}/api/v1/docs · open data: http://${HOST:-127.0.0.1}:${PORT:-8000}/open-data/"
exec python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
