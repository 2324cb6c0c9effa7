// Subscriptions with filters through the real aws-amplify v6 client on the local backend: the blog fixture the Java
// tests wrote (DataSchemas.BLOG; its Todo is read by its owner and by the ADMINS group) deployed to the local AWS.
// client.models.Todo.onCreate({ filter }) and observeQuery({ filter }) send the filter as the subscription's
// ModelSubscriptionTodoFilterInput; the model resolver turns it, with the owner rule, into AppSync's enhanced filter;
// the local GraphQL service delivers a created Todo only to the subscriptions whose filter it passes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { browserWebSocket, deployFixture, signIn, startLocalBackend } from './local-graphql.mjs';

const amplifyRequire = createRequire(process.env.AMPLIFY6_MODULES + '/');
const { Amplify } = amplifyRequire('aws-amplify');
const { generateClient } = amplifyRequire('aws-amplify/data');
const { decodeJWT } = amplifyRequire('@aws-amplify/core');

let backend;
let blog;
let client;
let currentUser = null;
const users = new Map();

before(async () => {
  backend = await startLocalBackend();
  globalThis.WebSocket = browserWebSocket(backend);
  blog = await deployFixture(backend, 'blog');
  Amplify.configure({
    version: '1.4',
    data: {
      url: blog.url, aws_region: 'us-east-1', api_key: blog.ApiKey, default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
      authorization_types: ['API_KEY', 'AWS_IAM'], model_introspection: blog.introspection,
    },
  }, {
    Auth: {
      tokenProvider: {
        getTokens: async () => (currentUser
          ? { accessToken: decodeJWT(currentUser.accessToken), idToken: decodeJWT(currentUser.idToken) } : null),
      },
    },
  });
  client = generateClient();
});
after(() => backend?.stop());

async function as(name, groups = []) {
  if (!users.has(name)) users.set(name, await signIn(backend, blog, name, groups));
  currentUser = users.get(name);
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Subscribes as the current user; what arrives is kept. The client connects while the user is current. */
async function listen(observable) {
  const heard = { events: [], errors: [] };
  const subscription = observable.subscribe({ next: (value) => heard.events.push(value), error: (error) => heard.errors.push(error) });
  heard.stop = () => subscription.unsubscribe();
  await pause(400);
  return heard;
}

async function create(todo) {
  const result = await client.models.Todo.create(todo);
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return result.data;
}

/** Waits until the last created record has had time to reach every subscriber. */
async function settled(listeners, expectedCounts) {
  for (let waited = 0; waited < 3000 && listeners.some((l, i) => l.events.length < expectedCounts[i]); waited += 50) await pause(50);
  await pause(300); // and a little longer, so that an event that should not arrive would have
}

const contents = (heard) => heard.events.map((todo) => todo.content).sort();

test('onCreate({ filter }): each subscriber receives exactly the new records its filter passes, with and/or groups', async () => {
  await as('fay');
  const filters = {
    beginsWith: { content: { beginsWith: 'f-a' } },
    orAnd: { or: [{ priority: { gt: 5 } }, { and: [{ done: { eq: true } }, { content: { contains: 'x' } }] }] },
    between: { priority: { between: [2, 4] }, status: { in: ['OPEN'] }, content: { notContains: 'z' } },
    notIn: { priority: { notIn: [1, 2] }, content: { ne: 'f-apple' }, done: { eq: false } },
    range: { priority: { ge: 3, le: 3 } },
    lessThan: { content: { lt: 'f-b' } },
  };
  const listeners = {};
  for (const [name, filter] of Object.entries(filters)) listeners[name] = await listen(client.models.Todo.onCreate({ filter }));
  await create({ content: 'f-apple', priority: 1 });
  await create({ content: 'f-banana', priority: 7 });
  await create({ content: 'f-xylophone', priority: 3, done: true });
  await create({ content: 'f-avocado zest', priority: 3 });
  await create({ content: 'f-cherry', priority: 2, status: 'DONE' });
  const expected = {
    beginsWith: ['f-apple', 'f-avocado zest'],
    orAnd: ['f-banana', 'f-xylophone'],
    between: ['f-xylophone'],
    notIn: ['f-avocado zest', 'f-banana'],
    range: ['f-avocado zest', 'f-xylophone'],
    lessThan: ['f-apple', 'f-avocado zest'],
  };
  await settled(Object.values(listeners), Object.keys(listeners).map((name) => expected[name].length));
  for (const [name, heard] of Object.entries(listeners)) {
    heard.stop();
    assert.deepEqual(heard.errors, [], `${name}: ${JSON.stringify(heard.errors)}`);
    assert.deepEqual(contents(heard), expected[name], `${name}: ${JSON.stringify(filters[name])}`);
  }
  const received = listeners.between.events[0];
  assert.equal(received.priority, 3);
  assert.equal(received.done, true);
  assert.equal(received.status, 'OPEN');
});

test('the owner rule still applies under a filter: another user hears nothing of the owner\'s records, a reader of the ADMINS group hears what passes', async () => {
  const filter = { content: { beginsWith: 'g-a' } };
  await as('gus');
  const owner = await listen(client.models.Todo.onCreate({ filter }));
  await as('hal');
  const stranger = await listen(client.models.Todo.onCreate({ filter }));
  await as('ida', ['ADMINS']);
  const admin = await listen(client.models.Todo.onCreate({ filter }));
  await as('gus');
  await create({ content: 'g-apple' });
  await create({ content: 'g-berry' });
  await as('hal');
  await create({ content: 'g-apricot' });
  await settled([owner, stranger, admin], [1, 1, 2]);
  [owner, stranger, admin].forEach((heard) => heard.stop());
  assert.deepEqual(contents(owner), ['g-apple']);
  assert.deepEqual(contents(stranger), ['g-apricot'], 'hal hears his own record only');
  assert.deepEqual(contents(admin), ['g-apple', 'g-apricot']);
  assert.equal(owner.events[0].owner, users.get('gus').owner);
});

test('observeQuery({ filter }): the list and the live updates both keep to the filter', async () => {
  await as('jan');
  await create({ content: 'j-before high', priority: 9 });
  await create({ content: 'j-before low', priority: 1 });
  const snapshots = [];
  const observed = client.models.Todo.observeQuery({ filter: { and: [{ content: { beginsWith: 'j-' } }, { priority: { ge: 5 } }] } })
    .subscribe({ next: ({ items, isSynced }) => snapshots.push({ items: items.map((todo) => todo.content).sort(), isSynced }) });
  for (let waited = 0; waited < 3000 && !snapshots.some((s) => s.isSynced); waited += 50) await pause(50);
  await pause(300);
  await create({ content: 'j-live high', priority: 6 });
  await create({ content: 'j-live low', priority: 2 });
  for (let waited = 0; waited < 3000 && !snapshots.at(-1)?.items.includes('j-live high'); waited += 50) await pause(50);
  await pause(300);
  observed.unsubscribe();
  assert.deepEqual(snapshots.find((s) => s.isSynced)?.items, ['j-before high'], JSON.stringify(snapshots));
  assert.deepEqual(snapshots.at(-1).items, ['j-before high', 'j-live high'], JSON.stringify(snapshots));
});

test('filters over AppSync\'s limits are refused when the subscription starts, with AppSync\'s message', async () => {
  await as('kim');
  const tooManyValues = await listen(client.models.Todo.onCreate({ filter: { content: { in: ['a', 'b', 'c', 'd', 'e', 'f'] } } }));
  // the owner rule's filter on owner is a sixth attribute beside the client's five
  const fiveFields = { content: { eq: 'k' }, done: { eq: false }, priority: { eq: 1 }, status: { eq: 'OPEN' }, id: { ne: 'x' } };
  const tooManyAttributes = await listen(client.models.Todo.onCreate({ filter: fiveFields }));
  await as('lou', ['ADMINS']);
  const adminFiveFields = await listen(client.models.Todo.onCreate({ filter: fiveFields }));
  const message = (heard) => JSON.stringify(heard.errors);
  for (const heard of [tooManyValues, tooManyAttributes, adminFiveFields]) heard.stop();
  assert.match(message(tooManyValues), /subscription exceeds maximum value limit 5 for operator `in`\./);
  assert.match(message(tooManyAttributes), /Filters exceed maximum attributes limit 5 for subscription/);
  assert.deepEqual(adminFiveFields.errors, [], 'a group reader adds no owner filter: five attributes are allowed');
});
