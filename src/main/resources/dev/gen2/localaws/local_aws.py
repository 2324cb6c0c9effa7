"""gen2-backend's local AWS: moto's server, extended so that the real CDK CLI can deploy this project's backends
and so that Cognito checks what Cognito checks.

Usage: python3 local_aws.py --port PORT [--s3-port PORT] [--state-dir DIR]   (binds 127.0.0.1 only)

Each extension module has an apply() that changes moto's classes in this process before the server starts:
- cfn_fixes: CloudFormation stacks, nested stacks, change sets and outputs as the CDK CLI needs them;
- cfn_resources: the resource types moto's CloudFormation lacks (Cognito, AppSync, Scheduler, ...);
- cognito_checks: what moto's Cognito accepts and Cognito refuses;
- lambda_runtime: every invocation runs the function on the local Lambda runtime (LOCAL_AWS_LAMBDA_URL);
- cognito_triggers: the user pools call their trigger functions;
- cognito_custom_auth: the user pools' custom authentication flow (CUSTOM_AUTH and its challenge triggers);
- cognito_codes, cognito_inbox: the codes Cognito sends that moto never sent, and the local inbox every message the
  local Cognito sends is delivered to (GET /_gen2/inbox);
- schedules: EventBridge Scheduler schedules fire their target functions when due;
- custom_resources: CloudFormation custom resources run their ServiceToken function;
- appsync_state: what was deployed to AppSync, served at /_gen2/appsync for the local GraphQL service;
- identity_credentials, iam_enforcement, iam_routes: the identity pool's credentials act as its roles, and requests
  signed with them are allowed or denied by the roles' policies (iam_policy), as IAM does;
- dynamodb_answers: DynamoDB's item operations answered without moto's slow shape-driven serializer;
- dynamodb_key_limits: the limits of multi-attribute index keys (four partition and four sort key attributes).
Routes under /_gen2/ (gen2_routes) serve the data plane's other rooms. With --s3-port the same server also answers
on a second port, where aws-amplify's storage testing option sends its path-style S3 requests. With --state-dir
what it holds is kept there across restarts (local_state).
"""
import argparse
import os
import signal
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import appsync_state  # noqa: E402
import cfn_fixes  # noqa: E402
import cfn_resources  # noqa: E402
import cognito_checks  # noqa: E402
import cognito_custom_auth  # noqa: E402
import cognito_codes  # noqa: E402
import cognito_inbox  # noqa: E402
import cognito_triggers  # noqa: E402
import custom_resources  # noqa: E402
import gen2_routes  # noqa: E402
import iam_enforcement  # noqa: E402
import iam_routes  # noqa: E402
import identity_credentials  # noqa: E402
import lambda_runtime  # noqa: E402
import dynamodb_answers  # noqa: E402
import dynamodb_key_limits  # noqa: E402
import local_state  # noqa: E402
import s3_front  # noqa: E402
import schedules  # noqa: E402

EXTENSIONS = (cfn_fixes, cfn_resources, cognito_checks, identity_credentials, iam_enforcement, iam_routes,
              lambda_runtime, cognito_triggers, cognito_custom_auth, cognito_codes, cognito_inbox, schedules,
              custom_resources, appsync_state, dynamodb_answers, dynamodb_key_limits)


def main():
    parser = argparse.ArgumentParser(description="gen2-backend's local AWS (moto, extended)")
    parser.add_argument("--port", "-p", type=int, required=True, help="the port to listen on, on 127.0.0.1")
    parser.add_argument("--s3-port", type=int, help="a second port answering the same (for aws-amplify storage)")
    parser.add_argument("--state-dir", help="keep what the server holds in this directory across restarts")
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))
    for module in EXTENSIONS:
        module.apply()
    from moto.server import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server

    app = iam_enforcement.remember_requests(gen2_routes.Gen2Routes(DomainDispatcherApplication(create_backend_app)))
    state = None
    if args.state_dir:
        state = local_state.apply(args.state_dir)
        if state.load():
            print(f"local AWS: state loaded from {state.file}", flush=True)
        app = state.watching(app)
        state.saving_regularly()
    servers = [make_server("127.0.0.1", args.port, app, threaded=True)]
    if args.s3_port:
        servers += s3_servers(args.s3_port, s3_front.with_cors(app), make_server)

    def stop(*_):
        # Ctrl-C reaches this process and the JVM, whose shutdown then sends SIGTERM: stop once
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        lambda_runtime.remove_code_directory()
        try:
            if state is not None:
                state.save()
        except Exception:  # noqa: BLE001 - say why, and stop anyway
            import traceback
            traceback.print_exc()
            print(f"local AWS: its state could not be saved in {args.state_dir}", file=sys.stderr, flush=True)
        finally:
            os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    servers[0].serve_forever()


def s3_servers(port, app, make_server):
    """The storage port on 127.0.0.1 and, where the machine has IPv6, on ::1 (clients may resolve localhost to
    either). A port in use is one clear line and exit status 2."""
    try:
        servers = [make_server("127.0.0.1", port, app, threaded=True)]
    except OSError as e:
        print(f"local AWS: cannot listen on 127.0.0.1:{port} for S3 (aws-amplify's storage testing port): {e}. "
              f"Stop what uses port {port} (another local sandbox?) and start again.", file=sys.stderr, flush=True)
        sys.exit(2)
    try:
        servers.append(make_server("::1", port, app, threaded=True))
    except OSError:
        pass  # no IPv6 loopback here: 127.0.0.1 serves alone
    return servers


if __name__ == "__main__":
    main()
