// The local app story's second backend (dev.gen2.localaws.app.AppBackend), deployed by `sandbox --local`, with the
// real aws-amplify 6.x: a pre sign-up trigger that refuses a domain, posts and comments (both directions of the
// relationship), the API key's and guests' read rules, a custom query answered by a Node.js function and a custom
// mutation answered by a Java function, a custom sign-in by the challenge triggers, and the Node.js function's
// grants both ways. Env: AMPLIFY_OUTPUTS, LOCAL_AWS_ENDPOINT, AMPLIFY6_MODULES, NODE_PATH (the @aws-sdk clients),
// LOCAL_AWS_CONFIRMATION_CODE.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { amplifyRequire, configureForLocalBackend } from './local-amplify.mjs';
import { functionRoleCredentials, signedGraphql } from './function-roles.mjs';

const require = createRequire(import.meta.url);
const { rejection } = require('../rejection.js');
const idp = require('@aws-sdk/client-cognito-identity-provider');
const auth = amplifyRequire('aws-amplify/auth');
const { generateClient } = amplifyRequire('aws-amplify/data');

const outputs = configureForLocalBackend();
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

test('a custom sign-in asks the challenge triggers\' question until the right answer', async () => {
  await auth.signOut();
  const asked = await auth.signIn({ username: WRITER, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
  assert.equal(asked.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
  assert.equal(asked.nextStep.additionalInfo.question, 'What is six times seven?');
  const again = await auth.confirmSignIn({ challengeResponse: '41' });
  assert.equal(again.isSignedIn, false);
  assert.equal(again.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
  const signedIn = await auth.confirmSignIn({ challengeResponse: '42' });
  assert.equal(signedIn.isSignedIn, true);
  assert.equal((await auth.fetchAuthSession()).tokens.idToken.payload.email, WRITER);
});

test('a custom sign-in after the password (CUSTOM_WITH_SRP): a wrong password ends it, the right one leads to the question', async () => {
  await auth.signOut();
  const wrong = await rejection(auth.signIn({ username: WRITER, password: 'Wr0ng-Passw0rd!', options: { authFlowType: 'CUSTOM_WITH_SRP' } }));
  assert.equal(wrong.name, 'NotAuthorizedException');
  const asked = await auth.signIn({ username: WRITER, password: PASSWORD, options: { authFlowType: 'CUSTOM_WITH_SRP' } });
  assert.equal(asked.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
  assert.equal((await auth.confirmSignIn({ challengeResponse: '42' })).isSignedIn, true);
});

test('the echo function\'s role may query the API and list the users, and may not mutate or delete a user', async () => {
  const credentials = await functionRoleCredentials(process.env.LOCAL_AWS_ENDPOINT, /echo/i);
  const read = await signedGraphql(outputs.data.url, credentials, 'query { listPosts { items { title } } }');
  assert.equal(read.errors, undefined, JSON.stringify(read.errors));
  assert.deepEqual(read.data.listPosts.items.map((item) => item.title), ['Hello, local']);
  const write = await signedGraphql(outputs.data.url, credentials, 'mutation { createPost(input: { title: "x" }) { id } }');
  assert.equal(write.errors[0].errorType, 'Unauthorized');
  assert.equal(write.errors[0].message, 'Not Authorized to access createPost on type Mutation');

  const cognito = new idp.CognitoIdentityProviderClient({ endpoint: process.env.LOCAL_AWS_ENDPOINT, region: 'us-east-1', credentials });
  const poolId = outputs.auth.user_pool_id;
  const users = await cognito.send(new idp.ListUsersCommand({ UserPoolId: poolId }));
  assert.deepEqual(users.Users.map((user) => user.Attributes.find((a) => a.Name === 'email').Value), [WRITER]);
  const refused = await rejection(cognito.send(new idp.AdminDeleteUserCommand({ UserPoolId: poolId, Username: WRITER })));
  assert.equal(refused.name, 'AccessDeniedException');
  assert.match(refused.message, /is not authorized to perform: cognito-idp:AdminDeleteUser on resource: arn:aws:cognito-idp:us-east-1:\d{12}:userpool\//);
});

test('custom APPSYNC_JS resolvers of the project: a query and a mutation return a post, whose comments load through the relationship', async () => {
  await auth.signOut();
  await auth.signIn({ username: WRITER, password: PASSWORD });
  const found = noErrors(await client.queries.postById({ id: post.id }));
  assert.equal(found.title, 'Hello, local');
  const withComments = noErrors(await client.graphql({
    query: 'query($id: ID!) { postById(id: $id) { title comments { items { body } } } }', variables: { id: post.id } }));
  assert.deepEqual(withComments.postById.comments.items.map((comment) => comment.body), ['first!']);
  assert.equal(noErrors(await client.mutations.retitlePost({ id: post.id, title: 'Retitled' })).title, 'Retitled');
  assert.equal(noErrors(await client.models.Post.get({ id: post.id })).title, 'Retitled');
  const missing = await client.mutations.retitlePost({ id: 'no-such-post', title: 'x' });
  assert.equal(missing.errors[0].errorType, 'DynamoDB:ConditionalCheckFailedException');
  noErrors(await client.mutations.retitlePost({ id: post.id, title: 'Hello, local' }));
  const refused = await client.queries.postById({ id: post.id }, { authMode: 'apiKey' });
  assert.equal(refused.errors[0].errorType, 'Unauthorized');
});

test('a guest reads posts through the identity pool', async () => {
  await auth.signOut();
  const listed = noErrors(await client.models.Post.list({ authMode: 'identityPool' }));
  assert.deepEqual(listed.map((item) => item.title), ['Hello, local']);
  const refused = await client.models.Post.create({ title: 'guest post' }, { authMode: 'identityPool' });
  assert.ok(refused.errors.length > 0, 'a guest may not write');
});
