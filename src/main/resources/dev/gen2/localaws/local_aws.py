"""gen2-backend's local AWS: moto's server, extended so that the real CDK CLI can deploy this project's backends
and so that Cognito checks what Cognito checks.

Usage: python3 local_aws.py --port PORT   (binds 127.0.0.1 only)

Each extension module has an apply() that changes moto's classes in this process before the server starts:
- cfn_fixes: CloudFormation stacks, nested stacks, change sets and outputs as the CDK CLI needs them;
- cfn_resources: the resource types moto's CloudFormation lacks (Cognito, AppSync, Scheduler, ...);
- cognito_checks: what moto's Cognito accepts and Cognito refuses.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cfn_fixes  # noqa: E402
import cfn_resources  # noqa: E402
import cognito_checks  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description="gen2-backend's local AWS (moto, extended)")
    parser.add_argument("--port", "-p", type=int, required=True, help="the port to listen on, on 127.0.0.1")
    args = parser.parse_args()
    for module in (cfn_fixes, cfn_resources, cognito_checks):
        module.apply()
    from moto.server import main as moto_main
    moto_main(["-H", "127.0.0.1", "-p", str(args.port)])


if __name__ == "__main__":
    main()
