// The same story with aws-amplify 5.x, configured from the legacy amplifyconfiguration.json (`generate outputs
// --outputs-version 0`) of a backend deployed to the local AWS, then one write and one read of the data API through
// API.graphql with a query document (the file's GraphQL endpoint is the local service's). v5's Storage is
// storage-v5.test.mjs (SampleStorageIT). Run by SampleSandboxDeployIT: LEGACY_CONFIG, LOCAL_AWS_ENDPOINT, STORY_EMAIL, AMPLIFY5_MODULES,
// LOCAL_AWS_CONFIRMATION_CODE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const { rejection } = createRequire(import.meta.url)('../rejection.js');

const { Amplify, Auth, API } = createRequire(path.join(process.env.AMPLIFY5_MODULES, 'noop.js'))('aws-amplify');

const legacy = JSON.parse(readFileSync(process.env.LEGACY_CONFIG, 'utf8'));
const EMAIL = process.env.STORY_EMAIL;
const CODE = process.env.LOCAL_AWS_CONFIRMATION_CODE;
const PASSWORD = 'Story-Passw0rd!';
const NEW_PASSWORD = 'New-Story-Passw0rd!';

// As a v5 app does: configure from the file; then point Auth at the local endpoint.
Amplify.configure(legacy);
Auth.configure({ endpoint: process.env.LOCAL_AWS_ENDPOINT });

test('v5: the configuration is the deployed pool', () => {
  assert.match(legacy.aws_user_pools_id, /^us-east-1_/);
  assert.equal(Auth.configure().userPoolId, legacy.aws_user_pools_id);
  assert.equal(Auth.configure().userPoolWebClientId, legacy.aws_user_pools_web_client_id);
});

test('v5: sign up (policy checked), sign in before confirming refused, wrong code refused, confirm', async () => {
  const weak = await rejection(Auth.signUp({ username: EMAIL, password: 'short', attributes: { email: EMAIL } }));
  assert.equal(weak.code, 'InvalidPasswordException');
  const signUp = await Auth.signUp({ username: EMAIL, password: PASSWORD, attributes: { email: EMAIL } });
  assert.equal(signUp.userConfirmed, false);
  const unconfirmed = await rejection(Auth.signIn(EMAIL, PASSWORD));
  assert.equal(unconfirmed.code, 'UserNotConfirmedException');
  const wrong = await rejection(Auth.confirmSignUp(EMAIL, '000000'));
  assert.equal(wrong.code, 'CodeMismatchException');
  assert.equal(await Auth.confirmSignUp(EMAIL, CODE), 'SUCCESS');
});

test('v5: wrong password refused; sign in, current user, sign out', async () => {
  const wrong = await rejection(Auth.signIn(EMAIL, 'Wr0ng-Passw0rd!'));
  assert.equal(wrong.code, 'NotAuthorizedException');
  await Auth.signIn(EMAIL, PASSWORD);
  const current = await Auth.currentAuthenticatedUser({ bypassCache: true });
  assert.equal(current.attributes.email, EMAIL);
  assert.equal(current.attributes.email_verified, true);
  await Auth.signOut();
  await assert.rejects(Auth.currentAuthenticatedUser());
});

test('v5: forgotten password; the old password is refused after the reset', async () => {
  await Auth.forgotPassword(EMAIL);
  const weak = await rejection(Auth.forgotPasswordSubmit(EMAIL, CODE, 'short'));
  assert.equal(weak.code, 'InvalidPasswordException');
  assert.equal(await Auth.forgotPasswordSubmit(EMAIL, CODE, NEW_PASSWORD), 'SUCCESS');
  const old = await rejection(Auth.signIn(EMAIL, PASSWORD));
  assert.equal(old.code, 'NotAuthorizedException');
  await Auth.signIn(EMAIL, NEW_PASSWORD);
  await Auth.signOut();
});

test('v5: API.graphql writes and reads a Todo through the local GraphQL API, as the signed-in owner', async () => {
  assert.match(legacy.aws_appsync_graphqlEndpoint, /^http:\/\/localhost:\d+\/[\w-]+\/graphql$/);
  await Auth.signIn(EMAIL, NEW_PASSWORD);
  const created = await API.graphql({
    query: 'mutation Create($input: CreateTodoInput!) { createTodo(input: $input) { id content done owner } }',
    variables: { input: { content: 'written by v5' } },
  });
  assert.equal(created.data.createTodo.content, 'written by v5');
  assert.equal(created.data.createTodo.done, false);
  const listed = await API.graphql({ query: 'query { listTodos { items { id content } } }' });
  assert.deepEqual(listed.data.listTodos.items.map((todo) => todo.content), ['written by v5']);
  await Auth.signOut();
});
