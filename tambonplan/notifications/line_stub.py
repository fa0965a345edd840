"""A stand-in for LINE's Messaging API on this machine, for demos, staging and tests: it answers the push and
reply endpoints as LINE does and records what would have been sent, without sending anything anywhere.

Point ``LINE_API_BASE_URL`` at it (``http://127.0.0.1:<port>``). It listens on loopback only. ``statuses`` are
the answers to give to the next requests in turn (e.g. ``[500]``: the next one fails, the following succeed),
for trying the retries.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address

PATHS = {"/v2/bot/message/push": "push", "/v2/bot/message/reply": "reply"}


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


class LineStub(ThreadingHTTPServer):
    """``LineStub(port=0)`` listens on 127.0.0.1 (port 0: any free one); ``record`` is called with each
    accepted request as a dict (what, to, texts, retry_key); ``requests`` keeps them all."""

    daemon_threads = True

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, record=None):
        if not is_loopback(host):
            raise ValueError(f"the LINE stub listens on loopback only, not {host!r}")
        super().__init__((host, port), _Handler)
        self.requests: list[dict] = []
        self.statuses: list[int] = []
        self.record = record
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def answer(self, entry: dict) -> int:
        with self.lock:
            status = self.statuses.pop(0) if self.statuses else 200
            entry["status"] = status
            self.requests.append(entry)
        if self.record is not None:
            self.record(entry)
        return status

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, daemon=True)
        thread.start()
        return thread


class _Handler(BaseHTTPRequestHandler):
    server: LineStub

    def do_POST(self):
        what = PATHS.get(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            body = None
        if what is None or not isinstance(body, dict):
            return self._json(404 if what is None else 400, {"message": "Not found or not JSON"})
        entry = {
            "what": what,
            "to": body.get("to") or body.get("replyToken"),
            "texts": [message.get("text", "") for message in body.get("messages", [])],
            "retry_key": self.headers.get("X-Line-Retry-Key"),
            "authorization": bool(self.headers.get("Authorization")),
        }
        status = self.server.answer(entry)
        if status != 200:
            return self._json(status, {"message": "The stub was told to fail this request"})
        number = len(self.server.requests)
        self._json(200, {"sentMessages": [{"id": str(number), "quoteToken": f"stub-{number}"}]})

    def _json(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        """Quiet: what matters is recorded."""
