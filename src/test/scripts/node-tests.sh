#!/usr/bin/env bash
# Runs the Node.js tests (src/test/node): the ReferenceAuth custom resource's code against moto's server, and the
# configuration files the Java tests generated against the real aws-amplify v6 and v5 clients, and the data
# resolvers the Java tests wrote (target/data-fixtures), run against moto's DynamoDB. What they need comes
# from npm into target/: the AWS SDK modules the Lambda runtime provides, and each aws-amplify version.
set -euo pipefail
cd "$(dirname "$0")/../../.."

install() { # install DIR PACKAGE...
  local dir="$1"
  shift
  if [ ! -f "$dir/.installed" ]; then
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "$@"
    touch "$dir/.installed"
  fi
}
install target/node-test @aws-sdk/client-cognito-identity-provider@3.1169.0 @aws-sdk/client-cognito-identity@3.1164.0 \
  @aws-sdk/client-ssm@3.1169.0
install target/node-data graphql@16.15.0 @aws-sdk/client-dynamodb@3.1164.0 @aws-sdk/util-dynamodb@3.996.9 \
  eslint@9.39.5 typescript@5.9.3 @aws-appsync/eslint-plugin@2.0.2
install target/node-amplify6 aws-amplify@6.22.1
install target/node-amplify5 aws-amplify@5.3.9

if [ ! -f target/client-configs/index.json ]; then
  echo "node-tests: target/client-configs is missing; run the Java tests first (mvn -B verify)" >&2
  exit 1
fi
export AMPLIFY6_MODULES="$PWD/target/node-amplify6/node_modules"
export AMPLIFY5_MODULES="$PWD/target/node-amplify5/node_modules"
export DATA_TEST_MODULES="$PWD/target/node-data/node_modules"
export DATA_FIXTURES="$PWD/target/data-fixtures"
NODE_PATH="$PWD/target/node-test/node_modules" node --test src/test/node/*.test.js src/test/node/*.test.mjs
