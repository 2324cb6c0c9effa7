"""The local AWS's IAM evaluator (iam_policy) against the rules IAM documents: explicit deny, wildcards, policy
variables, conditions. Run: python3 -m unittest discover -s src/test/python (LocalAwsPythonTest runs it)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "main", "resources", "dev", "gen2", "localaws"))

import iam_policy  # noqa: E402
from iam_policy import ALLOW, EXPLICIT_DENY, IMPLICIT_DENY, evaluate  # noqa: E402

SUB = "cognito-identity.amazonaws.com:sub"
BUCKET = "arn:aws:s3:::media"
OWN = {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
       "Resource": BUCKET + "/private/${cognito-identity.amazonaws.com:sub}/*"}
LIST_OWN = {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": BUCKET,
            "Condition": {"StringLike": {"s3:prefix": ["private/${cognito-identity.amazonaws.com:sub}/*",
                                                       "private/${cognito-identity.amazonaws.com:sub}/"]}}}


def policy(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


class PolicyVariables(unittest.TestCase):
    def test_the_identity_reaches_its_own_folder_only(self):
        context = {SUB: "us-east-1:aaa"}
        self.assertEqual(evaluate([policy(OWN)], "s3:GetObject", BUCKET + "/private/us-east-1:aaa/a.txt",
                                  context).kind, ALLOW)
        self.assertEqual(evaluate([policy(OWN)], "s3:GetObject", BUCKET + "/private/us-east-1:bbb/a.txt",
                                  context).kind, IMPLICIT_DENY)

    def test_a_variable_without_a_value_matches_nothing(self):
        self.assertEqual(evaluate([policy(OWN)], "s3:GetObject", BUCKET + "/private//a.txt", {}).kind, IMPLICIT_DENY)

    def test_a_wildcard_in_a_variables_value_is_literal(self):
        self.assertEqual(evaluate([policy(OWN)], "s3:GetObject", BUCKET + "/private/x/a.txt", {SUB: "*"}).kind,
                         IMPLICIT_DENY)


class Conditions(unittest.TestCase):
    def test_string_like_on_the_prefix(self):
        context = {SUB: "us-east-1:aaa"}
        self.assertEqual(evaluate([policy(LIST_OWN)], "s3:ListBucket", BUCKET,
                                  dict(context, **{"s3:prefix": "private/us-east-1:aaa/"})).kind, ALLOW)
        self.assertEqual(evaluate([policy(LIST_OWN)], "s3:ListBucket", BUCKET,
                                  dict(context, **{"s3:prefix": "private/"})).kind, IMPLICIT_DENY)

    def test_an_unmet_condition_on_an_allow_is_no_deny(self):
        # moto's evaluator turns this into an explicit deny; IAM does not
        decision = evaluate([policy(LIST_OWN, {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"})],
                            "s3:ListBucket", BUCKET, {"s3:prefix": "admin/"})
        self.assertEqual(decision.kind, ALLOW)

    def test_a_missing_key_fails_a_positive_operator_and_passes_a_negated_one(self):
        statement = {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": BUCKET,
                     "Condition": {"StringNotLike": {"s3:prefix": "admin/*"}}}
        self.assertEqual(evaluate([policy(statement)], "s3:ListBucket", BUCKET, {}).kind, ALLOW)
        self.assertEqual(evaluate([policy(LIST_OWN)], "s3:ListBucket", BUCKET, {SUB: "x"}).kind, IMPLICIT_DENY)

    def test_set_qualifiers_and_if_exists(self):
        any_value = {"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Resource": "*",
                     "Condition": {"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}
        self.assertEqual(evaluate([policy(any_value)], "sts:AssumeRoleWithWebIdentity", "*",
                                  {"cognito-identity.amazonaws.com:amr": ["authenticated", "cognito-idp"]}).kind, ALLOW)
        self.assertEqual(evaluate([policy(any_value)], "sts:AssumeRoleWithWebIdentity", "*",
                                  {"cognito-identity.amazonaws.com:amr": ["unauthenticated"]}).kind, IMPLICIT_DENY)
        if_exists = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                     "Condition": {"StringEqualsIfExists": {"aws:SourceVpc": "vpc-1"}}}
        self.assertEqual(evaluate([policy(if_exists)], "s3:GetObject", BUCKET + "/a", {}).kind, ALLOW)

    def test_an_operator_the_local_aws_does_not_know_makes_its_statement_not_apply_and_says_so(self):
        statement = {"Effect": "Allow", "Action": "*", "Resource": "*",
                     "Condition": {"IpAddress": {"aws:SourceIp": "127.0.0.0/8"}}}
        decision = evaluate([policy(statement)], "s3:GetObject", BUCKET + "/a", {"aws:SourceIp": "127.0.0.1"})
        self.assertEqual(decision.kind, IMPLICIT_DENY)
        self.assertIn("IpAddress", decision.notes[0])


class DenyAndWildcards(unittest.TestCase):
    def test_an_explicit_deny_wins_over_any_allow(self):
        deny = {"Effect": "Deny", "Action": "s3:Put*", "Resource": BUCKET + "/private/*"}
        decision = evaluate([policy(OWN), policy(deny)], "s3:PutObject", BUCKET + "/private/u/a", {SUB: "u"})
        self.assertEqual(decision.kind, EXPLICIT_DENY)
        self.assertIs(decision.statement, deny)

    def test_action_wildcards_ignore_case_and_resource_wildcards_do_not(self):
        statement = {"Effect": "Allow", "Action": "S3:get?bject", "Resource": BUCKET + "/Public/*"}
        self.assertEqual(evaluate([policy(statement)], "s3:GetObject", BUCKET + "/Public/a", {}).kind, ALLOW)
        self.assertEqual(evaluate([policy(statement)], "s3:GetObject", BUCKET + "/public/a", {}).kind, IMPLICIT_DENY)

    def test_not_action_and_not_resource(self):
        statement = {"Effect": "Allow", "NotAction": "s3:Delete*", "NotResource": BUCKET + "/admin/*"}
        self.assertEqual(evaluate([policy(statement)], "s3:GetObject", BUCKET + "/public/a", {}).kind, ALLOW)
        self.assertEqual(evaluate([policy(statement)], "s3:DeleteObject", BUCKET + "/public/a", {}).kind,
                         IMPLICIT_DENY)
        self.assertEqual(evaluate([policy(statement)], "s3:GetObject", BUCKET + "/admin/a", {}).kind, IMPLICIT_DENY)

    def test_policies_may_come_as_json_text(self):
        import json

        self.assertEqual(evaluate([json.dumps(policy(OWN))], "s3:PutObject", BUCKET + "/private/u/a",
                                  {SUB: "u"}).kind, ALLOW)


if __name__ == "__main__":
    unittest.main()
