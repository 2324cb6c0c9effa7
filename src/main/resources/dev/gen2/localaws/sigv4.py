"""Signature Version 4 checked as AWS checks it, from the request as it arrived (WSGI environ, raw path and query):
an Authorization header, or a presigned URL's X-Amz-* query parameters (with its expiry).

For S3 the canonical URI is the path as sent; for other services it is encoded once more (SigV4's double encoding).
"""
import datetime
import hashlib
import hmac
from urllib.parse import quote, unquote

ALGORITHM = "AWS4-HMAC-SHA256"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"


class Signed:
    """What a request's signature claims: its key id, scope, signed headers, signature, date, token, expiry."""

    def __init__(self, access_key_id, scope, signed_headers, signature, amz_date, session_token, expires, presigned):
        self.access_key_id = access_key_id
        self.scope = scope
        self.signed_headers = signed_headers
        self.signature = signature
        self.amz_date = amz_date
        self.session_token = session_token
        self.expires = expires
        self.presigned = presigned

    @property
    def service(self):
        parts = self.scope.split("/")
        return parts[2] if len(parts) > 2 else ""

    @property
    def region(self):
        parts = self.scope.split("/")
        return parts[1] if len(parts) > 1 else ""


def _query_pairs(raw_query):
    pairs = []
    for part in raw_query.split("&") if raw_query else []:
        name, _, value = part.partition("=")
        pairs.append((unquote(name.replace("+", "%20")), unquote(value.replace("+", "%20"))))
    return pairs


def _header(environ, name):
    key = name.lower()
    if key == "content-type":
        return environ.get("CONTENT_TYPE")
    if key == "content-length":
        return environ.get("CONTENT_LENGTH")
    return environ.get("HTTP_" + key.upper().replace("-", "_"))


def parse(environ):
    """The signature a request carries, or None for an unsigned one."""
    authorization = _header(environ, "authorization") or ""
    if authorization.startswith(ALGORITHM):
        fields = {}
        for item in authorization[len(ALGORITHM):].split(","):
            name, _, value = item.strip().partition("=")
            fields[name] = value
        credential = fields.get("Credential", "")
        key_id, _, scope = credential.partition("/")
        return Signed(key_id, scope, fields.get("SignedHeaders", "").split(";"), fields.get("Signature", ""),
                      _header(environ, "x-amz-date") or "", _header(environ, "x-amz-security-token"), None, False)
    query = dict(_query_pairs(environ.get("QUERY_STRING", "")))
    if query.get("X-Amz-Algorithm") == ALGORITHM:
        key_id, _, scope = query.get("X-Amz-Credential", "").partition("/")
        return Signed(key_id, scope, query.get("X-Amz-SignedHeaders", "").split(";"), query.get("X-Amz-Signature", ""),
                      query.get("X-Amz-Date", ""), query.get("X-Amz-Security-Token"),
                      int(query.get("X-Amz-Expires", "0") or 0), True)
    return None


def _canonical_uri(environ, service):
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI") or quote(environ.get("PATH_INFO", "/"))
    path = raw.split("?", 1)[0] or "/"
    if path.startswith("http://") or path.startswith("https://"):
        path = "/" + path.split("/", 3)[-1]
    return path if service == "s3" else quote(path, safe="/~")


def _canonical_query(environ, presigned):
    pairs = [(n, v) for n, v in _query_pairs(environ.get("QUERY_STRING", ""))
             if not (presigned and n == "X-Amz-Signature")]
    encoded = sorted((quote(n, safe="-_.~"), quote(v, safe="-_.~")) for n, v in pairs)
    return "&".join(f"{n}={v}" for n, v in encoded)


def expected_signature(environ, body, signed, secret_access_key):
    service = signed.service
    headers = "".join(f"{h}:{' '.join((_header(environ, h) or '').split())}\n" for h in signed.signed_headers)
    if signed.presigned:
        payload_hash = dict(_query_pairs(environ.get("QUERY_STRING", ""))).get("X-Amz-Content-Sha256",
                                                                               UNSIGNED_PAYLOAD)
    else:
        payload_hash = _header(environ, "x-amz-content-sha256") or hashlib.sha256(body or b"").hexdigest()
    canonical = "\n".join([environ.get("REQUEST_METHOD", "GET"), _canonical_uri(environ, service),
                           _canonical_query(environ, signed.presigned), headers, ";".join(signed.signed_headers),
                           payload_hash])
    string_to_sign = "\n".join([ALGORITHM, signed.amz_date, signed.scope,
                                hashlib.sha256(canonical.encode("utf-8")).hexdigest()])
    key = ("AWS4" + secret_access_key).encode("utf-8")
    for part in signed.scope.split("/"):
        key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
    return hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def payload_matches(environ, body):
    """False when the request names a payload hash its body does not have (a tampered body)."""
    claimed = _header(environ, "x-amz-content-sha256")
    if not claimed or len(claimed) != 64:
        return True  # UNSIGNED-PAYLOAD, streaming, or none: nothing to compare
    return hashlib.sha256(body or b"").hexdigest() == claimed


def has_expired(signed, now=None):
    if not signed.presigned:
        return False
    signed_at = datetime.datetime.strptime(signed.amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return now > signed_at + datetime.timedelta(seconds=signed.expires)
