"""CloudFormation resource types moto 5.2 lacks, for the backends this project deploys.

moto skipped every type it has no model for (a warning, no resource, and any Fn::GetAtt on it failed the stack with
"references undefined resource"), and ran every custom resource's Lambda in Docker, which never answers here.
Registered below:
- Cognito user pools, app clients, groups, domains, identity providers and identity pools, created in moto's own
  cognito-idp / cognito-identity backends, so SignUp and InitiateAuth work against the deployed pool;
- AppSync GraphQL APIs, schemas and API keys in moto's appsync backend; data sources, resolvers and functions as
  recorded stubs (no GraphQL endpoint is emulated);
- Scheduler schedules in moto's scheduler backend; S3 bucket policies on moto's buckets; CDK's metadata;
- Lambda permissions that can be updated and deleted (moto could only create them);
- custom resources: their ServiceToken function runs on the local Lambda runtime (custom_resources), except CDK's
  S3 auto-delete and bucket notifications, done here in Python; any other unknown type fails its stack with the
  reason, instead of being skipped.
"""
import base64
import json
import logging
import os
import random
import string

from moto.cloudformation import parsing
from moto.cloudformation.custom_model import CustomModel
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException, ValidationError
from moto.core.common_models import CloudFormationModel
from moto.utilities.utils import get_partition

logger = logging.getLogger("gen2.localaws")

# moto's model metaclass files every model under the second part of its module name ("moto.<service>.models").
MODEL_MODULE = "gen2.localaws.cfn_resources"

CUSTOM_RESOURCE = "AWS::CloudFormation::CustomResource"


def _random_id(length=26, alphabet=string.ascii_lowercase + string.digits):
    return "".join(random.choice(alphabet) for _ in range(length))


def _tags_as_dict(tags):
    """CloudFormation writes tags as a list of {Key, Value} for most types and as a map for some."""
    if isinstance(tags, dict):
        return dict(tags)
    return {tag["Key"]: tag["Value"] for tag in tags or []}


def _bool(value):
    return value is True or str(value).lower() == "true"


class LocalResource(CloudFormationModel):
    """A resource of a type registered here. Subclasses set TYPE and override create/update/remove; the physical id
    is what Ref returns and `attributes` what Fn::GetAtt returns."""
    __module__ = MODEL_MODULE

    TYPE = ""
    NAME_PROPERTY = ""

    def __init__(self, account_id, region_name, resource_name, properties, logical_id, resource_type, stack_id):
        self.account_id = account_id
        self.region_name = region_name
        self.resource_name = resource_name
        self.properties = properties
        self.logical_id = logical_id
        self.resource_type = resource_type
        self.stack_id = stack_id
        self.physical_id = resource_name
        self.attributes = {}

    # What subclasses implement.
    def create(self):
        """Creates the resource from self.properties; sets physical_id and attributes."""

    def update(self, properties):
        """Applies new properties in place (the default: just records them)."""
        self.properties = properties

    def remove(self):
        """Deletes the resource."""

    # moto's CloudFormationModel interface.
    @classmethod
    def cloudformation_type(cls):
        return cls.TYPE

    @classmethod
    def cloudformation_name_type(cls):
        return cls.NAME_PROPERTY

    @classmethod
    def has_cfn_attr(cls, attr):
        return True

    @property
    def physical_resource_id(self):
        return self.physical_id

    def get_cfn_attribute(self, attribute_name):
        if attribute_name in self.attributes:
            return self.attributes[attribute_name]
        raise UnformattedGetAttTemplateException()

    def is_created(self):
        return True

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        resource = cls(account_id, region_name, resource_name, cloudformation_json.get("Properties") or {},
                       kwargs.get("LogicalId", resource_name), kwargs.get("ResourceType", cls.TYPE),
                       kwargs.get("StackId"))
        resource.create()
        return resource

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                        region_name):
        original_resource.update(cloudformation_json.get("Properties") or {})
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        """Only reached when delete() itself failed with TypeError/AttributeError (moto's fallback): nothing left."""

    def delete(self, account_id, region_name):
        self.remove()


# --- Cognito --------------------------------------------------------------------------------------------------------

def _idp(resource):
    from moto.cognitoidp.models import cognitoidp_backends
    return cognitoidp_backends[resource.account_id][resource.region_name]


def _identity(resource):
    from moto.cognitoidentity.models import cognitoidentity_backends
    return cognitoidentity_backends[resource.account_id][resource.region_name]


def _quietly(action, *args):
    """Deletes something that may already be gone (deleted with its parent, e.g. a client with its pool)."""
    try:
        action(*args)
    except Exception as error:  # noqa: BLE001 - gone is what we want
        logger.debug("already gone: %s", error)


class UserPool(LocalResource):
    """AWS::Cognito::UserPool as a moto user pool (id us-east-1_xxx as moto makes it). Ref: the pool id."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::Cognito::UserPool"
    NOT_API = ("UserPoolName", "EnabledMfas")

    def _config(self, properties):
        """CreateUserPool's request from the resource's properties: the same names but for the pool name and MFA."""
        return {k: v for k, v in properties.items() if k not in self.NOT_API}

    def _apply_mfa(self, pool, properties):
        enabled = properties.get("EnabledMfas") or []
        pool.mfa_config = properties.get("MfaConfiguration", "OFF")
        pool.token_mfa_config = {"Enabled": True} if "SOFTWARE_TOKEN_MFA" in enabled else None
        if "SMS_MFA" in enabled and properties.get("SmsConfiguration"):
            pool.sms_mfa_config = {"SmsConfiguration": properties["SmsConfiguration"]}

    def create(self):
        pool = _idp(self).create_user_pool(self.properties.get("UserPoolName", self.resource_name),
                                           self._config(self.properties))
        self._apply_mfa(pool, self.properties)
        self.physical_id = pool.id
        self.attributes = {
            "UserPoolId": pool.id, "Arn": pool.arn,
            "ProviderName": f"cognito-idp.{self.region_name}.amazonaws.com/{pool.id}",
            "ProviderURL": f"https://cognito-idp.{self.region_name}.amazonaws.com/{pool.id}",
        }

    def update(self, properties):
        """UpdateUserPool in place: the pool, its id and its users stay."""
        backend = _idp(self)
        backend.update_user_pool(self.physical_id, self._config(properties))
        self._apply_mfa(backend.describe_user_pool(self.physical_id), properties)
        self.properties = properties

    def remove(self):
        """DeleteUserPool, which Cognito refuses while the pool's deletion protection is on (moto deleted it)."""
        pool = _idp(self).user_pools.get(self.physical_id)
        if pool is not None and pool.extended_config.get("DeletionProtection") == "ACTIVE":
            raise ValidationError(message=f"The user pool {self.physical_id} cannot be deleted: deletion protection "
                                          "is activated. Deactivate it before deleting the pool.")
        _quietly(_idp(self).delete_user_pool, self.physical_id)


class UserPoolClient(LocalResource):
    """AWS::Cognito::UserPoolClient as a moto app client. Ref: the client id."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::Cognito::UserPoolClient"

    def _config(self, properties):
        config = {k: v for k, v in properties.items() if k not in ("UserPoolId", "GenerateSecret")}
        config.setdefault("ClientName", self.resource_name)
        return config

    def create(self):
        client = _idp(self).create_user_pool_client(
            self.properties["UserPoolId"], _bool(self.properties.get("GenerateSecret")), self._config(self.properties))
        self.physical_id = client.id
        self.attributes = {"ClientId": client.id, "Name": client.extended_config.get("ClientName"),
                           "ClientSecret": getattr(client, "secret", None)}

    def update(self, properties):
        _idp(self).update_user_pool_client(self.properties["UserPoolId"], self.physical_id, self._config(properties))
        self.properties = properties

    def remove(self):
        _quietly(_idp(self).delete_user_pool_client, self.properties["UserPoolId"], self.physical_id)


class UserPoolGroup(LocalResource):
    """AWS::Cognito::UserPoolGroup as a moto group. Ref: the group name."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::Cognito::UserPoolGroup"

    def create(self):
        p = self.properties
        self.physical_id = p.get("GroupName", self.resource_name)
        _idp(self).create_group(p["UserPoolId"], self.physical_id, p.get("Description"), p.get("RoleArn"),
                                p.get("Precedence"))

    def update(self, properties):
        _idp(self).update_group(self.properties["UserPoolId"], self.physical_id, properties.get("Description"),
                                properties.get("RoleArn"), properties.get("Precedence"))
        self.properties = properties

    def remove(self):
        _quietly(_idp(self).delete_group, self.properties["UserPoolId"], self.physical_id)


class UserPoolDomain(LocalResource):
    """AWS::Cognito::UserPoolDomain as a moto domain. Ref: the domain."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::Cognito::UserPoolDomain"

    def create(self):
        self.physical_id = self.properties["Domain"]
        _idp(self).create_user_pool_domain(self.properties["UserPoolId"], self.physical_id,
                                           self.properties.get("CustomDomainConfig"))
        self.attributes = {"CloudFrontDistribution": f"{_random_id(14)}.cloudfront.net"}

    def remove(self):
        _quietly(_idp(self).delete_user_pool_domain, self.physical_id)


class UserPoolIdentityProvider(LocalResource):
    """AWS::Cognito::UserPoolIdentityProvider as a moto identity provider. Ref: the provider name."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::Cognito::UserPoolIdentityProvider"

    def _config(self, properties):
        return {k: properties[k] for k in ("ProviderType", "ProviderDetails", "AttributeMapping", "IdpIdentifiers")
                if k in properties}

    def create(self):
        self.physical_id = self.properties["ProviderName"]
        _idp(self).create_identity_provider(self.properties["UserPoolId"], self.physical_id,
                                            self._config(self.properties))

    def update(self, properties):
        _idp(self).update_identity_provider(self.properties["UserPoolId"], self.physical_id, self._config(properties))
        self.properties = properties

    def remove(self):
        _quietly(_idp(self).delete_identity_provider, self.properties["UserPoolId"], self.physical_id)


class IdentityPool(LocalResource):
    """AWS::Cognito::IdentityPool as a moto identity pool (id us-east-1:uuid). Ref: the pool id."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::Cognito::IdentityPool"

    def _arguments(self, p):
        return dict(
            allow_unauthenticated_identities=_bool(p.get("AllowUnauthenticatedIdentities")),
            supported_login_providers=p.get("SupportedLoginProviders") or {},
            developer_provider_name=p.get("DeveloperProviderName"),
            open_id_connect_provider_arns=p.get("OpenIdConnectProviderARNs") or [],
            cognito_identity_providers=p.get("CognitoIdentityProviders") or [],
            saml_provider_arns=p.get("SamlProviderARNs") or [],
            tags=_tags_as_dict(p.get("IdentityPoolTags")))

    def _name(self, p):
        return p.get("IdentityPoolName") or self.logical_id

    def create(self):
        created = json.loads(_identity(self).create_identity_pool(self._name(self.properties),
                                                                  **self._arguments(self.properties)))
        self.physical_id = created["IdentityPoolId"]
        self.attributes = {"Name": created["IdentityPoolName"], "Id": self.physical_id}

    def update(self, properties):
        args = self._arguments(properties)
        _identity(self).update_identity_pool(
            self.physical_id, self._name(properties), args["allow_unauthenticated_identities"],
            args["supported_login_providers"], args["developer_provider_name"],
            args["open_id_connect_provider_arns"], args["cognito_identity_providers"], args["saml_provider_arns"],
            args["tags"])
        self.properties = properties

    def remove(self):
        _quietly(_identity(self).delete_identity_pool, self.physical_id)


class IdentityPoolRoleAttachment(LocalResource):
    """AWS::Cognito::IdentityPoolRoleAttachment: the roles are recorded on the moto identity pool (as `roles` and
    `role_mappings`); moto's SetIdentityPoolRoles itself answers HTTP 500. Ref: the identity pool id."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::Cognito::IdentityPoolRoleAttachment"

    def _attach(self, properties):
        pool = _identity(self).identity_pools.get(properties["IdentityPoolId"])
        if pool is None:
            raise ValidationError(message=f"IdentityPool '{properties['IdentityPoolId']}' not found")
        pool.roles = properties.get("Roles") or {}
        mappings = properties.get("RoleMappings") or {}
        # CloudFormation keys role mappings by an arbitrary name and names the provider inside; the API keys them
        # by the provider.
        pool.role_mappings = {m.get("IdentityProvider", k): {x: y for x, y in m.items() if x != "IdentityProvider"}
                              for k, m in mappings.items()}

    def create(self):
        self._attach(self.properties)
        self.physical_id = self.properties["IdentityPoolId"]

    def update(self, properties):
        self._attach(properties)
        self.properties = properties

    def remove(self):
        pool = _identity(self).identity_pools.get(self.physical_id)
        if pool is not None:
            pool.roles, pool.role_mappings = {}, {}


# --- AppSync ----------------------------------------------------------------------------------------------------------

def _appsync(resource):
    from moto.appsync.models import appsync_backends
    return appsync_backends[resource.account_id][resource.region_name]


class GraphQLApi(LocalResource):
    """AWS::AppSync::GraphQLApi as a moto GraphQL API (no endpoint is served). Ref: its ARN; GetAtt ApiId, Arn,
    GraphQLUrl, GraphQLDns, RealtimeUrl, RealtimeDns, GraphQLEndpointArn."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::AppSync::GraphQLApi"

    def _arguments(self, p):
        return dict(
            name=p.get("Name", self.resource_name), log_config=p.get("LogConfig"),
            authentication_type=p.get("AuthenticationType"), user_pool_config=p.get("UserPoolConfig"),
            open_id_connect_config=p.get("OpenIDConnectConfig"),
            additional_authentication_providers=p.get("AdditionalAuthenticationProviders"),
            xray_enabled=p.get("XrayEnabled", False), lambda_authorizer_config=p.get("LambdaAuthorizerConfig"))

    def create(self):
        api = _appsync(self).create_graphql_api(tags=_tags_as_dict(self.properties.get("Tags")),
                                                visibility=self.properties.get("Visibility"),
                                                **self._arguments(self.properties))
        self.physical_id = api.arn
        self.attributes = {"ApiId": api.api_id, "Arn": api.arn, "GraphQLEndpointArn": api.arn,
                           **_graphql_endpoints(api.api_id, self.region_name)}

    def update(self, properties):
        _appsync(self).update_graphql_api(api_id=self.attributes["ApiId"], **self._arguments(properties))
        self.properties = properties

    def remove(self):
        _quietly(_appsync(self).delete_graphql_api, self.attributes["ApiId"])


def _graphql_endpoints(api_id, region_name):
    """Where the API answers: on the local GraphQL service when the local AWS runs one (LOCAL_AWS_GRAPHQL_URL, so the
    stack's outputs, and amplify_outputs.json, name the local URL), else AppSync's host names."""
    local = os.environ.get("LOCAL_AWS_GRAPHQL_URL")
    if local:
        authority = local.split("://", 1)[1].rstrip("/")
        return {"GraphQLUrl": f"{local.rstrip('/')}/{api_id}/graphql", "GraphQLDns": authority,
                "RealtimeUrl": f"wss://{authority}/{api_id}/graphql/realtime", "RealtimeDns": authority}
    host = f"{api_id}.appsync-api.{region_name}.amazonaws.com"
    realtime = f"{api_id}.appsync-realtime-api.{region_name}.amazonaws.com"
    return {"GraphQLUrl": f"https://{host}/graphql", "GraphQLDns": host,
            "RealtimeUrl": f"wss://{realtime}/graphql", "RealtimeDns": realtime}


def _read_s3_location(resource, location):
    """The text of an s3://bucket/key object in moto's S3 (CDK puts AppSync schemas and resolver code there)."""
    from moto.s3.models import s3_backends
    bucket, key = location[len("s3://"):].split("/", 1)
    obj = s3_backends[resource.account_id][get_partition(resource.region_name)].get_object(bucket, key)
    return obj.value.decode("utf-8")


# What AppSync declares for every schema: its scalars and its authorization directives.
APPSYNC_PRELUDE = """
scalar AWSDate scalar AWSTime scalar AWSDateTime scalar AWSTimestamp scalar AWSEmail scalar AWSJSON scalar AWSURL
scalar AWSPhone scalar AWSIPAddress
directive @aws_iam on OBJECT | FIELD_DEFINITION
directive @aws_api_key on OBJECT | FIELD_DEFINITION
directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION
directive @aws_oidc on OBJECT | FIELD_DEFINITION
directive @aws_lambda on OBJECT | FIELD_DEFINITION
directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION
directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
"""


def _check_appsync_schema(definition):
    """AppSync refuses a schema that does not build (an unknown type, a bad directive): the resource fails with
    its status. moto's StartSchemaCreation accepted anything, an undefined type included."""
    import graphql  # moto's AppSync depends on graphql-core
    try:
        graphql.build_schema(APPSYNC_PRELUDE + definition)
    except graphql.GraphQLError as error:
        raise ValidationError(message=f"Schema Creation Status is FAILED with details: {error.message}") from error
    except Exception as error:  # noqa: BLE001 - a syntax error, say
        raise ValidationError(message=f"Schema Creation Status is FAILED with details: {error}") from error


class GraphQLSchema(LocalResource):
    """AWS::AppSync::GraphQLSchema: the definition (inline or from S3) is started on the moto API."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::AppSync::GraphQLSchema"

    def _start(self, p):
        definition = p.get("Definition")
        if definition is None and p.get("DefinitionS3Location"):
            definition = _read_s3_location(self, p["DefinitionS3Location"])
        if not definition:
            raise ValidationError(message="Either Definition or DefinitionS3Location must be set.")
        _check_appsync_schema(definition)
        _appsync(self).start_schema_creation(p["ApiId"], base64.b64encode(definition.encode()).decode())
        self.definition = definition

    def create(self):
        self._start(self.properties)
        self.physical_id = f"{self.properties['ApiId']}GraphQLSchema"

    def update(self, properties):
        self._start(properties)
        self.properties = properties


class ApiKey(LocalResource):
    """AWS::AppSync::ApiKey as a moto API key. Ref: its ARN; GetAtt ApiKey, ApiKeyId, Arn."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::AppSync::ApiKey"

    def create(self):
        p = self.properties
        expires = int(p["Expires"]) if p.get("Expires") else None
        key = _appsync(self).create_api_key(p["ApiId"], p.get("Description"), expires)
        arn = f"arn:aws:appsync:{self.region_name}:{self.account_id}:apis/{p['ApiId']}/apikeys/{key.key_id}"
        self.physical_id = arn
        self.attributes = {"ApiKey": key.key_id, "ApiKeyId": key.key_id, "Arn": arn}

    def remove(self):
        _quietly(_appsync(self).delete_api_key, self.properties["ApiId"], self.attributes["ApiKeyId"])


def _api_arn(resource, api_id):
    return f"arn:aws:appsync:{resource.region_name}:{resource.account_id}:apis/{api_id}"


class DataSource(LocalResource):
    """AWS::AppSync::DataSource, recorded. Ref: its ARN; GetAtt DataSourceArn, Name."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::AppSync::DataSource"

    def create(self):
        p = self.properties
        self.physical_id = f"{_api_arn(self, p['ApiId'])}/datasources/{p['Name']}"
        self.attributes = {"DataSourceArn": self.physical_id, "Name": p["Name"]}


class Resolver(LocalResource):
    """AWS::AppSync::Resolver, recorded. Ref: its ARN; GetAtt ResolverArn, TypeName, FieldName."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::AppSync::Resolver"

    def create(self):
        p = self.properties
        self.physical_id = f"{_api_arn(self, p['ApiId'])}/types/{p['TypeName']}/resolvers/{p['FieldName']}"
        self.attributes = {"ResolverArn": self.physical_id, "TypeName": p["TypeName"], "FieldName": p["FieldName"]}


class FunctionConfiguration(LocalResource):
    """AWS::AppSync::FunctionConfiguration, recorded. Ref: its ARN; GetAtt FunctionId, FunctionArn, Name,
    DataSourceName."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::AppSync::FunctionConfiguration"

    def create(self):
        p = self.properties
        function_id = _random_id()
        self.physical_id = f"{_api_arn(self, p['ApiId'])}/functions/{function_id}"
        self.attributes = {"FunctionId": function_id, "FunctionArn": self.physical_id, "Name": p.get("Name"),
                           "DataSourceName": p.get("DataSourceName")}


class AppSyncRecorded(LocalResource):
    """Other AppSync types (caches, domain names, associations), recorded with their properties only."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::AppSync::ApiCache"

    def create(self):
        self.physical_id = f"{self.resource_type.split('::')[-1]}-{_random_id(12)}"


# --- Scheduler, S3, Lambda, CDK -------------------------------------------------------------------------------------

def _scheduler(resource):
    from moto.scheduler.models import scheduler_backends
    return scheduler_backends[resource.account_id][resource.region_name]


class Schedule(LocalResource):
    """AWS::Scheduler::Schedule as a moto EventBridge Scheduler schedule (never fires). Ref: its name; GetAtt Arn."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::Scheduler::Schedule"

    def _arguments(self, p):
        return dict(
            description=p.get("Description"), end_date=p.get("EndDate"),
            flexible_time_window=p.get("FlexibleTimeWindow") or {"Mode": "OFF"}, group_name=p.get("GroupName"),
            kms_key_arn=p.get("KmsKeyArn"), name=self.physical_id, schedule_expression=p["ScheduleExpression"],
            schedule_expression_timezone=p.get("ScheduleExpressionTimezone"), start_date=p.get("StartDate"),
            state=p.get("State", "ENABLED"), target=p["Target"])

    def create(self):
        self.physical_id = self.properties.get("Name") or self.resource_name[-64:]
        schedule = _scheduler(self).create_schedule(action_after_completion=None, **self._arguments(self.properties))
        self.attributes = {"Arn": schedule.arn}

    def update(self, properties):
        _scheduler(self).update_schedule(**self._arguments(properties))
        self.properties = properties

    def remove(self):
        _quietly(_scheduler(self).delete_schedule, self.properties.get("GroupName"), self.physical_id)


def _s3(resource):
    from moto.s3.models import s3_backends
    return s3_backends[resource.account_id][get_partition(resource.region_name)]


class BucketPolicy(LocalResource):
    """AWS::S3::BucketPolicy put on the moto bucket. moto's S3 enforces bucket policies but ignores their Conditions,
    which turns CDK's "deny unless aws:SecureTransport" into "deny everything": statements with a Condition are
    therefore left out of the policy moto enforces (the whole document stays in `document`)."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::S3::BucketPolicy"

    def _put(self, p):
        document = p["PolicyDocument"]
        if isinstance(document, str):
            document = json.loads(document)
        self.document = document
        enforceable = dict(document, Statement=[s for s in document.get("Statement", []) if "Condition" not in s])
        if enforceable["Statement"]:
            _s3(self).put_bucket_policy(p["Bucket"], json.dumps(enforceable).encode())
        else:
            _s3(self).delete_bucket_policy(p["Bucket"])

    def create(self):
        self._put(self.properties)
        self.physical_id = f"{self.properties['Bucket']}-policy-{_random_id(8)}"

    def update(self, properties):
        self._put(properties)
        self.properties = properties

    def remove(self):
        _quietly(_s3(self).delete_bucket_policy, self.properties["Bucket"])


class LambdaPermission(LocalResource):
    """AWS::Lambda::Permission as a statement of the function's moto policy. moto's own model could be created but
    not updated (the stack then dropped it) nor deleted."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::Lambda::Permission"

    def _function(self, p):
        from moto.awslambda.models import lambda_backends
        return lambda_backends[self.account_id][self.region_name].get_function(p["FunctionName"])

    def _add(self, p):
        statement = {k: v for k, v in p.items()}
        statement["StatementId"] = self.physical_id
        self._function(p).policy.add_statement(raw=json.dumps(statement))

    def create(self):
        self.physical_id = f"{self.logical_id[:40]}-{_random_id(12)}"
        self._add(self.properties)

    def update(self, properties):
        self.remove()
        self.properties = properties
        self._add(properties)

    def remove(self):
        try:
            self._function(self.properties).policy.del_statement(self.physical_id)
        except Exception as error:  # noqa: BLE001 - the function (and its policy) may be gone already
            logger.debug("permission %s already gone: %s", self.physical_id, error)


class CdkMetadata(LocalResource):
    """AWS::CDK::Metadata: nothing to create."""
    __module__ = MODEL_MODULE
    TYPE = "AWS::CDK::Metadata"


# --- custom resources -----------------------------------------------------------------------------------------------

class CustomResourceFailed(Exception):
    """What a custom resource's handler reports as FAILED: the stack fails with this reason."""


def _empty_bucket(backend, bucket_name):
    """Deletes every object (all versions) of a bucket, as CDK's auto-delete-objects handler does."""
    try:
        bucket = backend.get_bucket(bucket_name)
    except Exception:  # noqa: BLE001 - no bucket, nothing to empty
        return
    for key_name in list(bucket.keys.keys()):
        for version in bucket.keys.getlist(key_name):
            if hasattr(version, "dispose"):
                version.dispose()
    bucket.keys.clear()


def _auto_delete_objects(resource, request, old_properties=None):
    """Custom::S3AutoDeleteObjects (CDK's autoDeleteObjects): on Delete the bucket is emptied so that its own
    deletion can succeed; on an update that changes the bucket, the old one is emptied."""
    if request == "Delete":
        _empty_bucket(_s3(resource), resource.properties["BucketName"])
    elif request == "Update" and old_properties and old_properties.get("BucketName") != resource.properties.get(
            "BucketName"):
        _empty_bucket(_s3(resource), old_properties["BucketName"])
    return resource.physical_id, {}


def _s3_notification_configuration(cfn_config):
    """CDK's notification configuration (the PutBucketNotificationConfiguration shape) in the shape moto stores."""
    def filters(notification):
        rules = ((notification.get("Filter") or {}).get("Key") or {}).get("FilterRules")
        return {"S3Key": {"FilterRule": rules}} if rules else None

    def entries(kind, arn_key, target_key):
        return [{"Id": n.get("Id"), target_key: n[arn_key], "Event": n.get("Events", []), "Filter": filters(n)}
                for n in cfn_config.get(kind) or []]

    return {
        "CloudFunctionConfiguration": entries("LambdaFunctionConfigurations", "LambdaFunctionArn", "CloudFunction"),
        "QueueConfiguration": entries("QueueConfigurations", "QueueArn", "Queue"),
        "TopicConfiguration": entries("TopicConfigurations", "TopicArn", "Topic"),
        "EventBridgeConfiguration": cfn_config.get("EventBridgeConfiguration"),
    }


def _bucket_notifications(resource, request, old_properties=None):
    """Custom::S3BucketNotifications: puts the bucket's notification configuration (removes it on Delete)."""
    bucket = resource.properties["BucketName"]
    config = None if request == "Delete" else _s3_notification_configuration(
        resource.properties.get("NotificationConfiguration") or {})
    try:
        _s3(resource).put_bucket_notification_configuration(bucket, config)
    except Exception as error:  # noqa: BLE001
        if request != "Delete":
            raise CustomResourceFailed(f"Unable to put the notification configuration of {bucket}: {error}")
    return resource.physical_id, {}


# CDK's own custom resources, done in Python: their Lambda code is CDK's (not this project's), and needs what the
# local runtime lacks (the auto-delete handler checks the bucket's CDK tags and policy; the notifications handler is
# Python, a runtime the local runtime does not run).
CUSTOM_HANDLERS = {
    "Custom::S3AutoDeleteObjects": _auto_delete_objects,
    "Custom::S3BucketNotifications": _bucket_notifications,
}


class CustomResource(LocalResource):
    """Custom::* and AWS::CloudFormation::CustomResource: run their ServiceToken function on the local Lambda runtime
    with CloudFormation's request (custom_resources); CDK's own S3 ones are done in Python by CUSTOM_HANDLERS."""
    __module__ = MODEL_MODULE
    TYPE = CUSTOM_RESOURCE

    def _handle(self, request, old_properties=None):
        import custom_resources
        handler = CUSTOM_HANDLERS.get(self.resource_type)
        try:
            if handler is not None:
                self.physical_id, data = handler(self, request, old_properties)
            else:
                self.physical_id, data = custom_resources.run(self, request, old_properties)
        except (CustomResourceFailed, custom_resources.Failed) as error:
            raise CustomResourceFailed(f"Received response status [FAILED] from custom resource. Message returned: "
                                       f"{error} ({self.logical_id}, {self.resource_type})") from error
        self.attributes = dict(data)

    def create(self):
        self._handle("Create")

    def update(self, properties):
        old, self.properties = self.properties, properties
        self._handle("Update", old)

    def remove(self):
        self._handle("Delete")

    def get_cfn_attribute(self, attribute_name):
        if attribute_name in self.attributes:
            return self.attributes[attribute_name]
        raise ValidationError(message=f"CustomResource attribute error: Vendor response doesn't contain "
                                      f"{attribute_name} key in object {self.stack_id}|{self.logical_id}")


class UnsupportedResource(LocalResource):
    """Any other type moto has no model for: fails its stack (moto skipped it silently, and a GetAtt on it failed
    later with a misleading reason)."""
    __module__ = MODEL_MODULE

    def create(self):
        raise ValidationError(message=f"Resource type {self.resource_type} ({self.logical_id}) is not emulated by "
                                      f"gen2-backend's local AWS: add it to cfn_resources.py")


# --- registration ---------------------------------------------------------------------------------------------------

REGISTERED = {cls.TYPE: cls for cls in (
    UserPool, UserPoolClient, UserPoolGroup, UserPoolDomain, UserPoolIdentityProvider, IdentityPool,
    IdentityPoolRoleAttachment, GraphQLApi, GraphQLSchema, ApiKey, DataSource, Resolver, FunctionConfiguration,
    Schedule, BucketPolicy, LambdaPermission, CdkMetadata, CustomResource)}
for _type in ("AWS::AppSync::ApiCache", "AWS::AppSync::DomainName", "AWS::AppSync::DomainNameApiAssociation",
              "AWS::AppSync::SourceApiAssociation"):
    REGISTERED[_type] = AppSyncRecorded


def _resource_class_from_type(resource_type):
    """moto's lookup, with this module's types first, Custom::* to CustomResource (moto: its Docker-bound
    CustomModel), and unknown types to UnsupportedResource (moto: None, the resource silently skipped)."""
    if resource_type.startswith("Custom::"):
        return CustomResource
    if resource_type in REGISTERED:
        return REGISTERED[resource_type]
    if resource_type in parsing.NULL_MODELS:
        return None
    model = parsing.get_model_map().get(resource_type)
    return model if model is not None else UnsupportedResource


def _resource_name_property_from_type(resource_type):
    registered = REGISTERED.get(resource_type)
    if registered is not None:
        return registered.NAME_PROPERTY or None
    return _original_name_property(resource_type)


_original_name_property = parsing.resource_name_property_from_type


# --- moto models corrected ------------------------------------------------------------------------------------------

def _patch_ssm_parameter_tags():
    """AWS::SSM::Parameter's Tags is a map ({key: value}); moto passed it to PutParameter, which wants a list of
    {Key, Value}, and failed."""
    from moto.ssm.models import Parameter
    original = Parameter.create_from_cloudformation_json.__func__

    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json.get("Properties", {})
        if isinstance(properties.get("Tags"), dict):
            properties["Tags"] = [{"Key": k, "Value": v} for k, v in properties["Tags"].items()]
        properties.setdefault("Name", resource_name)
        return original(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)

    Parameter.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)


def _patch_dynamodb_table_update():
    """A modified AWS::DynamoDB::Table: moto had no update for tables, so the table was dropped from the stack (and
    never deleted with it). As on AWS: a new TableName replaces the table (the old one is deleted unless its
    UpdateReplacePolicy is Retain); otherwise it is updated in place (billing, throughput, streams, indexes)."""
    from moto.dynamodb.models import dynamodb_backends
    from moto.dynamodb.models.table import Table

    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                        region_name):
        properties = cloudformation_json["Properties"]
        backend = dynamodb_backends[account_id][region_name]
        new_name = properties.get("TableName")
        if new_name and new_name != original_resource.name:
            replacement = cls.create_from_cloudformation_json(new_name, cloudformation_json, account_id, region_name)
            if cloudformation_json.get("UpdateReplacePolicy") != "Retain":
                backend.delete_table(name=original_resource.name)
            return replacement
        table = original_resource
        if properties.get("BillingMode"):
            table.billing_mode = properties["BillingMode"]
        if properties.get("ProvisionedThroughput"):
            table.throughput = properties["ProvisionedThroughput"]
        if properties.get("AttributeDefinitions"):
            table.attr = properties["AttributeDefinitions"]
        if "DeletionProtectionEnabled" in properties:
            table.deletion_protection_enabled = _bool(properties["DeletionProtectionEnabled"])
        if properties.get("StreamSpecification") and not (table.stream_specification or {}).get("StreamEnabled"):
            table.set_stream_specification(dict(properties["StreamSpecification"], StreamEnabled=True))
        wanted = {i["IndexName"]: i for i in properties.get("GlobalSecondaryIndexes") or []}
        present = {i.name for i in table.global_indexes}
        updates = [{"Delete": {"IndexName": n}} for n in present - set(wanted)]
        updates += [{"Create": wanted[n]} for n in wanted if n not in present]
        if updates:
            backend.update_table_global_indexes(table, updates)
        return table

    Table.update_from_cloudformation_json = classmethod(update_from_cloudformation_json)


def _patch_bucket_delete():
    """Deleting a non-empty AWS::S3::Bucket: moto's delete_bucket quietly did nothing, so the stack deleted "fine"
    and the bucket stayed. AWS fails with BucketNotEmpty; the stack's deletion retries it after the other
    resources (CDK's auto-delete custom resource empties it first) and fails the stack if it is still not empty."""
    from moto.s3.exceptions import BucketNotEmpty, MissingBucket
    from moto.s3.models import FakeBucket, s3_backends

    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        backend = s3_backends[account_id][get_partition(region_name)]
        try:
            bucket = backend.get_bucket(resource_name)
        except MissingBucket:
            return
        if bucket.keys:
            raise BucketNotEmpty(resource_name)
        backend.delete_bucket(resource_name)

    FakeBucket.delete_from_cloudformation_json = classmethod(delete_from_cloudformation_json)


def apply():
    """Registers the resource types and custom resources above and corrects moto's SSM parameter, DynamoDB table and
    S3 bucket models."""
    parsing.resource_class_from_type = _resource_class_from_type
    parsing.resource_name_property_from_type = _resource_name_property_from_type
    CustomModel.create_from_cloudformation_json = CustomResource.create_from_cloudformation_json
    _patch_ssm_parameter_tags()
    _patch_dynamodb_table_update()
    _patch_bucket_delete()
