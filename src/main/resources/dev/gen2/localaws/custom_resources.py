"""CloudFormation custom resources run their ServiceToken function on the local Lambda runtime (lambda_runtime), with
CloudFormation's custom resource request: RequestType (Create, Update, Delete), ResponseURL, StackId, RequestId,
ResourceType, LogicalResourceId, ResourceProperties (scalars as strings, as CloudFormation sends them),
OldResourceProperties and PhysicalResourceId on Update and Delete. Its answer decides: Status SUCCESS or FAILED (the
stack fails with "Received response status [FAILED] from custom resource. Message returned: <Reason>"), the
PhysicalResourceId, and Data for Fn::GetAtt. So what a deploy runs locally is the code AWS runs.

- A plain ServiceToken function answers by PUTting its response to ResponseURL: here
  http://localhost:<port>/_gen2/cfn-responses/<RequestId> (no presigned S3 URL: a handler must be able to PUT to an
  http URL; one that insists on https cannot answer locally, and its resource fails saying so).
- CDK's provider framework (custom_resources.Provider: the ServiceToken function has USER_ON_EVENT_FUNCTION_ARN in
  its environment): the framework's own code is CDK's, and it answers ResponseURL over https only, so the local AWS
  does the framework's part, as the framework does it: it invokes the user's onEvent function with the request and
  takes its return value ({PhysicalResourceId, Data, NoEcho}) as a SUCCESS, its error as a FAILED with the error's
  message. A provider with an isComplete function (asynchronous waiting) is refused.
"""
import json
import os
import threading
import uuid

import gen2_routes
import lambda_runtime

RESPONSES_PREFIX = "/_gen2/cfn-responses/"
_responses = {}
_responses_lock = threading.Lock()


class Failed(Exception):
    """The custom resource answered FAILED (or did not answer): the reason."""


def _as_cloudformation_sends(value):
    """CloudFormation gives a custom resource its property values as strings (numbers and booleans included)."""
    if isinstance(value, dict):
        return {k: _as_cloudformation_sends(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_cloudformation_sends(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _function(resource, arn):
    from moto.awslambda.models import lambda_backends
    try:
        return lambda_backends[resource.account_id][resource.region_name].get_function(arn)
    except Exception as error:  # noqa: BLE001 - moto's "function not found"
        raise Failed(f"its ServiceToken function {arn} does not exist: {error}") from None


def request(resource, request_type, old_properties=None):
    """CloudFormation's request to the custom resource."""
    request_id = str(uuid.uuid4())
    event = {
        "RequestType": request_type,
        "ServiceToken": resource.properties.get("ServiceToken"),
        "ResponseURL": f"http://localhost:{os.environ.get('MOTO_PORT', '5000')}{RESPONSES_PREFIX}{request_id}",
        "StackId": resource.stack_id,
        "RequestId": request_id,
        "ResourceType": resource.resource_type,
        "LogicalResourceId": resource.logical_id,
        "ResourceProperties": _as_cloudformation_sends(resource.properties),
    }
    if request_type != "Create":
        event["PhysicalResourceId"] = resource.physical_id
    if request_type == "Update":
        event["OldResourceProperties"] = _as_cloudformation_sends(old_properties or {})
    return event


def _through_provider_framework(resource, framework, event):
    environment = framework.environment_vars or {}
    if environment.get("USER_IS_COMPLETE_FUNCTION_ARN"):
        raise Failed("its CDK provider has an isComplete handler, which the local AWS does not run")
    on_event = _function(resource, environment["USER_ON_EVENT_FUNCTION_ARN"])
    try:
        value, failed = lambda_runtime.invoke_json(on_event, event)
    except lambda_runtime.RuntimeUnavailable as error:
        raise Failed(str(error)) from None
    if failed:
        message = value.get("errorMessage") if isinstance(value, dict) else str(value)
        raise Failed(message or "the onEvent handler failed")
    value = value if isinstance(value, dict) else {}
    return {"Status": "SUCCESS",
            "PhysicalResourceId": value.get("PhysicalResourceId") or event.get("PhysicalResourceId")
            or event["RequestId"], "Data": value.get("Data") or {}}


def _through_response_url(function, event):
    with _responses_lock:
        _responses[event["RequestId"]] = None
    try:
        result = lambda_runtime.run(function, json.dumps(event))
    except lambda_runtime.RuntimeUnavailable as error:
        raise Failed(str(error)) from None
    finally:
        with _responses_lock:
            answer = _responses.pop(event["RequestId"], None)
    if answer is None:
        why = f": it failed with {result.get('payload')}" if result.get("functionError") else ""
        raise Failed(f"its function {function.function_name} did not answer at the ResponseURL{why}")
    return answer


def run(resource, request_type, old_properties=None):
    """Runs the resource's request; returns (physical id, data), or raises Failed with the reason."""
    token = resource.properties.get("ServiceToken")
    if not token or ":lambda:" not in str(token):
        raise Failed(f"its ServiceToken {token} is not a Lambda function (the local AWS runs only those)")
    try:
        function = _function(resource, token)
    except Failed:
        if request_type == "Delete":  # moto may delete the function first (CloudFormation would not): nothing to do
            return resource.physical_id, {}
        raise
    event = request(resource, request_type, old_properties)
    if "USER_ON_EVENT_FUNCTION_ARN" in (function.environment_vars or {}):
        answer = _through_provider_framework(resource, function, event)
    else:
        answer = _through_response_url(function, event)
    if answer.get("Status") != "SUCCESS":
        raise Failed(answer.get("Reason") or "no reason given")
    return answer.get("PhysicalResourceId") or event.get("PhysicalResourceId") or event["RequestId"], \
        dict(answer.get("Data") or {})


def _response_route(environ):
    request_id = environ.get("PATH_INFO", "")[len(RESPONSES_PREFIX):]
    if environ.get("REQUEST_METHOD") != "PUT":
        return gen2_routes.json_response("405 Method Not Allowed", {"message": "PUT the response"})
    with _responses_lock:
        if request_id not in _responses:
            return gen2_routes.json_response("404 Not Found", {"message": f"no custom resource request {request_id}"})
        try:
            answer = json.loads(gen2_routes.read_body(environ) or b"{}")
        except ValueError:
            answer = {"Status": "FAILED", "Reason": "the response is not JSON"}
        if answer.get("RequestId") not in (None, request_id):
            answer = {"Status": "FAILED", "Reason": "the response names another RequestId"}
        _responses[request_id] = answer
    return "200 OK", [("Content-Length", "0")], b""


def _get_identity_pool_roles(self):
    """cognito-identity GetIdentityPoolRoles, which moto lacks (reference-auth's handler calls it): the roles and
    role mappings an AWS::Cognito::IdentityPoolRoleAttachment recorded (cfn_resources)."""
    from moto.cognitoidentity.exceptions import ResourceNotFoundError
    from moto.cognitoidentity.models import cognitoidentity_backends
    pool_id = self._get_param("IdentityPoolId")
    pool = cognitoidentity_backends[self.current_account][self.region].identity_pools.get(pool_id)
    if pool is None:
        raise ResourceNotFoundError(pool_id)
    answer = {"IdentityPoolId": pool_id, "Roles": getattr(pool, "roles", None) or {}}
    if getattr(pool, "role_mappings", None):
        answer["RoleMappings"] = pool.role_mappings
    return json.dumps(answer)


def _set_identity_pool_roles(self):
    """cognito-identity SetIdentityPoolRoles, which moto lacks too: records the roles and role mappings where
    AWS::Cognito::IdentityPoolRoleAttachment records them, so credentials act as those roles."""
    from moto.cognitoidentity.exceptions import ResourceNotFoundError
    from moto.cognitoidentity.models import cognitoidentity_backends
    pool_id = self._get_param("IdentityPoolId")
    pool = cognitoidentity_backends[self.current_account][self.region].identity_pools.get(pool_id)
    if pool is None:
        raise ResourceNotFoundError(pool_id)
    pool.roles = self._get_param("Roles") or {}
    pool.role_mappings = self._get_param("RoleMappings") or {}
    return ""


def apply():
    from moto.cognitoidentity.responses import CognitoIdentityResponse
    if not hasattr(CognitoIdentityResponse, "get_identity_pool_roles"):
        CognitoIdentityResponse.get_identity_pool_roles = _get_identity_pool_roles
    if not hasattr(CognitoIdentityResponse, "set_identity_pool_roles"):
        CognitoIdentityResponse.set_identity_pool_roles = _set_identity_pool_roles
    gen2_routes.register(RESPONSES_PREFIX, _response_route)
