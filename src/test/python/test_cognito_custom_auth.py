"""The sessions of the local Cognito's custom authentication flow (cognito_custom_auth): single-use, for one client,
lasting the client's AuthSessionValidity (3 minutes by default), refused with Cognito's messages.
Run: python3 -m unittest discover -s src/test/python."""
import os
import sys
import unittest
from types import SimpleNamespace
from unittest import mock

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "main", "resources", "dev", "gen2", "localaws"))

import cognito_custom_auth  # noqa: E402
from cognito_custom_auth import CUSTOM_CHALLENGE, EXPIRED_SESSION, INVALID_SESSION  # noqa: E402


def client(client_id, **config):
    return SimpleNamespace(id=client_id, extended_config=config)


def opened(at, app_client):
    sign_in = {"pool": "eu-west-1_pool", "client": app_client.id, "user": "cal", "session": [], "srp_a": None}
    with mock.patch("time.time", return_value=at):
        return cognito_custom_auth._open_session(sign_in, app_client, {"name": CUSTOM_CHALLENGE})


def taken(at, token, client_id, challenge_name=CUSTOM_CHALLENGE):
    with mock.patch("time.time", return_value=at):
        return cognito_custom_auth._take_session(token, client_id, challenge_name)


class Sessions(unittest.TestCase):
    def assertRefused(self, message, at, token, client_id, challenge_name=CUSTOM_CHALLENGE):
        with self.assertRaises(Exception) as refused:
            taken(at, token, client_id, challenge_name)
        self.assertEqual(refused.exception.error_type, "NotAuthorizedException")
        self.assertEqual(refused.exception.message, message)

    def test_a_session_continues_its_sign_in_once(self):
        token = opened(1000, client("web"))
        self.assertEqual(taken(1000 + 179, token, "web")["user"], "cal")
        self.assertRefused(INVALID_SESSION, 1000 + 179, token, "web")

    def test_a_session_lasts_three_minutes_unless_the_client_says_otherwise(self):
        self.assertRefused(EXPIRED_SESSION, 1000 + 181, opened(1000, client("web")), "web")
        longer = opened(1000, client("web", AuthSessionValidity=15))
        self.assertEqual(taken(1000 + 14 * 60, longer, "web")["client"], "web")
        self.assertRefused(EXPIRED_SESSION, 1000 + 15 * 60 + 1, opened(1000, client("web", AuthSessionValidity=15)),
                           "web")

    def test_an_unknown_session_another_clients_or_another_challenges_is_invalid(self):
        self.assertRefused(INVALID_SESSION, 1000, "made-up", "web")
        self.assertRefused(INVALID_SESSION, 1000, opened(1000, client("web")), "mobile")
        self.assertRefused(INVALID_SESSION, 1000, opened(1000, client("web")), "web", "PASSWORD_VERIFIER")

    def test_each_answer_gets_a_new_session(self):
        self.assertNotEqual(opened(1000, client("web")), opened(1000, client("web")))


if __name__ == "__main__":
    unittest.main()
