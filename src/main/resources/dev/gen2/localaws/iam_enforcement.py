"""IAM enforcement for requests signed with credentials the local AWS issued (iam_credentials): the signature is checked
(sigv4) and the action is allowed or denied by the role's identity policies (iam_policy), with AWS's error codes and
messages. Requests signed with any other key (the `testing` keys of the CDK CLI, the tests and the sandbox) are not
checked, as before: nothing that deploys today changes.

moto calls ActionAuthenticatorMixin._authenticate_and_authorize_action for every request it authorizes (S3 with the
bucket and key, the other services with "*"), but checks only after INITIAL_NO_AUTH_ACTION_COUNT requests and then
for every key, with an evaluator that mis-handles conditions (see iam_policy). That method is replaced here, and the
other services' actions and resource ARNs come from the request's parameters (iam_resources).
"""
import json
import threading
from urllib.parse import unquote

import iam_credentials
import iam_resources
import iam_policy
import sigv4

_current = threading.local()

# moto's S3 action names that are not IAM's
_S3_IAM_ACTIONS = {"HeadBucket": "ListBucket"}


def remember_requests(app):
    """WSGI middleware: keeps the request's environ (raw path and query, headers) for the signature check."""
    def middleware(environ, start_response):
        _current.environ = environ
        try:
            return app(environ, start_response)
        finally:
            _current.environ = None
    return middleware


def denial_message(principal, action, resource, decision, quote_resource):
    shown = f'"{resource}"' if quote_resource else resource
    why = ("with an explicit deny in an identity-based policy" if decision.kind == iam_policy.EXPLICIT_DENY
           else f"because no identity-based policy allows the {action} action")
    return f"User: {principal.arn} is not authorized to perform: {action} on resource: {shown} {why}"


def decide(issued, action, resource, request_context=None):
    """The decision for one action on one resource by the holder of issued credentials."""
    context = issued.principal.context()
    context.update(request_context or {})
    return iam_policy.evaluate(iam_credentials.role_policies(issued.principal.role_arn), action, resource, context)


# --- errors, in each protocol's shape ----------------------------------------------------------------------------------

def _s3_error(code, message):
    from moto.s3.exceptions import S3ClientError

    class LocalS3Error(S3ClientError):
        pass

    error = LocalS3Error(code, message)
    error.local_status = {"InvalidToken": 400, "ExpiredToken": 400}.get(code, 403)
    return error


def _service_error(code, message, status, as_json):
    # moto's call_action answers an HTTPException raised while authorizing (any other exception is a 500): the JSON
    # protocols read the error's name from "__type", the query protocol from XML
    from moto.core.exceptions import JsonRESTError, _RESTError as XmlRESTError

    error = JsonRESTError(code, message) if as_json else XmlRESTError(code, message)
    error.code = status
    return error


def _refuse(response, is_s3, code, message):
    if is_s3:
        return _s3_error(code, message)
    json_codes = {"SignatureDoesNotMatch": "InvalidSignatureException", "InvalidToken": "UnrecognizedClientException",
                  "AccessDenied": "AccessDeniedException", "ExpiredToken": "ExpiredTokenException"}
    as_json = "Action" not in response.querystring  # the query protocol (IAM, STS) names its action so
    if as_json:  # the JSON protocols (DynamoDB, SSM, Cognito, Lambda, AppSync) name their errors so
        code = json_codes.get(code, code)
    # the awsJson protocols answer every client error, AccessDeniedException included, with HTTP 400
    denied_status = 400 if response.headers.get("X-Amz-Target") else 403
    return _service_error(code, message, denied_status if code.startswith("AccessDenied") else 400, as_json)


# --- the check ---------------------------------------------------------------------------------------------------------

def _request_context(response, is_s3):
    context = {}
    if is_s3:
        for name in ("prefix", "delimiter", "max-keys"):
            values = response.querystring.get(name)
            if values:
                context["s3:" + name] = values[0]
    return context


def _copy_source(response):
    source = response.headers.get("x-amz-copy-source")
    if not source:
        return None
    source = unquote(source.split("?", 1)[0]).lstrip("/")
    return f"arn:aws:s3:::{source}"


def _raw_body(response):
    return response.raw_body if isinstance(response.raw_body, bytes) else (response.raw_body or "").encode("utf-8")


def authenticate_and_authorize(response, resource):
    from moto.core.authorization import ActionAuthenticatorMixin

    if response.headers.get("X-Amz-Target") in ActionAuthenticatorMixin.PUBLIC_OPERATIONS:
        return
    environ = getattr(_current, "environ", None)
    signed = sigv4.parse(environ) if environ else None
    issued = iam_credentials.lookup(signed.access_key_id) if signed else None
    if issued is None:
        return  # not a key this local AWS issued: the all-powerful `testing` keys and moto's own
    is_s3 = signed.service == "s3"
    body = _raw_body(response)
    if signed.session_token != issued.session_token:
        raise _refuse(response, is_s3, "InvalidToken", "The provided token is malformed or otherwise invalid."
                      if is_s3 else "The security token included in the request is invalid.")
    if sigv4.expected_signature(environ, body, signed, issued.secret_access_key) != signed.signature \
            or not sigv4.payload_matches(environ, body):
        raise _refuse(response, is_s3, "SignatureDoesNotMatch",
                      "The request signature we calculated does not match the signature you provided. "
                      "Check your key and signing method.")
    if sigv4.has_expired(signed):
        raise _refuse(response, is_s3, "AccessDenied", "Request has expired")
    if issued.expiration < __import__("time").time():
        raise _refuse(response, is_s3, "ExpiredToken", "The provided token has expired."
                      if is_s3 else "The security token included in the request is expired")
    if is_s3:
        checks = _s3_checks(response, resource)
    else:
        checks = iam_resources.checks(_resources_request(response, signed, issued))
    # a request acting on several resources is allowed only if each is
    for check in checks:
        context = dict(_request_context(response, is_s3), **check.context)
        decision = decide(issued, check.action, check.resource, context)
        if decision.kind != iam_policy.ALLOW:
            raise _refuse(response, is_s3, "AccessDenied", denial_message(
                issued.principal, check.action, check.resource, decision, quote_resource=is_s3))


def _s3_checks(response, resource):
    name = response.data.get("Action") or "ListBucket"
    checks = [iam_resources.Check("s3:" + _S3_IAM_ACTIONS.get(name, name), resource)]
    if _copy_source(response):
        checks.append(iam_resources.Check("s3:GetObject", _copy_source(response)))
    return checks


def _resources_request(response, signed, issued):
    """What iam_resources needs of a request: the JSON protocols' parameters are the body; the REST ones' are in the
    path. The account is the role's (the caller's own resources), the region the signature's."""
    params = {}
    if response.headers.get("X-Amz-Target"):
        try:  # the body as sent: moto's DynamoDB replaces response.body with its own parse
            params = json.loads(_raw_body(response) or b"{}")
        except (TypeError, ValueError):
            params = {}
    account = issued.principal.role_arn.split(":")[4]
    return iam_resources.Request(signed.service, response._get_action(), params, response.path,
                                 response.querystring, signed.region or response.region, account)


def _with_local_status(get_error_model):
    """S3's service model names almost none of its errors, so moto answers them with HTTP 400; S3 answers AccessDenied
    and SignatureDoesNotMatch with 403. An error raised here carries its status (local_status)."""
    def error_model(exception, service_model):
        status = getattr(exception, "local_status", None)
        if status is None:
            return get_error_model(exception, service_model)
        from moto.core.errors import ErrorShape

        return ErrorShape(shape_name=exception.code, shape_model={
            "exception": True, "type": "structure", "members": {},
            "error": {"code": exception.code, "httpStatusCode": status}})
    return error_model


def apply():
    import moto.core.serialize
    from moto.core.authorization import ActionAuthenticatorMixin

    if getattr(ActionAuthenticatorMixin, "_local_aws_iam", False):
        return
    ActionAuthenticatorMixin._local_aws_iam = True
    moto.core.serialize.get_error_model = _with_local_status(moto.core.serialize.get_error_model)

    def _authenticate_and_authorize_action(self, iam_request_cls, resource="*"):
        authenticate_and_authorize(self, resource)

    ActionAuthenticatorMixin._authenticate_and_authorize_action = _authenticate_and_authorize_action
