"""The resource ARNs the local AWS's IAM checks for requests to services other than S3 (iam_resources), as IAM derives
them, and a scoped policy's verdict on them. Run: python3 -m unittest discover -s src/test/python."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "main", "resources", "dev", "gen2", "localaws"))

from iam_policy import ALLOW, IMPLICIT_DENY, evaluate  # noqa: E402
from iam_resources import Check, Request, checks  # noqa: E402

REGION, ACCOUNT = "eu-west-1", "111122223333"
TABLE = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/Todo"


def request(service, operation, params=None, path="", query=None):
    return Request(service, operation, params, path, query, REGION, ACCOUNT)


def arns(found):
    return [check.resource for check in found]


class DynamoDb(unittest.TestCase):
    def test_single_item_actions_act_on_the_table(self):
        for operation in ("GetItem", "PutItem", "UpdateItem", "DeleteItem", "DescribeTable", "ConditionCheckItem"):
            self.assertEqual(checks(request("dynamodb", operation, {"TableName": "Todo"})),
                             [Check("dynamodb:" + operation, TABLE)])

    def test_a_query_on_an_index_acts_on_the_index(self):
        self.assertEqual(arns(checks(request("dynamodb", "Query", {"TableName": "Todo", "IndexName": "byOwner"}))),
                         [TABLE + "/index/byOwner"])
        self.assertEqual(arns(checks(request("dynamodb", "Scan", {"TableName": "Todo"}))), [TABLE])

    def test_a_table_named_by_its_arn(self):
        other = "arn:aws:dynamodb:us-east-1:444455556666:table/Shared"
        self.assertEqual(arns(checks(request("dynamodb", "GetItem", {"TableName": other}))), [other])

    def test_batches_act_on_each_table(self):
        found = checks(request("dynamodb", "BatchWriteItem", {"RequestItems": {"Todo": [], "Note": []}}))
        self.assertEqual(found, [Check("dynamodb:BatchWriteItem", TABLE),
                                 Check("dynamodb:BatchWriteItem", TABLE.replace("Todo", "Note"))])

    def test_a_transactions_items_are_checked_as_their_own_actions(self):
        found = checks(request("dynamodb", "TransactWriteItems", {"TransactItems": [
            {"Put": {"TableName": "Todo", "Item": {}}}, {"ConditionCheck": {"TableName": "Note", "Key": {}}}]}))
        enclosing = {"dynamodb:EnclosingOperation": "TransactWriteItems"}
        self.assertEqual(found, [Check("dynamodb:PutItem", TABLE, enclosing),
                                 Check("dynamodb:ConditionCheckItem", TABLE.replace("Todo", "Note"), enclosing)])
        self.assertEqual(checks(request("dynamodb", "TransactGetItems", {"TransactItems": [
            {"Get": {"TableName": "Todo", "Key": {}}}]}))[0].action, "dynamodb:GetItem")

    def test_actions_on_no_table_keep_the_wildcard(self):
        self.assertEqual(checks(request("dynamodb", "ListTables", {})), [Check("dynamodb:ListTables", "*")])


class Ssm(unittest.TestCase):
    PARAMETER = f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/amplify/app/secret"

    def test_a_parameters_arn_has_no_leading_slash(self):
        for operation in ("GetParameter", "PutParameter", "DeleteParameter"):
            self.assertEqual(checks(request("ssm", operation, {"Name": "/amplify/app/secret"})),
                             [Check("ssm:" + operation, self.PARAMETER)])
        self.assertEqual(arns(checks(request("ssm", "GetParameter", {"Name": "plain"}))),
                         [f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/plain"])

    def test_each_named_parameter_is_checked(self):
        self.assertEqual(arns(checks(request("ssm", "GetParameters", {"Names": ["/amplify/app/secret", "/shared/x"]}))),
                         [self.PARAMETER, f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/shared/x"])
        self.assertEqual(len(checks(request("ssm", "DeleteParameters", {"Names": ["/a", "/b"]}))), 2)

    def test_by_path_acts_on_the_path(self):
        self.assertEqual(arns(checks(request("ssm", "GetParametersByPath", {"Path": "/amplify/app"}))),
                         [f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/amplify/app"])


class Cognito(unittest.TestCase):
    def test_user_pool_actions_act_on_the_pool(self):
        found = checks(request("cognito-idp", "AdminGetUser", {"UserPoolId": "eu-west-1_abc", "Username": "u"}))
        self.assertEqual(found, [Check("cognito-idp:AdminGetUser",
                                       f"arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/eu-west-1_abc")])

    def test_identity_pool_actions_act_on_the_pool(self):
        pool = "eu-west-1:0000-1111"
        self.assertEqual(arns(checks(request("cognito-identity", "DescribeIdentityPool", {"IdentityPoolId": pool}))),
                         [f"arn:aws:cognito-identity:{REGION}:{ACCOUNT}:identitypool/{pool}"])


class Lambda(unittest.TestCase):
    FUNCTION = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:sayHello"

    def test_invoke_is_invoke_function_on_the_function(self):
        self.assertEqual(checks(request("lambda", "Invoke", path="/2015-03-31/functions/sayHello/invocations")),
                         [Check("lambda:InvokeFunction", self.FUNCTION)])

    def test_a_function_named_by_arn_partial_arn_or_with_a_qualifier(self):
        full = "arn:aws:lambda:us-east-1:444455556666:function:other"
        encoded = full.replace(":", "%3A")
        self.assertEqual(arns(checks(request("lambda", "Invoke", path=f"/2015-03-31/functions/{encoded}/invocations"))),
                         [full])
        self.assertEqual(arns(checks(request("lambda", "GetFunction",
                                             path=f"/2015-03-31/functions/{ACCOUNT}:function:sayHello:live"))),
                         [self.FUNCTION + ":live"])
        self.assertEqual(arns(checks(request("lambda", "Invoke", path="/2015-03-31/functions/sayHello/invocations",
                                             query={"Qualifier": ["3"]}))), [self.FUNCTION + ":3"])

    def test_listing_functions_keeps_the_wildcard(self):
        self.assertEqual(arns(checks(request("lambda", "ListFunctions", path="/2015-03-31/functions/"))), ["*"])


class AppSync(unittest.TestCase):
    def test_api_actions_act_on_the_api(self):
        self.assertEqual(checks(request("appsync", "GetGraphqlApi", path="/v1/apis/abc123")),
                         [Check("appsync:GetGraphqlApi", f"arn:aws:appsync:{REGION}:{ACCOUNT}:apis/abc123")])


class OtherServices(unittest.TestCase):
    def test_keep_the_wildcard(self):
        self.assertEqual(checks(request("sqs", "SendMessage", {"QueueUrl": "q"})), [Check("sqs:SendMessage", "*")])


class ScopedPolicies(unittest.TestCase):
    """The point of the ARNs: a policy scoped to a resource allows that resource and nothing else."""

    def verdicts(self, statement, found):
        policies = [{"Version": "2012-10-17", "Statement": [statement]}]
        return [evaluate(policies, check.action, check.resource, check.context).kind for check in found]

    def test_a_table_grant_allows_its_table_and_its_indexes_only_when_granted(self):
        grant = {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Resource": [TABLE]}
        self.assertEqual(self.verdicts(grant, checks(request("dynamodb", "GetItem", {"TableName": "Todo"}))), [ALLOW])
        self.assertEqual(self.verdicts(grant, checks(request("dynamodb", "GetItem", {"TableName": "Note"}))),
                         [IMPLICIT_DENY])
        self.assertEqual(self.verdicts(grant, checks(request("dynamodb", "Query", {"TableName": "Todo",
                                                                                   "IndexName": "i"}))),
                         [IMPLICIT_DENY])

    def test_one_parameter_outside_the_grant_denies_the_request(self):
        grant = {"Effect": "Allow", "Action": "ssm:GetParameters",
                 "Resource": f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/amplify/*"}
        verdicts = self.verdicts(grant, checks(request("ssm", "GetParameters", {"Names": ["/amplify/a", "/other/b"]})))
        self.assertEqual(verdicts, [ALLOW, IMPLICIT_DENY])


if __name__ == "__main__":
    unittest.main()
