'use strict';
// moto's server on a free 127.0.0.1 port for a test file: started before its tests, stopped by its process id.
const { spawn } = require('node:child_process');
const net = require('node:net');

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

/** Starts moto (MOTO_PYTHON names the Python that has it) and resolves once it answers. */
async function startMoto() {
  const port = await freePort();
  const child = spawn(process.env.MOTO_PYTHON || 'python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)],
    { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      await fetch(`${endpoint}/moto-api/`);
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        process.kill(child.pid);
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return { endpoint, stop: () => process.kill(child.pid) };
}

module.exports = { startMoto };
