// The real aws-amplify v6 client against the local GraphQL service: the sample and blog schemas the Java tests wrote
// are deployed to the local AWS through CloudFormation; generateClient() builds its GraphQL documents from the model
// introspection we generate and sends them, signed in as users of the deployed user pool or with the deployed API
// key, over HTTP, and its subscriptions (onCreate, observeQuery) over AppSync's WebSocket protocol. Requests the
// service refuses as a whole (a wrong or expired key, a bad, expired or foreign token) get AppSync's 401 answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { APPSYNC_PRELUDE } from '../../main/resources/dev/gen2/localaws/graphql/appsync-prelude.mjs';
import { browserWebSocket, deployFixture, post, signIn, startLocalBackend } from './local-graphql.mjs';

const amplifyRequire = createRequire(process.env.AMPLIFY6_MODULES + '/');
const { Amplify } = amplifyRequire('aws-amplify');
const { generateClient } = amplifyRequire('aws-amplify/data');
const { decodeJWT } = amplifyRequire('@aws-amplify/core');
const { generateGraphQLDocument } = amplifyRequire(path.join(process.env.AMPLIFY6_MODULES,
  '@aws-amplify/data-schema/dist/cjs/runtime/internals/APIClient.js'));
const dataRequire = createRequire(process.env.DATA_TEST_MODULES + '/');
const graphql = dataRequire('graphql');

let backend;
let sample;
let blog;
let currentUser = null;
const documents = [];

// The documents the client sends, read off its own requests (the transport itself is untouched).
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : String(input.url ?? input.href ?? input);
  if (/\/graphql$/.test(url) && init?.body) {
    try { documents.push(JSON.parse(init.body).query); } catch { /* not a GraphQL request */ }
  }
  return realFetch(input, init);
};

const tokenProvider = {
  getTokens: async () => (currentUser
    ? { accessToken: decodeJWT(currentUser.accessToken), idToken: decodeJWT(currentUser.idToken) }
    : null),
};

const users = new Map();
async function signInAs(api, name, groups = []) {
  const key = `${api.stackName}/${name}`;
  if (!users.has(key)) users.set(key, await signIn(backend, api, name, groups));
  currentUser = users.get(key);
  return currentUser;
}

function configure(api) {
  Amplify.configure({
    version: '1.4',
    data: {
      url: api.url,
      aws_region: 'us-east-1',
      api_key: api.ApiKey,
      default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
      authorization_types: ['AWS_IAM', 'API_KEY'],
      model_introspection: api.introspection,
    },
  }, { Auth: { tokenProvider } });
  return generateClient();
}

before(async () => {
  backend = await startLocalBackend();
  globalThis.WebSocket = browserWebSocket(backend);
  sample = await deployFixture(backend, 'sample');
  blog = await deployFixture(backend, 'blog');
});
after(() => backend?.stop());

function noErrors(result) {
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return result.data;
}

test('the sample Todo: the owner creates, gets, lists, updates and deletes through client.models', async () => {
  const client = configure(sample);
  await signInAs(sample, 'alice');
  const created = noErrors(await client.models.Todo.create({ content: 'buy milk' }));
  assert.equal(created.content, 'buy milk');
  assert.equal(created.done, false);
  assert.equal(noErrors(await client.models.Todo.get({ id: created.id })).content, 'buy milk');
  const updated = noErrors(await client.models.Todo.update({ id: created.id, done: true }));
  assert.equal(updated.done, true);
  const listed = noErrors(await client.models.Todo.list());
  assert.deepEqual(listed.map((todo) => todo.id), [created.id]);
  await signInAs(sample, 'bob');
  assert.deepEqual(noErrors(await client.models.Todo.list()), []);
  const denied = await client.models.Todo.get({ id: created.id });
  assert.equal(denied.errors[0].errorType, 'Unauthorized');
  await signInAs(sample, 'ada', ['ADMINS']);
  assert.deepEqual(noErrors(await client.models.Todo.list()).map((todo) => todo.id), [created.id]);
  const adminUpdate = await client.models.Todo.update({ id: created.id, content: 'admins only read' });
  assert.equal(adminUpdate.errors[0].errorType, 'DynamoDB:ConditionalCheckFailedException');
  await signInAs(sample, 'alice');
  assert.equal(noErrors(await client.models.Todo.delete({ id: created.id })).id, created.id);
  assert.deepEqual(noErrors(await client.models.Todo.list()), []);
});

test('onCreate and observeQuery over WebSocket: the owner\'s subscription receives the owner\'s new Todo, another user\'s does not', async () => {
  const client = configure(sample);
  const carol = await signInAs(sample, 'carol');
  const received = [];
  const snapshots = [];
  const onCreate = client.models.Todo.onCreate().subscribe({ next: (todo) => received.push(todo), error: (error) => received.push({ error }) });
  const observed = client.models.Todo.observeQuery().subscribe({ next: ({ items }) => snapshots.push(items.map((todo) => todo.content)) });
  await new Promise((resolve) => setTimeout(resolve, 500));
  await signInAs(sample, 'dave');
  const otherUsers = [];
  const davesSubscription = client.models.Todo.onCreate().subscribe({ next: (todo) => otherUsers.push(todo) });
  await new Promise((resolve) => setTimeout(resolve, 500));
  currentUser = carol;
  const created = noErrors(await client.models.Todo.create({ content: 'seen live' }));
  for (let waited = 0; waited < 3000 && (!received.length || !snapshots.some((items) => items.includes('seen live'))); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  onCreate.unsubscribe();
  observed.unsubscribe();
  davesSubscription.unsubscribe();
  assert.equal(received.length, 1, JSON.stringify(received));
  assert.equal(received[0].id, created.id);
  assert.equal(received[0].content, 'seen live');
  assert.ok(snapshots.some((items) => items.includes('seen live')), JSON.stringify(snapshots));
  assert.deepEqual(otherUsers, [], 'another user\'s subscription does not receive the owner\'s record');
});

test('the blog: relationships load lazily and nested, the API key reads what its rules allow, index queries work', async () => {
  const client = configure(blog);
  const ed = await signInAs(blog, 'ed');
  const post = noErrors(await client.models.Post.create({ title: 'Hello', tags: ['news'], editors: [ed.owner],
    location: { lat: 1, lng: 2 } }));
  noErrors(await client.models.Comment.create({ postId: post.id, body: 'first!' }));
  const read = noErrors(await client.models.Post.get({ id: post.id }));
  assert.equal(read.title, 'Hello');
  assert.deepEqual(read.location, { lat: 1, lng: 2 });
  const comments = noErrors(await read.comments());
  assert.deepEqual(comments.map((comment) => comment.body), ['first!']);
  const parent = noErrors(await comments[0].post());
  assert.equal(parent.title, 'Hello');
  const partial = await client.models.Post.get({ id: post.id }, { authMode: 'apiKey' });
  assert.deepEqual(partial.errors.map((error) => error.message), ['Not Authorized to access secret on type Post']);
  const nested = noErrors(await client.models.Post.get({ id: post.id }, { authMode: 'apiKey',
    selectionSet: ['title', 'location.*', 'comments.*'] }));
  assert.equal(nested.title, 'Hello');
  assert.deepEqual(nested.comments.map((comment) => comment.body), ['first!']);
  noErrors(await client.models.Todo.create({ content: 'done one', status: 'DONE' }));
  const done = noErrors(await client.models.Todo.listTodoByStatusAndCreatedAt({ status: 'DONE' }));
  assert.ok(done.some((todo) => todo.content === 'done one'));
  const refused = await client.models.Post.create({ title: 'spam' }, { authMode: 'apiKey' });
  assert.equal(refused.errors[0].errorType, 'Unauthorized');
});

test('custom queries and mutations through client.queries and client.mutations', async () => {
  const client = configure(blog);
  await signInAs(blog, 'ed');
  assert.equal(noErrors(await client.queries.echo({ message: 'hello' })), 'hello, said ed');
  assert.equal(noErrors(await client.queries.echo({ message: 'hello' }, { authMode: 'apiKey' })), 'hello, said a guest');
  const denied = await client.mutations.rate({ postId: 'p9', stars: 4 });
  assert.equal(denied.errors[0].errorType, 'Unauthorized');
  await signInAs(blog, 'ada', ['ADMINS']);
  assert.deepEqual(noErrors(await client.mutations.rate({ postId: 'p9', stars: 4 })), { postId: 'p9', stars: 4 });
});

// A token signed with the local pools' own key (moto's, signed by moto's own code as the pool signs its tokens), with
// the claims given: what only the local AWS could issue.
const SIGN_AS_LOCAL_POOL = `
import json, sys
from joserfc import jwk, jwt
import moto.cognitoidp.models as models
from moto.utilities.utils import load_resource
key = jwk.RSAKey.import_key(load_resource(models.__name__, "resources/jwks-private.json"))
print(jwt.encode({"kid": "dummy", "alg": "RS256"}, json.loads(sys.argv[1]), key))
`;
function localPoolToken(claims) {
  return execFileSync(process.env.MOTO_PYTHON || 'python3', ['-c', SIGN_AS_LOCAL_POOL, JSON.stringify(claims)]).toString().trim();
}

test('requests refused as a whole: a wrong or expired API key, a bad, expired or foreign token, no credentials', async () => {
  const query = 'query { listTodos { items { id } } }';
  const refused = async (headers, message) => {
    const { status, body, headers: answered } = await post(blog.url, headers, query);
    assert.equal(status, 401, JSON.stringify(body));
    assert.deepEqual(body, { errors: [{ errorType: 'UnauthorizedException', message }] });
    assert.equal(answered.get('x-amzn-errortype'), 'UnauthorizedException:');
  };
  await refused({ 'x-api-key': 'da2-not-a-deployed-key' }, 'You are not authorized to make this call.');
  await refused({ 'x-api-key': blog.ExpiredApiKey }, 'You are not authorized to make this call.');
  const ed = await signIn(backend, blog, 'ed');
  const [header, payload, signature] = ed.accessToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, username: 'ada' })).toString('base64url')}.${signature}`;
  await refused({ authorization: tampered }, 'Valid authorization header not provided.');
  await refused({ authorization: localPoolToken({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }) }, 'Token has expired.');
  await refused({ authorization: localPoolToken({ ...claims, iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_elsewhere' }) },
    'Valid authorization header not provided.');
  const sampleUser = await signIn(backend, sample, 'ed');
  await refused({ authorization: sampleUser.accessToken }, 'Valid authorization header not provided.');
  await refused({}, 'Valid authorization header not provided.');
  assert.equal((await post(blog.url, { authorization: localPoolToken(claims) }, query)).status, 200, 'the same claims, signed by the pool\'s key, pass');
});

test('CORS: a page from another origin may call the API, as AppSync answers browsers', async () => {
  const preflight = await realFetch(blog.url, { method: 'OPTIONS', headers: {
    origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' } });
  assert.equal(preflight.status, 200);
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:5173');
  assert.match(preflight.headers.get('access-control-allow-headers'), /x-api-key/);
  const answer = await realFetch(blog.url, { method: 'POST', headers: { origin: 'http://localhost:5173', 'content-type': 'application/json', 'x-api-key': blog.ApiKey },
    body: JSON.stringify({ query: '{ __typename }' }) });
  assert.equal(answer.headers.get('access-control-allow-origin'), 'http://localhost:5173');
});

test('every document the client builds, subscriptions included, validates against our SDL', async () => {
  const schemas = [sample, blog].map((api) => graphql.buildSchema(APPSYNC_PRELUDE + api.sdl));
  for (const [i, api] of [sample, blog].entries()) {
    for (const model of Object.values(api.introspection.models)) {
      for (const operation of ['CREATE', 'GET', 'UPDATE', 'DELETE', 'LIST', 'ONCREATE', 'ONUPDATE', 'ONDELETE']) {
        const document = generateGraphQLDocument(api.introspection, model, operation);
        assert.deepEqual(graphql.validate(schemas[i], graphql.parse(document)).map((error) => error.message), [],
          `${model.name} ${operation}: ${document}`);
      }
    }
  }
  assert.ok(documents.length > 10);
  for (const document of documents) {
    assert.ok(schemas.some((schema) => graphql.validate(schema, graphql.parse(document)).length === 0), document);
  }
});
