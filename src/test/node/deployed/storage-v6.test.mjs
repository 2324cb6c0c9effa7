// The sample's storage rules, proven in both directions with the real aws-amplify 6 storage APIs against the local
// bucket: aws-amplify's documented testing option sends S3 requests to http://localhost:20005, where the local AWS
// answers them, signed with the credentials its identity pool issued, and checks them against the role's policies.
// Run by SampleStorageIT, which deploys the sample and passes: AMPLIFY_OUTPUTS, LOCAL_AWS_ENDPOINT, STORY_EMAIL (a
// prefix: three users are made of it), AMPLIFY6_MODULES, NODE_PATH (the @aws-sdk clients),
// LOCAL_AWS_CONFIRMATION_CODE. The rules (src/main/java/amplify/storage/StorageConfig.java):
//   public/*               guest: read; authenticated: read, write, delete
//   private/{entity_id}/*  the entity: read, write, delete
//   admin/*                ADMINS: read, write, delete
//   reports/*              the report function: read; ADMINS: read
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const { rejection } = createRequire(import.meta.url)('../rejection.js');
const amplifyRequire = createRequire(path.join(process.env.AMPLIFY6_MODULES, 'noop.js'));
const { Amplify } = amplifyRequire('aws-amplify');
const auth = amplifyRequire('aws-amplify/auth');
restoreTheTestingEndpoint();
const storage = amplifyRequire('aws-amplify/storage');
const sdkRequire = createRequire(path.join(process.env.NODE_PATH, 'noop.js'));
const idp = sdkRequire('@aws-sdk/client-cognito-identity-provider');

/**
 * aws-amplify 6.22.1 (@aws-amplify/storage 6.17.0, the latest) throws InvalidCustomEndpoint for its own testing
 * option: its S3 endpoint resolver accepts LOCAL_TESTING_S3_ENDPOINT and then asserts that a custom endpoint contains
 * no "://". This restores what the option documents (path-style requests to http://localhost:20005), in the
 * resolver the storage APIs are built with, before they load; everything else is the client's own code.
 */
function restoreTheTestingEndpoint() {
  // Node has no FileReader, which the storage build for browsers uses to checksum a multipart upload's parts.
  globalThis.FileReader ??= class FileReader {
    readAsArrayBuffer(blob) {
      blob.arrayBuffer().then((result) => { this.result = result; this.onload(); }, (error) => { this.error = error; this.onerror(); });
    }
  };
  const base = amplifyRequire(path.join(process.env.AMPLIFY6_MODULES,
    '@aws-amplify/storage/dist/cjs/providers/s3/utils/client/s3data/base.js'));
  const { LOCAL_TESTING_S3_ENDPOINT } = amplifyRequire(path.join(process.env.AMPLIFY6_MODULES,
    '@aws-amplify/storage/dist/cjs/providers/s3/utils/constants.js'));
  const resolve = base.defaultConfig.endpointResolver;
  base.defaultConfig.endpointResolver = (options, input) => {
    if (options.customEndpoint !== LOCAL_TESTING_S3_ENDPOINT) {
      return resolve(options, input);
    }
    const url = new URL(LOCAL_TESTING_S3_ENDPOINT);
    if (input?.Bucket) {
      url.pathname = `/${input.Bucket}`;
    }
    return { url };
  };
}

const outputs = JSON.parse(readFileSync(process.env.AMPLIFY_OUTPUTS, 'utf8'));
const ENDPOINT = process.env.LOCAL_AWS_ENDPOINT;
const CODE = process.env.LOCAL_AWS_CONFIRMATION_CODE;
const PASSWORD = 'Storage-Passw0rd!';
const [name, domain] = process.env.STORY_EMAIL.split('@');
const OWNER = `${name}+owner@${domain}`;
const OTHER = `${name}+other@${domain}`;
const ADMIN = `${name}+admin@${domain}`;
const BUCKET = outputs.storage.bucket_name;

Amplify.configure(outputs);
const config = Amplify.getConfig();
Amplify.configure({
  ...config,
  Auth: { ...config.Auth, Cognito: { ...config.Auth.Cognito, userPoolEndpoint: ENDPOINT, identityPoolEndpoint: ENDPOINT } },
  Storage: { S3: { ...config.Storage.S3, dangerouslyConnectToHttpEndpointForTesting: 'true' } },
});

const cognito = new idp.CognitoIdentityProviderClient({
  region: outputs.auth.aws_region, endpoint: ENDPOINT, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
});

async function signUp(email) {
  await auth.signUp({ username: email, password: PASSWORD, options: { userAttributes: { email } } });
  await auth.confirmSignUp({ username: email, confirmationCode: CODE });
}

/** Signs in as the user (signing out whoever was signed in) and returns their identity id. */
async function as(email) {
  await auth.signOut();
  await auth.signIn({ username: email, password: PASSWORD });
  return (await auth.fetchAuthSession()).identityId;
}

async function asGuest() {
  await auth.signOut();
  return (await auth.fetchAuthSession()).identityId;
}

const read = async (p) => (await storage.downloadData({ path: p }).result).body.text();
const upload = (p, data, options = {}) => storage.uploadData({ path: p, data, options }).result;

/** A HEAD refusal: S3 sends no body, so aws-amplify names the error by its status only. */
async function refusedHead(promise) {
  const error = await rejection(promise);
  assert.equal(error.name, '403', `${error.name}: ${error.message}`);
}

/** The refusal S3 gives for a request the role's policies do not allow. */
async function refused(promise, action) {
  const error = await rejection(promise);
  assert.equal(error.name, 'AccessDenied', `${action}: ${error.name}: ${error.message}`);
  assert.match(error.message, new RegExp(`is not authorized to perform: ${action} on resource: "arn:aws:s3:::${BUCKET}`));
  return error;
}

let ownerId;
let otherId;

before(async () => {
  for (const email of [OWNER, OTHER, ADMIN]) {
    await signUp(email);
  }
  await cognito.send(new idp.AdminAddUserToGroupCommand({
    UserPoolId: outputs.auth.user_pool_id, Username: ADMIN, GroupName: 'ADMINS',
  }));
  otherId = await as(OTHER);
  await upload(`private/${otherId}/diary.txt`, 'the other user\'s diary').catch((e) => assert.fail(`setup: ${e}`));
  ownerId = await as(OWNER);
  assert.notEqual(ownerId, otherId);
});

test('credentials are issued per identity and act as the pool\'s roles', async () => {
  await as(OWNER);
  const session = await auth.fetchAuthSession();
  assert.notEqual(session.credentials.accessKeyId, 'TESTACCESSKEY12345', 'not moto\'s fixed fake keys');
  const principal = await (await fetch(`${ENDPOINT}/_gen2/credentials/${session.credentials.accessKeyId}`)).json();
  assert.equal(principal.principal.identityId, ownerId);
  assert.equal(principal.principal.authType, 'authenticated');
  assert.match(principal.principal.roleArn, /amplifyAuthauthenticatedU/);
  assert.match(principal.principal.arn, /^arn:aws:sts::\d{12}:assumed-role\/.+\/CognitoIdentityCredentials$/);
});

test('own private folder: upload, list, download, properties, URL, copy, remove', async () => {
  await as(OWNER);
  const own = `private/${ownerId}/`;
  const uploaded = await upload(`${own}notes.txt`, 'my notes', { contentType: 'text/plain', metadata: { topic: 'tests' } });
  assert.equal(uploaded.path, `${own}notes.txt`);
  assert.equal(await read(`${own}notes.txt`), 'my notes');

  const listed = await storage.list({ path: own });
  assert.deepEqual(listed.items.map((i) => i.path), [`${own}notes.txt`]);
  assert.equal(listed.items[0].size, 'my notes'.length);

  const properties = await storage.getProperties({ path: `${own}notes.txt` });
  assert.equal(properties.contentType, 'text/plain');
  assert.equal(properties.size, 'my notes'.length);
  assert.deepEqual(properties.metadata, { topic: 'tests' });

  const { url } = await storage.getUrl({ path: `${own}notes.txt`, options: { validateObjectExistence: true } });
  assert.equal(url.origin, 'http://localhost:20005');
  assert.match(url.search, /X-Amz-Signature=/);
  const fetched = await fetch(url);
  assert.equal(fetched.status, 200);
  assert.equal(await fetched.text(), 'my notes');
  const tampered = new URL(url);
  tampered.pathname = tampered.pathname.replace('notes.txt', 'other.txt');
  assert.equal((await fetch(tampered)).status, 403, 'a presigned URL is for its own object only');

  await storage.copy({ source: { path: `${own}notes.txt` }, destination: { path: `${own}copy.txt` } });
  assert.equal(await read(`${own}copy.txt`), 'my notes');

  await storage.remove({ path: `${own}notes.txt` });
  await storage.remove({ path: `${own}copy.txt` });
  assert.deepEqual((await storage.list({ path: own })).items, []);
});

test('multipart upload of 6 MiB into the own folder', async () => {
  await as(OWNER);
  const big = new Uint8Array(6 * 1024 * 1024).map((_, i) => i % 251);
  const key = `private/${ownerId}/big.bin`;
  await upload(key, big);
  const properties = await storage.getProperties({ path: key });
  assert.equal(properties.size, big.length);
  const downloaded = new Uint8Array(await (await (await storage.downloadData({ path: key }).result).body.blob()).arrayBuffer());
  assert.equal(downloaded.length, big.length);
  assert.deepEqual(downloaded.subarray(5 * 1024 * 1024, 5 * 1024 * 1024 + 8), big.subarray(5 * 1024 * 1024, 5 * 1024 * 1024 + 8));
  await storage.remove({ path: key });
});

test('another user\'s private folder: no read, list, write, delete, copy out', async () => {
  await as(OWNER);
  const theirs = `private/${otherId}/`;
  await refused(storage.downloadData({ path: `${theirs}diary.txt` }).result, 's3:GetObject');
  await refusedHead(storage.getProperties({ path: `${theirs}diary.txt` }));
  await refused(storage.list({ path: theirs }), 's3:ListBucket');
  await refused(upload(`${theirs}planted.txt`, 'x'), 's3:PutObject');
  await refused(storage.remove({ path: `${theirs}diary.txt` }), 's3:DeleteObject');
  await refused(storage.copy({ source: { path: `${theirs}diary.txt` }, destination: { path: `private/${ownerId}/stolen.txt` } }),
    's3:GetObject');
  await as(OTHER);
  assert.equal(await read(`${theirs}diary.txt`), 'the other user\'s diary', 'the owner\'s file is still there');
});

test('public: a signed-in user writes, a guest reads and lists but may not write or delete', async () => {
  await as(OWNER);
  await upload('public/hello.txt', 'hello, world');
  await asGuest();
  const session = await auth.fetchAuthSession();
  const principal = await (await fetch(`${ENDPOINT}/_gen2/credentials/${session.credentials.accessKeyId}`)).json();
  assert.equal(principal.principal.authType, 'unauthenticated');
  assert.equal(await read('public/hello.txt'), 'hello, world');
  assert.ok((await storage.list({ path: 'public/' })).items.some((i) => i.path === 'public/hello.txt'));
  await refused(upload('public/graffiti.txt', 'x'), 's3:PutObject');
  await refused(storage.remove({ path: 'public/hello.txt' }), 's3:DeleteObject');
  await refused(storage.downloadData({ path: `private/${ownerId}/anything.txt` }).result, 's3:GetObject');
});

test('admin/*: only the ADMINS group', async () => {
  await as(ADMIN);
  const session = await auth.fetchAuthSession();
  assert.deepEqual(session.tokens.idToken.payload['cognito:groups'], ['ADMINS']);
  assert.match(session.tokens.idToken.payload['cognito:preferred_role'], /ADMINSGroupRol/);
  const principal = await (await fetch(`${ENDPOINT}/_gen2/credentials/${session.credentials.accessKeyId}`)).json();
  assert.match(principal.principal.roleArn, /ADMINSGroupRol/, 'the group\'s role, from cognito:preferred_role');
  await upload('admin/board.txt', 'board minutes');
  assert.equal(await read('admin/board.txt'), 'board minutes');
  assert.deepEqual((await storage.list({ path: 'admin/' })).items.map((i) => i.path), ['admin/board.txt']);

  await as(OWNER);
  await refused(storage.downloadData({ path: 'admin/board.txt' }).result, 's3:GetObject');
  await refused(upload('admin/coup.txt', 'x'), 's3:PutObject');
  await refused(storage.list({ path: 'admin/' }), 's3:ListBucket');
  await asGuest();
  await refused(storage.downloadData({ path: 'admin/board.txt' }).result, 's3:GetObject');

  await as(ADMIN);
  await storage.remove({ path: 'admin/board.txt' });
});

test('reports/*: ADMINS read; a signed-in user may not', async () => {
  await as(ADMIN);
  await refused(upload('reports/q1.txt', 'x'), 's3:PutObject');
  const listed = await storage.list({ path: 'reports/' });
  assert.deepEqual(listed.items, []);
  await as(OWNER);
  await refused(storage.list({ path: 'reports/' }), 's3:ListBucket');
});

test('the storage port answers CORS for a page on any local port, preflight included', async () => {
  const preflight = await fetch(`http://localhost:20005/${BUCKET}/public/hello.txt`, {
    method: 'OPTIONS',
    headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'authorization,x-amz-date,x-amz-content-sha256' },
  });
  assert.equal(preflight.status, 200);
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:5173');
  assert.match(preflight.headers.get('access-control-allow-methods'), /PUT/);
  assert.match(preflight.headers.get('access-control-allow-headers'), /x-amz-content-sha256/);
  await as(OWNER);
  const { url } = await storage.getUrl({ path: 'public/hello.txt' });
  const answer = await fetch(url, { headers: { Origin: 'http://127.0.0.1:3000' } });
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('access-control-allow-origin'), 'http://127.0.0.1:3000');
  assert.match(answer.headers.get('access-control-expose-headers'), /ETag/);
});
