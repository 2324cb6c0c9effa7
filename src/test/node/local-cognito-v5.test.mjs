// The real aws-amplify v5 client (amazon-cognito-identity-js underneath) against the project's local AWS: sign-up,
// confirmation, SRP sign-in, current user, sign-out and password reset. v5 has no identity pool endpoint setting, so
// no credentials here. Needs AMPLIFY5_MODULES (aws-amplify 5.x node_modules) and NODE_PATH (@aws-sdk clients).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { rejection } = require('./rejection.js');
const { startLocalAws } = require('./local-aws.js');
const sdkRequire = createRequire(path.join(process.env.NODE_PATH.split(path.delimiter)[0], 'noop.js'));
const idp = sdkRequire('@aws-sdk/client-cognito-identity-provider');
const { Auth } = createRequire(path.join(process.env.AMPLIFY5_MODULES, 'noop.js'))('aws-amplify');

const REGION = 'us-east-1';
const EMAIL = 'alan@example.com';
const PASSWORD = 'Passw0rd!';
const NEW_PASSWORD = 'N3w-Passw0rd!';
// The code the local Cognito "sends" (local_aws.py reads the same variable).
const CODE = process.env.LOCAL_AWS_CONFIRMATION_CODE || '123456';

let local;
let cognito;
let pool;

/** The error signIn fails with; if it signs in instead, signs out again so the next tests start signed out. */
async function signInError(username, password) {
  try {
    await Auth.signIn(username, password);
  } catch (error) {
    return error;
  }
  await Auth.signOut();
  assert.fail('expected signIn to fail, but it signed in');
}

before(async () => {
  local = await startLocalAws();
  cognito = new idp.CognitoIdentityProviderClient({
    region: REGION, endpoint: local.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  const { UserPool } = await cognito.send(new idp.CreateUserPoolCommand({
    PoolName: 'local-cognito-v5-test',
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
    Policies: {
      PasswordPolicy: {
        MinimumLength: 8, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true,
      },
    },
  }));
  const { UserPoolClient } = await cognito.send(new idp.CreateUserPoolClientCommand({
    UserPoolId: UserPool.Id,
    ClientName: 'web',
    GenerateSecret: false,
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'],
  }));
  pool = { userPoolId: UserPool.Id, clientId: UserPoolClient.ClientId };
  Auth.configure({
    region: REGION, userPoolId: pool.userPoolId, userPoolWebClientId: pool.clientId, endpoint: local.endpoint,
  });
});

after(() => local?.stop());

test('v5: sign up, refused sign-in and wrong code before confirming, resend, confirm', async () => {
  const signUp = await Auth.signUp({ username: EMAIL, password: PASSWORD, attributes: { email: EMAIL } });
  assert.equal(signUp.userConfirmed, false);
  assert.equal(signUp.codeDeliveryDetails.DeliveryMedium, 'EMAIL');

  const unconfirmed = await signInError(EMAIL, PASSWORD);
  assert.equal(unconfirmed.code, 'UserNotConfirmedException');
  const wrongCode = await rejection(Auth.confirmSignUp(EMAIL, '654321'));
  assert.equal(wrongCode.code, 'CodeMismatchException');
  const resent = await Auth.resendSignUp(EMAIL);
  assert.equal(resent.CodeDeliveryDetails.AttributeName, 'email');
  assert.equal(await Auth.confirmSignUp(EMAIL, CODE), 'SUCCESS');
});

test('v5: wrong password refused; sign in, current user with verified e-mail, sign out revokes', async () => {
  const wrong = await signInError(EMAIL, 'Wr0ng-Password!');
  assert.equal(wrong.code, 'NotAuthorizedException');

  const user = await Auth.signIn(EMAIL, PASSWORD);
  assert.equal(user.challengeName, undefined);
  const current = await Auth.currentAuthenticatedUser({ bypassCache: true });
  assert.equal(current.attributes.email, EMAIL);
  assert.equal(current.attributes.email_verified, true);
  const session = await Auth.currentSession();
  const id = session.getIdToken().decodePayload();
  assert.equal(id.email, EMAIL);
  assert.equal(id.email_verified, true);

  const refreshToken = session.getRefreshToken().getToken();
  await Auth.signOut();
  const refresh = await rejection(cognito.send(new idp.InitiateAuthCommand({
    ClientId: pool.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken },
  })));
  assert.equal(refresh.name, 'NotAuthorizedException');
  await assert.rejects(Auth.currentAuthenticatedUser());
});

test('v5: forgot password, policy and code checked, old password refused, new one signs in', async () => {
  const forgot = await Auth.forgotPassword(EMAIL);
  assert.equal(forgot.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
  const weak = await rejection(Auth.forgotPasswordSubmit(EMAIL, CODE, 'short'));
  assert.equal(weak.code, 'InvalidPasswordException');
  const wrongCode = await rejection(Auth.forgotPasswordSubmit(EMAIL, '000000', NEW_PASSWORD));
  assert.equal(wrongCode.code, 'CodeMismatchException');
  assert.equal(await Auth.forgotPasswordSubmit(EMAIL, CODE, NEW_PASSWORD), 'SUCCESS');

  const old = await signInError(EMAIL, PASSWORD);
  assert.equal(old.code, 'NotAuthorizedException');
  await Auth.signIn(EMAIL, NEW_PASSWORD);
  assert.equal((await Auth.currentAuthenticatedUser()).attributes.email, EMAIL);
  await Auth.signOut();
});
