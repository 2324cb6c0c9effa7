#!/usr/bin/env bash
# Runs the Node.js tests (src/test/node): the ReferenceAuth custom resource's code against moto's server, and the
# configuration files the Java tests generated against the real aws-amplify v6 and v5 clients, and the data
# resolvers the Java tests wrote (target/data-fixtures), deployed to the local AWS and run by its GraphQL service; and the local AWS's Cognito
# against both aws-amplify versions. What they need comes from npm into target/ (node-modules.sh).
set -euo pipefail
cd "$(dirname "$0")/../../.."

if [ -n "${GEN2_SELECTED_TESTS:-}" ] && [ "$GEN2_SELECTED_TESTS" != '${test}' ]; then
  echo "node-tests: skipped: -Dtest=$GEN2_SELECTED_TESTS runs those Java test classes only"
  exit 0
fi

bash src/test/scripts/node-modules.sh

if [ ! -f target/client-configs/index.json ]; then
  echo "node-tests: target/client-configs is missing; run the Java tests first (mvn -B verify)" >&2
  exit 1
fi
export AMPLIFY6_MODULES="$PWD/target/node-amplify6/node_modules"
export AMPLIFY5_MODULES="$PWD/target/node-amplify5/node_modules"
export DATA_TEST_MODULES="$PWD/target/node-data/node_modules"
export DATA_FIXTURES="$PWD/target/data-fixtures"
NODE_PATH="$PWD/target/node-test/node_modules" node --test src/test/node/*.test.js src/test/node/*.test.mjs
