// The local data plane's latency through the real aws-amplify 6 client (LocalDataPlaneBenchmark runs it): one user
// signs up, confirms and signs in on the sample deployed to a local AWS, then times client.models.Todo's create, get
// and list, and the time from sending a create to the owner's onCreate subscription event. Prints one line,
// "FIGURES {json}", with every sample in milliseconds; the Java side computes the medians and percentiles.
// Environment: AMPLIFY_OUTPUTS, LOCAL_AWS_ENDPOINT, LOCAL_AWS_CONFIRMATION_CODE, AMPLIFY6_MODULES, BENCH_EMAIL,
// BENCH_RUNS, BENCH_WARMUP, BENCH_SUBSCRIPTION_RUNS. Run with --experimental-websocket (Node.js 20 has no WebSocket
// otherwise) and NODE_EXTRA_CA_CERTS naming the local GraphQL service's certificate (aws-amplify subscribes over wss://).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const amplifyRequire = createRequire(path.join(process.env.AMPLIFY6_MODULES, 'noop.js'));
const { Amplify } = amplifyRequire('aws-amplify');
const auth = amplifyRequire('aws-amplify/auth');
const { generateClient } = amplifyRequire('aws-amplify/data');

const outputs = JSON.parse(readFileSync(process.env.AMPLIFY_OUTPUTS, 'utf8'));
const ENDPOINT = process.env.LOCAL_AWS_ENDPOINT;
const EMAIL = process.env.BENCH_EMAIL;
const PASSWORD = 'Bench-Passw0rd!';
const RUNS = Number(process.env.BENCH_RUNS || 200);
const WARMUP = Number(process.env.BENCH_WARMUP || 20);
const SUBSCRIPTION_RUNS = Number(process.env.BENCH_SUBSCRIPTION_RUNS || 50);
const EVENT_TIMEOUT_MS = 10_000;

// As the sandbox prints it: configure from the file, then point Cognito at the local AWS.
Amplify.configure(outputs);
const config = Amplify.getConfig();
Amplify.configure({
  ...config,
  Auth: { ...config.Auth, Cognito: { ...config.Auth.Cognito, userPoolEndpoint: ENDPOINT, identityPoolEndpoint: ENDPOINT } },
});
const client = generateClient();

function data(result, what) {
  if (result.errors) {
    throw new Error(`${what} answered errors: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

/** Runs `call(i)` WARMUP times untimed, then RUNS times timed; returns the timed samples in ms. */
async function timed(what, call) {
  for (let i = 0; i < WARMUP; i++) {
    data(await call(i), what);
  }
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = await call(WARMUP + i);
    samples.push(performance.now() - start);
    data(result, what);
  }
  return samples;
}

/** The time from sending a create to its onCreate event, one create at a time. */
async function subscriptionDelays() {
  const waiting = new Map();
  const subscription = client.models.Todo.onCreate().subscribe({
    next: (todo) => {
      const arrived = performance.now();
      const resolve = waiting.get(todo.content);
      if (resolve) {
        waiting.delete(todo.content);
        resolve(arrived);
      }
    },
    error: (error) => { throw new Error(`the onCreate subscription failed: ${JSON.stringify(error)}`); },
  });
  // the delay from sending a create to its event, or null if none came within timeoutMs
  const oneEvent = async (content, timeoutMs) => {
    const arrival = new Promise((resolve) => {
      waiting.set(content, resolve);
      setTimeout(() => resolve(null), timeoutMs);
    });
    const sent = performance.now();
    data(await client.models.Todo.create({ content }), 'create');
    const arrived = await arrival;
    waiting.delete(content);
    return arrived === null ? null : arrived - sent;
  };
  // events of creates sent before the subscription's handshake completes are lost, as on AppSync: create until
  // one arrives, then warm up
  let ready = false;
  for (let i = 0; !ready && i < 20; i++) {
    ready = (await oneEvent(`subscription handshake ${i}`, 1000)) !== null;
  }
  if (!ready) {
    throw new Error('the onCreate subscription received no event in 20 s');
  }
  for (let i = 0; i < 5; i++) {
    await oneEvent(`subscription warm-up ${i}`, EVENT_TIMEOUT_MS);
  }
  const samples = [];
  for (let i = 0; i < SUBSCRIPTION_RUNS; i++) {
    const delay = await oneEvent(`subscription ${i}`, EVENT_TIMEOUT_MS);
    if (delay === null) {
      throw new Error(`no onCreate event for "subscription ${i}" within ${EVENT_TIMEOUT_MS} ms`);
    }
    samples.push(delay);
  }
  subscription.unsubscribe();
  return samples;
}

const TODO_FIELDS = 'id content done owner createdAt updatedAt';
const FAKE_SIGNATURE = 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/dynamodb/aws4_request, '
  + 'SignedHeaders=host, Signature=0';

/** One GraphQL request over plain HTTP, as the client sends it, without the client. */
async function graphql(token, query, variables) {
  const response = await fetch(outputs.data.url, { method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors) {
    throw new Error(`GraphQL answered errors: ${JSON.stringify(body.errors)}`);
  }
  return body;
}

/** One DynamoDB call to the local AWS (moto), the storage layer the resolvers call. */
async function dynamoDb(operation, input) {
  const response = await fetch(ENDPOINT, { method: 'POST', body: JSON.stringify(input), headers: {
    'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}`,
    authorization: FAKE_SIGNATURE } });
  const body = await response.json();
  if (response.status !== 200) {
    throw new Error(`DynamoDB ${operation} answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body;
}

/**
 * The parts of a client call, each timed alone the same way: the same operation as a plain HTTP request to the local
 * GraphQL service (so the client's own share is the difference), and the DynamoDB call its resolver makes, sent
 * straight to moto (so the GraphQL service's share is the difference again).
 */
async function whereTheTimeGoes(ids) {
  const token = (await auth.fetchAuthSession()).tokens.accessToken.toString();
  const table = (await dynamoDb('ListTables', {})).TableNames.find((name) => name.startsWith('Todo-'));
  const key = (i) => ({ id: { S: ids[i % ids.length] } });
  // reads first, then writes, so that each read and its DynamoDB call see the same table
  const parts = {};
  parts.graphqlGet = await timed('getTodo over HTTP', (i) => graphql(token,
    `query ($id: ID!) { getTodo(id: $id) { ${TODO_FIELDS} } }`, { id: ids[i % ids.length] }));
  parts.dynamoGet = await timed('GetItem', (i) => dynamoDb('GetItem', { TableName: table, Key: key(i) }));
  parts.graphqlList = await timed('listTodos over HTTP', () => graphql(token,
    `query { listTodos { items { ${TODO_FIELDS} } nextToken } }`, {}));
  parts.dynamoScan = await timed('Scan', () => dynamoDb('Scan', { TableName: table, Limit: 100 }));
  parts.graphqlCreate = await timed('createTodo over HTTP', (i) => graphql(token,
    `mutation ($input: CreateTodoInput!) { createTodo(input: $input) { ${TODO_FIELDS} } }`,
    { input: { content: `plain ${i}` } }));
  parts.dynamoPut = await timed('PutItem', (i) => dynamoDb('PutItem', { TableName: table, Item: {
    id: { S: `direct-${i}` }, content: { S: `direct ${i}` }, __typename: { S: 'Todo' } } }));
  parts.tableItems = (await dynamoDb('Scan', { TableName: table, Select: 'COUNT' })).Count;
  return parts;
}

await auth.signUp({ username: EMAIL, password: PASSWORD, options: { userAttributes: { email: EMAIL } } });
await auth.confirmSignUp({ username: EMAIL, confirmationCode: process.env.LOCAL_AWS_CONFIRMATION_CODE });
const signIn = await auth.signIn({ username: EMAIL, password: PASSWORD });
if (!signIn.isSignedIn) {
  throw new Error(`sign-in did not complete: ${JSON.stringify(signIn.nextStep)}`);
}

const ids = [];
const create = await timed('create', async (i) => {
  const result = await client.models.Todo.create({ content: `todo ${i}` });
  if (result.data) {
    ids.push(result.data.id);
  }
  return result;
});
const get = await timed('get', (i) => client.models.Todo.get({ id: ids[i % ids.length] }));
let listed = 0;
const list = await timed('list', async () => {
  const result = await client.models.Todo.list();
  listed = result.data ? result.data.length : 0;
  return result;
});
const subscription = await subscriptionDelays();
const breakdown = await whereTheTimeGoes(ids);

console.log(`FIGURES ${JSON.stringify({ create, get, list, subscription, todos: ids.length, listed, breakdown })}`);
process.exit(0);
