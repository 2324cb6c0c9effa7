// gen2-backend's local AppSync: serves every GraphQL API deployed to the local AWS at
// http://localhost:<port>/<apiId>/graphql (POST), its real-time endpoint at /<apiId>/graphql/realtime (WebSocket),
// with AppSync's authorization, resolvers, data sources and CORS answers.
// Usage: node server.mjs --port <port> --aws http://127.0.0.1:<local AWS port> [--certificate-dir <dir>]
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { authenticate } from './authorization.mjs';
import { removeLoadedCode } from './code-loader.mjs';
import { dataSources } from './data-sources.mjs';
import { deployedApis } from './deployed-apis.mjs';
import { iamVerifier } from './iam-verifier.mjs';
import { jwtVerifier } from './jwt-verifier.mjs';
import { lambdaInvoker } from './lambda-invoker.mjs';
import { localCertificate } from './local-certificate.mjs';
import { realtime } from './subscriptions.mjs';

const require = createRequire(import.meta.url);
const { WebSocketServer } = require('ws');

const { values: options } = parseArgs({ options: { port: { type: 'string' }, aws: { type: 'string' }, 'certificate-dir': { type: 'string' } } });
if (!options.port || !options.aws) {
  console.error('usage: node server.mjs --port <port> --aws http://127.0.0.1:<local AWS port>');
  process.exit(2);
}
const aws = options.aws.replace(/\/$/, '');
// the DynamoDB client inside this service would warn on every start that it will need Node 22 from 2027: the
// service's own concern, not the user's terminal's
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const invokeLambda = lambdaInvoker(aws);
const iam = iamVerifier(aws);
const verifyJwt = jwtVerifier();
const apis = deployedApis(aws, { runDataSource: dataSources(aws, invokeLambda), iam });

// Authenticates a WebSocket connection or subscription start for the DeployedApi `api`.
function authenticateRequest(api, headers, body, path, request) {
  const signed = { method: 'POST', path, query: {}, headers, body };
  return authenticate(api.definition, headers, { verifyJwt, iam, invokeLambda, aws }, signed, { ...request, headers });
}
const subscriptions = realtime({ apis, authenticateRequest });

const PATH = /^\/([^/]+)\/graphql(\/realtime)?\/?$/;

// What AppSync answers a browser: any origin, the methods and headers the page asks for.
function corsHeaders(req) {
  return {
    'access-control-allow-origin': req.headers.origin || '*',
    'access-control-allow-methods': 'GET,POST,OPTIONS',
    'access-control-allow-headers': req.headers['access-control-request-headers']
      || 'content-type,x-api-key,authorization,x-amz-date,x-amz-security-token,x-amz-user-agent',
    'access-control-expose-headers': 'x-amzn-requestid,x-amzn-errortype,x-amz-apigw-id,date',
    'access-control-max-age': '86400',
  };
}

function answer(req, res, status, body, extra = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8', 'x-amzn-requestid': randomUUID(), ...corsHeaders(req), ...extra,
  });
  res.end(text);
}

async function graphqlRequest(req, res, apiId) {
  let body = '';
  for await (const chunk of req) body += chunk;
  const api = await apis(apiId);
  if (!api) {
    answer(req, res, 404, { errors: [{ errorType: 'NotFoundException', message: `No GraphQL API ${apiId} is deployed to the local AWS.` }] });
    return;
  }
  let request;
  try {
    request = JSON.parse(body);
    if (typeof request.query !== 'string') throw new Error('no query');
  } catch {
    answer(req, res, 400, { errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }] });
    return;
  }
  let caller;
  try {
    const url = new URL(req.url, 'http://localhost');
    caller = await authenticate(api.definition, req.headers, { verifyJwt, iam, invokeLambda, aws },
      { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body },
      { sourceIp: req.socket.remoteAddress, headers: req.headers, query: request.query, operationName: request.operationName,
        variables: request.variables, requestId: randomUUID() });
  } catch (error) {
    if (!error.status) throw error;
    answer(req, res, error.status, { errors: [{ errorType: error.errorType, message: error.message }] }, { 'x-amzn-errortype': `${error.errorType}:` });
    return;
  }
  const parsed = api.parse(request.query);
  if (parsed.errors) {
    answer(req, res, 200, { data: null, errors: parsed.errors });
    return;
  }
  const { answer: result, published } = await api.execute({
    document: parsed.document, variables: request.variables, operationName: request.operationName, caller,
    request: { headers: req.headers },
  });
  answer(req, res, 200, result);
  for (const { mutation, value } of published) {
    subscriptions.publish(api, mutation, value).catch((error) => console.error(`publishing ${mutation}: ${error.message}`));
  }
}

const certificate = await localCertificate(options['certificate-dir']);

function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/') {
    answer(req, res, 200, { service: 'gen2 local GraphQL', aws });
    return;
  }
  if (req.method === 'GET' && url.pathname === '/certificate.pem') {
    res.writeHead(200, { 'content-type': 'application/x-pem-file', ...corsHeaders(req) });
    res.end(certificate.cert);
    return;
  }
  const match = PATH.exec(url.pathname);
  if (req.method === 'OPTIONS') {
    res.writeHead(200, corsHeaders(req));
    res.end();
    return;
  }
  if (!match || match[2] || req.method !== 'POST') {
    answer(req, res, 404, { errors: [{ errorType: 'NotFoundException', message: `No route ${req.method} ${url.pathname}; POST /<apiId>/graphql` }] });
    return;
  }
  graphqlRequest(req, res, decodeURIComponent(match[1])).catch((error) => {
    console.error(error);
    if (!res.headersSent) answer(req, res, 500, { errors: [{ errorType: 'InternalFailure', message: error.message }] });
  });
}

const sockets = new WebSocketServer({
  noServer: true,
  handleProtocols: (protocols) => (protocols.has('graphql-ws') ? 'graphql-ws' : false),
});
function upgrade(req, socket, head) {
  const url = new URL(req.url, 'http://localhost');
  const match = PATH.exec(url.pathname);
  if (!match || !match[2]) {
    socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
    return;
  }
  const protocols = (req.headers['sec-websocket-protocol'] || '').split(',').map((p) => p.trim()).filter(Boolean);
  sockets.handleUpgrade(req, socket, head, (ws) => {
    subscriptions.accept(ws, decodeURIComponent(match[1]), url, protocols, req.socket.remoteAddress)
      .catch((error) => { console.error(error); ws.close(1011); });
  });
}

// One port, both schemes.
const plain = http.createServer(handle).on('upgrade', upgrade);
const secure = https.createServer({ key: certificate.key, cert: certificate.cert }, handle).on('upgrade', upgrade);
// Each connection goes to the TLS side or the plain one by its first byte (a TLS handshake starts with 0x16).
function dispatch(socket) {
  socket.once('data', (first) => {
    socket.pause();
    socket.unshift(first);
    (first[0] === 0x16 ? secure : plain).emit('connection', socket);
    process.nextTick(() => socket.resume());
  });
  socket.on('error', () => socket.destroy());
}

const server = net.createServer(dispatch);

// On the loopback only, under both localhost names: browsers and Node may try ::1 first. A machine without IPv6
// serves 127.0.0.1 alone.
const loopback = net.createServer(dispatch);
function failed(error) {
  console.error(`the local GraphQL service cannot listen on port ${options.port}: ${error.message}`);
  process.exit(1);
}
server.on('error', failed);
server.listen({ port: Number(options.port), host: '127.0.0.1' }, () => {
  console.log(`gen2 local GraphQL listening on http://localhost:${options.port}/<apiId>/graphql (local AWS ${aws})`);
  loopback.on('error', (error) => {
    if (error.code !== 'EAFNOSUPPORT' && error.code !== 'EADDRNOTAVAIL') failed(error);
  });
  loopback.listen({ port: Number(options.port), host: '::1', ipv6Only: true });
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    removeLoadedCode();
    process.exit(0);
  });
}
