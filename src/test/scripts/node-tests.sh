#!/usr/bin/env bash
# Runs the Node.js tests of the code this library ships for Lambda (src/test/node), with the AWS SDK modules the
# Lambda runtime provides installed from npm into target/node-test. The tests start moto's server themselves.
set -euo pipefail
cd "$(dirname "$0")/../../.."
modules=target/node-test/node_modules
if [ ! -d "$modules/@aws-sdk/client-cognito-identity-provider" ] || [ ! -d "$modules/@aws-sdk/client-cognito-identity" ]; then
  mkdir -p target/node-test
  npm install --prefix target/node-test --no-save --no-audit --no-fund --loglevel=error \
    @aws-sdk/client-cognito-identity-provider@3.1169.0 @aws-sdk/client-cognito-identity@3.1164.0
fi
NODE_PATH="$PWD/$modules" node --test src/test/node/*.test.js
