"""Cognito's custom authentication flow (CUSTOM_AUTH) for the local user pools: moto refused it ("Initiate Auth method
not supported" for AdminInitiateAuth, an empty answer to RespondToAuthChallenge). apply() makes the pools run it as
Cognito does, with the pool's challenge triggers called through cognito_triggers.call (Cognito's event shapes):

- InitiateAuth / AdminInitiateAuth with AuthFlow=CUSTOM_AUTH: the client must allow ALLOW_CUSTOM_AUTH, the pool must
  have a DefineAuthChallenge trigger ("Custom auth lambda trigger is not configured for the user pool."), the user must
  exist, be enabled and confirmed. PreAuthentication runs, then DefineAuthChallenge with an empty session.
- DefineAuthChallenge's answer decides: failAuthentication is NotAuthorizedException "Incorrect username or
  password."; issueTokens signs the user in (the same tokens, PreTokenGeneration and PostAuthentication as every
  sign-in); challengeName CUSTOM_CHALLENGE runs CreateAuthChallenge and answers its public parameters plus USERNAME
  with a new Session.
- RespondToAuthChallenge / AdminRespondToAuthChallenge with CUSTOM_CHALLENGE and that Session:
  VerifyAuthChallengeResponse judges ANSWER, the result joins the session's list and DefineAuthChallenge decides
  again.
- A Session is single-use and lasts the client's AuthSessionValidity (3 minutes unless set); a used, unknown or other
  client's session is NotAuthorizedException "Invalid session for the user.", an expired one "Invalid session for
  the user, session is expired.".
- CUSTOM_WITH_SRP (AuthParameters SRP_A and CHALLENGE_NAME=SRP_A): the session starts with a passed SRP_A, and a
  DefineAuthChallenge answering PASSWORD_VERIFIER gets the SRP challenge of cognito_checks; a wrong password fails
  there, a right one joins the session as a passed PASSWORD_VERIFIER.
The request's ClientMetadata reaches the triggers. Not emulated: PreventUserExistenceErrors (userNotFound is always
false: an unknown user is UserNotFoundException), device tracking (DEVICE_KEY is ignored).
"""
import secrets
import threading
import time

import cognito_checks
import cognito_triggers

CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE"
PASSWORD_VERIFIER = "PASSWORD_VERIFIER"
NOT_CONFIGURED = "Custom auth lambda trigger is not configured for the user pool."
INVALID_SESSION = "Invalid session for the user."
EXPIRED_SESSION = "Invalid session for the user, session is expired."
DEFAULT_SESSION_MINUTES = 3

# Sign-ins waiting for an answer, by the Session handed to the client.
_sign_ins = {}
_lock = threading.Lock()
# The ClientMetadata of the request being answered (moto's responses do not pass it to the backend).
_request = threading.local()


# ---------------------------------------------------------------------------------------------------------------------
# sessions
# ---------------------------------------------------------------------------------------------------------------------

def session_seconds(client):
    """How long a sign-in's Session lasts: the client's AuthSessionValidity (minutes), 3 minutes unless set."""
    return 60 * int(client.extended_config.get("AuthSessionValidity") or DEFAULT_SESSION_MINUTES)


def _open_session(sign_in, client, awaiting):
    """A new single-use Session for the next answer (Cognito's are long opaque strings too)."""
    token = secrets.token_urlsafe(96)
    sign_in.update(awaiting=awaiting, expires=time.time() + session_seconds(client))
    with _lock:
        # an expired Session still gets the "expired" answer for an hour, then it is forgotten
        now = time.time()
        for old in [key for key, value in _sign_ins.items() if value["expires"] < now - 3600]:
            del _sign_ins[old]
        _sign_ins[token] = sign_in
    return token


def _take_session(token, client_id, challenge_name):
    """The sign-in a Session continues, which is used up by this call."""
    with _lock:
        sign_in = _sign_ins.pop(token or "", None)
    if sign_in is None or sign_in["client"] != client_id or sign_in["awaiting"]["name"] != challenge_name:
        raise cognito_checks._error("NotAuthorizedException", INVALID_SESSION)
    if sign_in["expires"] < time.time():
        raise cognito_checks._error("NotAuthorizedException", EXPIRED_SESSION)
    return sign_in


# ---------------------------------------------------------------------------------------------------------------------
# the challenge triggers
# ---------------------------------------------------------------------------------------------------------------------

def _call(backend, sign_in, key, trigger_source, request, response):
    pool = backend.user_pools[sign_in["pool"]]
    user = pool._get_user(sign_in["user"])
    request = {"userAttributes": cognito_triggers._attributes(user), **request,
               "clientMetadata": getattr(_request, "client_metadata", None) or {}, "userNotFound": False}
    answer = cognito_triggers.call(pool, key, trigger_source, user.username, sign_in["client"], request, response)
    if answer is None:
        raise cognito_checks._error("InvalidParameterException", NOT_CONFIGURED)
    return answer


def _define(backend, sign_in):
    return _call(backend, sign_in, "DefineAuthChallenge", "DefineAuthChallenge_Authentication",
                 {"session": list(sign_in["session"])},
                 {"challengeName": None, "issueTokens": False, "failAuthentication": False})


def _create(backend, sign_in):
    return _call(backend, sign_in, "CreateAuthChallenge", "CreateAuthChallenge_Authentication",
                 {"challengeName": CUSTOM_CHALLENGE, "session": list(sign_in["session"])},
                 {"publicChallengeParameters": None, "privateChallengeParameters": None, "challengeMetadata": None})


def _verify(backend, sign_in, answer):
    return _call(backend, sign_in, "VerifyAuthChallengeResponse", "VerifyAuthChallengeResponse_Authentication",
                 {"privateChallengeParameters": sign_in["awaiting"].get("private") or {}, "challengeAnswer": answer},
                 {"answerCorrect": None})


# ---------------------------------------------------------------------------------------------------------------------
# the flow
# ---------------------------------------------------------------------------------------------------------------------

def _next_step(backend, sign_in):
    """Asks DefineAuthChallenge what comes next and does it: tokens, a refusal, or the next challenge."""
    pool = backend.user_pools[sign_in["pool"]]
    client = pool.clients[sign_in["client"]]
    decision = _define(backend, sign_in)
    if decision.get("failAuthentication"):
        raise cognito_checks._error("NotAuthorizedException", cognito_checks.INCORRECT_PASSWORD)
    if decision.get("issueTokens"):
        return backend._log_user_in(pool, client, sign_in["user"])
    if decision.get("challengeName") == CUSTOM_CHALLENGE:
        return _custom_challenge(backend, sign_in, client)
    if decision.get("challengeName") == PASSWORD_VERIFIER and sign_in["srp_a"]:
        return _password_challenge(backend, sign_in, pool, client)
    raise cognito_checks._error("InvalidLambdaResponseException", "Unrecognizable lambda output")


def _custom_challenge(backend, sign_in, client):
    created = _create(backend, sign_in)
    awaiting = {"name": CUSTOM_CHALLENGE, "private": created.get("privateChallengeParameters"),
                "metadata": created.get("challengeMetadata")}
    return {"ChallengeName": CUSTOM_CHALLENGE, "Session": _open_session(sign_in, client, awaiting),
            "ChallengeParameters": {**(created.get("publicChallengeParameters") or {}),
                                    "USERNAME": sign_in["user"]}}


def _password_challenge(backend, sign_in, pool, client):
    """CUSTOM_WITH_SRP's PASSWORD_VERIFIER: cognito_checks' SRP challenge, answered under this flow's Session."""
    answer = cognito_checks.start_srp(backend, pool, client, {"USERNAME": sign_in["user"], "SRP_A": sign_in["srp_a"]})
    backend.sessions.pop(answer["Session"], None)
    answer["Session"] = _open_session(sign_in, client, {"name": PASSWORD_VERIFIER})
    return answer


def _check_secret_hash(client, username, secret_hash):
    """A client with a secret must prove it on each request, as in Cognito's other flows."""
    from moto.cognitoidp.utils import check_secret_hash

    if client.generate_secret and not check_secret_hash(client.secret, client.id, username, secret_hash):
        raise cognito_checks._error("NotAuthorizedException", f"Unable to verify secret hash for client {client.id}")


def _initiate(backend, pool, client, auth_parameters):
    """CUSTOM_AUTH started: Cognito's checks, PreAuthentication, then DefineAuthChallenge's first decision."""
    from moto.cognitoidp.models import UserStatus

    cognito_checks.check_auth_flow(client, "CUSTOM_AUTH")
    if not cognito_triggers._trigger_arn(pool, "DefineAuthChallenge"):
        raise cognito_checks._error("InvalidParameterException", NOT_CONFIGURED)
    username = auth_parameters.get("USERNAME")
    if not username:
        raise cognito_checks._error("InvalidParameterException", "Missing required parameter USERNAME")
    _check_secret_hash(client, username, auth_parameters.get("SECRET_HASH"))
    user = backend.admin_get_user(pool.id, username)
    if not user.enabled:
        raise cognito_checks._error("NotAuthorizedException", "User is disabled.")
    if user.status == UserStatus.UNCONFIRMED:
        raise cognito_checks._error("UserNotConfirmedException", "User is not confirmed.")
    cognito_triggers.pre_authentication(pool, user, client.id)
    srp_a = auth_parameters.get("SRP_A") if auth_parameters.get("CHALLENGE_NAME") == "SRP_A" else None
    session = [{"challengeName": "SRP_A", "challengeResult": True, "challengeMetadata": None}] if srp_a else []
    sign_in = {"pool": pool.id, "client": client.id, "user": user.username, "session": session, "srp_a": srp_a}
    return _next_step(backend, sign_in)


def _respond(backend, session, client_id, challenge_name, responses):
    """An answer to a challenge of this flow: judged, recorded in the session's list, then DefineAuthChallenge."""
    sign_in = _take_session(session, client_id, challenge_name)
    if not responses.get("USERNAME"):
        raise cognito_checks._error("InvalidParameterException", "Missing required parameter USERNAME")
    client = backend.user_pools[sign_in["pool"]].clients[client_id]
    _check_secret_hash(client, responses["USERNAME"], responses.get("SECRET_HASH"))
    if challenge_name == PASSWORD_VERIFIER:
        try:
            cognito_checks.verify_password_claim(backend, client_id, responses)  # a wrong password ends the sign-in
        finally:
            backend.sessions.pop(responses.get("PASSWORD_CLAIM_SECRET_BLOCK"), None)
        result = {"challengeName": PASSWORD_VERIFIER, "challengeResult": True, "challengeMetadata": None}
    else:
        verdict = _verify(backend, sign_in, responses.get("ANSWER"))
        result = {"challengeName": CUSTOM_CHALLENGE, "challengeResult": verdict.get("answerCorrect") is True,
                  "challengeMetadata": sign_in["awaiting"].get("metadata")}
    sign_in["session"].append(result)
    return _next_step(backend, sign_in)


def _answers_this_flow(session, challenge_name):
    """Every CUSTOM_CHALLENGE answer, and a PASSWORD_VERIFIER answer under a CUSTOM_WITH_SRP Session."""
    with _lock:
        return challenge_name == CUSTOM_CHALLENGE or (challenge_name == PASSWORD_VERIFIER and session in _sign_ins)


# ---------------------------------------------------------------------------------------------------------------------
# moto's methods
# ---------------------------------------------------------------------------------------------------------------------

def _wrap_initiate_auth(original):
    def initiate_auth(self, client_id, auth_flow, auth_parameters):
        if auth_flow != "CUSTOM_AUTH":
            return original(self, client_id, auth_flow, auth_parameters)
        pool, client = cognito_checks._pool_and_client(self, client_id)
        return _initiate(self, pool, client, auth_parameters or {})

    return initiate_auth


def _wrap_admin_initiate_auth(original):
    def admin_initiate_auth(self, user_pool_id, client_id, auth_flow, auth_parameters):
        if auth_flow != "CUSTOM_AUTH":
            return original(self, user_pool_id, client_id, auth_flow, auth_parameters)
        pool = self.describe_user_pool(user_pool_id)
        client = pool.clients.get(client_id)
        if client is None:
            raise cognito_checks._error("ResourceNotFoundException", f"User pool client {client_id} does not exist.")
        return _initiate(self, pool, client, auth_parameters or {})

    return admin_initiate_auth


def _wrap_respond_to_auth_challenge(original):
    def respond_to_auth_challenge(self, session, client_id, challenge_name, challenge_responses):
        """Also AdminRespondToAuthChallenge's, which moto answers with this method."""
        if not _answers_this_flow(session, challenge_name):
            return original(self, session, client_id, challenge_name, challenge_responses)
        return _respond(self, session, client_id, challenge_name, dict(challenge_responses or {}))

    return respond_to_auth_challenge


def _remembering_client_metadata(original):
    def answer(self):
        _request.client_metadata = self._get_param("ClientMetadata") or {}
        return original(self)

    return answer


def apply():
    """Install the flow (after cognito_checks and cognito_triggers, whose functions it uses)."""
    from moto.cognitoidp.models import CognitoIdpBackend
    from moto.cognitoidp.responses import CognitoIdpResponse

    if getattr(CognitoIdpBackend, "_local_aws_custom_auth", False):
        return
    CognitoIdpBackend._local_aws_custom_auth = True
    CognitoIdpBackend.initiate_auth = _wrap_initiate_auth(CognitoIdpBackend.initiate_auth)
    CognitoIdpBackend.admin_initiate_auth = _wrap_admin_initiate_auth(CognitoIdpBackend.admin_initiate_auth)
    CognitoIdpBackend.respond_to_auth_challenge = _wrap_respond_to_auth_challenge(
        CognitoIdpBackend.respond_to_auth_challenge)
    for name in ("initiate_auth", "admin_initiate_auth", "respond_to_auth_challenge",
                 "admin_respond_to_auth_challenge"):
        setattr(CognitoIdpResponse, name, _remembering_client_metadata(getattr(CognitoIdpResponse, name)))
