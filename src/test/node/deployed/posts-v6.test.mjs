// The local app story's second backend (dev.gen2.localaws.app.AppBackend), deployed by `sandbox --local`, with the
// real aws-amplify 6.x: a pre sign-up trigger that refuses a domain, posts and comments (both directions of the
// relationship), the API key's and guests' read rules, a custom query answered by a Node.js function and a custom
// mutation answered by a Java function. Env: AMPLIFY_OUTPUTS, LOCAL_AWS_ENDPOINT, AMPLIFY6_MODULES,
// LOCAL_AWS_CONFIRMATION_CODE.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { amplifyRequire, configureForLocalBackend } from './local-amplify.mjs';

const { rejection } = createRequire(import.meta.url)('../rejection.js');
const auth = amplifyRequire('aws-amplify/auth');
const { generateClient } = amplifyRequire('aws-amplify/data');

configureForLocalBackend();
const PASSWORD = 'Posts-Passw0rd!';
const WRITER = 'writer@example.com';

const client = generateClient();

function noErrors(result) {
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return result.data;
}

let post;

before(async () => {
  await auth.signUp({ username: WRITER, password: PASSWORD, options: { userAttributes: { email: WRITER } } });
  await auth.confirmSignUp({ username: WRITER, confirmationCode: process.env.LOCAL_AWS_CONFIRMATION_CODE });
  await auth.signIn({ username: WRITER, password: PASSWORD });
  post = noErrors(await client.models.Post.create({ title: 'Hello, local' }));
  noErrors(await client.models.Comment.create({ postId: post.id, body: 'first!' }));
});

test('the pre sign-up trigger refuses its blocked domain, with its message', async () => {
  const email = 'someone@blocked.example';
  const error = await rejection(auth.signUp({ username: email, password: PASSWORD, options: { userAttributes: { email } } }));
  assert.equal(error.name, 'UserLambdaValidationException');
  assert.match(error.message, /PreSignUp failed with error sign-ups from blocked\.example are closed/);
});

test('a post\'s comments, and a comment\'s post, load through the relationship', async () => {
  const read = noErrors(await client.models.Post.get({ id: post.id }));
  const comments = noErrors(await read.comments());
  assert.deepEqual(comments.map((comment) => comment.body), ['first!']);
  assert.equal(noErrors(await comments[0].post()).title, 'Hello, local');
  const nested = noErrors(await client.models.Post.get({ id: post.id }, { selectionSet: ['title', 'comments.*'] }));
  assert.deepEqual(nested.comments.map((comment) => comment.body), ['first!']);
});

test('the API key reads posts and may not write them', async () => {
  const listed = noErrors(await client.models.Post.list({ authMode: 'apiKey' }));
  assert.deepEqual(listed.map((item) => item.title), ['Hello, local']);
  const refused = await client.models.Post.create({ title: 'spam' }, { authMode: 'apiKey' });
  assert.equal(refused.errors[0].errorType, 'Unauthorized');
});

test('a custom query answered by a Node.js function, for a user and for the API key', async () => {
  const username = (await auth.getCurrentUser()).username;
  assert.equal(noErrors(await client.queries.echo({ message: 'hello' })), `hello, said ${username}`);
  assert.equal(noErrors(await client.queries.echo({ message: 'hello' }, { authMode: 'apiKey' })), 'hello, said a guest');
});

test('a custom mutation answered by a Java function', async () => {
  assert.deepEqual(noErrors(await client.mutations.rate({ postId: post.id, stars: 5 })), { postId: post.id, stars: 5 });
  const refused = await client.mutations.rate({ postId: post.id, stars: 1 }, { authMode: 'apiKey' });
  assert.equal(refused.errors[0].errorType, 'Unauthorized');
});

test('a guest reads posts through the identity pool', async () => {
  await auth.signOut();
  const listed = noErrors(await client.models.Post.list({ authMode: 'identityPool' }));
  assert.deepEqual(listed.map((item) => item.title), ['Hello, local']);
  const refused = await client.models.Post.create({ title: 'guest post' }, { authMode: 'identityPool' });
  assert.ok(refused.errors.length > 0, 'a guest may not write');
});
