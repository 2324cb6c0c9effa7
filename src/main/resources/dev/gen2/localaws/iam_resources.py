"""What IAM checks for one request to a service other than S3: the action(s) and the resource ARN(s) the request acts on,
derived from its parameters as IAM does (moto names every such resource "*", which no ARN in a policy matches).

A request yields one check per resource it touches (each table of a batch, each parameter of GetParameters, each item
of a transaction with the item's own action); the request is allowed only if every check is. Services and actions not
listed here keep the resource "*".
"""
from urllib.parse import unquote


class Check:
    """One (action, resource) pair IAM decides, with the request context keys that pair adds."""

    def __init__(self, action, resource, context=None):
        self.action = action
        self.resource = resource
        self.context = context or {}

    def __eq__(self, other):
        return isinstance(other, Check) and (self.action, self.resource, self.context) == \
            (other.action, other.resource, other.context)

    def __repr__(self):
        return f"Check({self.action!r}, {self.resource!r}, {self.context!r})"


class Request:
    """The parts of a request the resources come from: the signing service, the operation (the API's name), the JSON
    body's parameters, the URL path and query, and the region and account the request is made in."""

    def __init__(self, service, operation, params=None, path="", query=None, region="us-east-1",
                 account="123456789012"):
        self.service = service
        self.operation = operation
        self.params = params if isinstance(params, dict) else {}
        self.path = path or ""
        self.query = query or {}
        self.region = region
        self.account = account

    def arn(self, service, resource):
        return f"arn:aws:{service}:{self.region}:{self.account}:{resource}"


# --- DynamoDB ----------------------------------------------------------------------------------------------------------

# a transaction's items are authorized as the single-item action each stands for
_TRANSACT_ITEM_ACTIONS = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem",
                          "ConditionCheck": "ConditionCheckItem", "Get": "GetItem"}


def _table_arn(request, table):
    # DynamoDB accepts a table's ARN wherever it takes its name
    return table if table.startswith("arn:") else request.arn("dynamodb", f"table/{table}")


def _dynamodb(request):
    params, operation = request.params, request.operation
    if operation in ("BatchGetItem", "BatchWriteItem"):
        return [Check(f"dynamodb:{operation}", _table_arn(request, table)) for table in params.get("RequestItems") or {}]
    if operation in ("TransactWriteItems", "TransactGetItems"):
        checks = []
        for item in params.get("TransactItems") or []:
            for kind, body in item.items():
                if kind in _TRANSACT_ITEM_ACTIONS and isinstance(body, dict) and body.get("TableName"):
                    checks.append(Check("dynamodb:" + _TRANSACT_ITEM_ACTIONS[kind],
                                        _table_arn(request, body["TableName"]),
                                        {"dynamodb:EnclosingOperation": operation}))
        return checks
    table = params.get("TableName")
    if not table:
        return [Check(f"dynamodb:{operation}", "*")]
    resource = _table_arn(request, table)
    if operation in ("Query", "Scan") and params.get("IndexName"):
        resource += "/index/" + params["IndexName"]
    return [Check(f"dynamodb:{operation}", resource)]


# --- SSM ---------------------------------------------------------------------------------------------------------------

def _parameter_arn(request, name):
    return name if name.startswith("arn:") else request.arn("ssm", "parameter/" + name.lstrip("/"))


def _ssm(request):
    params, action = request.params, f"ssm:{request.operation}"
    if isinstance(params.get("Names"), list):
        return [Check(action, _parameter_arn(request, name)) for name in params["Names"]]
    for key in ("Name", "Path"):
        if isinstance(params.get(key), str):
            return [Check(action, _parameter_arn(request, params[key]))]
    return [Check(action, "*")]


# --- Cognito -----------------------------------------------------------------------------------------------------------

def _cognito_idp(request):
    pool = request.params.get("UserPoolId")
    resource = request.arn("cognito-idp", f"userpool/{pool}") if isinstance(pool, str) and pool else "*"
    return [Check(f"cognito-idp:{request.operation}", resource)]


def _cognito_identity(request):
    pool = request.params.get("IdentityPoolId")
    resource = request.arn("cognito-identity", f"identitypool/{pool}") if isinstance(pool, str) and pool else "*"
    return [Check(f"cognito-identity:{request.operation}", resource)]


# --- Lambda ------------------------------------------------------------------------------------------------------------

# Lambda's operations whose IAM action is named otherwise
_LAMBDA_IAM_ACTIONS = {"Invoke": "InvokeFunction"}


def function_arn(request, name, qualifier=None):
    """The ARN IAM checks for a function named by its name, its ARN or a partial ARN (<account>:function:<name>), any
    of them with a version or alias after a colon, or with the request's Qualifier."""
    parts = name.split(":")
    if name.startswith("arn:"):
        region, account, rest = parts[3], parts[4], parts[6:]
    elif len(parts) >= 3 and parts[1] == "function":
        region, account, rest = request.region, parts[0], parts[2:]
    else:
        region, account, rest = request.region, request.account, parts
    function, own_qualifier = rest[0], (rest[1] if len(rest) > 1 else None)
    qualifier = own_qualifier or qualifier
    arn = f"arn:aws:lambda:{region}:{account}:function:{function}"
    return f"{arn}:{qualifier}" if qualifier else arn


def _lambda(request):
    action = "lambda:" + _LAMBDA_IAM_ACTIONS.get(request.operation, request.operation)
    segments = [unquote(segment) for segment in request.path.split("/")]
    # /<api version>/functions/<name>/...
    if len(segments) > 3 and segments[2] == "functions" and segments[3]:
        qualifier = request.query.get("Qualifier")
        qualifier = qualifier[0] if isinstance(qualifier, list) else qualifier
        return [Check(action, function_arn(request, segments[3], qualifier))]
    return [Check(action, "*")]


# --- AppSync's control plane -------------------------------------------------------------------------------------------

def _appsync(request):
    segments = [unquote(segment) for segment in request.path.split("/")]
    # /v1/apis/<apiId>/...; the GraphQL service checks appsync:GraphQL on each field itself
    if len(segments) > 3 and segments[2] == "apis" and segments[3]:
        return [Check(f"appsync:{request.operation}", request.arn("appsync", f"apis/{segments[3]}"))]
    return [Check(f"appsync:{request.operation}", "*")]


_SERVICES = {"dynamodb": _dynamodb, "ssm": _ssm, "cognito-idp": _cognito_idp, "cognito-identity": _cognito_identity,
             "lambda": _lambda, "appsync": _appsync}


def checks(request):
    """The checks IAM makes for a request to a service other than S3 (at least one)."""
    derive = _SERVICES.get(request.service)
    found = derive(request) if derive else []
    return found or [Check(f"{request.service}:{request.operation}", "*")]
