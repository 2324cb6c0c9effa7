"""Temporary credentials the local AWS issues, each acting as one IAM role: to identities of a local identity pool
(GetCredentialsForIdentity) and to the data plane's other rooms for a function's role (POST /_gen2/credentials/role).

A request signed with one of these keys is checked (iam_enforcement) against its role's identity policies, read from
moto's IAM at the time of the request, so a redeploy that changes a policy takes effect at once. Keys that were not
issued here (the `testing` keys of the CDK CLI, the tests and the sandbox) are not checked, as before.
"""
import secrets
import string
import threading
import time

from moto.iam.models import iam_backends

ACCOUNT_ID = "123456789012"
PARTITION = "aws"
LIFETIME_SECONDS = 3600
_lock = threading.Lock()
_issued = {}  # access key id -> Issued


class Principal:
    """Who a request signed with issued credentials is: the role, the session, and the identity it was issued to."""

    def __init__(self, role_arn, session_name, identity_id=None, identity_pool_id=None, auth_type=None, amr=()):
        self.role_arn = role_arn
        self.amr = list(amr)
        self.session_name = session_name
        self.identity_id = identity_id
        self.identity_pool_id = identity_pool_id
        self.auth_type = auth_type

    @property
    def role_name(self):
        return self.role_arn.rsplit("/", 1)[-1]

    @property
    def arn(self):
        return f"arn:{PARTITION}:sts::{ACCOUNT_ID}:assumed-role/{self.role_name}/{self.session_name}"

    def to_json(self):
        return {"arn": self.arn, "roleArn": self.role_arn, "identityId": self.identity_id,
                "identityPoolId": self.identity_pool_id, "authType": self.auth_type}

    def context(self):
        """The global and Cognito condition keys (and policy variables) this principal brings to every request."""
        role = role_or_none(self.role_arn)
        values = {
            "aws:PrincipalArn": self.role_arn,
            "aws:PrincipalAccount": ACCOUNT_ID,
            "aws:PrincipalType": "AssumedRole",
            "aws:userid": f"{role.id if role else 'AROA'}:{self.session_name}",
            "aws:SourceIp": "127.0.0.1",
            "aws:SecureTransport": "false",
            "aws:CurrentTime": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "aws:EpochTime": str(int(time.time())),
        }
        if self.identity_id:
            values.update({
                "cognito-identity.amazonaws.com:sub": self.identity_id,
                "cognito-identity.amazonaws.com:aud": self.identity_pool_id,
                "cognito-identity.amazonaws.com:amr": self.amr,
            })
        return values


class Issued:
    def __init__(self, access_key_id, secret_access_key, session_token, expiration, principal):
        self.access_key_id = access_key_id
        self.secret_access_key = secret_access_key
        self.session_token = session_token
        self.expiration = expiration
        self.principal = principal

    def to_json(self):
        return {"accessKeyId": self.access_key_id, "secretAccessKey": self.secret_access_key,
                "sessionToken": self.session_token, "expiration": self.expiration,
                "principal": self.principal.to_json()}


def _random(alphabet, length):
    return "".join(secrets.choice(alphabet) for _ in range(length))


def issue(principal):
    """New credentials acting as the principal's role, valid for LIFETIME_SECONDS."""
    issued = Issued(
        access_key_id="ASIA" + _random(string.ascii_uppercase + string.digits, 16),
        secret_access_key=_random(string.ascii_letters + string.digits + "+/", 40),
        session_token=_random(string.ascii_letters + string.digits, 200),
        expiration=time.time() + LIFETIME_SECONDS,
        principal=principal)
    with _lock:
        _issued[issued.access_key_id] = issued
    return issued


def all_issued():
    """Every credential issued so far, for the kept state (local_state): an app holding credentials from before a
    restart keeps being checked as their role, not waved through as a key this local AWS never issued."""
    with _lock:
        return dict(_issued)


def restore(issued):
    with _lock:
        _issued.update(issued)


def lookup(access_key_id):
    """The credentials issued with this key id, or None (a key the local AWS did not issue here)."""
    with _lock:
        return _issued.get(access_key_id)


def _iam():
    return iam_backends[ACCOUNT_ID][PARTITION]


def role_or_none(role_arn):
    try:
        return _iam().get_role_by_arn(role_arn)
    except Exception:  # moto raises its NotFound; a role deleted since is simply gone
        return None


def role_policies(role_arn):
    """The role's identity policies as IAM evaluates them: its inline policies and its attached managed ones."""
    role = role_or_none(role_arn)
    if role is None:
        return []
    documents = list(role.policies.values())
    for managed in role.managed_policies.values():
        version = next((v for v in managed.versions if v.is_default), None)
        documents.append(version.document if version else managed.document)
    return documents
