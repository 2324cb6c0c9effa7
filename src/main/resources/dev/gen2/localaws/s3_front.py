"""The S3 front for web pages: CORS answers for pages served from any local port (http://localhost:<port>,
127.0.0.1, [::1]), preflights included, on the port aws-amplify's storage testing option uses and on the main one.

A browser needs them on every S3 answer (an upload reads the ETag header of each part), and S3 gives them from the
bucket's CORS rules; moto answers preflights only from rules set with PutBucketCors and adds nothing to answers.
Origins that are not local get what moto gives.
"""
import re

_LOCAL_ORIGIN = re.compile(r"^https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$")
EXPOSED = "ETag, x-amz-request-id, x-amz-id-2, x-amz-server-side-encryption, x-amz-version-id, x-amz-meta-*, " \
          "Content-Length, Content-Type, Content-Disposition, Last-Modified"


def _cors_headers(origin, environ):
    headers = [("Access-Control-Allow-Origin", origin), ("Vary", "Origin"),
               ("Access-Control-Expose-Headers", EXPOSED)]
    if environ.get("REQUEST_METHOD") == "OPTIONS":
        headers += [("Access-Control-Allow-Methods", "GET, HEAD, PUT, POST, DELETE"),
                    ("Access-Control-Allow-Headers", environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS") or "*"),
                    ("Access-Control-Max-Age", "3000")]
    return headers


def with_cors(app):
    """WSGI middleware: local origins get S3's CORS answers, a preflight is answered here."""
    def middleware(environ, start_response):
        origin = environ.get("HTTP_ORIGIN") or ""
        if not _LOCAL_ORIGIN.match(origin) or environ.get("PATH_INFO", "").startswith("/_gen2/"):
            return app(environ, start_response)
        cors = _cors_headers(origin, environ)
        if environ.get("REQUEST_METHOD") == "OPTIONS" and environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD"):
            start_response("200 OK", cors + [("Content-Length", "0")])
            return [b""]

        def start_with_cors(status, headers, exc_info=None):
            kept = [(n, v) for n, v in headers if not n.lower().startswith("access-control-") and n.lower() != "vary"]
            return start_response(status, kept + cors, exc_info)

        return app(environ, start_with_cors)
    return middleware
