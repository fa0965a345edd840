"""``manage.py line_stub [--port 8765] [--output pushes.jsonl] [--fail N]``: a stand-in for LINE's Messaging
API on loopback, for demos and staging. Set ``LINE_API_BASE_URL=http://127.0.0.1:<port>`` (and any
``LINE_CHANNEL_ACCESS_TOKEN``) for the site and its worker; every push and reply is recorded as one JSON line
(to the file, or printed) instead of being sent."""

import json
import sys

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tambonplan.core.commands import AuditedCommand
from tambonplan.notifications.line_stub import LineStub, is_loopback


class Command(AuditedCommand):
    help = gettext_lazy("จำลอง LINE Messaging API บนเครื่องนี้ (loopback) และบันทึกข้อความที่จะส่ง สำหรับสาธิตและทดสอบ")

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="loopback only: 127.0.0.1, ::1 or localhost")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument(
            "--output", help="append each request as a JSON line to this file (default: print)"
        )
        parser.add_argument("--fail", type=int, default=0, help="answer 500 to the first N requests")

    def handle(self, *args, host, port, output, fail, **options):
        if not is_loopback(host):
            raise CommandError(f"line_stub listens on loopback only, not {host!r}")
        out = open(output, "a", encoding="utf-8") if output else None  # noqa: SIM115 - open while serving

        def record(entry: dict) -> None:
            line = json.dumps({"at": timezone.now().isoformat(), **entry}, ensure_ascii=False)
            target = out or sys.stdout
            target.write(line + "\n")
            target.flush()

        try:
            stub = LineStub(host=host, port=port, record=record)
        except OSError as error:
            raise CommandError(f"cannot listen on {host}:{port}: {error}") from error
        stub.statuses = [500] * fail
        self.stdout.write(f"LINE stub on {stub.url} (set LINE_API_BASE_URL={stub.url}); Ctrl-C to stop")
        try:
            stub.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            stub.server_close()
            if out:
                out.close()
