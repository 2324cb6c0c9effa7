// The real aws-amplify v6 client against our API: generateClient() builds its GraphQL documents from the model
// introspection we generate, sends them over HTTP to the AppSync stand-in, which validates each against our SDL
// and runs it through our resolvers on moto's DynamoDB. Subscription documents come from the client's own
// document generator and are validated against the SDL too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Api, AUTH_TYPES, callers } from './appsync/emulator.mjs';

const { startMoto } = createRequire(import.meta.url)('./moto.js');
const amplifyRequire = createRequire(process.env.AMPLIFY6_MODULES + '/');
const { Amplify } = amplifyRequire('aws-amplify');
const { generateClient } = amplifyRequire('aws-amplify/data');
const { decodeJWT } = amplifyRequire('@aws-amplify/core');
const { generateGraphQLDocument } = amplifyRequire(path.join(process.env.AMPLIFY6_MODULES,
  '@aws-amplify/data-schema/dist/cjs/runtime/internals/APIClient.js'));
const dataRequire = createRequire(process.env.DATA_TEST_MODULES + '/');
const graphql = dataRequire('graphql');

const API_KEY = 'da2-localtestkey';
let moto;
let currentUser = null;
const documents = [];

function jwt(claims) {
  const part = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');
  return `${part({ alg: 'none', kid: 'test' })}.${part({ token_use: 'access', exp: 4102444800, ...claims })}.c2ln`;
}

const tokenProvider = {
  getTokens: async () => {
    if (!currentUser) return null;
    const token = decodeJWT(jwt({ sub: `sub-${currentUser.name}`, username: currentUser.name, 'cognito:username': currentUser.name,
      'cognito:groups': currentUser.groups }));
    return { accessToken: token, idToken: token };
  },
};

// The AppSync stand-in over HTTP: API key or user pool token in, our API's answer out.
async function serve(api) {
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const { query, variables } = JSON.parse(body);
    documents.push(query);
    let caller;
    if (req.headers['x-api-key']) {
      caller = req.headers['x-api-key'] === API_KEY ? callers.apiKey() : null;
    } else if (req.headers.authorization) {
      const claims = JSON.parse(Buffer.from(req.headers.authorization.split('.')[1], 'base64url').toString('utf8'));
      caller = callers.user(claims['cognito:username'], claims['cognito:groups'] || [], claims.sub);
    }
    const answer = caller ? await api.run(query, variables, caller)
      : { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function configure(server, api, defaultType) {
  Amplify.configure({
    version: '1.4',
    data: {
      url: `http://127.0.0.1:${server.address().port}/graphql`,
      aws_region: 'us-east-1',
      api_key: API_KEY,
      default_authorization_type: defaultType,
      authorization_types: ['AWS_IAM', 'API_KEY', 'AMAZON_COGNITO_USER_POOLS'].filter((type) => type !== defaultType),
      model_introspection: api.introspection,
    },
  }, { Auth: { tokenProvider } });
  return generateClient();
}

let sample;
let blog;
let sampleServer;
let blogServer;

before(async () => {
  moto = await startMoto();
  sample = await new Api('sample', moto.endpoint, 'client-sample-').start(AUTH_TYPES.userPools);
  blog = await new Api('blog', moto.endpoint, 'client-blog-').start(AUTH_TYPES.userPools);
  sampleServer = await serve(sample);
  blogServer = await serve(blog);
});
after(() => {
  sampleServer.close();
  blogServer.close();
  moto.stop();
});

function noErrors(result) {
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return result.data;
}

test('the sample Todo: the owner creates, gets, lists, updates and deletes through client.models', async () => {
  const client = configure(sampleServer, sample, 'AMAZON_COGNITO_USER_POOLS');
  currentUser = { name: 'alice', groups: [] };
  const created = noErrors(await client.models.Todo.create({ content: 'buy milk' }));
  assert.equal(created.content, 'buy milk');
  assert.equal(created.done, false);
  assert.equal(noErrors(await client.models.Todo.get({ id: created.id })).content, 'buy milk');
  const updated = noErrors(await client.models.Todo.update({ id: created.id, done: true }));
  assert.equal(updated.done, true);
  const listed = noErrors(await client.models.Todo.list());
  assert.deepEqual(listed.map((todo) => todo.id), [created.id]);
  currentUser = { name: 'bob', groups: [] };
  assert.deepEqual(noErrors(await client.models.Todo.list()), []);
  const denied = await client.models.Todo.get({ id: created.id });
  assert.equal(denied.errors[0].errorType, 'Unauthorized');
  currentUser = { name: 'ada', groups: ['ADMINS'] };
  assert.deepEqual(noErrors(await client.models.Todo.list()).map((todo) => todo.id), [created.id]);
  const adminUpdate = await client.models.Todo.update({ id: created.id, content: 'admins only read' });
  assert.equal(adminUpdate.errors[0].errorType, 'DynamoDB:ConditionalCheckFailedException');
  currentUser = { name: 'alice', groups: [] };
  assert.equal(noErrors(await client.models.Todo.delete({ id: created.id })).id, created.id);
  assert.deepEqual(noErrors(await client.models.Todo.list()), []);
});

test('the blog: relationships load lazily and nested, the API key reads what its rules allow, index queries work', async () => {
  const client = configure(blogServer, blog, 'AMAZON_COGNITO_USER_POOLS');
  currentUser = { name: 'ed', groups: [] };
  const post = noErrors(await client.models.Post.create({ title: 'Hello', tags: ['news'], editors: ['sub-ed::ed'],
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
  const client = configure(blogServer, blog, 'AMAZON_COGNITO_USER_POOLS');
  currentUser = { name: 'ed', groups: [] };
  assert.equal(noErrors(await client.queries.echo({ message: 'hello' })), 'hello, said ed');
  assert.equal(noErrors(await client.queries.echo({ message: 'hello' }, { authMode: 'apiKey' })), 'hello, said a guest');
  const denied = await client.mutations.rate({ postId: 'p9', stars: 4 });
  assert.equal(denied.errors[0].errorType, 'Unauthorized');
  currentUser = { name: 'ada', groups: ['ADMINS'] };
  assert.deepEqual(noErrors(await client.mutations.rate({ postId: 'p9', stars: 4 })), { postId: 'p9', stars: 4 });
});

test('every document the client builds, subscriptions included, validates against our SDL', async () => {
  for (const api of [sample, blog]) {
    for (const model of Object.values(api.introspection.models)) {
      for (const operation of ['CREATE', 'GET', 'UPDATE', 'DELETE', 'LIST', 'ONCREATE', 'ONUPDATE', 'ONDELETE']) {
        const document = generateGraphQLDocument(api.introspection, model, operation);
        assert.deepEqual(graphql.validate(api.schema, graphql.parse(document)).map((error) => error.message), [],
          `${model.name} ${operation}: ${document}`);
      }
    }
  }
  assert.ok(documents.length > 10);
  for (const document of documents) {
    assert.deepEqual(graphql.validate(blog.schema, graphql.parse(document)).length === 0
      || graphql.validate(sample.schema, graphql.parse(document)).length === 0, true, document);
  }
});
