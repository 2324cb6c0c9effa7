"""Cognito triggers of the local user pools: moto stores a pool's LambdaConfig but never calls it. apply() makes the
pool call its functions on the local Lambda runtime (lambda_runtime) with Cognito's event shapes (version,
triggerSource, region, userPoolId, userName, callerContext, request, response) and honours their answers:

- PreSignUp (SignUp): a failure refuses the sign-up with UserLambdaValidationException "PreSignUp failed with error
  <message>."; autoConfirmUser / autoVerifyEmail / autoVerifyPhone are applied.
- PostConfirmation (ConfirmSignUp, AdminConfirmSignUp, ConfirmForgotPassword).
- PreAuthentication as a sign-in starts (InitiateAuth / AdminInitiateAuth), before the password is checked, as
  Cognito runs it; PostAuthentication after every sign-in that issues tokens (USER_PASSWORD_AUTH included).
- PreTokenGeneration (V1 and V2 answers): claims added, overridden or suppressed and groups overridden in the ID token.
- CustomMessage (SignUp, ResendConfirmationCode, ForgotPassword, AdminCreateUser, and cognito_codes' messages): its
  subject and message are what is "sent"; every message sent, from a trigger or the pool's own template, is delivered
  to the local inbox (cognito_inbox).
The custom-auth challenges (Define/Create/VerifyAuthChallengeResponse) run in cognito_custom_auth's CUSTOM_AUTH flow,
through call() and pre_authentication() here. Not called: the user migration, custom SMS/e-mail sender and inbound
federation triggers.
"""
import threading

import cognito_checks
import cognito_inbox
import lambda_runtime

CODE_PARAMETER = "{####}"
PASSWORD_FLOWS = ("USER_SRP_AUTH", "USER_PASSWORD_AUTH")
ADMIN_PASSWORD_FLOWS = ("ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH")
_token_context = threading.local()


# ---------------------------------------------------------------------------------------------------------------------
# calling a trigger
# ---------------------------------------------------------------------------------------------------------------------

def _function(pool, arn):
    from moto.awslambda.models import lambda_backends

    region = arn.split(":")[3] if arn.count(":") >= 6 else pool.region
    return lambda_backends[pool.account_id][region].get_function(arn)


def _trigger_arn(pool, key):
    config = pool.extended_config.get("LambdaConfig") or {}
    if key == "PreTokenGeneration" and config.get("PreTokenGenerationConfig"):
        return config["PreTokenGenerationConfig"].get("LambdaArn")
    return config.get(key)


def _attributes(user):
    values = {attribute["Name"]: attribute["Value"] for attribute in user.attributes}
    values["sub"] = user.id
    values["cognito:user_status"] = user.status.value if hasattr(user.status, "value") else str(user.status)
    return values


def call(pool, key, trigger_source, username, client_id, request, response, version="1"):
    """Runs the pool's trigger `key` if it has one; returns the answer's response (or None without a trigger).
    A failing function fails the request as Cognito fails it."""
    arn = _trigger_arn(pool, key)
    if not arn:
        return None
    event = {
        "version": version,
        "triggerSource": trigger_source,
        "region": pool.region,
        "userPoolId": pool.id,
        "userName": username,
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": client_id or "CLIENT_ID_NOT_APPLICABLE"},
        "request": request,
        "response": response,
    }
    trigger_name = key.replace("Trigger", "")
    try:
        answer, failed = lambda_runtime.invoke_json(_function(pool, arn), event)
    except lambda_runtime.RuntimeUnavailable as e:
        raise cognito_checks._error("UnexpectedLambdaException", f"{trigger_name} invocation failed: {e}") from None
    except Exception as e:  # the function is not deployed
        raise cognito_checks._error("UnexpectedLambdaException", f"{trigger_name} invocation failed: {e}") from None
    if failed:
        message = answer.get("errorMessage", answer) if isinstance(answer, dict) else answer
        raise cognito_checks._error("UserLambdaValidationException", f"{trigger_name} failed with error {message}.")
    if not isinstance(answer, dict) or not isinstance(answer.get("response"), dict):
        raise cognito_checks._error("InvalidLambdaResponseException", f"Unrecognizable lambda output")
    return answer["response"]


# ---------------------------------------------------------------------------------------------------------------------
# sign-up and confirmation
# ---------------------------------------------------------------------------------------------------------------------

def _wrap_sign_up(original):
    def sign_up(self, client_id, username, password, attributes):
        """SignUp: PreSignUp may refuse or auto-confirm; the confirmation code's message goes through CustomMessage."""
        from moto.cognitoidp.models import UserStatus

        pool, _ = cognito_checks._pool_and_client(self, client_id)
        answer = call(pool, "PreSignUp", "PreSignUp_SignUp", username, client_id,
                      {"userAttributes": {a["Name"]: a["Value"] for a in attributes or []}, "validationData": None,
                       "clientMetadata": {}},
                      {"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False}) or {}
        user, details = original(self, client_id, username, password, attributes)
        verified = [name for flag, name in (("autoVerifyEmail", "email_verified"),
                                            ("autoVerifyPhone", "phone_number_verified")) if answer.get(flag)]
        for name in verified:
            user.update_attributes([{"Name": name, "Value": "true"}])
        if answer.get("autoConfirmUser"):
            user.status = UserStatus.CONFIRMED
            user.sign_up_code = None
            return user, None
        if details:
            send_message(pool, user, client_id, "CustomMessage_SignUp", "sign-up", user.sign_up_code, details)
        return user, details

    return sign_up


def _post_confirmation(pool, user, client_id, trigger_source):
    call(pool, "PostConfirmation", trigger_source, user.username, client_id,
         {"userAttributes": _attributes(user), "clientMetadata": {}}, {})


def _wrap_confirm_sign_up_with_code(original):
    def confirm_sign_up_with_code(self, client_id, username, code):
        result = original(self, client_id, username, code)
        pool, _ = cognito_checks._pool_and_client(self, client_id)
        _post_confirmation(pool, cognito_checks._user_for_client(pool, username), client_id,
                           "PostConfirmation_ConfirmSignUp")
        return result

    return confirm_sign_up_with_code


def _wrap_admin_confirm_sign_up(original):
    def admin_confirm_sign_up(self, user_pool_id, username):
        result = original(self, user_pool_id, username)
        pool = self.describe_user_pool(user_pool_id)
        _post_confirmation(pool, pool._get_user(username), None, "PostConfirmation_ConfirmSignUp")
        return result

    return admin_confirm_sign_up


def _wrap_confirm_forgot_password(original):
    def confirm_forgot_password(self, client_id, username, password, code):
        result = original(self, client_id, username, password, code)
        pool, _ = cognito_checks._pool_and_client(self, client_id)
        _post_confirmation(pool, cognito_checks._user_for_client(pool, username), client_id,
                           "PostConfirmation_ConfirmForgotPassword")
        return result

    return confirm_forgot_password


# ---------------------------------------------------------------------------------------------------------------------
# messages "sent" (CustomMessage)
# ---------------------------------------------------------------------------------------------------------------------

def _default_message(pool, trigger_source, medium):
    """The pool's own (subject, text) for a message, or Cognito's defaults."""
    config = pool.extended_config
    template = config.get("VerificationMessageTemplate") or {}
    if trigger_source == "CustomMessage_Authentication":
        return None, config.get("SmsAuthenticationMessage") or f"Your authentication code is {CODE_PARAMETER}. "
    if trigger_source == "CustomMessage_ForgotPassword":
        return "Your password reset code", f"Your password reset code is {CODE_PARAMETER}. "
    if trigger_source == "CustomMessage_AdminCreateUser":
        invitation = (config.get("AdminCreateUserConfig") or {}).get("InviteMessageTemplate") or {}
        if medium == "SMS":
            return None, invitation.get("SMSMessage") or f"Your username is {{username}} and temporary password is " \
                                                          f"{CODE_PARAMETER}. "
        return (invitation.get("EmailSubject") or "Your temporary password",
                invitation.get("EmailMessage") or f"Your username is {{username}} and temporary password is "
                                                  f"{CODE_PARAMETER}. ")
    if medium == "SMS":
        return None, (template.get("SmsMessage") or config.get("SmsVerificationMessage")
                      or f"Your verification code is {CODE_PARAMETER}. ")
    return (template.get("EmailSubject") or config.get("EmailVerificationSubject") or "Your verification code",
            template.get("EmailMessage") or config.get("EmailVerificationMessage")
            or f"Your verification code is {CODE_PARAMETER}. ")


def send_message(pool, user, client_id, trigger_source, kind, code, details):
    """Delivers the message Cognito sends to the local inbox (cognito_inbox): CustomMessage's subject and text when
    the pool has that trigger, else the pool's templates. It goes to the user's e-mail or phone number, or to
    details["To"] (a new value waiting for its verification)."""
    medium = (details or {}).get("DeliveryMedium", "EMAIL")
    subject, message = _default_message(pool, trigger_source, medium)
    answer = call(pool, "CustomMessage", trigger_source, user.username, client_id,
                  {"userAttributes": _attributes(user), "codeParameter": CODE_PARAMETER,
                   "usernameParameter": "{username}" if trigger_source == "CustomMessage_AdminCreateUser" else None,
                   "linkParameter": "{##Click Here##}", "clientMetadata": {}},
                  {"smsMessage": None, "emailMessage": None, "emailSubject": None})
    if answer:
        subject = answer.get("emailSubject") or subject
        message = (answer.get("smsMessage") if medium == "SMS" else answer.get("emailMessage")) or message
    text = message.replace(CODE_PARAMETER, code or "").replace("{username}", user.username)
    to = (details or {}).get("To") or user.attribute_lookup.get("phone_number" if medium == "SMS" else "email")
    cognito_inbox.deliver(kind, medium, to, subject, text, code, pool.id, user.username, trigger_source)


def _wrap_resend_confirmation_code(original):
    def resend_confirmation_code(self, client_id, username):
        details = original(self, client_id, username)
        pool, _ = cognito_checks._pool_and_client(self, client_id)
        user = cognito_checks._user_for_client(pool, username)
        send_message(pool, user, client_id, "CustomMessage_ResendCode", "resend", user.sign_up_code, details)
        return details

    return resend_confirmation_code


def _wrap_forgot_password(original):
    def forgot_password(self, client_id, username):
        code, response = original(self, client_id, username)
        pool, _ = cognito_checks._pool_and_client(self, client_id)
        send_message(pool, cognito_checks._user_for_client(pool, username), client_id,
                     "CustomMessage_ForgotPassword", "forgot-password", code,
                     (response or {}).get("CodeDeliveryDetails"))
        return code, response

    return forgot_password


def _wrap_admin_create_user(original):
    def admin_create_user(self, user_pool_id, username, message_action, temporary_password, attributes):
        user = original(self, user_pool_id, username, message_action, temporary_password, attributes)
        if message_action != "SUPPRESS":
            # by e-mail when the user has an address, else by SMS (moto does not pass DesiredDeliveryMediums on)
            medium = "EMAIL" if user.attribute_lookup.get("email") or not user.attribute_lookup.get(
                "phone_number") else "SMS"
            send_message(self.describe_user_pool(user_pool_id), user, None, "CustomMessage_AdminCreateUser",
                         "admin-invitation", user.password, {"DeliveryMedium": medium})
        return user

    return admin_create_user


# ---------------------------------------------------------------------------------------------------------------------
# sign-in and tokens
# ---------------------------------------------------------------------------------------------------------------------

def pre_authentication(pool, user, client_id):
    """PreAuthentication: Cognito runs it as a sign-in starts, before it checks the password or asks a challenge."""
    call(pool, "PreAuthentication", "PreAuthentication_Authentication", user.username, client_id,
         {"userAttributes": _attributes(user), "validationData": {}, "userNotFound": False}, {})


def _issuing_tokens(pool, client_id, username, sign_in):
    """Runs a sign-in step; when it issues tokens, they come from PreTokenGeneration_Authentication and
    PostAuthentication follows."""
    _token_context.source = "TokenGeneration_Authentication"
    try:
        result = sign_in()
    finally:
        _token_context.source = None
    if (result or {}).get("AuthenticationResult"):
        user = pool._get_user(username)
        call(pool, "PostAuthentication", "PostAuthentication_Authentication", user.username, client_id,
             {"userAttributes": _attributes(user), "newDeviceUsed": False, "clientMetadata": {}}, {})
    return result


def _starting_sign_in(pool, client, auth_flow, username):
    """A password sign-in's first request: the client's flow is checked, then PreAuthentication runs for a user that
    exists and is enabled (moto's own answer then refuses the others)."""
    cognito_checks.check_auth_flow(client, auth_flow)
    user = pool._get_user(username or "")
    if user and user.enabled:
        pre_authentication(pool, user, client.id)
    return user


def _wrap_initiate_auth(original):
    def initiate_auth(self, client_id, auth_flow, auth_parameters):
        """InitiateAuth with a password: PreAuthentication first; USER_PASSWORD_AUTH's tokens (moto issues them
        without _log_user_in) with the triggers of every sign-in."""
        if auth_flow not in PASSWORD_FLOWS:
            return original(self, client_id, auth_flow, auth_parameters)
        pool, client = cognito_checks._pool_and_client(self, client_id)
        user = _starting_sign_in(pool, client, auth_flow, (auth_parameters or {}).get("USERNAME"))
        if user is None or auth_flow == "USER_SRP_AUTH":
            return original(self, client_id, auth_flow, auth_parameters)
        return _issuing_tokens(pool, client_id, user.username,
                               lambda: original(self, client_id, auth_flow, auth_parameters))

    return initiate_auth


def _wrap_admin_initiate_auth(original):
    def admin_initiate_auth(self, user_pool_id, client_id, auth_flow, auth_parameters):
        """AdminInitiateAuth with a password: PreAuthentication before moto checks it."""
        pool = self.describe_user_pool(user_pool_id)
        if auth_flow in ADMIN_PASSWORD_FLOWS and client_id in pool.clients:
            _starting_sign_in(pool, pool.clients[client_id], auth_flow, (auth_parameters or {}).get("USERNAME"))
        return original(self, user_pool_id, client_id, auth_flow, auth_parameters)

    return admin_initiate_auth


def _wrap_log_user_in(original):
    def log_user_in(self, user_pool, client, username):
        """Every other sign-in that issues tokens (SRP, admin flows, challenges answered)."""
        return _issuing_tokens(user_pool, client.id, username, lambda: original(self, user_pool, client, username))

    return log_user_in


def create_id_token(self, client_id, username, origin_jti):
    """CognitoIdpUserPool.create_id_token as moto builds it, with PreTokenGeneration's answer applied to the claims."""
    extra_data = self.get_user_extra_data_by_client_id(client_id, username)
    extra_data["origin_jti"] = origin_jti
    user = self._get_user(username)
    for attribute in user.attributes:
        if attribute["Name"].startswith("custom:"):
            extra_data[attribute["Name"]] = attribute["Value"]
    groups = [group.group_name for group in user.groups]
    if groups:
        extra_data["cognito:groups"] = groups
    _apply_pre_token_generation(self, client_id, user, groups, extra_data)
    id_token, expires_in = self.create_jwt(client_id, username, "id", extra_data=extra_data)
    self.id_tokens[id_token] = (client_id, username)
    return id_token, expires_in


def _apply_pre_token_generation(pool, client_id, user, groups, claims):
    config = (pool.extended_config.get("LambdaConfig") or {}).get("PreTokenGenerationConfig") or {}
    version = {"V2_0": "2", "V3_0": "3"}.get(config.get("LambdaVersion"), "1")
    source = getattr(_token_context, "source", None) or "TokenGeneration_RefreshTokens"
    answer = call(pool, "PreTokenGeneration", source, user.username, client_id,
                  {"userAttributes": _attributes(user),
                   "groupConfiguration": {"groupsToOverride": groups, "iamRolesToOverride": [], "preferredRole": None},
                   "clientMetadata": {}},
                  {"claimsOverrideDetails": None} if version == "1" else {"claimsAndScopeOverrideDetails": None},
                  version=version)
    if not answer:
        return
    if version == "1":
        details = answer.get("claimsOverrideDetails") or {}
        id_token = details
    else:
        details = answer.get("claimsAndScopeOverrideDetails") or {}
        id_token = details.get("idTokenGeneration") or {}
    claims.update(id_token.get("claimsToAddOrOverride") or {})
    for name in id_token.get("claimsToSuppress") or []:
        claims.pop(name, None)
    group_override = details.get("groupOverrideDetails") or {}
    if group_override.get("groupsToOverride") is not None:
        if group_override["groupsToOverride"]:
            claims["cognito:groups"] = list(group_override["groupsToOverride"])
        else:
            claims.pop("cognito:groups", None)


def apply():
    """Install the triggers (after cognito_checks, whose methods they wrap)."""
    from moto.cognitoidp.models import CognitoIdpBackend, CognitoIdpUserPool

    if getattr(CognitoIdpBackend, "_local_aws_triggers", False):
        return
    CognitoIdpBackend._local_aws_triggers = True
    CognitoIdpBackend.sign_up = _wrap_sign_up(CognitoIdpBackend.sign_up)
    CognitoIdpBackend.confirm_sign_up_with_code = _wrap_confirm_sign_up_with_code(
        CognitoIdpBackend.confirm_sign_up_with_code)
    CognitoIdpBackend.admin_confirm_sign_up = _wrap_admin_confirm_sign_up(CognitoIdpBackend.admin_confirm_sign_up)
    CognitoIdpBackend.confirm_forgot_password = _wrap_confirm_forgot_password(CognitoIdpBackend.confirm_forgot_password)
    CognitoIdpBackend.resend_confirmation_code = _wrap_resend_confirmation_code(
        CognitoIdpBackend.resend_confirmation_code)
    CognitoIdpBackend.forgot_password = _wrap_forgot_password(CognitoIdpBackend.forgot_password)
    CognitoIdpBackend.admin_create_user = _wrap_admin_create_user(CognitoIdpBackend.admin_create_user)
    CognitoIdpBackend._log_user_in = _wrap_log_user_in(CognitoIdpBackend._log_user_in)
    CognitoIdpBackend.initiate_auth = _wrap_initiate_auth(CognitoIdpBackend.initiate_auth)
    CognitoIdpBackend.admin_initiate_auth = _wrap_admin_initiate_auth(CognitoIdpBackend.admin_initiate_auth)
    CognitoIdpUserPool.create_id_token = create_id_token
