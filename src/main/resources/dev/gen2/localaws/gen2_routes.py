"""The local AWS's own HTTP routes, beside moto's: paths under /_gen2/ that the data plane's other rooms (the local
GraphQL service, the Lambda runtime) use to read what was deployed and to report back. They answer on 127.0.0.1
only, like moto itself; no AWS client ever sends a request whose path starts with /_gen2/.

A module registers a route with register("/_gen2/<name>", handler); handler(environ) returns (status, headers,
body bytes). The first registered prefix that matches the request's path answers.
"""
import json

PREFIX = "/_gen2/"
_routes = []


def register(prefix, handler):
    if not prefix.startswith(PREFIX):
        raise ValueError(f"a gen2 route must start with {PREFIX}: {prefix}")
    _routes.append((prefix, handler))


def json_response(status, value):
    body = json.dumps(value).encode("utf-8")
    return status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))], body


def read_body(environ):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    return environ["wsgi.input"].read(length) if length else b""


class Gen2Routes:
    """WSGI middleware: /_gen2/ paths go to the registered handlers, everything else to moto."""

    def __init__(self, moto_app):
        self.moto_app = moto_app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith(PREFIX):
            for prefix, handler in _routes:
                if path.startswith(prefix):
                    status, headers, body = handler(environ)
                    start_response(status, headers)
                    return [body]
            status, headers, body = json_response("404 Not Found", {"message": f"no local route {path}"})
            start_response(status, headers)
            return [body]
        return self.moto_app(environ, start_response)
