"""What moto's Cognito accepts and Cognito refuses, made to check what Cognito checks.

apply() replaces methods of moto's cognito-idp and cognito-identity backends and responses in this process, so the
checks hold however a user pool was created (CreateUserPool, or CloudFormation through moto's own backend):

- SRP sign-in (USER_SRP_AUTH + PASSWORD_VERIFIER) verifies the password proof with SRP-6a arithmetic as Cognito
  does; moto answered with random SALT/SRP_B and accepted any signature.
- ConfirmSignUp, ConfirmForgotPassword and ResendConfirmationCode work with one fixed code (LOCAL_AWS_CONFIRMATION_CODE,
  default 123456); moto accepted any code, and had no ResendConfirmationCode at all.
- InitiateAuth / AdminInitiateAuth honour the app client's ExplicitAuthFlows; moto allowed every flow.
- Password policy failures say what Cognito says, and ConfirmForgotPassword enforces the policy (moto did not).
- ID tokens carry all readable attributes when the client sets no ReadAttributes; email_verified is a boolean claim.
- Confirming a sign-up verifies the attribute the code went to (email_verified=true).
- RevokeToken exists and revokes; GlobalSignOut finds the pool whatever region the request seemed to come from.
- cognito-identity GetId / GetCredentialsForIdentity check the Logins map against the pool's providers and the
  tokens the user pool issued, and give one user the same identity id each time.
"""
import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
import time

# RFC 5054's 3072-bit group, which Cognito's SRP uses (generator 2).
SRP_N = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
    16,
)
SRP_G = 2

INCORRECT_PASSWORD = "Incorrect username or password."
CODE_MISMATCH = "Invalid verification code provided, please try again."
CODE_EXPIRED = "Invalid code provided, please request a code again."
USER_CLIENT_NOT_FOUND = "Username/client id combination not found."
# What Cognito counts as a symbol in a password (a space inside the password counts too).
PASSWORD_SYMBOLS = set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ")
# Flows Cognito allows when an app client names none.
DEFAULT_AUTH_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"]

# Running SRP sign-ins, by the SECRET_BLOCK handed to the client.
_srp_challenges = {}
# Identities of cognito-identity: identity id -> {"pool": pool id, "logins": {provider: subject}}.
_identities = {}


def confirmation_code():
    """The code Cognito would have e-mailed: fixed for tests, LOCAL_AWS_CONFIRMATION_CODE or 123456."""
    return os.environ.get("LOCAL_AWS_CONFIRMATION_CODE", "123456")


def _error(error_type, message):
    """A JSON error as Cognito answers it (HTTP 400, __type and message)."""
    from moto.core.exceptions import JsonRESTError

    error = JsonRESTError(error_type, message)
    error.code = 400
    return error


# ---------------------------------------------------------------------------------------------------------------------
# SRP-6a arithmetic, Cognito's variant
# ---------------------------------------------------------------------------------------------------------------------

def _pad_hex(value):
    """Hex of a non-negative integer as Cognito's clients hash it: even length, "00" in front if the top bit is set."""
    text = format(value, "x")
    if len(text) % 2:
        text = "0" + text
    if text[0] in "89abcdef":
        text = "00" + text
    return text


def _sha256_hex(hex_text):
    """SHA-256 of the bytes a hex string spells, as an integer."""
    return int(hashlib.sha256(bytes.fromhex(hex_text)).hexdigest(), 16)


def _srp_k():
    """k = H(PAD(N) | PAD(g))."""
    return _sha256_hex(_pad_hex(SRP_N) + _pad_hex(SRP_G))


SRP_K = _srp_k()


def srp_private_key(pool_name, user_id_for_srp, password, salt):
    """x = H(PAD(salt) | H(poolName | userIdForSrp | ":" | password)), poolName being the pool id after its "_"."""
    inner = hashlib.sha256(f"{pool_name}{user_id_for_srp}:{password}".encode("utf-8")).hexdigest()
    return _sha256_hex(_pad_hex(salt) + inner)


def srp_verifier(pool_name, user_id_for_srp, password, salt):
    """v = g^x mod N, what Cognito keeps instead of the password."""
    return pow(SRP_G, srp_private_key(pool_name, user_id_for_srp, password, salt), SRP_N)


def srp_server_public(verifier):
    """A fresh server secret b and B = (k*v + g^b) mod N."""
    while True:
        b = secrets.randbits(1024)
        big_b = (SRP_K * verifier + pow(SRP_G, b, SRP_N)) % SRP_N
        if big_b:
            return b, big_b


def srp_password_key(big_a, big_b, b, verifier):
    """The 16-byte key both sides derive: S = (A * v^u)^b mod N, u = H(PAD(A) | PAD(B)),
    key = HKDF-SHA256(salt=PAD(u), ikm=PAD(S), info="Caldera Derived Key" | 0x01)[:16]."""
    u = _sha256_hex(_pad_hex(big_a) + _pad_hex(big_b))
    s = pow(big_a * pow(verifier, u, SRP_N), b, SRP_N)
    prk = hmac.new(bytes.fromhex(_pad_hex(u)), bytes.fromhex(_pad_hex(s)), hashlib.sha256).digest()
    return hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]


def password_claim_signature(key, pool_name, user_id_for_srp, secret_block, timestamp):
    """PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(key, poolName | userIdForSrp | SECRET_BLOCK bytes | timestamp))."""
    message = pool_name.encode("utf-8") + user_id_for_srp.encode("utf-8") + _b64decode(secret_block) \
        + timestamp.encode("utf-8")
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode("ascii")


def _b64decode(text):
    """Bytes of a base64 (or base64url) string, padded as needed."""
    text = text.replace("-", "+").replace("_", "/")
    return base64.b64decode(text + "=" * (-len(text) % 4))


def _pool_name(user_pool):
    """The pool name SRP hashes: the user pool id without its "<region>_" prefix."""
    return user_pool.id.split("_", 1)[1]


def _user_srp_record(user_pool, user):
    """The user's salt and verifier, computed from the password whenever it changed.

    Cognito computes the verifier when the password is set (SignUp, AdminCreateUser, AdminSetUserPassword,
    ConfirmForgotPassword, ChangePassword, NEW_PASSWORD_REQUIRED). moto keeps the password itself and sets it on
    each of those paths (and on CloudFormation's), so the record follows user.password: a new password gives a new
    salt and verifier, and the old password stops matching."""
    record = getattr(user, "srp_record", None)
    if record is None or record[0] != user.password:
        if user.password is None:
            record = (None, secrets.randbits(128), None)
        else:
            salt = secrets.randbits(128)
            record = (user.password, salt, srp_verifier(_pool_name(user_pool), user.username, user.password, salt))
        user.srp_record = record
    return record[1], record[2]


# ---------------------------------------------------------------------------------------------------------------------
# cognito-idp: lookups
# ---------------------------------------------------------------------------------------------------------------------

def _pool_and_client(backend, client_id):
    """The user pool holding an app client, as Cognito finds it, or ResourceNotFoundException."""
    for user_pool in backend.user_pools.values():
        if client_id in user_pool.clients:
            return user_pool, user_pool.clients[client_id]
    raise _error("ResourceNotFoundException", f"User pool client {client_id} does not exist.")


def _user_for_client(user_pool, username):
    """The user by username or alias; Cognito's public APIs say "Username/client id combination not found."."""
    user = user_pool._get_user(username) if username else None
    if not user:
        raise _error("UserNotFoundException", USER_CLIENT_NOT_FOUND)
    return user


def _backend_for_client(response, client_id):
    """The cognito-idp backend (account and region) that has this app client, whatever the request's region."""
    from moto.cognitoidp.models import cognitoidp_backends, find_account_region_by_value

    account, region = find_account_region_by_value("client_id", client_id,
                                                   fallback=(response.current_account, response.region))
    return cognitoidp_backends[account][region]


def _backend_for_access_token(response, access_token):
    """The cognito-idp backend that issued this access token, whatever the request's region."""
    from moto.cognitoidp.models import cognitoidp_backends, find_account_region_by_value

    account, region = find_account_region_by_value("access_token", access_token,
                                                   fallback=(response.current_account, response.region))
    return cognitoidp_backends[account][region]


def _jwt_claims(token):
    """The claims of a JWT moto issued (no signature check: callers also check moto issued the token)."""
    try:
        payload = token.split(".")[1]
        return json.loads(_b64decode(payload))
    except (IndexError, ValueError, binascii.Error, AttributeError):
        return None


def _masked(value):
    """A destination as Cognito shows it: t***@e*** for an e-mail, +*******1234 for a phone number."""
    if "@" in value:
        local, domain = value.split("@", 1)
        return f"{local[:1]}***@{domain[:1]}***"
    return "+*******" + value[-4:]


def _code_delivery(user_pool, user):
    """Where Cognito sends a sign-up code: the auto-verified attribute the user has (phone first, as Cognito does),
    or None when the pool verifies nothing."""
    auto_verified = user_pool.extended_config.get("AutoVerifiedAttributes") or []
    for attribute, medium in (("phone_number", "SMS"), ("email", "EMAIL")):
        value = user.attribute_lookup.get(attribute)
        if attribute in auto_verified and value:
            return {"Destination": _masked(value), "DeliveryMedium": medium, "AttributeName": attribute}
    return None


# ---------------------------------------------------------------------------------------------------------------------
# cognito-idp: password policy
# ---------------------------------------------------------------------------------------------------------------------

def validate_password(self, user_pool_id, password):
    """Cognito refuses a password breaking the pool's policy with InvalidPasswordException
    "Password did not conform with policy: <first rule broken>". moto said only "does not confirm to the configured
    password policy", refused passwords of 99 characters and more, and read a missing rule as required."""
    user_pool = self.describe_user_pool(user_pool_id)
    policy = (user_pool.extended_config.get("Policies") or {}).get("PasswordPolicy") or {}
    password = password or ""
    rules = [
        (len(password) >= int(policy.get("MinimumLength", 8)), "Password not long enough"),
        (len(password) <= 256, "Password must have length less than or equal to 256"),
        (not policy.get("RequireLowercase") or any(c.islower() for c in password),
         "Password must have lowercase characters"),
        (not policy.get("RequireUppercase") or any(c.isupper() for c in password),
         "Password must have uppercase characters"),
        (not policy.get("RequireNumbers") or any(c.isdigit() for c in password),
         "Password must have numeric characters"),
        (not policy.get("RequireSymbols") or any(c in PASSWORD_SYMBOLS for c in password),
         "Password must have symbol characters"),
    ]
    for satisfied, message in rules:
        if not satisfied:
            raise _error("InvalidPasswordException", f"Password did not conform with policy: {message}")


# ---------------------------------------------------------------------------------------------------------------------
# cognito-idp: auth flows and SRP sign-in
# ---------------------------------------------------------------------------------------------------------------------

def _allowed_flows(client):
    """The flows an app client allows, in the ALLOW_ names; legacy names mean what Cognito makes of them
    (SRP and refresh always on, CUSTOM_AUTH_FLOW_ONLY for custom auth)."""
    named = client.extended_config.get("ExplicitAuthFlows") or DEFAULT_AUTH_FLOWS
    if any(flow.startswith("ALLOW_") for flow in named):
        return set(named)
    allowed = {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"}
    legacy = {"USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH"}
    allowed.update(legacy[flow] for flow in named if flow in legacy)
    return allowed


def check_auth_flow(client, auth_flow):
    """Cognito refuses a flow the app client does not allow: InvalidParameterException
    "<FLOW> flow not enabled for this client". moto allowed every flow on every client."""
    needed = {
        "USER_SRP_AUTH": "ALLOW_USER_SRP_AUTH",
        "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
        "CUSTOM_AUTH": "ALLOW_CUSTOM_AUTH",
        "REFRESH_TOKEN_AUTH": "ALLOW_REFRESH_TOKEN_AUTH",
        "REFRESH_TOKEN": "ALLOW_REFRESH_TOKEN_AUTH",
        "ADMIN_USER_PASSWORD_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "USER_AUTH": "ALLOW_USER_AUTH",
    }.get(auth_flow)
    if needed and needed not in _allowed_flows(client):
        if auth_flow.startswith("ADMIN_"):
            raise _error("InvalidParameterException", "Auth flow not enabled for this client")
        raise _error("InvalidParameterException", f"{auth_flow} flow not enabled for this client")


def start_srp(self, user_pool, client, auth_parameters):
    """USER_SRP_AUTH: Cognito answers PASSWORD_VERIFIER with the user's SALT, its SRP_B and a SECRET_BLOCK.
    moto sent random SALT and SRP_B, so no proof could ever be checked. An unconfirmed user gets the challenge too:
    Cognito says UserNotConfirmedException only once the password proved right."""
    from moto.cognitoidp.utils import check_secret_hash
    from moto.moto_api._internal import mock_random as random

    username = auth_parameters.get("USERNAME")
    srp_a = auth_parameters.get("SRP_A")
    if not username:
        raise _error("InvalidParameterException", "Missing required parameter USERNAME")
    if not srp_a:
        raise _error("InvalidParameterException", "Missing required parameter SRP_A")
    try:
        big_a = int(srp_a, 16)
    except ValueError:
        raise _error("InvalidParameterException", "SRP_A is not a hexadecimal number.")
    if big_a % SRP_N == 0:
        raise _error("InvalidParameterException", "SRP_A cannot be zero.")
    if client.generate_secret and not check_secret_hash(client.secret, client.id, username,
                                                        auth_parameters.get("SECRET_HASH")):
        raise _error("NotAuthorizedException", f"Unable to verify secret hash for client {client.id}")
    user = self.admin_get_user(user_pool.id, username)
    if not user.enabled:
        raise _error("NotAuthorizedException", "User is disabled.")
    _forget_expired_challenges()
    salt, verifier = _user_srp_record(user_pool, user)
    b, big_b = srp_server_public(verifier or 1)
    secret_block = base64.b64encode(secrets.token_bytes(96)).decode("ascii")
    session = str(random.uuid4())
    # moto's RespondToAuthChallenge finds PASSWORD_VERIFIER sessions by the SECRET_BLOCK.
    self.sessions[secret_block] = (user.username, user_pool)
    self.sessions[session] = (user.username, user_pool)
    _srp_challenges[secret_block] = {
        "pool": user_pool.id, "client": client.id, "user": user.username, "A": big_a, "B": big_b, "b": b,
        "verifier": verifier, "expires": time.time() + 180,
    }
    return {
        "ChallengeName": "PASSWORD_VERIFIER",
        "Session": session,
        "ChallengeParameters": {
            "SALT": _pad_hex(salt),
            "SRP_B": format(big_b, "x"),
            "USERNAME": user.username,
            "USER_ID_FOR_SRP": user.username,
            "SECRET_BLOCK": secret_block,
        },
    }


def _forget_expired_challenges():
    """Drop SRP sign-ins never finished (Cognito's session lasts 3 minutes)."""
    now = time.time()
    for secret_block in [key for key, value in _srp_challenges.items() if value["expires"] < now]:
        _srp_challenges.pop(secret_block, None)


def verify_password_claim(self, client_id, responses):
    """PASSWORD_VERIFIER: Cognito checks PASSWORD_CLAIM_SIGNATURE against the key derived from the verifier, and
    refuses a wrong password with NotAuthorizedException "Incorrect username or password.". moto checked only that
    the fields were there. After the proof, an unconfirmed user gets UserNotConfirmedException and a user whose
    password an administrator reset gets PasswordResetRequiredException."""
    from moto.cognitoidp.models import UserStatus

    secret_block = responses.get("PASSWORD_CLAIM_SECRET_BLOCK") or ""
    challenge = _srp_challenges.pop(secret_block, None)
    if challenge is None or challenge["client"] != client_id or challenge["expires"] < time.time():
        raise _error("NotAuthorizedException", "Invalid session for the user.")
    user_pool = self.user_pools.get(challenge["pool"])
    user = user_pool.users.get(challenge["user"]) if user_pool else None
    if user is None or responses.get("USERNAME") not in (user.username, user.attribute_lookup.get("email"),
                                                         user.attribute_lookup.get("phone_number")):
        raise _error("NotAuthorizedException", INCORRECT_PASSWORD)
    signature = responses.get("PASSWORD_CLAIM_SIGNATURE") or ""
    timestamp = responses.get("TIMESTAMP") or ""
    expected = None
    if challenge["verifier"] is not None:
        key = srp_password_key(challenge["A"], challenge["B"], challenge["b"], challenge["verifier"])
        expected = password_claim_signature(key, _pool_name(user_pool), user.username, secret_block, timestamp)
    if expected is None or not hmac.compare_digest(expected, signature):
        raise _error("NotAuthorizedException", INCORRECT_PASSWORD)
    if user.status == UserStatus.UNCONFIRMED:
        raise _error("UserNotConfirmedException", "User is not confirmed.")
    if user.status == UserStatus.RESET_REQUIRED:
        raise _error("PasswordResetRequiredException", "Password reset required for the user")
    responses["USERNAME"] = user.username


def _wrap_initiate_auth(original):
    def initiate_auth(self, client_id, auth_flow, auth_parameters):
        """InitiateAuth: the client's flows are checked, SRP is real, and a user whose password was reset by an
        administrator must reset it (PasswordResetRequiredException) rather than sign in."""
        from moto.cognitoidp.models import UserStatus

        user_pool, client = _pool_and_client(self, client_id)
        check_auth_flow(client, auth_flow)
        auth_parameters = auth_parameters or {}
        if auth_flow == "USER_SRP_AUTH":
            return start_srp(self, user_pool, client, auth_parameters)
        if auth_flow == "USER_PASSWORD_AUTH":
            user = user_pool._get_user(auth_parameters.get("USERNAME") or "")
            if user and user.password == auth_parameters.get("PASSWORD") and user.status == UserStatus.RESET_REQUIRED:
                raise _error("PasswordResetRequiredException", "Password reset required for the user")
        return original(self, client_id, auth_flow, auth_parameters)

    return initiate_auth


def _wrap_admin_initiate_auth(original):
    def admin_initiate_auth(self, user_pool_id, client_id, auth_flow, auth_parameters):
        """AdminInitiateAuth: the client must allow the flow (ALLOW_ADMIN_USER_PASSWORD_AUTH etc.)."""
        user_pool = self.describe_user_pool(user_pool_id)
        client = user_pool.clients.get(client_id)
        if client:
            check_auth_flow(client, auth_flow)
        return original(self, user_pool_id, client_id, auth_flow, auth_parameters)

    return admin_initiate_auth


def _wrap_respond_to_auth_challenge(original):
    def respond_to_auth_challenge(self, session, client_id, challenge_name, challenge_responses):
        """RespondToAuthChallenge: PASSWORD_VERIFIER proves the password first (NEW_PASSWORD_REQUIRED's policy check
        is the patched _validate_password)."""
        challenge_responses = dict(challenge_responses or {})
        if challenge_name == "PASSWORD_VERIFIER":
            verify_password_claim(self, client_id, challenge_responses)
        return original(self, session, client_id, challenge_name, challenge_responses)

    return respond_to_auth_challenge


# ---------------------------------------------------------------------------------------------------------------------
# cognito-idp: sign-up confirmation, forgotten passwords, password changes
# ---------------------------------------------------------------------------------------------------------------------

def _wrap_sign_up(original):
    def sign_up(self, client_id, username, password, attributes):
        """SignUp: Cognito sends a confirmation code to the auto-verified attribute; remember which code it was."""
        user, details = original(self, client_id, username, password, attributes)
        user_pool, _ = _pool_and_client(self, client_id)
        user.sign_up_code = confirmation_code()
        return user, _code_delivery(user_pool, user) or details

    return sign_up


def mark_verified(user_pool, user):
    """Confirming a sign-up with the code verifies the attribute the code went to: email_verified (or
    phone_number_verified) becomes "true". moto never set it."""
    details = _code_delivery(user_pool, user)
    if details:
        user.update_attributes([{"Name": details["AttributeName"] + "_verified", "Value": "true"}])


def confirm_sign_up_with_code(self, client_id, username, code):
    """ConfirmSignUp: Cognito accepts only the code it sent (CodeMismatchException otherwise), refuses to confirm a
    confirmed user, then verifies the attribute the code went to. moto accepted any code and verified nothing."""
    from moto.cognitoidp.models import UserStatus

    user_pool, _ = _pool_and_client(self, client_id)
    user = _user_for_client(user_pool, username)
    if user.status != UserStatus.UNCONFIRMED:
        raise _error("NotAuthorizedException", f"User cannot be confirmed. Current status is {user.status.value}")
    if code != (getattr(user, "sign_up_code", None) or confirmation_code()):
        raise _error("CodeMismatchException", CODE_MISMATCH)
    user.status = UserStatus.CONFIRMED
    user.sign_up_code = None
    mark_verified(user_pool, user)


def resend_confirmation_code(self, client_id, username):
    """ResendConfirmationCode: Cognito sends the code again and says where (CodeDeliveryDetails). moto had no such
    action (HTTP 500)."""
    from moto.cognitoidp.models import UserStatus

    user_pool, _ = _pool_and_client(self, client_id)
    user = _user_for_client(user_pool, username)
    if user.status == UserStatus.CONFIRMED:
        raise _error("InvalidParameterException", "User is already confirmed.")
    details = _code_delivery(user_pool, user)
    if details is None:
        raise _error("InvalidParameterException", "Cannot resend codes. Auto verification not turned on.")
    user.sign_up_code = confirmation_code()
    return details


def _wrap_forgot_password(original):
    def forgot_password(self, client_id, username):
        """ForgotPassword: Cognito refuses an unknown user and one without a verified e-mail or phone number, and
        e-mails a code; here the code is the fixed one (still echoed in moto's x-moto-... response header)."""
        user_pool, _ = _pool_and_client(self, client_id)
        user = _user_for_client(user_pool, username)
        lookup = user.attribute_lookup
        if lookup.get("email_verified", "false") != "true" and lookup.get("phone_number_verified", "false") != "true":
            raise _error("InvalidParameterException",
                         "Cannot reset password for the user as there is no registered/verified email or phone_number")
        _, response = original(self, client_id, username)
        user.confirmation_code = confirmation_code()
        return user.confirmation_code, response

    return forgot_password


def confirm_forgot_password(self, client_id, username, password, code):
    """ConfirmForgotPassword: Cognito needs the code it sent (CodeMismatchException; ExpiredCodeException when none is
    outstanding) and a password obeying the policy; the user is CONFIRMED afterwards. moto accepted any code not
    starting with its own prefix and any password."""
    from moto.cognitoidp.models import UserStatus

    user_pool, _ = _pool_and_client(self, client_id)
    user = _user_for_client(user_pool, username)
    if not user.confirmation_code:
        raise _error("ExpiredCodeException", CODE_EXPIRED)
    if code != user.confirmation_code:
        raise _error("CodeMismatchException", CODE_MISMATCH)
    self._validate_password(user_pool.id, password)
    user.password = password
    user.confirmation_code = None
    if user.status == UserStatus.RESET_REQUIRED:
        user.status = UserStatus.CONFIRMED


def _wrap_admin_reset_user_password(original):
    def admin_reset_user_password(self, user_pool_id, username):
        """AdminResetUserPassword: Cognito sends the user a code for ConfirmForgotPassword (here the fixed one); moto
        sent none, so the user could never finish the reset."""
        original(self, user_pool_id, username)
        self.admin_get_user(user_pool_id, username).confirmation_code = confirmation_code()

    return admin_reset_user_password


def _wrap_change_password(original):
    def change_password(self, access_token, previous_password, proposed_password):
        """ChangePassword: a wrong previous password is NotAuthorizedException "Incorrect username or password."
        (moto put the username in the message)."""
        from moto.cognitoidp.exceptions import NotAuthorizedError

        try:
            return original(self, access_token, previous_password, proposed_password)
        except NotAuthorizedError as error:
            if error.message == access_token:
                raise _error("NotAuthorizedException", "Invalid Access Token")
            raise _error("NotAuthorizedException", INCORRECT_PASSWORD)

    return change_password


def _wrap_admin_create_user(original):
    def admin_create_user(self, user_pool_id, username, message_action, temporary_password, attributes):
        """AdminCreateUser: a temporary password must obey the policy too."""
        if temporary_password is not None:
            self._validate_password(user_pool_id, temporary_password)
        return original(self, user_pool_id, username, message_action, temporary_password, attributes)

    return admin_create_user


# ---------------------------------------------------------------------------------------------------------------------
# cognito-idp: tokens
# ---------------------------------------------------------------------------------------------------------------------

def id_token_attributes(self, client_id, username):
    """The user's attributes in an ID token. Cognito puts in the client's ReadAttributes, or every readable attribute
    when the client names none (moto then put in none), and *_verified claims are JSON booleans."""
    client = self.clients.get(client_id)
    readable = client.get_readable_fields() if client else []
    user = self._get_user(username)
    claims = {}
    for attribute in user.attributes:
        name, value = attribute["Name"], attribute["Value"]
        if name.startswith("dev:") or (readable and name not in readable):
            continue
        if name in ("email_verified", "phone_number_verified"):
            value = str(value).lower() == "true"
        claims[name] = value
    return claims


def revoke_token(self, client_id, token):
    """RevokeToken: Cognito revokes a refresh token and the access tokens issued with it. moto had no such action."""
    user_pool, client = _pool_and_client(self, client_id)
    if client.extended_config.get("EnableTokenRevocation") is False:
        raise _error("UnsupportedOperationException", "Token revocation is not enabled for this app client.")
    issued = user_pool.refresh_tokens.get(token)
    if issued is None:
        return
    if issued[0] != client_id:
        raise _error("UnauthorizedException", "Token is not issued to this client.")
    origin_jti = issued[2]
    user_pool.refresh_tokens[token] = None
    for access_token in list(user_pool.access_tokens):
        claims = _jwt_claims(access_token) or {}
        if claims.get("origin_jti") == origin_jti:
            user_pool.access_tokens.pop(access_token, None)


# ---------------------------------------------------------------------------------------------------------------------
# cognito-idp: response layer (actions moto lacks, and parameters its responses drop)
# ---------------------------------------------------------------------------------------------------------------------

def _response_confirm_sign_up(self):
    """ConfirmSignUp with its ConfirmationCode (moto's response dropped the code)."""
    from moto.core.responses import EmptyResult

    client_id = self._get_param("ClientId")
    _backend_for_client(self, client_id).confirm_sign_up_with_code(
        client_id, self._get_param("Username"), self._get_param("ConfirmationCode"))
    return EmptyResult()


def _response_resend_confirmation_code(self):
    """ResendConfirmationCode -> {"CodeDeliveryDetails": ...}."""
    from moto.core.responses import ActionResult

    client_id = self._get_param("ClientId")
    details = _backend_for_client(self, client_id).resend_confirmation_code(client_id, self._get_param("Username"))
    return ActionResult({"CodeDeliveryDetails": details})


def _response_revoke_token(self):
    """RevokeToken -> {}."""
    from moto.core.responses import EmptyResult

    client_id = self._get_param("ClientId")
    _backend_for_client(self, client_id).revoke_token(client_id, self._get_param("Token"))
    return EmptyResult()


def _response_global_sign_out(self):
    """GlobalSignOut is unsigned, so the request carries no region: find the pool by the access token."""
    from moto.core.responses import EmptyResult

    access_token = self._get_param("AccessToken")
    _backend_for_access_token(self, access_token).global_sign_out(access_token)
    return EmptyResult()


# ---------------------------------------------------------------------------------------------------------------------
# cognito-identity
# ---------------------------------------------------------------------------------------------------------------------

def _identity_backend(response, identity_pool_id):
    """The cognito-identity backend of the region an identity pool id names ("<region>:<uuid>")."""
    from moto.cognitoidentity.models import cognitoidentity_backends

    return cognitoidentity_backends[response.current_account][(identity_pool_id or "").split(":")[0] or "us-east-1"]


def _invalid_login(reason):
    return _error("NotAuthorizedException", f"Invalid login token. {reason}")


def check_login(account_id, identity_pool, provider, token):
    """One entry of a Logins map, as Cognito checks it: a user pool provider must be one the identity pool names, and
    the token an unexpired ID token that user pool issued to one of the pool's app clients. Returns the subject.
    moto checked nothing (any token, any provider)."""
    from moto.cognitoidp.models import cognitoidp_backends

    if not provider.startswith("cognito-idp."):
        if provider not in (identity_pool.supported_login_providers or {}):
            raise _error("NotAuthorizedException", f"Invalid login token. Provider {provider} is not configured.")
        return token
    configured = [p for p in identity_pool.cognito_identity_providers or [] if p.get("ProviderName") == provider]
    if not configured:
        raise _invalid_login(f"Provider {provider} is not configured for this identity pool.")
    claims = _jwt_claims(token)
    if not claims:
        raise _invalid_login("Not a valid OpenId Connect identity token.")
    if claims.get("iss") != "https://" + provider:
        raise _invalid_login("Issuer doesn't match providerName")
    region, user_pool_id = provider.split(".")[1], provider.split("/", 1)[1]
    user_pool = cognitoidp_backends[account_id][region].user_pools.get(user_pool_id)
    if user_pool is None or token not in user_pool.id_tokens or claims.get("token_use") != "id":
        raise _invalid_login("Couldn't verify signed token.")
    if claims.get("exp", 0) < time.time():
        raise _invalid_login("Token expired: %s >= %s" % (int(time.time()), claims.get("exp")))
    if claims.get("aud") not in [p.get("ClientId") for p in configured]:
        raise _invalid_login("Audience is not valid for this provider.")
    return claims["sub"]


def _checked_logins(response, identity_pool, logins):
    """{provider: subject} for a Logins map, every entry checked."""
    return {provider: check_login(response.current_account, identity_pool, provider, token)
            for provider, token in (logins or {}).items()}


def _response_get_id(self):
    """GetId: Cognito refuses guests when the pool does not allow them, checks each login, and gives the same user the
    same identity id. moto gave a new id every call, checked no login, and failed (HTTP 500) on an unknown pool."""
    from moto.cognitoidentity.utils import get_random_identity_id

    pool_id = self._get_param("IdentityPoolId")
    backend = _identity_backend(self, pool_id)
    identity_pool = backend.identity_pools.get(pool_id)
    if identity_pool is None:
        raise _error("ResourceNotFoundException", f"IdentityPool '{pool_id}' not found.")
    logins = _checked_logins(self, identity_pool, self._get_param("Logins"))
    if not logins and not identity_pool.allow_unauthenticated_identities:
        raise _error("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.")
    for identity_id, identity in _identities.items():
        if identity["pool"] == pool_id and logins and set(logins.items()) & set(identity["logins"].items()):
            identity["logins"].update(logins)
            return json.dumps({"IdentityId": identity_id})
    identity_id = get_random_identity_id(pool_id.split(":")[0])
    _identities[identity_id] = {"pool": pool_id, "logins": dict(logins)}
    backend.pools_identities.setdefault(pool_id, {"IdentityPoolId": pool_id, "Identities": []})["Identities"].append(
        {"IdentityId": identity_id, "Logins": list(logins)})
    return json.dumps({"IdentityId": identity_id})


def _wrap_get_credentials_for_identity(original):
    def get_credentials_for_identity(self):
        """GetCredentialsForIdentity: the identity must exist, and an authenticated identity needs a valid login of
        its own (Cognito: "Access to Identity '...' is forbidden." without one). moto gave credentials to any id."""
        identity_id = self._get_param("IdentityId")
        identity = _identities.get(identity_id)
        if identity is None:
            raise _error("ResourceNotFoundException", f"Identity '{identity_id}' not found.")
        identity_pool = _identity_backend(self, identity["pool"]).identity_pools.get(identity["pool"])
        if identity_pool is None:
            raise _error("ResourceNotFoundException", f"IdentityPool '{identity['pool']}' not found.")
        logins = _checked_logins(self, identity_pool, self._get_param("Logins"))
        if identity["logins"] and not logins:
            raise _error("NotAuthorizedException", f"Access to Identity '{identity_id}' is forbidden.")
        if logins and not set(logins.items()) & set(identity["logins"].items()):
            raise _error("NotAuthorizedException",
                         "Logins don't match. Please include at least one valid login for this identity or identity pool.")
        if not logins and not identity_pool.allow_unauthenticated_identities:
            raise _error("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.")
        return original(self)

    return get_credentials_for_identity


# ---------------------------------------------------------------------------------------------------------------------

def apply():
    """Install the checks into moto's classes (once per process)."""
    from moto.cognitoidentity.responses import CognitoIdentityResponse
    from moto.cognitoidp.models import CognitoIdpBackend, CognitoIdpUserPool
    from moto.cognitoidp.responses import CognitoIdpResponse

    if getattr(CognitoIdpBackend, "_local_aws_checks", False):
        return
    CognitoIdpBackend._local_aws_checks = True

    CognitoIdpBackend._validate_password = validate_password
    CognitoIdpBackend.initiate_auth = _wrap_initiate_auth(CognitoIdpBackend.initiate_auth)
    CognitoIdpBackend.admin_initiate_auth = _wrap_admin_initiate_auth(CognitoIdpBackend.admin_initiate_auth)
    CognitoIdpBackend.respond_to_auth_challenge = _wrap_respond_to_auth_challenge(
        CognitoIdpBackend.respond_to_auth_challenge)
    CognitoIdpBackend.sign_up = _wrap_sign_up(CognitoIdpBackend.sign_up)
    CognitoIdpBackend.confirm_sign_up_with_code = confirm_sign_up_with_code
    CognitoIdpBackend.resend_confirmation_code = resend_confirmation_code
    CognitoIdpBackend.forgot_password = _wrap_forgot_password(CognitoIdpBackend.forgot_password)
    CognitoIdpBackend.confirm_forgot_password = confirm_forgot_password
    CognitoIdpBackend.admin_reset_user_password = _wrap_admin_reset_user_password(
        CognitoIdpBackend.admin_reset_user_password)
    CognitoIdpBackend.change_password = _wrap_change_password(CognitoIdpBackend.change_password)
    CognitoIdpBackend.admin_create_user = _wrap_admin_create_user(CognitoIdpBackend.admin_create_user)
    CognitoIdpBackend.revoke_token = revoke_token
    CognitoIdpUserPool.get_user_extra_data_by_client_id = id_token_attributes

    CognitoIdpResponse.confirm_sign_up = _response_confirm_sign_up
    CognitoIdpResponse.resend_confirmation_code = _response_resend_confirmation_code
    CognitoIdpResponse.revoke_token = _response_revoke_token
    CognitoIdpResponse.global_sign_out = _response_global_sign_out

    CognitoIdentityResponse.get_id = _response_get_id
    CognitoIdentityResponse.get_credentials_for_identity = _wrap_get_credentials_for_identity(
        CognitoIdentityResponse.get_credentials_for_identity)
