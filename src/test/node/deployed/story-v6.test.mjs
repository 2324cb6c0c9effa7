// The story this project started from, with the real aws-amplify 6.x configured from the amplify_outputs.json that
// `generate outputs` wrote for a backend deployed to the local AWS (dev.gen2.localaws). Run by SampleSandboxDeployIT, which
// deploys the backend and passes: AMPLIFY_OUTPUTS (the file), LOCAL_AWS_ENDPOINT, STORY_EMAIL, AMPLIFY6_MODULES,
// NODE_PATH (the @aws-sdk clients), LOCAL_AWS_CONFIRMATION_CODE.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const { rejection } = createRequire(import.meta.url)('../rejection.js');

const amplifyRequire = createRequire(path.join(process.env.AMPLIFY6_MODULES, 'noop.js'));
const { Amplify } = amplifyRequire('aws-amplify');
const auth = amplifyRequire('aws-amplify/auth');

const outputs = JSON.parse(readFileSync(process.env.AMPLIFY_OUTPUTS, 'utf8'));
const ENDPOINT = process.env.LOCAL_AWS_ENDPOINT;
const EMAIL = process.env.STORY_EMAIL;
const CODE = process.env.LOCAL_AWS_CONFIRMATION_CODE;
const PASSWORD = 'Story-Passw0rd!';
const NEW_PASSWORD = 'New-Story-Passw0rd!';

// As an app does: configure from the file; then point the client at the local endpoints.
Amplify.configure(outputs);
const config = Amplify.getConfig();
Amplify.configure({
  ...config,
  Auth: { ...config.Auth, Cognito: { ...config.Auth.Cognito, userPoolEndpoint: ENDPOINT, identityPoolEndpoint: ENDPOINT } },
});

beforeEach(() => auth.signOut());

test('the configuration is the deployed pool, read from amplify_outputs.json', () => {
  const cognito = Amplify.getConfig().Auth.Cognito;
  assert.equal(cognito.userPoolId, outputs.auth.user_pool_id);
  assert.equal(cognito.userPoolClientId, outputs.auth.user_pool_client_id);
  assert.equal(cognito.identityPoolId, outputs.auth.identity_pool_id);
  assert.match(cognito.userPoolId, /^us-east-1_/);
});

test('sign up: a password breaking the policy is refused', async () => {
  const error = await rejection(auth.signUp({
    username: EMAIL, password: 'short', options: { userAttributes: { email: EMAIL } },
  }));
  assert.equal(error.name, 'InvalidPasswordException');
});

test('sign up asks for the code sent by e-mail', async () => {
  const result = await auth.signUp({ username: EMAIL, password: PASSWORD, options: { userAttributes: { email: EMAIL } } });
  assert.equal(result.isSignUpComplete, false);
  assert.equal(result.nextStep.signUpStep, 'CONFIRM_SIGN_UP');
  assert.equal(result.nextStep.codeDeliveryDetails.deliveryMedium, 'EMAIL');
});

test('sign in before confirming: the next step is confirming', async () => {
  const result = await auth.signIn({ username: EMAIL, password: PASSWORD });
  assert.equal(result.isSignedIn, false);
  assert.equal(result.nextStep.signInStep, 'CONFIRM_SIGN_UP');
});

test('a wrong code is refused, a resent one confirms', async () => {
  const wrong = await rejection(auth.confirmSignUp({ username: EMAIL, confirmationCode: '000000' }));
  assert.equal(wrong.name, 'CodeMismatchException');
  const resent = await auth.resendSignUpCode({ username: EMAIL });
  assert.equal(resent.deliveryMedium, 'EMAIL');
  const confirmed = await auth.confirmSignUp({ username: EMAIL, confirmationCode: CODE });
  assert.equal(confirmed.isSignUpComplete, true);
});

test('a wrong password is refused', async () => {
  const error = await rejection(auth.signIn({ username: EMAIL, password: 'Wr0ng-Passw0rd!' }));
  assert.equal(error.name, 'NotAuthorizedException');
});

test('sign in (SRP): session with tokens and identity pool credentials, current user, sign out', async () => {
  const result = await auth.signIn({ username: EMAIL, password: PASSWORD });
  assert.equal(result.isSignedIn, true);
  assert.equal(result.nextStep.signInStep, 'DONE');
  const session = await auth.fetchAuthSession();
  const id = session.tokens.idToken.payload;
  assert.equal(id.email, EMAIL);
  assert.equal(id.email_verified, true);
  assert.equal(id.aud, outputs.auth.user_pool_client_id);
  assert.equal(id.iss.endsWith(`/${outputs.auth.user_pool_id}`), true);
  assert.ok(session.identityId.startsWith(`${outputs.auth.aws_region}:`));
  assert.ok(session.credentials.accessKeyId);
  const user = await auth.getCurrentUser();
  assert.equal(user.userId, id.sub);
  assert.equal(user.signInDetails.loginId, EMAIL);
  await auth.signOut();
  assert.equal((await auth.fetchAuthSession()).tokens, undefined);
  await assert.rejects(auth.getCurrentUser(), { name: 'UserUnAuthenticatedException' });
});

test('forgotten password: reset, confirm with the code; the new password signs in, the old one no more', async () => {
  const reset = await auth.resetPassword({ username: EMAIL });
  assert.equal(reset.nextStep.resetPasswordStep, 'CONFIRM_RESET_PASSWORD_WITH_CODE');
  const weak = await rejection(auth.confirmResetPassword({ username: EMAIL, confirmationCode: CODE, newPassword: 'short' }));
  assert.equal(weak.name, 'InvalidPasswordException');
  await auth.confirmResetPassword({ username: EMAIL, confirmationCode: CODE, newPassword: NEW_PASSWORD });
  const old = await rejection(auth.signIn({ username: EMAIL, password: PASSWORD }));
  assert.equal(old.name, 'NotAuthorizedException');
  const result = await auth.signIn({ username: EMAIL, password: NEW_PASSWORD });
  assert.equal(result.isSignedIn, true);
  await auth.signOut();
});
