"""The IAM room's routes for the data plane's other rooms (gen2_routes):

GET  /_gen2/credentials/<accessKeyId>  -> {"secretAccessKey", "sessionToken", "principal": {...}}; 404 if not issued
POST /_gen2/iam/authorize              {"accessKeyId", "action", "resource", "context": {}}
                                       -> {"decision": "Allow|ExplicitDeny|ImplicitDeny", "message"}; 404 if not issued
POST /_gen2/credentials/role           {"roleArn", "sessionName"} -> credentials acting as that role; 404 if no role

The GraphQL room verifies a request's SigV4 signature with the secret from the first route, then asks the second
for appsync:GraphQL on the field's ARN; the functions room signs a function's SDK calls with the third.
"""
import json
import time

import gen2_routes
import iam_credentials
import iam_enforcement
import iam_policy


def _not_issued(access_key_id):
    return gen2_routes.json_response("404 Not Found", {
        "message": f"The access key {access_key_id} was not issued by this local AWS."})


def _credentials(environ):
    access_key_id = environ["PATH_INFO"].rsplit("/", 1)[-1]
    issued = iam_credentials.lookup(access_key_id)
    if environ["REQUEST_METHOD"] != "GET" or access_key_id == "role" or issued is None:
        return _not_issued(access_key_id)
    return gen2_routes.json_response("200 OK", {
        "secretAccessKey": issued.secret_access_key, "sessionToken": issued.session_token,
        "expiration": issued.expiration, "principal": issued.principal.to_json()})


def _request_json(environ):
    try:
        return json.loads(gen2_routes.read_body(environ) or b"{}"), None
    except ValueError as e:
        return None, gen2_routes.json_response("400 Bad Request", {"message": f"The body is not JSON: {e}"})


def _role_credentials(environ):
    if environ["REQUEST_METHOD"] != "POST":
        return gen2_routes.json_response("405 Method Not Allowed", {"message": "POST a roleArn and a sessionName"})
    request, error = _request_json(environ)
    if error:
        return error
    role_arn = request.get("roleArn") or ""
    if iam_credentials.role_or_none(role_arn) is None:
        return gen2_routes.json_response("404 Not Found", {"message": f"No role {role_arn} in the local IAM."})
    issued = iam_credentials.issue(iam_credentials.Principal(role_arn, request.get("sessionName") or "local"))
    return gen2_routes.json_response("200 OK", issued.to_json())


def _authorize(environ):
    request, error = _request_json(environ)
    if error:
        return error
    issued = iam_credentials.lookup(request.get("accessKeyId") or "")
    if issued is None:
        return _not_issued(request.get("accessKeyId"))
    action, resource = request.get("action") or "", request.get("resource") or ""
    if issued.expiration < time.time():
        return gen2_routes.json_response("200 OK", {
            "decision": iam_policy.IMPLICIT_DENY, "message": "The security token included in the request is expired"})
    decision = iam_enforcement.decide(issued, action, resource, request.get("context") or {})
    message = "" if decision.kind == iam_policy.ALLOW else iam_enforcement.denial_message(
        issued.principal, action, resource, decision, quote_resource=False)
    return gen2_routes.json_response("200 OK", {"decision": decision.kind, "message": message})


def apply():
    gen2_routes.register("/_gen2/credentials/role", _role_credentials)
    gen2_routes.register("/_gen2/credentials/", _credentials)
    gen2_routes.register("/_gen2/iam/authorize", _authorize)
