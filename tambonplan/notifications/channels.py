"""The two outside channels: LINE (the Messaging API of the office's Official Account, through the official
SDK ``line-bot-sdk``) and e-mail. Each send raises ``SendError`` when it fails, saying whether trying again
later may succeed (a network error, 429 or 5xx) or not (any other refusal)."""

from django.conf import settings
from django.core.mail import EmailMessage
from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    MessagingApi,
    PushMessageRequest,
    ReplyMessageRequest,
    TextMessage,
)
from urllib3.exceptions import HTTPError

# Seconds a call to LINE may take; the delivery's row stays locked meanwhile.
LINE_TIMEOUT = 10
# LINE refuses a text longer than this.
LINE_TEXT_MAX = 5000
# LINE answers 409 to a push whose X-Line-Retry-Key it has already accepted: the message went out before.
ALREADY_ACCEPTED = 409


class SendError(Exception):
    def __init__(self, message: str, *, retry: bool):
        super().__init__(message)
        self.retry = retry


def line_enabled() -> bool:
    """Whether the site has a LINE Official Account to send with (LINE_CHANNEL_ACCESS_TOKEN is set)."""
    return bool(settings.LINE_CHANNEL_ACCESS_TOKEN)


def _api_client() -> ApiClient:
    configuration = Configuration(
        host=settings.LINE_API_BASE_URL.rstrip("/"), access_token=settings.LINE_CHANNEL_ACCESS_TOKEN
    )
    configuration.retries = 0  # retries are the delivery's own, with backoff
    return ApiClient(configuration)


def _line_text(text: str) -> TextMessage:
    if len(text) > LINE_TEXT_MAX:
        text = text[: LINE_TEXT_MAX - 1] + "…"
    return TextMessage(text=text)


def line_push(to: str, text: str, *, retry_key: str) -> None:
    """Push one text message to a LINE user or group id. The retry key makes a repeated push of the same
    delivery (a worker that died after LINE accepted it) go out once."""
    if not line_enabled():
        raise SendError("LINE_CHANNEL_ACCESS_TOKEN is not set", retry=False)
    request = PushMessageRequest(to=to, messages=[_line_text(text)])
    try:
        with _api_client() as client:
            MessagingApi(client).push_message(
                request, x_line_retry_key=retry_key, _request_timeout=LINE_TIMEOUT
            )
    except ApiException as error:
        if error.status == ALREADY_ACCEPTED:
            return
        retry = error.status == 429 or (error.status or 0) >= 500
        raise SendError(f"LINE {error.status}: {error.body or error.reason}", retry=retry) from error
    except (HTTPError, OSError) as error:
        raise SendError(f"LINE unreachable: {error}", retry=True) from error


def line_reply(reply_token: str, text: str) -> None:
    """Answer a webhook event in the chat (free of the message quota). Raises SendError."""
    request = ReplyMessageRequest(reply_token=reply_token, messages=[_line_text(text)])
    try:
        with _api_client() as client:
            MessagingApi(client).reply_message(request, _request_timeout=LINE_TIMEOUT)
    except ApiException as error:
        raise SendError(f"LINE {error.status}: {error.body or error.reason}", retry=False) from error
    except (HTTPError, OSError) as error:
        raise SendError(f"LINE unreachable: {error}", retry=False) from error


def email_send(to: str, subject: str, body: str) -> None:
    try:
        EmailMessage(subject=subject, body=body, to=[to]).send()
    except OSError as error:  # smtplib's errors are OSErrors
        raise SendError(f"e-mail: {error}", retry=True) from error
