"""gen2-backend's local AWS: moto's server, extended so that the real CDK CLI can deploy this project's backends
and so that Cognito checks what Cognito checks.

Usage: python3 local_aws.py --port PORT [--s3-port PORT]   (binds 127.0.0.1 only)

Each extension module has an apply() that changes moto's classes in this process before the server starts:
- cfn_fixes: CloudFormation stacks, nested stacks, change sets and outputs as the CDK CLI needs them;
- cfn_resources: the resource types moto's CloudFormation lacks (Cognito, AppSync, Scheduler, ...);
- cognito_checks: what moto's Cognito accepts and Cognito refuses;
- appsync_state: what was deployed to AppSync, served at /_gen2/appsync for the local GraphQL service.
Routes under /_gen2/ (gen2_routes) serve the data plane's other rooms. With --s3-port the same server also answers
on a second port, where aws-amplify's storage testing option sends its path-style S3 requests.
"""
import argparse
import os
import signal
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cfn_fixes  # noqa: E402
import cfn_resources  # noqa: E402
import cognito_checks  # noqa: E402
import gen2_routes  # noqa: E402
import appsync_state  # noqa: E402

EXTENSIONS = (cfn_fixes, cfn_resources, cognito_checks, appsync_state)


def main():
    parser = argparse.ArgumentParser(description="gen2-backend's local AWS (moto, extended)")
    parser.add_argument("--port", "-p", type=int, required=True, help="the port to listen on, on 127.0.0.1")
    parser.add_argument("--s3-port", type=int, help="a second port answering the same (for aws-amplify storage)")
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))
    for module in EXTENSIONS:
        module.apply()
    from moto.server import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server

    app = gen2_routes.Gen2Routes(DomainDispatcherApplication(create_backend_app))
    servers = [make_server("127.0.0.1", args.port, app, threaded=True)]
    if args.s3_port:
        servers.append(make_server("127.0.0.1", args.s3_port, app, threaded=True))
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.signal(signal.SIGINT, lambda *_: os._exit(0))
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
