#!/usr/bin/env bash
# The gen2-backend command line: `bash src/main/scripts/gen2.sh generate outputs --help`.
exec bash "$(dirname "$0")/run-java.sh" dev.gen2.cli.Gen2Cli "$@"
