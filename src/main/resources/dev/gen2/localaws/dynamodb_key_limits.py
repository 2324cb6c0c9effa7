"""The limits DynamoDB sets on a global secondary index's multi-attribute keys, which moto does not check.

moto 5.2.1 creates and queries global secondary indexes whose partition and sort keys are made of several attributes
(DynamoDB's multi-attribute keys), and enforces their query rules, but accepts any number of them. DynamoDB takes at
most four partition key attributes and four sort key attributes per index; a key schema beyond that is refused here,
at CreateTable, UpdateTable (an index created) and so in CloudFormation, with a ValidationException.
"""
MAX_KEY_ATTRIBUTES = 4


def check_index(index):
    """Raises DynamoDB's ValidationException if the index's key schema passes the multi-attribute limits."""
    from moto.dynamodb.exceptions import MockValidationException
    schema = index.get("KeySchema") or []
    for key_type, role in (("HASH", "partition"), ("RANGE", "sort")):
        count = sum(1 for element in schema if element.get("KeyType") == key_type)
        if count > MAX_KEY_ATTRIBUTES:
            raise MockValidationException(
                f"One or more parameter values were invalid: the global secondary index {index.get('IndexName')} has"
                f" {count} {role} key attributes; a multi-attribute key has at most {MAX_KEY_ATTRIBUTES}")


def apply():
    from moto.dynamodb.models import DynamoDBBackend
    create_table = DynamoDBBackend.create_table
    update_table_global_indexes = DynamoDBBackend.update_table_global_indexes

    def checked_create_table(self, name, schema, throughput, attr, global_indexes, *args, **kwargs):
        for index in global_indexes or []:
            check_index(index)
        return create_table(self, name, schema, throughput, attr, global_indexes, *args, **kwargs)

    def checked_update_table_global_indexes(self, table, global_index_updates):
        for update in global_index_updates or []:
            if update.get("Create"):
                check_index(update["Create"])
        return update_table_global_indexes(self, table, global_index_updates)

    DynamoDBBackend.create_table = checked_create_table
    DynamoDBBackend.update_table_global_indexes = checked_update_table_global_indexes
