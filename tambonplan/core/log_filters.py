"""Logging filters named in settings.LOGGING."""

import logging


class OneLineForRefusals(logging.Filter):
    """A refused or unknown request (4xx) is logged as one line: the traceback of the PermissionDenied or
    Http404 behind it says nothing an operator needs. Server errors (5xx) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
