"""The codes Cognito sends that moto never sent (and so never checked), each delivered to the local inbox through
cognito_triggers.send_message (so the pool's templates and its CustomMessage trigger apply):

- SMS MFA: a sign-in answered with the SMS_MFA challenge sends the code by SMS (CustomMessage_Authentication) and
  says where (CODE_DELIVERY_DELIVERY_MEDIUM / CODE_DELIVERY_DESTINATION); RespondToAuthChallenge accepts that code
  only (moto accepted any).
- A changed e-mail or phone number (UpdateUserAttributes, AdminUpdateUserAttributes) of an auto-verified attribute
  gets a code (CustomMessage_UpdateUserAttribute); UpdateUserAttributes answers with CodeDeliveryDetailsList. Where
  the pool keeps the original until the new value is verified (UserAttributeUpdateSettings, Amplify's keepOriginal)
  and the old value was verified, the old value stays in use and the new one waits, sent the code, until
  VerifyUserAttribute; otherwise the new value is unverified at once. Setting <attribute>_verified to true in the
  same call sends none, as in Cognito.
- GetUserAttributeVerificationCode sends a code (CustomMessage_VerifyUserAttribute) and VerifyUserAttribute checks
  it and marks the attribute verified: moto had neither action.
- AdminResetUserPassword sends the user the code that ConfirmForgotPassword takes (CustomMessage_ForgotPassword).
Every code is the fixed one (cognito_checks.confirmation_code). Not done: EMAIL_OTP (moto 5.2.1 has no e-mail MFA
to carry it).
"""
import threading
import time

import cognito_checks
import cognito_custom_auth
import cognito_triggers

CODE_MISMATCH_MFA = "Invalid code or auth state for the user."
_ATTRIBUTE_MEDIUM = {"email": "EMAIL", "phone_number": "SMS"}
_lock = threading.Lock()
_mfa_codes = {}  # session -> (code, expires)


def _delivery(user, attribute, value=None):
    """CodeDeliveryDetails for a code sent to the attribute's value (or to a new value waiting for verification)."""
    return {"Destination": cognito_checks._masked(value or user.attribute_lookup[attribute]),
            "DeliveryMedium": _ATTRIBUTE_MEDIUM[attribute], "AttributeName": attribute}


# ---------------------------------------------------------------------------------------------------------------------
# SMS MFA
# ---------------------------------------------------------------------------------------------------------------------

def _send_sms_code(backend, result, client_id):
    """An answer with the SMS_MFA challenge: send the code and say where it went."""
    if not isinstance(result, dict) or result.get("ChallengeName") != "SMS_MFA":
        return result
    username, pool = backend.sessions[result["Session"]]
    user = pool._get_user(username)
    phone = user.attribute_lookup.get("phone_number")
    if not phone:
        raise cognito_checks._error("InvalidParameterException", "User has no phone number to send an SMS MFA code to.")
    code = cognito_checks.confirmation_code()
    lifetime = cognito_custom_auth.session_seconds(pool.clients[client_id])
    with _lock:
        now = time.time()
        for session in [key for key, (_, expires) in _mfa_codes.items() if expires < now - 3600]:
            del _mfa_codes[session]
        _mfa_codes[result["Session"]] = (code, now + lifetime)
    details = _delivery(user, "phone_number")
    cognito_triggers.send_message(pool, user, client_id, "CustomMessage_Authentication", "mfa-sms", code, details)
    result["ChallengeParameters"] = {**(result.get("ChallengeParameters") or {}),
                                     "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
                                     "CODE_DELIVERY_DESTINATION": details["Destination"]}
    return result


def _wrap_initiate_auth(original):
    def initiate_auth(self, client_id, auth_flow, auth_parameters):
        return _send_sms_code(self, original(self, client_id, auth_flow, auth_parameters), client_id)

    return initiate_auth


def _wrap_admin_initiate_auth(original):
    def admin_initiate_auth(self, user_pool_id, client_id, auth_flow, auth_parameters):
        return _send_sms_code(self, original(self, user_pool_id, client_id, auth_flow, auth_parameters), client_id)

    return admin_initiate_auth


def _wrap_respond_to_auth_challenge(original):
    def respond_to_auth_challenge(self, session, client_id, challenge_name, challenge_responses):
        """SMS_MFA: the code sent for this session, and no other; a PASSWORD_VERIFIER answered with SMS_MFA sends it."""
        if challenge_name == "SMS_MFA":
            with _lock:
                sent = _mfa_codes.get(session)
            if not sent:
                raise cognito_checks._error("NotAuthorizedException", cognito_custom_auth.INVALID_SESSION)
            if sent[1] < time.time():
                raise cognito_checks._error("NotAuthorizedException", cognito_custom_auth.EXPIRED_SESSION)
            if (challenge_responses or {}).get("SMS_MFA_CODE") != sent[0]:
                raise cognito_checks._error("CodeMismatchException", CODE_MISMATCH_MFA)
            result = original(self, session, client_id, challenge_name, challenge_responses)
            with _lock:
                _mfa_codes.pop(session, None)
            return result
        return _send_sms_code(self, original(self, session, client_id, challenge_name, challenge_responses),
                              client_id)

    return respond_to_auth_challenge


# ---------------------------------------------------------------------------------------------------------------------
# attribute verification
# ---------------------------------------------------------------------------------------------------------------------

def _send_attribute_code(pool, user, attribute, client_id, trigger_source, kind, value=None):
    code = cognito_checks.confirmation_code()
    codes = getattr(user, "attribute_codes", None) or {}
    codes[attribute] = code
    user.attribute_codes = codes
    details = _delivery(user, attribute, value)
    cognito_triggers.send_message(pool, user, client_id, trigger_source, kind, code,
                                  {**details, "To": value} if value else details)
    return details


def _kept_until_verified(pool):
    """The attributes whose verified value Cognito keeps until a new value is verified (Amplify's keepOriginal)."""
    settings = pool.extended_config.get("UserAttributeUpdateSettings") or {}
    return settings.get("AttributesRequireVerificationBeforeUpdate") or []


def _codes_for_changed_attributes(pool, user, before, attributes, client_id):
    """Cognito's answer to a changed e-mail or phone number it verifies: unverified, and a code sent to it."""
    auto_verified = pool.extended_config.get("AutoVerifiedAttributes") or []
    named = {a["Name"]: a["Value"] for a in attributes or []}
    sent = []
    for attribute in _ATTRIBUTE_MEDIUM:
        changed = attribute in named and named[attribute] != before.get(attribute)
        if not changed or attribute not in auto_verified or named.get(attribute + "_verified") == "true":
            continue
        if attribute in _kept_until_verified(pool) and before.get(attribute + "_verified") == "true":
            # the verified value stays in use (sign-in, messages) until the new one is verified
            pending = getattr(user, "pending_attributes", None) or {}
            pending[attribute] = named[attribute]
            user.pending_attributes = pending
            user.update_attributes([{"Name": attribute, "Value": before[attribute]},
                                    {"Name": attribute + "_verified", "Value": "true"}])
            sent.append(_send_attribute_code(pool, user, attribute, client_id, "CustomMessage_UpdateUserAttribute",
                                             "attribute-update", named[attribute]))
            continue
        user.update_attributes([{"Name": attribute + "_verified", "Value": "false"}])
        sent.append(_send_attribute_code(pool, user, attribute, client_id, "CustomMessage_UpdateUserAttribute",
                                         "attribute-update"))
    return sent


def _user_by_access_token(backend, access_token):
    for pool in backend.user_pools.values():
        if access_token in pool.access_tokens:
            client_id, username = pool.access_tokens[access_token]
            return pool, pool._get_user(username), client_id
    raise cognito_checks._error("NotAuthorizedException", "Invalid Access Token")


def _wrap_update_user_attributes(original):
    def update_user_attributes(self, access_token, attributes):
        """UpdateUserAttributes, with the codes Cognito sends for a changed e-mail or phone number: its
        CodeDeliveryDetailsList."""
        pool, user, client_id = _user_by_access_token(self, access_token)
        before = dict(user.attribute_lookup)
        original(self, access_token, attributes)
        return _codes_for_changed_attributes(pool, user, before, attributes, client_id)

    return update_user_attributes


def _wrap_admin_update_user_attributes(original):
    def admin_update_user_attributes(self, user_pool_id, username, attributes):
        pool = self.describe_user_pool(user_pool_id)
        user = self.admin_get_user(user_pool_id, username)
        before = dict(user.attribute_lookup)
        original(self, user_pool_id, username, attributes)
        _codes_for_changed_attributes(pool, user, before, attributes, None)

    return admin_update_user_attributes


def get_user_attribute_verification_code(self, access_token, attribute):
    pool, user, client_id = _user_by_access_token(self, access_token)
    if attribute not in _ATTRIBUTE_MEDIUM:
        raise cognito_checks._error("InvalidParameterException",
                                    f"Invalid attribute name {attribute}: only email and phone_number are verified.")
    if not user.attribute_lookup.get(attribute):
        raise cognito_checks._error("InvalidParameterException", f"User has no attribute {attribute}.")
    return _send_attribute_code(pool, user, attribute, client_id, "CustomMessage_VerifyUserAttribute",
                                "attribute-verification")


def verify_user_attribute(self, access_token, attribute, code):
    _, user, _ = _user_by_access_token(self, access_token)
    sent = (getattr(user, "attribute_codes", None) or {}).get(attribute)
    if not sent:
        raise cognito_checks._error("ExpiredCodeException", cognito_checks.CODE_EXPIRED)
    if code != sent:
        raise cognito_checks._error("CodeMismatchException", cognito_checks.CODE_MISMATCH)
    pending = (getattr(user, "pending_attributes", None) or {}).pop(attribute, None)
    verified = [{"Name": attribute, "Value": pending}] if pending else []
    user.update_attributes(verified + [{"Name": attribute + "_verified", "Value": "true"}])
    del user.attribute_codes[attribute]


def _response_update_user_attributes(self):
    from moto.core.responses import ActionResult

    access_token = self._get_param("AccessToken")
    sent = cognito_checks._backend_for_access_token(self, access_token).update_user_attributes(
        access_token, self._get_param("UserAttributes"))
    return ActionResult({"CodeDeliveryDetailsList": sent or []})


def _response_get_user_attribute_verification_code(self):
    from moto.core.responses import ActionResult

    access_token = self._get_param("AccessToken")
    details = cognito_checks._backend_for_access_token(self, access_token).get_user_attribute_verification_code(
        access_token, self._get_param("AttributeName"))
    return ActionResult({"CodeDeliveryDetails": details})


def _response_verify_user_attribute(self):
    from moto.core.responses import EmptyResult

    access_token = self._get_param("AccessToken")
    cognito_checks._backend_for_access_token(self, access_token).verify_user_attribute(
        access_token, self._get_param("AttributeName"), self._get_param("Code"))
    return EmptyResult()


# ---------------------------------------------------------------------------------------------------------------------
# a password reset by an administrator
# ---------------------------------------------------------------------------------------------------------------------

def _wrap_admin_reset_user_password(original):
    def admin_reset_user_password(self, user_pool_id, username):
        original(self, user_pool_id, username)
        pool = self.describe_user_pool(user_pool_id)
        user = self.admin_get_user(user_pool_id, username)
        if user.confirmation_code:
            attribute = "email" if user.attribute_lookup.get("email_verified") == "true" else "phone_number"
            cognito_triggers.send_message(pool, user, None, "CustomMessage_ForgotPassword", "admin-reset-password",
                                          user.confirmation_code, _delivery(user, attribute))

    return admin_reset_user_password


def apply():
    """Install (after cognito_checks and cognito_triggers, whose methods these wrap)."""
    from moto.cognitoidp.models import CognitoIdpBackend
    from moto.cognitoidp.responses import CognitoIdpResponse

    if getattr(CognitoIdpBackend, "_local_aws_codes", False):
        return
    CognitoIdpBackend._local_aws_codes = True
    CognitoIdpBackend.initiate_auth = _wrap_initiate_auth(CognitoIdpBackend.initiate_auth)
    CognitoIdpBackend.admin_initiate_auth = _wrap_admin_initiate_auth(CognitoIdpBackend.admin_initiate_auth)
    CognitoIdpBackend.respond_to_auth_challenge = _wrap_respond_to_auth_challenge(
        CognitoIdpBackend.respond_to_auth_challenge)
    CognitoIdpBackend.update_user_attributes = _wrap_update_user_attributes(CognitoIdpBackend.update_user_attributes)
    CognitoIdpBackend.admin_update_user_attributes = _wrap_admin_update_user_attributes(
        CognitoIdpBackend.admin_update_user_attributes)
    CognitoIdpBackend.get_user_attribute_verification_code = get_user_attribute_verification_code
    CognitoIdpBackend.verify_user_attribute = verify_user_attribute
    CognitoIdpBackend.admin_reset_user_password = _wrap_admin_reset_user_password(
        CognitoIdpBackend.admin_reset_user_password)
    CognitoIdpResponse.update_user_attributes = _response_update_user_attributes
    CognitoIdpResponse.get_user_attribute_verification_code = _response_get_user_attribute_verification_code
    CognitoIdpResponse.verify_user_attribute = _response_verify_user_attribute
