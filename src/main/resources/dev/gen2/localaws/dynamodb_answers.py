"""DynamoDB's item operations answered as JSON directly, as moto did before its shape-driven serializer.

moto 5.2 writes every answer through a serializer that walks the operation's output shape member by member. For the
item operations that is most of a call's time: a Scan of 100 small items takes about 50 ms, of which about 42 ms is
the serializer (measured with cProfile). Their answers are already DynamoDB JSON, a dict of dicts, lists, strings,
numbers and booleans, and binary values as bytes, which the JSON protocol sends as base64 text. So such an answer is
written with json.dumps; anything else in it (an object, None, a date) leaves it to moto's serializer, as do errors and
every other operation.
"""
import base64
import json

ITEM_OPERATIONS = frozenset({"GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem",
                             "BatchWriteItem", "TransactGetItems", "TransactWriteItems"})
CONTENT_TYPE = "application/x-amz-json-1.0"


class _NotPlain(Exception):
    """The answer holds something that only moto's serializer knows how to write."""


def plain_json(value):
    """The value as JSON-ready data (bytes as base64 text); raises _NotPlain for anything else."""
    if isinstance(value, dict):
        return {key: plain_json(member) for key, member in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_json(member) for member in value]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (str, bool, int, float)):
        return value
    raise _NotPlain(type(value).__name__)


def answer_body(result):
    """The answer's JSON text; raises _NotPlain if only moto's serializer can write it."""
    return json.dumps(plain_json(result), separators=(",", ":"))


def _written_as_given(action_result):
    """Whether moto would write this result as it is (ActionResult and DynamoResult; not a paginated result)."""
    from moto.core.responses import ActionResult

    return type(action_result).execute_result is ActionResult.execute_result


def _wrap_serialized(original):
    def serialized(self, action_result):
        result = action_result.result
        if not _written_as_given(action_result) or not isinstance(result, dict) \
                or self._get_action() not in ITEM_OPERATIONS:
            return original(self, action_result)
        try:
            body = answer_body(result)
        except _NotPlain:
            return original(self, action_result)
        headers = {"Content-Type": CONTENT_TYPE}
        headers.update(self.response_headers)
        return 200, headers, body
    return serialized


def apply():
    from moto.dynamodb.responses import DynamoHandler

    DynamoHandler.serialized = _wrap_serialized(DynamoHandler.serialized)
