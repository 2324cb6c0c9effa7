#!/usr/bin/env bash
# The gen2-backend command line: `bash src/main/scripts/gen2.sh generate outputs --help`. CDK's built-in CloudFormation
# validation (about 3 s per synth) is off for the commands that synthesize, unless CDK_VALIDATION says otherwise.
export CDK_VALIDATION="${CDK_VALIDATION:-false}"
exec bash "$(dirname "$0")/run-java.sh" dev.gen2.cli.Gen2Cli "$@"
