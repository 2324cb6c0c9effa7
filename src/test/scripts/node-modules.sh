#!/usr/bin/env bash
# Installs from npm into target/ what the Node tests and the deploy tests need, once per build directory: the AWS SDK
# modules the Lambda runtime provides, the data tests' tools, and each aws-amplify version the frontends use.
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
  @aws-sdk/client-ssm@3.1169.0 @aws-sdk/client-lambda@3.1164.0 @aws-sdk/client-s3@3.1169.0
install target/node-data graphql@16.15.0 @aws-sdk/client-dynamodb@3.1164.0 @aws-sdk/util-dynamodb@3.996.9 \
  eslint@9.39.5 typescript@5.9.3 @aws-appsync/eslint-plugin@2.0.2
install target/node-amplify6 aws-amplify@6.22.1
install target/node-amplify5 aws-amplify@5.3.9
# the browser story (BrowserStoryIT) drives Debian's Chromium; this version drives its 150.x (no browser download)
install target/node-browser playwright-core@1.65.2
# The local GraphQL service's own dependencies, from its lock file (the data tests run it from target/node-graphql).
if [ ! -f target/node-graphql/.installed ]; then
  mkdir -p target/node-graphql
  cp src/main/resources/dev/gen2/localaws/graphql/package.json src/main/resources/dev/gen2/localaws/graphql/package-lock.json target/node-graphql/
  npm ci --prefix target/node-graphql --omit=dev --no-audit --no-fund --loglevel=error
  touch target/node-graphql/.installed
fi
