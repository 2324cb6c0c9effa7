"""DynamoDB's item operations answered as JSON directly (dynamodb_answers) read back, through boto3, exactly as moto's
own serializer writes them, for every kind of attribute value; an error is still moto's.
Run: python3 -m unittest discover -s src/test/python."""
import os
import sys
import unittest
from unittest import mock

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "main", "resources", "dev", "gen2", "localaws"))
os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1")

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402
from moto.dynamodb.responses import DynamoHandler  # noqa: E402

import dynamodb_answers  # noqa: E402

ITEM = {"id": {"S": "a"}, "number": {"N": "1.5"}, "blob": {"B": b"\x00\x01bin"}, "blobs": {"BS": [b"x", b"y"]},
        "flag": {"BOOL": True}, "nothing": {"NULL": True}, "strings": {"SS": ["p", "q"]}, "numbers": {"NS": ["1", "2"]},
        "list": {"L": [{"S": "x"}, {"M": {"deep": {"B": b"zz"}}}]}, "map": {"M": {"k": {"N": "2"}}}}


def without_metadata(answer):
    return {key: value for key, value in answer.items() if key != "ResponseMetadata"}


def every_item_operation():
    """Each item operation's answer (and one error's text), from a fresh mocked DynamoDB."""
    client = boto3.client("dynamodb")
    client.create_table(TableName="T", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                        BillingMode="PAY_PER_REQUEST")
    key = {"id": {"S": "a"}}
    answers = {
        "PutItem": client.put_item(TableName="T", Item=ITEM),
        "PutItem replacing": client.put_item(TableName="T", Item=ITEM, ReturnValues="ALL_OLD"),
        "GetItem": client.get_item(TableName="T", Key=key),
        "Scan": client.scan(TableName="T", Limit=1),
        "Query": client.query(TableName="T", KeyConditionExpression="id = :id",
                              ExpressionAttributeValues={":id": {"S": "a"}}),
        "UpdateItem": client.update_item(TableName="T", Key=key, UpdateExpression="SET #n = :n",
                                         ExpressionAttributeNames={"#n": "number"},
                                         ExpressionAttributeValues={":n": {"N": "3"}}, ReturnValues="ALL_NEW"),
        "BatchGetItem": client.batch_get_item(RequestItems={"T": {"Keys": [key]}}),
        "TransactGetItems": client.transact_get_items(TransactItems=[{"Get": {"TableName": "T", "Key": key}}]),
        "DeleteItem": client.delete_item(TableName="T", Key=key, ReturnValues="ALL_OLD"),
    }
    answers = {operation: without_metadata(answer) for operation, answer in answers.items()}
    try:
        client.get_item(TableName="missing", Key=key)
    except client.exceptions.ResourceNotFoundException as error:
        answers["an error"] = str(error)
    return answers


class DynamoDbAnswers(unittest.TestCase):
    def test_each_item_operation_answers_what_motos_serializer_answers(self):
        original = DynamoHandler.serialized
        with mock_aws():
            by_moto = every_item_operation()
        dynamodb_answers.apply()
        try:
            self.assertIsNot(DynamoHandler.serialized, original)
            with mock_aws(), mock.patch.object(dynamodb_answers, "answer_body", wraps=dynamodb_answers.answer_body) as spy:
                direct = every_item_operation()
            self.assertEqual(spy.call_count, 9, "each item operation's answer written directly")
        finally:
            DynamoHandler.serialized = original
        self.assertEqual(by_moto["GetItem"]["Item"]["blob"], {"B": b"\x00\x01bin"})
        self.assertIn("Requested resource not found", by_moto["an error"])
        for operation, answer in by_moto.items():
            with self.subTest(operation):
                self.assertEqual(direct[operation], answer)

    def test_anything_but_plain_data_is_left_to_motos_serializer(self):
        self.assertEqual(dynamodb_answers.plain_json({"B": b"\x01"}), {"B": "AQ=="})
        for unusual in (None, object(), {1, 2}):
            with self.subTest(repr(unusual)), self.assertRaises(dynamodb_answers._NotPlain):
                dynamodb_answers.plain_json({"Item": {"x": unusual}})


if __name__ == "__main__":
    unittest.main()
