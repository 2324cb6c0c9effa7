"""Credentials of the local identity pools that act as the pool's roles, as Cognito's do.

moto answers GetCredentialsForIdentity with the same fixed fake keys for everybody. Here (after cognito_checks has
checked the identity and its logins) each call issues real credentials (iam_credentials) acting as the role Cognito
would choose: the pool's unauthenticated role for a guest; for a signed-in user the role its IdentityPoolRoleAttachment
picks for the user pool provider (Token: the ID token's cognito:preferred_role, or a CustomRoleArn among its
cognito:roles; Rules: the first rule whose claim matches), else the authenticated role. Requests signed with them are
then checked against that role's policies, with ${cognito-identity.amazonaws.com:sub} = the identity id.

ID tokens get the cognito:roles and cognito:preferred_role claims Cognito adds for groups that have a role (moto adds
none), so that a group's role reaches the identity pool.
"""
import base64
import json

import iam_credentials

SESSION_NAME = "CognitoIdentityCredentials"


def _error(code, message):
    from moto.core.exceptions import JsonRESTError

    return JsonRESTError(code, message)


def _claims(token):
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return {}


def _rule_matches(rule, claims):
    value = claims.get(rule.get("Claim"))
    values = value if isinstance(value, list) else [value] if value is not None else []
    expected, match_type = rule.get("Value"), rule.get("MatchType")
    if match_type == "Equals":
        return expected in [str(v) for v in values]
    if match_type == "NotEqual":
        return expected not in [str(v) for v in values]
    if match_type == "Contains":
        return any(expected in str(v) for v in values)
    if match_type == "StartsWith":
        return any(str(v).startswith(expected) for v in values)
    return False


def _authenticated_role(identity_pool, logins, custom_role_arn):
    """The role for a signed-in identity, as the pool's role mappings decide."""
    roles = getattr(identity_pool, "roles", {}) or {}
    mappings = getattr(identity_pool, "role_mappings", {}) or {}
    for provider, token in logins.items():
        claims = _claims(token)
        # a user pool's mapping is keyed "<provider>:<app client id>"
        mapping = mappings.get(f"{provider}:{claims.get('aud')}") or mappings.get(provider)
        if not mapping:
            continue
        chosen = None
        if mapping.get("Type") == "Token":
            token_roles = claims.get("cognito:roles") or []
            if custom_role_arn and custom_role_arn in token_roles:
                chosen = custom_role_arn
            else:
                chosen = claims.get("cognito:preferred_role")
        elif mapping.get("Type") == "Rules":
            rules = (mapping.get("RulesConfiguration") or {}).get("Rules") or []
            chosen = next((r["RoleARN"] for r in rules if _rule_matches(r, claims)), None)
        if chosen:
            return chosen
        if mapping.get("AmbiguousRoleResolution") == "Deny":
            raise _error("InvalidIdentityPoolConfigurationException",
                         "Invalid identity pool configuration. Check assigned IAM roles for this pool.")
    return roles.get("authenticated")


def _wrap_get_credentials_for_identity(checked):
    def get_credentials_for_identity(self):
        answer = json.loads(checked(self))  # cognito_checks: the identity exists and its logins are valid
        identity_id = answer["IdentityId"]
        import cognito_checks

        pool_id = cognito_checks._identities[identity_id]["pool"]
        identity_pool = cognito_checks._identity_backend(self, pool_id).identity_pools[pool_id]
        logins = self._get_param("Logins") or {}
        if logins:
            auth_type = "authenticated"
            role_arn = _authenticated_role(identity_pool, logins, self._get_param("CustomRoleArn"))
            amr = ["authenticated"] + [f"{p}" for p in logins] + [
                f"{p}:CognitoSignIn:{_claims(t).get('sub')}" for p, t in logins.items() if p.startswith("cognito-idp.")]
        else:
            auth_type = "unauthenticated"
            role_arn = (getattr(identity_pool, "roles", {}) or {}).get("unauthenticated")
            amr = ["unauthenticated"]
        if not role_arn:
            raise _error("InvalidIdentityPoolConfigurationException",
                         "Invalid identity pool configuration. Check assigned IAM roles for this pool.")
        issued = iam_credentials.issue(iam_credentials.Principal(
            role_arn, SESSION_NAME, identity_id=identity_id, identity_pool_id=pool_id, auth_type=auth_type, amr=amr))
        answer["Credentials"] = {"AccessKeyId": issued.access_key_id, "SecretKey": issued.secret_access_key,
                                 "SessionToken": issued.session_token, "Expiration": issued.expiration}
        return json.dumps(answer)

    return get_credentials_for_identity


def _wrap_create_jwt(original):
    def create_jwt(self, client_id, username, token_use, expires_in=60 * 60, extra_data=None):
        if token_use == "id":
            groups = [g for g in self._get_user(username).groups if getattr(g, "role_arn", None)]
            if groups:
                extra_data = dict(extra_data or {})
                extra_data["cognito:roles"] = [g.role_arn for g in groups]
                # Cognito's preferred role: the group with the lowest precedence; none when that is a tie
                ranked = sorted(groups, key=lambda g: g.precedence if g.precedence is not None else 2 ** 31)
                top = ranked[0].precedence
                if len(ranked) == 1 or ranked[1].precedence != top:
                    extra_data["cognito:preferred_role"] = ranked[0].role_arn
        return original(self, client_id, username, token_use, expires_in, extra_data)

    return create_jwt


def apply():
    from moto.cognitoidentity.responses import CognitoIdentityResponse
    from moto.cognitoidp.models import CognitoIdpUserPool

    if getattr(CognitoIdentityResponse, "_local_aws_role_credentials", False):
        return
    CognitoIdentityResponse._local_aws_role_credentials = True
    CognitoIdentityResponse.get_credentials_for_identity = _wrap_get_credentials_for_identity(
        CognitoIdentityResponse.get_credentials_for_identity)
    CognitoIdpUserPool.create_jwt = _wrap_create_jwt(CognitoIdpUserPool.create_jwt)
