#!/usr/bin/env python3
"""Writes, as JSON on stdout, the properties whose change makes CloudFormation replace a resource, for the
resource types given as arguments, from two published sources:
  - resource-schema:   the CloudFormation resource schemas' createOnlyProperties, as cfn-lint ships them;
  - cdk-service-spec:  the CDK service specification (db.json.gz of the aws-cdk CLI package), causesReplacement "yes".
The guard (dev.gen2.guard.ReplacingProperties) reads the result from
src/main/resources/dev/gen2/guard/replacing-properties.json; ReplacingPropertiesTest regenerates it and compares.

usage: replacing-properties.py DB_JSON_GZ TYPE...
"""
import gzip
import json
import sys

from cfnlint.schema import PROVIDER_SCHEMA_MANAGER


def from_resource_schema(resource_type):
    schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", resource_type).schema
    # only top-level properties: "/properties/TableName" -> "TableName"
    return [pointer.split("/")[2] for pointer in schema.get("createOnlyProperties", [])
            if pointer.count("/") == 2]


def from_cdk_service_spec(database, resource_type):
    for resource in database["schema"]["resource"]["entities"]:
        if resource.get("cloudFormationType") == resource_type:
            return [name for name, prop in resource["properties"].items()
                    if prop.get("causesReplacement") == "yes"]
    return []


def main(database_path, resource_types):
    with gzip.open(database_path) as stream:
        database = json.load(stream)
    table = {}
    for resource_type in sorted(resource_types):
        sources = {}
        for name in from_resource_schema(resource_type):
            sources.setdefault(name, []).append("resource-schema")
        for name in from_cdk_service_spec(database, resource_type):
            sources.setdefault(name, []).append("cdk-service-spec")
        table[resource_type] = {name: sources[name] for name in sorted(sources)}
    json.dump(table, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
