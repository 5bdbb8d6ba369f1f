"""A stand-in for the chat platforms seminarflow posts to, for the tests: Python's standard
library only, one loopback server speaking each platform's documented webhook protocol, so that
the channels are tested against the platform's rules as written, not against our own reading.

    chat_sink.py

prints "PORT <n>" once it listens on 127.0.0.1 (port 0: any free port). A test posts to

    /<platform>/<script>/<the platform's own path>

platform: slack, teams, discord, telegram (the path ends in /bot<token>/sendMessage),
mattermost, google_chat (the query carries key and token). Every body is first checked as the
platform checks it, and a malformed one is refused the platform's way (its status, its error
shape). A well-formed one is then answered as the script says:

    ok                 the platform's success
    limited-<seconds>  the platform's rate-limit answer, with its own retry_after shape
    gone               the platform's answer for a webhook removed (or a bot thrown out)
    fail               a 500 in the platform's shape

GET /received answers every POST so far, in order, as JSON: platform, script, path, headers
(lower-case names), body, json (parsed, or null), status (what was answered), error (why it
was refused, or null), and for a well-formed message `visible`: the text a reader sees (Slack's
and Telegram's entities decoded, Telegram's tags taken out, Markdown's backslash escapes read,
zero-width spaces taken out).
"""
import html.parser
import json
import math
import re
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RECEIVED = []
LOCK = threading.Lock()


class Refused(Exception):
    """A body the platform refuses: the status, content type and body it answers with."""

    def __init__(self, status, body, content_type="application/json", headers=()):
        super().__init__(body if isinstance(body, str) else json.dumps(body))
        self.status, self.body, self.content_type, self.headers = status, body, content_type, list(headers)


def utf16_length(text):
    return len(text.encode("utf-16-le")) // 2


def as_json(raw):
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def markdown_unescape(text):
    """What Markdown shows for backslash-escaped punctuation (CommonMark; Discord alike)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def without_zero_width(text):
    """What a reader sees of a text with zero-width spaces in it (they break markup and mentions)."""
    return text.replace("\u200b", "")


# ---- Slack incoming webhooks: 200 "ok", or a status with a word --------------------------------

def slack_unescape(text):
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def slack_check(message, query):
    if message is None:
        raise Refused(400, "invalid_payload", "text/plain")
    text, blocks = message.get("text"), message.get("blocks")
    if not (isinstance(text, str) and text) and not blocks:
        raise Refused(400, "no_text", "text/plain")
    shown = []
    for block in blocks or []:
        kind, inner = block.get("type"), block.get("text") or {}
        limit = {"header": 150, "section": 3000}.get(kind)
        if limit is None or not isinstance(inner.get("text"), str) or not inner["text"]:
            raise Refused(400, "invalid_blocks", "text/plain")
        if kind == "header" and inner.get("type") != "plain_text":
            raise Refused(400, "invalid_blocks", "text/plain")
        if utf16_length(inner["text"]) > limit:
            raise Refused(400, "invalid_blocks", "text/plain")
        raw = inner["text"]
        if inner.get("type") == "mrkdwn":
            # Slack reads a bare < or > as the start of a link or mention: sent text must not have them.
            if "<" in raw or ">" in raw:
                raise Refused(400, "invalid_blocks", "text/plain")
            raw = slack_unescape(raw)
        shown.append(raw)
    return "\n".join(shown) if shown else slack_unescape(text)


def slack_answer(script, seconds):
    if script == "ok":
        return 200, "ok", "text/plain", []
    if script == "limited":
        return 429, "rate_limited", "text/plain", [("Retry-After", str(math.ceil(seconds)))]
    if script == "gone":
        return 404, "no_service", "text/plain", []
    return 500, "rollup_error", "text/plain", []


# ---- Microsoft Teams workflow webhooks: 202, errors as {"error": {"code", "message"}} ---------

def teams_refused(message):
    return Refused(400, {"error": {"code": "InvalidRequestContent", "message": message}})


def teams_check(message, query):
    if message is None:
        raise teams_refused("The request content is not valid JSON.")
    if message.get("type") != "message" or not isinstance(message.get("attachments"), list) or not message["attachments"]:
        raise teams_refused("A message with at least one attachment is expected.")
    shown = []
    for attachment in message["attachments"]:
        card = attachment.get("content") or {}
        if attachment.get("contentType") != "application/vnd.microsoft.card.adaptive" or card.get("type") != "AdaptiveCard":
            raise teams_refused("Only Adaptive Card attachments are supported.")
        if not isinstance(card.get("version"), str) or not isinstance(card.get("body"), list):
            raise teams_refused("An Adaptive Card needs a version and a body.")
        for element in card["body"]:
            if element.get("type") != "TextBlock" or not isinstance(element.get("text"), str) or not element["text"]:
                raise teams_refused("Unsupported or empty card element.")
            shown.append(markdown_unescape(element["text"]))
    if len(json.dumps(message, ensure_ascii=False).encode("utf-8")) > 28 * 1024:
        raise Refused(413, {"error": {"code": "RequestEntityTooLarge", "message": "The message is too large."}})
    return "\n".join(shown)


def teams_answer(script, seconds):
    if script == "ok":
        return 202, "", "text/plain", []
    if script == "limited":
        return 429, {"error": {"code": "TooManyRequests", "message": "Rate limit is exceeded."}}, \
            "application/json", [("Retry-After", str(math.ceil(seconds)))]
    if script == "gone":
        return 404, {"error": {"code": "WorkflowNotFound", "message": "The workflow was not found."}}, "application/json", []
    return 500, {"error": {"code": "InternalServerError", "message": "Something went wrong."}}, "application/json", []


# ---- Discord webhooks: 204, errors as {"code", "message"}, 429 with retry_after in seconds -----

def discord_check(message, query):
    if message is None:
        raise Refused(400, {"code": 50109, "message": "The request body contains invalid JSON."})
    content, embeds = message.get("content"), message.get("embeds") or []
    if not content and not embeds:
        raise Refused(400, {"code": 50006, "message": "Cannot send an empty message"})
    errors = {}
    if isinstance(content, str) and len(content) > 2000:
        errors["content"] = {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length."}]}
    for index, embed in enumerate(embeds[:10]):
        if len(embed.get("title", "")) > 256 or len(embed.get("description", "")) > 4096:
            errors[f"embeds.{index}"] = {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Too long."}]}
    if errors:
        raise Refused(400, {"code": 50035, "message": "Invalid Form Body", "errors": errors})
    return markdown_unescape(content or "")


def discord_answer(script, seconds):
    if script == "ok":
        return 204, "", "text/plain", []
    if script == "limited":
        return 429, {"message": "You are being rate limited.", "retry_after": seconds, "global": False}, \
            "application/json", [("Retry-After", str(math.ceil(seconds))), ("X-RateLimit-Scope", "shared")]
    if script == "gone":
        return 404, {"message": "Unknown Webhook", "code": 10015}, "application/json", []
    return 500, {"message": "500: Internal Server Error", "code": 0}, "application/json", []


# ---- Telegram Bot API sendMessage: {"ok": ...} always ------------------------------------------

def telegram_refused(status, description, parameters=None):
    body = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return Refused(status, body)


class TelegramHtml(html.parser.HTMLParser):
    """The text Telegram shows for parse_mode HTML, refusing what Telegram refuses."""
    TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler",
            "span", "blockquote", "tg-emoji"}

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.visible, self.open = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.TAGS:
            raise telegram_refused(400, f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"')
        self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            raise telegram_refused(400, f'Bad Request: can\'t parse entities: Unexpected end tag "{tag}"')

    def handle_data(self, data):
        if "&" in data or "<" in data or ">" in data:
            raise telegram_refused(400, "Bad Request: can't parse entities: Can't find end of the entity")
        self.visible.append(data)

    def handle_entityref(self, name):
        names = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
        if name not in names:
            raise telegram_refused(400, f'Bad Request: can\'t parse entities: Unsupported entity "&{name};"')
        self.visible.append(names[name])

    def handle_charref(self, name):
        self.visible.append(chr(int(name[1:], 16) if name.startswith(("x", "X")) else int(name)))


def telegram_visible(text):
    parser = TelegramHtml()
    # A bare & that is not an entity reaches handle_data with the & in it (and is refused there).
    parser.feed(text)
    parser.close()
    if parser.open or parser.rawdata:
        raise telegram_refused(400, "Bad Request: can't parse entities: Can't find end tag")
    return "".join(parser.visible)


def telegram_check(message, path):
    parts = path.strip("/").split("/")
    token_ok = len(parts) >= 2 and parts[-1] == "sendMessage" and parts[-2].startswith("bot") and \
        ":" in parts[-2] and parts[-2][3:].split(":")[0].isdigit()
    if not token_ok:
        raise telegram_refused(404, "Not Found")
    if message is None:
        raise telegram_refused(400, "Bad Request: message text is empty")
    chat_id = message.get("chat_id")
    if chat_id is None or chat_id == "":
        raise telegram_refused(400, "Bad Request: chat_id is empty")
    if not (isinstance(chat_id, int) or (isinstance(chat_id, str) and
                                         (chat_id.lstrip("-").isdigit() or chat_id.startswith("@")))):
        raise telegram_refused(400, "Bad Request: chat not found")
    if str(chat_id) == "-404":
        raise telegram_refused(400, "Bad Request: chat not found")
    text = message.get("text")
    if not isinstance(text, str) or not text.strip():
        raise telegram_refused(400, "Bad Request: message text is empty")
    if message.get("parse_mode") not in (None, "HTML", "MarkdownV2", "Markdown"):
        raise telegram_refused(400, f"Bad Request: unsupported parse_mode")
    visible = telegram_visible(text) if message.get("parse_mode") == "HTML" else text
    if utf16_length(visible) > 4096:
        raise telegram_refused(400, "Bad Request: message is too long")
    return visible


def telegram_answer(script, seconds, message=None, visible=""):
    if script == "ok":
        return 200, {"ok": True, "result": {"message_id": len(RECEIVED), "date": 1796025600,
                                            "chat": {"id": message.get("chat_id")}, "text": visible}}, \
            "application/json", []
    if script == "limited":
        wait = math.ceil(seconds)
        return 429, {"ok": False, "error_code": 429, "description": f"Too Many Requests: retry after {wait}",
                     "parameters": {"retry_after": wait}}, "application/json", []
    if script == "gone":
        return 403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was kicked from the group chat"}, \
            "application/json", []
    return 500, {"ok": False, "error_code": 500, "description": "Internal Server Error"}, "application/json", []


# ---- Mattermost incoming webhooks: 200 "ok", errors as {"id", "message", "status_code"} -------

def mattermost_refused(error_id, message):
    return Refused(400, {"id": error_id, "message": message, "detailed_error": "", "status_code": 400})


def mattermost_check(message, query):
    if message is None:
        raise mattermost_refused("web.incoming_webhook.parse.app_error", "Unable to parse incoming data.")
    text = message.get("text")
    if not (isinstance(text, str) and text) and not message.get("attachments"):
        raise mattermost_refused("web.incoming_webhook.text.app_error", "No text specified.")
    if len(text) > 16383:
        raise mattermost_refused("web.incoming_webhook.text.length.app_error", "Text is too long.")
    return without_zero_width(markdown_unescape(text))


def mattermost_answer(script, seconds):
    if script == "ok":
        return 200, "ok", "text/plain", []
    if script == "limited":
        return 429, "limit exceeded\n", "text/plain", [("X-Ratelimit-Limit", "10"), ("X-Ratelimit-Remaining", "0"),
                                                       ("X-Ratelimit-Reset", str(math.ceil(seconds)))]
    if script == "gone":
        return 400, {"id": "web.incoming_webhook.invalid.app_error", "message": "Invalid webhook.",
                     "status_code": 400}, "application/json", []
    return 500, {"id": "app.error", "message": "Internal error.", "status_code": 500}, "application/json", []


# ---- Google Chat incoming webhooks: 200 with the message, errors as Google's -------------------

def google_error(code, status, message):
    return {"error": {"code": code, "message": message, "status": status}}


def google_chat_check(message, query):
    if "key" not in query or "token" not in query:
        raise Refused(401, google_error(401, "UNAUTHENTICATED", "Request is missing required authentication credential."))
    if message is None:
        raise Refused(400, google_error(400, "INVALID_ARGUMENT", "Invalid JSON payload received."))
    text = message.get("text")
    if not (isinstance(text, str) and text) and not message.get("cardsV2"):
        raise Refused(400, google_error(400, "INVALID_ARGUMENT", "Message cannot be empty."))
    if len(text) > 4096:
        raise Refused(400, google_error(400, "INVALID_ARGUMENT", "Message text is too long."))
    return without_zero_width(text)


def google_chat_answer(script, seconds):
    if script == "ok":
        return 200, {"name": f"spaces/AAAA/messages/m{len(RECEIVED)}"}, "application/json", []
    if script == "limited":
        return 429, google_error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."), \
            "application/json", [("Retry-After", str(math.ceil(seconds)))]
    if script == "gone":
        return 404, google_error(404, "NOT_FOUND", "Requested entity was not found."), "application/json", []
    return 500, google_error(500, "INTERNAL", "Internal error encountered."), "application/json", []


PLATFORMS = {
    "slack": (slack_check, slack_answer),
    "teams": (teams_check, teams_answer),
    "discord": (discord_check, discord_answer),
    "telegram": (telegram_check, telegram_answer),
    "mattermost": (mattermost_check, mattermost_answer),
    "google_chat": (google_chat_check, google_chat_answer),
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type="application/json", headers=()):
        data = body.encode("utf-8") if isinstance(body, str) else json.dumps(body).encode("utf-8")
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if data:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path != "/received":
            self.answer(404, {"message": "not here"})
            return
        with LOCK:
            body = json.dumps(RECEIVED)
        self.answer(200, body)

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        platform = parts[0]
        script = parts[1] if len(parts) > 1 else "ok"
        name, _, seconds = script.partition("-")
        record = {"platform": platform, "script": script, "path": self.path,
                  "headers": {k.lower(): v for k, v in self.headers.items()},
                  "body": raw.decode("utf-8", "replace"), "json": as_json(raw), "error": None, "visible": None}
        status, body, content_type, headers = self.reply_to(platform, name, seconds, url, record)
        record["status"] = status
        with LOCK:
            RECEIVED.append(record)
        self.answer(status, body, content_type, headers)

    def reply_to(self, platform, name, seconds, url, record):
        if platform not in PLATFORMS:
            return 404, {"message": f"no platform {platform}"}, "application/json", []
        check, answer = PLATFORMS[platform]
        message = record["json"]
        try:
            if not self.headers.get("Content-Type", "").startswith("application/json"):
                raise Refused(415, {"message": "a JSON body is expected"})
            where = url.path if platform == "telegram" else urllib.parse.parse_qs(url.query)
            record["visible"] = check(message, where)
        except Refused as refused:
            record["error"] = str(refused)
            return refused.status, refused.body, refused.content_type, refused.headers
        wait = float(seconds) if seconds else 1.0
        if platform == "telegram":
            return answer(name, wait, message, record["visible"])
        return answer(name, wait)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        # Stops when the test closes our stdin (or dies).
        threading.Thread(target=server.serve_forever, daemon=True).start()
        sys.stdin.read()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
