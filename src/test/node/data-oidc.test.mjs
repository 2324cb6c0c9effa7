// OpenID Connect authorization in the local GraphQL service, as AppSync does it: the 'oidc' fixture the Java tests
// wrote (target/data-fixtures/oidc) is deployed with an OPENID_CONNECT mode whose issuer is this test's own issuer
// (oidc-issuer.mjs: discovery and a key set on a free port). Tokens it signs read and write what the rules allow,
// the owner taken from `sub` or the rule's claim; tokens that are expired, too old for the API's iatTTL/authTTL, from
// another issuer, for another client, signed by another key or not signed are refused with AppSync's 401.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deployFixture, post, signIn, startLocalBackend, subscribe } from './local-graphql.mjs';
import { startOidcIssuer } from './oidc-issuer.mjs';

const CLIENT_ID = 'local-web-client';
const HOUR_MS = 3600 * 1000;

let backend;
let issuer;
let api;

before(async () => {
  issuer = await startOidcIssuer();
  backend = await startLocalBackend();
  api = await deployFixture(backend, 'oidc', {
    oidc: { issuer: issuer.issuer, clientId: CLIENT_ID, iatTTL: HOUR_MS, authTTL: 2 * HOUR_MS },
  });
});
after(async () => {
  backend?.stop();
  await issuer?.stop();
});

/** The headers of a caller holding an ID token of the test's issuer for the API's client, with these claims. */
function oidcUser(claims, options) {
  return { authorization: issuer.token({ aud: CLIENT_ID, ...claims }, options) };
}

async function ok(headers, source, variables) {
  const { status, body } = await post(api.url, headers, source, variables);
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

async function refusedByRule(headers, source, variables) {
  const { status, body } = await post(api.url, headers, source, variables);
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.errors?.[0]?.errorType, 'Unauthorized', JSON.stringify(body));
  return body;
}

async function refusedAtTheDoor(headers, message) {
  const { status, body, headers: answered } = await post(api.url, headers, 'query { listDiaries { items { id } } }');
  assert.equal(status, 401, JSON.stringify(body));
  assert.deepEqual(body, { errors: [{ errorType: 'UnauthorizedException', message }] });
  assert.equal(answered.get('x-amzn-errortype'), 'UnauthorizedException:');
}

test('an owner rule through OIDC: the record is owned by the token\'s sub, and only its owner reaches it', async () => {
  const alice = oidcUser({ sub: 'alice-sub', email: 'alice@example.com' });
  const bob = oidcUser({ sub: 'bob-sub', email: 'bob@example.com' });
  const { createDiary: diary } = await ok(alice, 'mutation { createDiary(input: {text: "dear diary"}) { id text owner } }');
  assert.equal(diary.owner, 'alice-sub');
  assert.deepEqual((await ok(alice, 'query { listDiaries { items { text owner } } }')).listDiaries.items,
    [{ text: 'dear diary', owner: 'alice-sub' }]);
  assert.deepEqual((await ok(bob, 'query { listDiaries { items { text } } }')).listDiaries.items, []);
  const read = await refusedByRule(bob, 'query($id: ID!) { getDiary(id: $id) { text } }', { id: diary.id });
  assert.equal(read.data.getDiary, null);
  // as Amplify's resolvers refuse a change to another owner's record: the owner condition of the write fails
  const changed = await post(api.url, bob, 'mutation($id: ID!) { updateDiary(input: {id: $id, text: "defaced"}) { id } }', { id: diary.id });
  assert.equal(changed.body.errors?.[0]?.errorType, 'DynamoDB:ConditionalCheckFailedException', JSON.stringify(changed.body));
  const kept = await ok(alice, 'query($id: ID!) { getDiary(id: $id) { text } }', { id: diary.id });
  assert.equal(kept.getDiary.text, 'dear diary');
});

test('a token with a username claim owns as sub::username, as Amplify\'s default identity claim gives it', async () => {
  const carol = oidcUser({ sub: 'carol-sub', username: 'carol' });
  const { createDiary: diary } = await ok(carol, 'mutation { createDiary(input: {text: "c"}) { owner } }');
  assert.equal(diary.owner, 'carol-sub::carol');
});

test('an owner rule on the email claim and a group rule on the groups claim, through OIDC', async () => {
  const alice = oidcUser({ sub: 'alice-sub', email: 'alice@example.com' });
  const bob = oidcUser({ sub: 'bob-sub', email: 'bob@example.com' });
  const editor = oidcUser({ sub: 'eve-sub', email: 'eve@example.com', groups: ['EDITORS'] });
  const { createMemo: memo } = await ok(alice, 'mutation { createMemo(input: {text: "from alice"}) { id author } }');
  assert.equal(memo.author, 'alice@example.com');
  await refusedByRule(alice, 'mutation { createMemo(input: {text: "as bob", author: "bob@example.com"}) { id } }');
  await ok(bob, 'mutation { createMemo(input: {text: "from bob"}) { id } }');
  const texts = async (headers) => (await ok(headers, 'query { listMemos { items { text } } }')).listMemos.items
    .map((item) => item.text).sort();
  assert.deepEqual(await texts(alice), ['from alice']);
  assert.deepEqual(await texts(bob), ['from bob']);
  assert.deepEqual(await texts(editor), ['from alice', 'from bob']);
  const edited = await ok(editor, 'mutation($id: ID!) { updateMemo(input: {id: $id, text: "edited"}) { text author } }', { id: memo.id });
  assert.deepEqual(edited.updateMemo, { text: 'edited', author: 'alice@example.com' });
});

test('a user pool user reads memos beside the OIDC users, and cannot reach what only OIDC may', async () => {
  await ok(oidcUser({ sub: 'dan-sub', email: 'dan@example.com' }), 'mutation { createMemo(input: {text: "from dan"}) { id } }');
  const pooled = { authorization: (await signIn(backend, api, 'pat')).accessToken };
  const listed = (await ok(pooled, 'query { listMemos { items { text } } }')).listMemos.items.map((item) => item.text);
  assert.ok(listed.includes('from dan'), JSON.stringify(listed));
  const write = await refusedByRule(pooled, 'mutation { createMemo(input: {text: "pooled"}) { id } }');
  assert.equal(write.errors[0].message, 'Not Authorized to access createMemo on type Mutation');
  const diaries = await refusedByRule(pooled, 'query { listDiaries { items { id } } }');
  assert.equal(diaries.errors[0].message, 'Not Authorized to access listDiaries on type Query');
});

test('a subscription through OIDC hears its owner\'s records only', async () => {
  const frank = oidcUser({ sub: 'frank-sub' });
  const subscription = await subscribe(api.url, frank, 'subscription { onCreateDiary { text owner } }');
  try {
    assert.equal(subscription.started?.type, 'start_ack', JSON.stringify(subscription.started ?? subscription.connectionError));
    // a subscriber receives what the mutation selected, and its owner filter needs the owner among it, as on AppSync
    const create = 'mutation($text: String) { createDiary(input: {text: $text}) { id text owner } }';
    await ok(oidcUser({ sub: 'gina-sub' }), create, { text: "gina's" });
    await ok(frank, create, { text: "frank's" });
    const heard = await subscription.next();
    assert.deepEqual(heard?.payload?.data, { onCreateDiary: { text: "frank's", owner: 'frank-sub' } });
    assert.equal(await subscription.next(500), null);
  } finally {
    subscription.close();
  }
});

test('an expired token, and tokens older than the API\'s iatTTL or authTTL, are refused: Token has expired.', async () => {
  const now = Math.floor(Date.now() / 1000);
  await refusedAtTheDoor(oidcUser({ sub: 'alice-sub', iat: now - 7200, exp: now - 60 }), 'Token has expired.');
  // unexpired, but issued more than iatTTL (an hour) ago
  await refusedAtTheDoor(oidcUser({ sub: 'alice-sub', iat: now - 3700, exp: now + 600 }), 'Token has expired.');
  // issued just now, but authenticated more than authTTL (two hours) ago
  await refusedAtTheDoor(oidcUser({ sub: 'alice-sub', auth_time: now - 7300 }), 'Token has expired.');
  // with authTTL set, a token must say when its user authenticated
  await refusedAtTheDoor(oidcUser({ sub: 'alice-sub', auth_time: undefined }), 'Token has expired.');
  // over WebSocket the connection itself is refused, with the same message
  const expired = await subscribe(api.url, oidcUser({ sub: 'alice-sub', exp: now - 60 }), 'subscription { onCreateDiary { id } }');
  assert.deepEqual(expired.connectionError?.payload?.errors,
    [{ errorType: 'UnauthorizedException', message: 'Token has expired.', errorCode: 401 }], JSON.stringify(expired.connectionError));
  // within both limits
  await ok(oidcUser({ sub: 'alice-sub', iat: now - 3500, auth_time: now - 7100 }), 'query { listDiaries { items { id } } }');
});

test('tokens from another issuer, for another client, signed by another key or unsigned are refused', async () => {
  const refused = 'Valid authorization header not provided.';
  await refusedAtTheDoor(oidcUser({ sub: 'alice-sub', iss: `${issuer.issuer}/other` }), refused);
  await refusedAtTheDoor(oidcUser({ sub: 'alice-sub', aud: 'another-client' }), refused);
  await refusedAtTheDoor(oidcUser({ sub: 'alice-sub', aud: `${CLIENT_ID}-2` }), refused);
  await refusedAtTheDoor(oidcUser({ sub: 'alice-sub' }, { key: 'unpublished' }), refused);
  await refusedAtTheDoor(oidcUser({ sub: 'alice-sub' }, { key: 'unpublished', kid: 'rotated-in' }), refused);
  await refusedAtTheDoor(oidcUser({ sub: 'alice-sub' }, { alg: 'none' }), refused);
  const [header, payload, signature] = oidcUser({ sub: 'alice-sub' }).authorization.split('.');
  const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url')), sub: 'mallory' })).toString('base64url');
  await refusedAtTheDoor({ authorization: `${header}.${tampered}.${signature}` }, refused);
  assert.ok(issuer.requests['/.well-known/openid-configuration'] > 0 && issuer.requests['/jwks'] > 0, JSON.stringify(issuer.requests));
});

test('a function behind a custom query gets AppSync\'s OIDC identity: sub, issuer and the token\'s claims', async () => {
  const headers = oidcUser({ sub: 'hal-sub', email: 'hal@example.com' });
  const identity = JSON.parse((await ok(headers, 'query { whoAmI }')).whoAmI);
  assert.deepEqual(Object.keys(identity).sort(), ['claims', 'issuer', 'sub']);
  assert.equal(identity.sub, 'hal-sub');
  assert.equal(identity.issuer, issuer.issuer);
  const claims = JSON.parse(Buffer.from(headers.authorization.split('.')[1], 'base64url'));
  assert.deepEqual(identity.claims, claims);
});

test('OIDC as the default mode: a client id is a regular expression over the whole id, matched by any audience; without TTLs old tokens pass', async () => {
  const other = await deployFixture(backend, 'oidc', {
    defaultMode: 'OPENID_CONNECT', oidc: { issuer: issuer.issuer, clientId: 'web-app|mobile-app' } });
  const query = (claims) => post(other.url, { authorization: issuer.token({ sub: 'ivy-sub', ...claims }) }, 'query { whoAmI }');
  const answered = async (claims) => {
    const { status, body } = await query(claims);
    assert.equal(status, 200, JSON.stringify(body));
    return JSON.parse(body.data.whoAmI).claims.aud;
  };
  assert.equal(await answered({ aud: 'mobile-app' }), 'mobile-app');
  assert.deepEqual(await answered({ aud: ['an-api', 'web-app'] }), ['an-api', 'web-app']);
  const now = Math.floor(Date.now() / 1000);
  assert.equal(await answered({ aud: 'web-app', iat: now - 86400, auth_time: now - 86400 }), 'web-app');
  for (const aud of ['web-app-2', 'app', undefined]) {
    const { status, body } = await query({ aud });
    assert.equal(status, 401, `${aud}: ${JSON.stringify(body)}`);
    assert.deepEqual(body, { errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] });
  }
});
