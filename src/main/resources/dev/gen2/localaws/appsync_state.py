"""What was deployed to the local AWS's AppSync, for the local GraphQL service: GET /_gen2/appsync answers every
GraphQL API created through CloudFormation with its authorization, API keys, schema, data sources, resolvers and
functions (their APPSYNC_JS code read from the template or from its S3 asset), and a version number that changes
whenever any of them is created, updated or deleted, so the service rebuilds an API only when it changed.

The AppSync resource models of cfn_resources are wrapped here: each records itself in a registry while it exists.
The registry is kept with the rest of a sandbox's state (local_state), so a restarted local AWS serves the same APIs.
"""
import threading

import cfn_resources
import gen2_routes

_lock = threading.Lock()
_live = {}  # id(resource) -> resource, for every AppSync resource that exists
_version = 0

APPSYNC_TYPES = (cfn_resources.GraphQLApi, cfn_resources.GraphQLSchema, cfn_resources.ApiKey,
                 cfn_resources.DataSource, cfn_resources.Resolver, cfn_resources.FunctionConfiguration)


def _changed(resource, live):
    global _version
    with _lock:
        if live:
            _live[id(resource)] = resource
        else:
            _live.pop(id(resource), None)
        _version += 1


def _recording(cls):
    create, update, remove = cls.create, cls.update, cls.remove

    def recorded_create(self):
        create(self)
        _changed(self, True)

    def recorded_update(self, properties):
        update(self, properties)
        _changed(self, True)

    def recorded_remove(self):
        try:
            remove(self)
        finally:
            _changed(self, False)

    cls.create, cls.update, cls.remove = recorded_create, recorded_update, recorded_remove


def all_live():
    """Every AppSync resource that exists, for local_state to keep across restarts."""
    with _lock:
        return list(_live.values())


def restore(resources):
    """Puts back the resources a saved state held (the same objects as its stacks' resources, from one pickle)."""
    global _version
    with _lock:
        _live.clear()
        _live.update((id(resource), resource) for resource in resources)
        _version += 1


def _user_pool(config):
    if not config:
        return None
    return {"userPoolId": config.get("UserPoolId"), "awsRegion": config.get("AwsRegion"),
            "appIdClientRegex": config.get("AppIdClientRegex"), "defaultAction": config.get("DefaultAction")}


def _lambda_authorizer(config):
    if not config:
        return None
    return {"authorizerUri": config.get("AuthorizerUri"),
            "resultTtlInSeconds": int(config.get("AuthorizerResultTtlInSeconds") or 0),
            "identityValidationExpression": config.get("IdentityValidationExpression")}


def _oidc(config):
    if not config:
        return None
    return {"issuer": config.get("Issuer"), "clientId": config.get("ClientId"),
            "iatTTL": config.get("IatTTL"), "authTTL": config.get("AuthTTL")}


def _provider(p):
    return {"authenticationType": p.get("AuthenticationType"),
            "userPoolConfig": _user_pool(p.get("UserPoolConfig")),
            "openIDConnectConfig": _oidc(p.get("OpenIDConnectConfig")),
            "lambdaAuthorizerConfig": _lambda_authorizer(p.get("LambdaAuthorizerConfig"))}


def _code(resource):
    """A resolver's or function's APPSYNC_JS code: inline, or the S3 object CDK uploaded it to."""
    p = resource.properties
    if p.get("Code") is not None:
        return p["Code"]
    if p.get("CodeS3Location"):
        return cfn_resources._read_s3_location(resource, p["CodeS3Location"])
    return None


def _runtime(p):
    runtime = p.get("Runtime") or {}
    return {"name": runtime.get("Name"), "runtimeVersion": runtime.get("RuntimeVersion")} if runtime else None


def _api_key(resource):
    from moto.appsync.models import appsync_backends
    api = appsync_backends[resource.account_id][resource.region_name].graphql_apis.get(resource.properties["ApiId"])
    key = api.api_keys.get(resource.attributes["ApiKeyId"]) if api else None
    return {"id": resource.attributes["ApiKey"], "expires": key.expires if key else None}


def snapshot():
    """Every deployed API as the local GraphQL service needs it."""
    with _lock:
        resources = list(_live.values())
        version = _version
    apis = {}
    for r in resources:
        if isinstance(r, cfn_resources.GraphQLApi):
            p = r.properties
            apis[r.attributes["ApiId"]] = {
                "apiId": r.attributes["ApiId"], "arn": r.attributes["Arn"], "name": p.get("Name", r.resource_name),
                "region": r.region_name, "accountId": r.account_id,
                "authenticationType": p.get("AuthenticationType"),
                "userPoolConfig": _user_pool(p.get("UserPoolConfig")),
                "openIDConnectConfig": _oidc(p.get("OpenIDConnectConfig")),
                "lambdaAuthorizerConfig": _lambda_authorizer(p.get("LambdaAuthorizerConfig")),
                "additionalAuthenticationProviders": [_provider(a) for a in
                                                      p.get("AdditionalAuthenticationProviders") or []],
                "apiKeys": [], "schema": None, "dataSources": [], "resolvers": [], "functions": []}
    for r in resources:
        api = apis.get(r.properties.get("ApiId"))
        if api is None:
            continue
        p = r.properties
        if isinstance(r, cfn_resources.GraphQLSchema):
            api["schema"] = getattr(r, "definition", None)
        elif isinstance(r, cfn_resources.ApiKey):
            api["apiKeys"].append(_api_key(r))
        elif isinstance(r, cfn_resources.DataSource):
            api["dataSources"].append({
                "name": p["Name"], "type": p.get("Type"),
                "tableName": (p.get("DynamoDBConfig") or {}).get("TableName"),
                "lambdaFunctionArn": (p.get("LambdaConfig") or {}).get("LambdaFunctionArn"),
                "httpEndpoint": (p.get("HttpConfig") or {}).get("Endpoint"),
                "serviceRoleArn": p.get("ServiceRoleArn")})
        elif isinstance(r, cfn_resources.Resolver):
            api["resolvers"].append({
                "typeName": p["TypeName"], "fieldName": p["FieldName"], "kind": p.get("Kind", "UNIT"),
                "runtime": _runtime(p), "code": _code(r), "dataSourceName": p.get("DataSourceName"),
                "functions": list((p.get("PipelineConfig") or {}).get("Functions") or []),
                "requestMappingTemplate": p.get("RequestMappingTemplate") is not None
                or p.get("RequestMappingTemplateS3Location") is not None})
        elif isinstance(r, cfn_resources.FunctionConfiguration):
            api["functions"].append({
                "functionId": r.attributes["FunctionId"], "name": p.get("Name"),
                "dataSourceName": p.get("DataSourceName"), "runtime": _runtime(p), "code": _code(r)})
    return {"version": version, "apis": sorted(apis.values(), key=lambda a: a["apiId"])}


def _handle(environ):
    """?since=<version>: only the version when nothing changed since, so a poll before each request stays cheap."""
    from urllib.parse import parse_qs
    since = parse_qs(environ.get("QUERY_STRING", "")).get("since", [""])[0]
    with _lock:
        version = _version
    if since == str(version):
        return gen2_routes.json_response("200 OK", {"version": version, "apis": None})
    return gen2_routes.json_response("200 OK", snapshot())


def apply():
    for cls in APPSYNC_TYPES:
        _recording(cls)
    gen2_routes.register("/_gen2/appsync", _handle)
