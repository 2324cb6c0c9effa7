#!/usr/bin/env bash
# Runs cfn-lint over every template the tests wrote (target/lint-templates) and every template the real CDK CLI
# synthesized for the sample backend (target/sample-cdk.out). Fails on any error or warning: warnings we accept
# are listed in docs/contributing.md ("Accepted cfn-lint warnings") with their reason and ignored here by rule id.
set -euo pipefail
cd "$(dirname "$0")/../../.."
accepted_warnings=()   # none at present; add "--ignore-checks W1234" pairs with an entry in docs/contributing.md
shopt -s nullglob
templates=(target/lint-templates/*.json target/sample-cdk.out/*.template.json)
if [ ${#templates[@]} -eq 0 ]; then
  echo "lint-templates: no templates found; run the tests first" >&2
  exit 1
fi
if ! command -v cfn-lint >/dev/null; then
  echo "lint-templates: cfn-lint is not installed (.ci/run installs it)" >&2
  exit 1
fi
echo "cfn-lint $(cfn-lint --version 2>&1 | awk '{print $NF}') on ${#templates[@]} templates"
status=0
cfn-lint "${accepted_warnings[@]}" -- "${templates[@]}" || status=$?
if [ "$status" -ne 0 ]; then
  echo "lint-templates: cfn-lint found problems (exit $status)" >&2
  exit "$status"
fi
echo "cfn-lint: 0 errors, 0 warnings"
