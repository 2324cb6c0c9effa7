// A local sandbox started again: the user the story signed up before the restart (its password reset to the story's
// new one) signs in and the kept API answers, and the user is refused after --reset (the pool is new and empty). Run by SandboxLocalIT with
// AMPLIFY_OUTPUTS, LOCAL_AWS_ENDPOINT, STORY_EMAIL, AMPLIFY6_MODULES and EXPECT_USER (kept or gone).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { amplifyRequire, configureForLocalBackend } from './local-amplify.mjs';

const { rejection } = createRequire(import.meta.url)('../rejection.js');
const auth = amplifyRequire('aws-amplify/auth');
const { generateClient } = amplifyRequire('aws-amplify/data');


configureForLocalBackend();

const signIn = () => auth.signIn({ username: process.env.STORY_EMAIL, password: 'New-Story-Passw0rd!' });

if (process.env.EXPECT_USER === 'kept') {
  test('the user signed up before the restart signs in with the password set before it', async () => {
    const result = await signIn();
    assert.equal(result.isSignedIn, true);
    const session = await auth.fetchAuthSession();
    assert.equal(session.tokens.idToken.payload.email, process.env.STORY_EMAIL);
  });

  test('the GraphQL API deployed before the restart answers: a Todo is created and listed', async () => {
    const client = generateClient();
    const created = await client.models.Todo.create({ content: 'after the restart' });
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    const listed = await client.models.Todo.list();
    assert.equal(listed.errors, undefined, JSON.stringify(listed.errors));
    assert.ok(listed.data.some((todo) => todo.id === created.data.id), JSON.stringify(listed.data));
    await auth.signOut();
  });
} else {
  test('after --reset the user is unknown', async () => {
    const error = await rejection(signIn());
    assert.equal(error.name, 'UserNotFoundException');
  });
}
