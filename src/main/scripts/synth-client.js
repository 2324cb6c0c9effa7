// The synth client: what cdk.json's app command (synth.sh) runs. It hands the CDK CLI's synth to the project's synth
// server (dev.gen2.synthserver.SynthServer, a JVM with aws-cdk-lib kept loaded), starting the server on first use,
// and prints what the synth prints. Usage: node synth-client.js PROJECT_DIR CLASSPATH (BACKEND_CLASS [ARGS...] | --stop)
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

// Set by the CDK CLI for each run of the app: the request carries them, a server is not started with them.
const PER_RUN = ['CDK_OUTDIR', 'CDK_CONTEXT_JSON', 'CONTEXT_OVERFLOW_LOCATION_ENV', 'CDK_ERROR_FILE',
  'CDK_PERF_COUNTERS_FILE', 'CDK_CLI_ASM_VERSION', 'CDK_CLI_VERSION'];
// Differ from one shell, terminal or npx run to the next and mean nothing to a synth.
const VOLATILE = [/^_$/, /^OLDPWD$/, /^SHLVL$/, /^npm_/, /^TERM_SESSION_ID$/, /^ITERM_SESSION_ID$/, /^TMUX_PANE$/,
  /^WINDOWID$/, /^SSH_TTY$/, /^VSCODE_GIT_/];
const START_TIMEOUT_MS = 180000;

const [root, classpath, mainClass, ...args] = process.argv.slice(2);
const runtimeDir = path.join(os.tmpdir(), `gen2-synth-${os.userInfo().uid}`);
// One server per project and setting of CDK_VALIDATION, which aws-cdk-lib reads from the server's environment.
function socketFor(validation) {
  const project = crypto.createHash('sha256').update(root).digest('hex').slice(0, 16);
  return path.join(runtimeDir, `${project}-${validation}.sock`);
}
const socket = socketFor(process.env.CDK_VALIDATION === 'false' ? 'novalidation' : 'validation');
const log = path.join(root, 'target', 'synth-server.log');

// The environment a server starts with: the client's, without the per-run and volatile variables, and without
// CDK_VALIDATION unless it is 'false' (aws-cdk-lib validates unless it is 'false', so unset and 'true' are one).
function serverEnv() {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!PER_RUN.includes(name) && !VOLATILE.some((pattern) => pattern.test(name))) {
      env[name] = value;
    }
  }
  if (env.CDK_VALIDATION !== 'false') {
    delete env.CDK_VALIDATION;
  }
  return env;
}

function say(message) {
  process.stderr.write(`[gen2] ${message}\n`);
}

function connect(to = socket) {
  return new Promise((resolve, reject) => {
    const connection = net.connect(to);
    connection.once('connect', () => resolve(connection));
    connection.once('error', reject);
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// The sockets' directory, made private; one that another user owns or can read is refused.
function privateRuntimeDir() {
  fs.mkdirSync(runtimeDir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(runtimeDir);
  if (!stat.isDirectory() || stat.uid !== os.userInfo().uid || (stat.mode & 0o077) !== 0) {
    throw new ServerUnavailable(`${runtimeDir} is not private to you (owner ${stat.uid}, mode `
      + `${(stat.mode & 0o777).toString(8)})`);
  }
}

function startServer() {
  fs.mkdirSync(path.dirname(log), { recursive: true });
  if (fs.existsSync(log) && fs.statSync(log).size > 1000000) {
    fs.truncateSync(log);
  }
  const out = fs.openSync(log, 'a');
  const server = spawn('java', ['-cp', classpath, 'dev.gen2.synthserver.SynthServer', socket, root],
    { cwd: process.cwd(), env: serverEnv(), detached: true, stdio: ['ignore', out, out] });
  server.unref();
  fs.closeSync(out);
  let exited = false;
  server.once('exit', () => { exited = true; });
  return () => exited;
}

// Connects to the server, starting one when none answers; a server that finds another one's lock stops, so the
// client starts again until one serves, but a server that cannot start at all (three exits) is given up.
async function connectOrStart() {
  privateRuntimeDir();
  try {
    return await connect();
  } catch (notRunning) {
    say('starting the synth server for this project: it keeps the JVM and aws-cdk-lib loaded, so that later synths '
      + 'take about a second; it stops after 30 idle minutes or once the project directory is deleted, and the '
      + 'longest idle of your servers stops when more than 4 would run (GEN2_SYNTH_SERVER_MAX_RUNNING; '
      + 'GEN2_SYNTH_SERVER=off synthesizes without it; log: target/synth-server.log)');
  }
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exited = startServer();
  let starts = 1;
  while (Date.now() < deadline) {
    await sleep(100);
    try {
      return await connect();
    } catch (notYet) {
      if (exited()) {
        if (starts === 3) {
          throw new ServerUnavailable(`it exited three times: ${lastError()}`);
        }
        exited = startServer();
        starts++;
      }
    }
  }
  throw new ServerUnavailable(`it did not answer within ${START_TIMEOUT_MS / 1000} s`);
}

class ServerUnavailable extends Error {}

// The server log's last exception, or its last line.
function lastError() {
  const lines = fs.readFileSync(log, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const exception = lines.filter((line) => /Exception|Error/.test(line) && !line.startsWith('\t')).pop();
  return exception || lines.pop() || 'no log';
}

async function waitUntilGone() {
  for (let i = 0; i < 300 && fs.existsSync(socket); i++) {
    await sleep(50);
  }
}

// Sends one request; resolves to the server's last frame ({exit}, {restart} or {fallback}).
function ask(connection, request) {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let last = null;
    connection.setEncoding('utf8');
    connection.on('data', (chunk) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const frame = JSON.parse(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        if (frame.out !== undefined) {
          process.stdout.write(Buffer.from(frame.out, 'base64'));
        } else if (frame.err !== undefined) {
          process.stderr.write(Buffer.from(frame.err, 'base64'));
        } else {
          last = frame;
        }
      }
    });
    connection.once('error', reject);
    connection.once('close', () => (last ? resolve(last)
      : resolve({ restart: 'the synth server ended before answering' })));
    connection.write(JSON.stringify(request) + '\n');
  });
}

function runWithoutServer(reason) {
  say(`synthesizing without the synth server: ${reason}`);
  const run = spawnSync('java', ['-cp', classpath, mainClass, ...args], { stdio: 'inherit' });
  return run.status === null ? 1 : run.status;
}

async function main() {
  if (mainClass === '--stop') {
    let stopped = 0;
    for (const validation of ['validation', 'novalidation']) {
      try {
        await ask(await connect(socketFor(validation)), { stop: true });
        stopped++;
      } catch (notRunning) {
        // none for this setting
      }
    }
    say(stopped > 0 ? `synth servers stopped: ${stopped}` : 'no synth server runs for this project');
    return 0;
  }
  const request = {
    main: mainClass, args, cwd: process.cwd(), outdir: process.env.CDK_OUTDIR || 'cdk.out',
    contextJson: process.env.CDK_CONTEXT_JSON || null,
    contextFile: process.env.CONTEXT_OVERFLOW_LOCATION_ENV || null,
    serverEnv: serverEnv(),
  };
  for (let attempt = 1; ; attempt++) {
    let connection;
    try {
      connection = await connectOrStart();
    } catch (error) {
      if (error instanceof ServerUnavailable) {
        return runWithoutServer(`the synth server did not start (${error.message}; log: ${log})`);
      }
      throw error;
    }
    const reply = await ask(connection, request);
    if (reply.exit !== undefined) {
      return reply.exit;
    }
    if (reply.fallback !== undefined) {
      return runWithoutServer(reply.fallback);
    }
    if (attempt > 1) {
      return runWithoutServer(`a new synth server found itself stale too (${reply.restart})`);
    }
    say(`restarting the synth server: ${reply.restart}`);
    await waitUntilGone();
  }
}

main().then((status) => { process.exitCode = status; }, (error) => {
  say(`synth failed: ${error.message}`);
  process.exitCode = 1;
});
