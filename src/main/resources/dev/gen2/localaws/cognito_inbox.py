"""The local inbox: every e-mail and SMS the local Cognito "sends" is delivered here instead, with the subject and
body Cognito would have sent (the pool's templates, or its CustomMessage trigger's answer) and the code in it.

- GET /_gen2/inbox: an HTML page a person reads, newest first, refreshing itself every few seconds;
- the same address with `Accept: application/json`: {"messages": [message, ...]}, newest first, each message
  {"id", "to", "medium" (EMAIL or SMS), "kind", "kindText", "subject" (null for an SMS), "body", "code",
  "userPoolId", "username", "triggerSource", "time" (ISO 8601, UTC)};
- `?to=<address or phone number>` keeps the messages to that recipient only (case-insensitive).
Each delivery is also announced on one line of the sandbox's terminal (`[inbox] sign-up code 123456 to ann@...`):
the line is printed with TERMINAL_MARK, which the Java side (LocalAws) strips and forwards to its logs consumer.
The messages are kept across restarts with the rest of the state (local_state: all_messages / restore).
"""
import html
import os
import sys
import threading
import time
import urllib.parse

import gen2_routes

PATH = "/_gen2/inbox"
# a line of this process's output meant for the sandbox's terminal (LocalAws.TERMINAL_MARK)
TERMINAL_MARK = "[gen2:terminal] "
REFRESH_SECONDS = 5

# kind -> the words a person reads for it
KINDS = {
    "sign-up": "sign-up code",
    "resend": "sign-up code (resent)",
    "forgot-password": "password reset code",
    "admin-reset-password": "password reset code (reset by an administrator)",
    "admin-invitation": "invitation with a temporary password",
    "mfa-sms": "sign-in code",
    "attribute-update": "verification code for a changed attribute",
    "attribute-verification": "verification code",
}

_lock = threading.Lock()
_messages = []


def deliver(kind, medium, to, subject, body, code, user_pool_id, username, trigger_source):
    """Puts one message in the inbox and announces it on the sandbox's terminal."""
    with _lock:
        message = {
            "id": (_messages[-1]["id"] + 1) if _messages else 1,
            "to": to, "medium": medium, "kind": kind, "kindText": KINDS[kind],
            "subject": subject if medium == "EMAIL" else None, "body": body, "code": code,
            "userPoolId": user_pool_id, "username": username, "triggerSource": trigger_source,
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        _messages.append(message)
    announce(f"[inbox] {KINDS[kind]} {code} to {to or username}")
    return message


def announce(line):
    """One line for the sandbox's terminal, in one write to standard output (print writes the text and the newline
    apart, and the other threads' lines could land between them)."""
    os.write(sys.stdout.fileno(), (TERMINAL_MARK + line.replace("\n", " ") + "\n").encode())


def all_messages():
    """Every message, oldest first, for the kept state (local_state)."""
    with _lock:
        return list(_messages)


def restore(messages):
    with _lock:
        _messages[:0] = messages


def _to(environ):
    # a phone number's "+" typed as it is would be read as a space: only an encoded space (%20) is one here
    query = environ.get("QUERY_STRING", "").replace("+", "%2B")
    values = urllib.parse.parse_qs(query).get("to")
    return values[0].strip().lower() if values else None


def _wants_json(environ):
    return "application/json" in environ.get("HTTP_ACCEPT", "")


def _route(environ):
    if environ.get("PATH_INFO", "").rstrip("/") != PATH:
        return gen2_routes.json_response("404 Not Found", {"message": f"no local route {environ.get('PATH_INFO')}"})
    to = _to(environ)
    messages = [m for m in reversed(all_messages()) if to is None or (m["to"] or "").lower() == to]
    if _wants_json(environ):
        return gen2_routes.json_response("200 OK", {"messages": messages})
    body = page(messages, to).encode("utf-8")
    return "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                      ("Cache-Control", "no-store")], body


def _with_code_marked(body, code):
    """The escaped body, with the code in it stood out."""
    escaped = html.escape(body or "")
    if not code:
        return escaped
    return escaped.replace(html.escape(code), f'<mark class="code">{html.escape(code)}</mark>')


def page(messages, to):
    """The inbox as a person reads it; every value from a message is escaped."""
    title = "Local inbox" + (f" for {to}" if to else "")
    rows = []
    for m in messages:
        subject = f'<div class="subject">{html.escape(m["subject"])}</div>' if m["subject"] else ""
        rows.append(
            '<article class="message">'
            f'<header><span class="to">{html.escape(m["to"] or m["username"])}</span>'
            f' <span class="kind">{html.escape(m["kindText"])}</span>'
            f' <span class="medium">{html.escape(m["medium"])}</span>'
            f' <time>{html.escape(m["time"])}</time></header>'
            f'<div class="code-line">code <strong class="code">{html.escape(m["code"] or "")}</strong></div>'
            f'{subject}<pre class="body">{_with_code_marked(m["body"], m["code"])}</pre>'
            '</article>')
    empty = '<p class="empty">No messages yet. Sign up, reset a password or sign in with SMS MFA: what the local' \
            ' Cognito sends appears here.</p>'
    link = PATH + (f"?to={urllib.parse.quote(to)}" if to else "")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{REFRESH_SECONDS}">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; color: #222; }}
.message {{ border: 1px solid #ccc; border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; }}
header {{ display: flex; gap: .75rem; flex-wrap: wrap; color: #555; }}
.to {{ font-weight: 600; color: #222; }}
.code {{ font-size: 1.5rem; letter-spacing: .1em; }}
mark.code {{ font-size: inherit; }}
.subject {{ font-weight: 600; margin-top: .5rem; }}
pre.body {{ white-space: pre-wrap; font-family: inherit; }}
</style></head>
<body><h1>{html.escape(title)}</h1>
<p>Every e-mail and SMS the local Cognito sends, newest first. This page refreshes every {REFRESH_SECONDS} seconds
(<a href="{html.escape(link)}">refresh now</a>). JSON: the same address with <code>Accept: application/json</code>;
<code>?to=</code> keeps one recipient's messages.</p>
{"".join(rows) or empty}
</body></html>
"""


def apply():
    gen2_routes.register(PATH, _route)
