"""Functions run: moto's Lambda stores functions but runs them only in Docker. apply() makes every invocation
(the Invoke API, S3 event notifications, EventBridge targets, and the Cognito triggers of cognito_triggers) run the
function on the local Lambda runtime, the Java service at LOCAL_AWS_LAMBDA_URL (dev.gen2.localaws.lambda.LocalLambda),
with the code moto holds: its zip is written once per CodeSha256 and unpacked there once.

- RequestResponse answers the function's payload; a failure sets X-Amz-Function-Error: Unhandled and the payload is
  the error document; LogType: Tail gives the log's last 4 KB in X-Amz-Log-Result.
- Event returns at once (202) and runs the function in the background; DryRun runs nothing.
- moto's own callers (S3 notifications, EventBridge...) invoke asynchronously, as AWS does.
"""
import base64
import hashlib
import json
import os
import tempfile
import threading
import urllib.error
import urllib.request

FRIENDLY_NAME_TAG = "amplify:friendly-name"
_code_directory = tempfile.mkdtemp(prefix="gen2-local-lambda-code-")


def remove_code_directory():
    """The packages written for the runtime, removed when the server stops (Java ones are tens of MB each)."""
    import shutil
    shutil.rmtree(_code_directory, ignore_errors=True)
_code_lock = threading.Lock()


class RuntimeUnavailable(Exception):
    """The local runtime could not run the function (not the function's own failure)."""


def runtime_url():
    return os.environ.get("LOCAL_AWS_LAMBDA_URL")


def _code_zip(fn):
    """The function's package on disk, written once per code hash."""
    name = hashlib.sha256(fn.code_sha_256.encode("utf-8")).hexdigest() + ".zip"
    path = os.path.join(_code_directory, name)
    with _code_lock:
        if not os.path.exists(path):
            if not fn.code_bytes:
                raise RuntimeUnavailable(f"moto holds no code for the function {fn.function_name}")
            partial = path + ".partial"
            with open(partial, "wb") as out:
                out.write(fn.code_bytes)
            os.replace(partial, path)
    return path


def short_name(fn):
    """Amplify's friendly name (the tag FunctionResource sets), else the function's name."""
    tags = fn.tags or {}
    return tags.get(FRIENDLY_NAME_TAG) or fn.function_name


def _definition(fn):
    return {
        "name": fn.function_name,
        "arn": fn.function_arn,
        "runtime": fn.run_time or "",
        "handler": fn.handler or "",
        "codeSha256": fn.code_sha_256,
        "codeZip": _code_zip(fn),
        "timeout": int(fn.timeout or 3),
        "memorySize": int(fn.memory_size or 128),
        "environment": {k: str(v) for k, v in (fn.environment_vars or {}).items()},
        "logName": short_name(fn),
        "role": fn.role or "",
    }


def run(fn, event_text):
    """Runs the function on one event (a JSON text); returns {requestId, payload, functionError, log}."""
    url = runtime_url()
    if not url:
        raise RuntimeUnavailable("the local Lambda runtime is not running (LOCAL_AWS_LAMBDA_URL is not set)")
    request = urllib.request.Request(url + "/invoke", method="POST",
                                     data=json.dumps({"function": _definition(fn), "event": event_text}).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=int(fn.timeout or 3) + 120) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as e:
        raise RuntimeUnavailable(json.loads(e.read() or b"{}").get("message") or str(e)) from None
    except urllib.error.URLError as e:
        raise RuntimeUnavailable(f"the local Lambda runtime does not answer at {url}: {e.reason}") from None


def invoke_json(fn, event):
    """Runs the function synchronously on an event (a value); returns (answer value or error document, failed)."""
    result = run(fn, json.dumps(event))
    payload = result.get("payload") or "null"
    try:
        value = json.loads(payload)
    except ValueError:
        value = payload
    return value, bool(result.get("functionError"))


def _header(headers, name):
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value
    return None


def _service_error(message):
    from moto.core.exceptions import JsonRESTError

    error = JsonRESTError("ServiceException", message)
    error.code = 500
    return error


def _run_in_background(fn, event_text):
    def target():
        try:
            run(fn, event_text)
        except RuntimeUnavailable as e:
            print(f"[{short_name(fn)}] the local Lambda runtime could not run it: {e}", flush=True)

    threading.Thread(target=target, daemon=True).start()


def invoke(self, body, request_headers, response_headers):
    """LambdaFunction.invoke, running the function locally."""
    event_text = body if isinstance(body, str) else (body or b"").decode("utf-8") if isinstance(body, bytes) \
        else json.dumps(body)
    if not event_text:
        event_text = "{}"
    invocation_type = _header(request_headers, "x-amz-invocation-type")
    if invocation_type is None and not request_headers:
        invocation_type = "Event"  # moto's own callers: S3, EventBridge... invoke asynchronously on AWS
    if invocation_type == "DryRun":
        return b""
    if invocation_type == "Event":
        _run_in_background(self, event_text)
        return b""
    try:
        result = run(self, event_text)
    except RuntimeUnavailable as e:
        raise _service_error(str(e)) from None
    if result.get("functionError"):
        response_headers["x-amz-function-error"] = result["functionError"]
    response_headers["x-amz-log-result"] = base64.b64encode(result.get("log", "").encode("utf-8")).decode("ascii")
    response_headers["x-amz-executed-version"] = "$LATEST"
    return (result.get("payload") or "").encode("utf-8")


def _invoke_lambda(self, event=None):
    """moto's inner call, for any caller that uses it directly: (payload, failed, log)."""
    result = run(self, event if isinstance(event, str) else json.dumps(event or {}))
    return result.get("payload") or "", bool(result.get("functionError")), result.get("log", "")


def _inline_code_zip(code, runtime):
    """The package CloudFormation makes of inline code (`Code.ZipFile`): one file, index.js for Node.js runtimes and
    index.py for Python ones (moto always writes index.py)."""
    import io
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.js" if str(runtime).startswith("nodejs") else "index.py", code)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _wrap_create_from_cloudformation_json(original):
    """moto's CloudFormation model drops the function's Tags (the friendly name for the log prefix is one), and
    packages inline Node.js code as index.py."""

    def create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json.get("Properties", {})
        inline = (properties.get("Code") or {}).get("ZipFile")  # read first: moto replaces it with its package
        fn = original.__func__(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        tags = properties.get("Tags") or []
        fn.tags = {**(fn.tags or {}), **{tag["Key"]: tag["Value"] for tag in tags if "Key" in tag}}
        if isinstance(inline, str) and str(properties.get("Runtime", "")).startswith("nodejs"):
            fn.update_function_code({"ZipFile": _inline_code_zip(inline, properties["Runtime"])})
        return fn

    return classmethod(create)


def apply():
    from moto.awslambda.models import LambdaFunction

    LambdaFunction.invoke = invoke
    LambdaFunction._invoke_lambda = _invoke_lambda
    LambdaFunction.create_from_cloudformation_json = _wrap_create_from_cloudformation_json(
        LambdaFunction.__dict__["create_from_cloudformation_json"])
