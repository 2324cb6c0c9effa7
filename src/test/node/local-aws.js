'use strict';
// The project's local AWS (moto extended by src/main/resources/dev/gen2/localaws/local_aws.py) on a free 127.0.0.1
// port for a test file: started before its tests, stopped by its process id. MOTO_PYTHON names the Python that has
// moto; LOCAL_AWS_PLAIN_MOTO=1 starts plain `python -m moto.server` instead, to see which checks are ours.
const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

const SCRIPT = path.join(__dirname, '..', '..', 'main', 'resources', 'dev', 'gen2', 'localaws', 'local_aws.py');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts the local AWS (or plain moto's server, with `plain` or LOCAL_AWS_PLAIN_MOTO=1) and resolves with its
 * endpoint once it answers; stop() kills it by its process id.
 */
async function startLocalAws(env = {}, { plain = process.env.LOCAL_AWS_PLAIN_MOTO === '1' } = {}) {
  const port = await freePort();
  const args = plain ? ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)] : [SCRIPT, '--port', String(port)];
  const child = spawn(process.env.MOTO_PYTHON || 'python3', args, {
    stdio: ['ignore', 'ignore', process.env.LOCAL_AWS_LOG ? 'inherit' : 'ignore'],
    env: { PYTHONDONTWRITEBYTECODE: '1', ...process.env, ...env },
  });
  let exited = false;
  child.on('exit', () => { exited = true; });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      await fetch(`${endpoint}/moto-api/`);
      break;
    } catch (error) {
      if (exited || Date.now() > deadline) {
        if (!exited) process.kill(child.pid);
        throw new Error(`local AWS did not start on ${endpoint}: ${error.message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    endpoint,
    plain,
    stop: () => {
      if (!exited) process.kill(child.pid);
    },
  };
}

module.exports = { startLocalAws };
