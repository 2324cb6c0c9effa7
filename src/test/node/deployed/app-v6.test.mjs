// What an app does after sign-in, with the real aws-amplify 6.x against the sample backend deployed by
// `sandbox --local`: configured from the amplify_outputs.json it wrote, plus the lines it printed (the Cognito
// endpoints). Two users, their Todos through client.models, a subscription, and the Java report function through the
// Lambda API, with its role's storage grant both ways. The media bucket's rules are proven by storage-v6.test.mjs (SampleStorageIT). Run by LocalAppStoryIT
// with AMPLIFY_OUTPUTS, LOCAL_AWS_ENDPOINT, AMPLIFY6_MODULES, NODE_PATH (the @aws-sdk clients),
// LOCAL_AWS_CONFIRMATION_CODE.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { amplifyRequire, configureForLocalBackend } from './local-amplify.mjs';
import { functionRoleCredentials } from './function-roles.mjs';

const require = createRequire(import.meta.url);
const { rejection } = require('../rejection.js');
const auth = amplifyRequire('aws-amplify/auth');
const { generateClient } = amplifyRequire('aws-amplify/data');
const { LambdaClient, InvokeCommand, ListFunctionsCommand } = require('@aws-sdk/client-lambda');
const { S3Client, PutObjectCommand, GetObjectCommand, ListObjectsV2Command } = require('@aws-sdk/client-s3');

const outputs = configureForLocalBackend();
const ENDPOINT = process.env.LOCAL_AWS_ENDPOINT;
const CODE = process.env.LOCAL_AWS_CONFIRMATION_CODE;
const PASSWORD = 'App-Passw0rd!';
const OWNER = 'owner@example.com';
const OTHER = 'other@example.com';
const BUCKET = outputs.storage.bucket_name;
const localAws = { endpoint: ENDPOINT, region: 'us-east-1', forcePathStyle: true,
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };

const client = generateClient();

const identities = {};

async function signInAs(email) {
  await auth.signOut();
  const result = await auth.signIn({ username: email, password: PASSWORD });
  assert.equal(result.isSignedIn, true);
  identities[email] = (await auth.fetchAuthSession()).identityId;
}

function noErrors(result) {
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return result.data;
}

before(async () => {
  for (const email of [OWNER, OTHER]) {
    await auth.signUp({ username: email, password: PASSWORD, options: { userAttributes: { email } } });
    await auth.confirmSignUp({ username: email, confirmationCode: CODE });
    await signInAs(email);
  }
});

test('the outputs name the local GraphQL API', () => {
  assert.match(outputs.data.url, /^http:\/\/localhost:\d+\/[\w-]+\/graphql$/);
});

test('the owner creates, gets, lists (filtered, paged), updates and deletes Todos', async () => {
  await signInAs(OWNER);
  const created = [];
  for (const content of ['milk', 'bread', 'eggs']) {
    created.push(noErrors(await client.models.Todo.create({ content })));
  }
  assert.equal(created[0].done, false);
  assert.equal(noErrors(await client.models.Todo.get({ id: created[0].id })).content, 'milk');
  const page = await client.models.Todo.list({ limit: 2 });
  assert.equal(noErrors(page).length, 2);
  assert.ok(page.nextToken, 'a second page');
  const rest = noErrors(await client.models.Todo.list({ limit: 2, nextToken: page.nextToken }));
  assert.equal(rest.length, 1);
  const updated = noErrors(await client.models.Todo.update({ id: created[1].id, done: true }));
  assert.equal(updated.done, true);
  const done = noErrors(await client.models.Todo.list({ filter: { done: { eq: true } } }));
  assert.deepEqual(done.map((todo) => todo.content), ['bread']);
  assert.equal(noErrors(await client.models.Todo.delete({ id: created[2].id })).id, created[2].id);
  assert.deepEqual(noErrors(await client.models.Todo.list()).map((todo) => todo.content).sort(), ['bread', 'milk']);

  await signInAs(OTHER);
  assert.deepEqual(noErrors(await client.models.Todo.list()), [], 'the other user sees none of them');
  const get = await client.models.Todo.get({ id: created[0].id });
  assert.equal(get.errors[0].errorType, 'Unauthorized');
  const update = await client.models.Todo.update({ id: created[0].id, content: 'mine now' });
  assert.ok(update.errors.length > 0, 'the other user may not update it');
  const removal = await client.models.Todo.delete({ id: created[0].id });
  assert.ok(removal.errors.length > 0, 'the other user may not delete it');
  await signInAs(OWNER);
  assert.equal(noErrors(await client.models.Todo.get({ id: created[0].id })).content, 'milk');
});

test('an onCreate subscription receives the owner\'s new Todo; the other user\'s does not', async () => {
  await signInAs(OTHER);
  const otherEvents = [];
  const otherSubscription = client.models.Todo.onCreate().subscribe({ next: (todo) => otherEvents.push(todo) });
  await signInAs(OWNER);
  const received = new Promise((resolve, reject) => {
    const subscription = client.models.Todo.onCreate().subscribe({
      next: (todo) => { subscription.unsubscribe(); resolve(todo); },
      error: reject,
    });
    setTimeout(() => client.models.Todo.create({ content: 'subscribed' }), 1000);
  });
  const todo = await received;
  assert.equal(todo.content, 'subscribed');
  await new Promise((resolve) => setTimeout(resolve, 500));
  otherSubscription.unsubscribe();
  assert.deepEqual(otherEvents, []);
});

test('the Java report function, invoked through the Lambda API, counts the files under reports/', async () => {
  const s3 = new S3Client(localAws);
  for (const name of ['a.csv', 'b.csv']) {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `reports/${name}`, Body: name }));
  }
  const lambda = new LambdaClient(localAws);
  const functions = (await lambda.send(new ListFunctionsCommand({}))).Functions.map((fn) => fn.FunctionName);
  const functionName = functions.find((name) => /report/i.test(name));
  assert.ok(functionName, `the report function among ${functions}`);
  const answer = await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from('{}') }));
  assert.equal(answer.FunctionError, undefined, Buffer.from(answer.Payload).toString());
  const report = JSON.parse(Buffer.from(answer.Payload).toString());
  assert.equal(report.bucket, BUCKET);
  assert.equal(report.reports, 2);
  assert.deepEqual(report.keys, ['reports/a.csv', 'reports/b.csv']);
});

test('the report function\'s role reads reports/ and may not write there or read anything else', async () => {
  const s3 = new S3Client({ ...localAws, credentials: await functionRoleCredentials(ENDPOINT, /report/i) });
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'reports/' }));
  assert.deepEqual(listed.Contents.map((object) => object.Key), ['reports/a.csv', 'reports/b.csv']);
  assert.equal(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'reports/a.csv' }))).Body.transformToString(), 'a.csv');
  const denied = async (command, action, resource) => {
    const error = await rejection(s3.send(command));
    assert.equal(error.name, 'AccessDenied');
    assert.match(error.message, new RegExp(`is not authorized to perform: ${action} on resource: "${resource}"`));
  };
  await denied(new PutObjectCommand({ Bucket: BUCKET, Key: 'reports/c.csv', Body: 'c' }), 's3:PutObject', `arn:aws:s3:::${BUCKET}/reports/c.csv`);
  await denied(new GetObjectCommand({ Bucket: BUCKET, Key: `private/${identities[OWNER]}/x.txt` }), 's3:GetObject',
    `arn:aws:s3:::${BUCKET}/private/${identities[OWNER]}/x.txt`);
  await denied(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'public/' }), 's3:ListBucket', `arn:aws:s3:::${BUCKET}`);
});
