// A local sandbox started again: the user the story signed up before the restart (its password reset to the story's
// new one) signs in, and is refused after --reset (the pool is new and empty). Run by SandboxLocalIT with
// AMPLIFY_OUTPUTS, LOCAL_AWS_ENDPOINT, STORY_EMAIL, AMPLIFY6_MODULES and EXPECT_USER (kept or gone).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const { rejection } = createRequire(import.meta.url)('../rejection.js');
const amplifyRequire = createRequire(path.join(process.env.AMPLIFY6_MODULES, 'noop.js'));
const { Amplify } = amplifyRequire('aws-amplify');
const auth = amplifyRequire('aws-amplify/auth');

const ENDPOINT = process.env.LOCAL_AWS_ENDPOINT;
Amplify.configure(JSON.parse(readFileSync(process.env.AMPLIFY_OUTPUTS, 'utf8')));
const config = Amplify.getConfig();
Amplify.configure({
  ...config,
  Auth: { ...config.Auth, Cognito: { ...config.Auth.Cognito, userPoolEndpoint: ENDPOINT, identityPoolEndpoint: ENDPOINT } },
});

const signIn = () => auth.signIn({ username: process.env.STORY_EMAIL, password: 'New-Story-Passw0rd!' });

if (process.env.EXPECT_USER === 'kept') {
  test('the user signed up before the restart signs in with the password set before it', async () => {
    const result = await signIn();
    assert.equal(result.isSignedIn, true);
    const session = await auth.fetchAuthSession();
    assert.equal(session.tokens.idToken.payload.email, process.env.STORY_EMAIL);
    await auth.signOut();
  });
} else {
  test('after --reset the user is unknown', async () => {
    const error = await rejection(signIn());
    assert.equal(error.name, 'UserNotFoundException');
  });
}
