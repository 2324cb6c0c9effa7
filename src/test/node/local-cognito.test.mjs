// The real aws-amplify v6 client against the project's local AWS (local_aws.py): sign-up, confirmation, SRP sign-in,
// tokens, identity pool credentials, sign-out and password reset must pass or fail as they do against Cognito.
// Needs AMPLIFY6_MODULES (aws-amplify 6.x node_modules) and NODE_PATH (node_modules with @aws-sdk/client-cognito-*).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { rejection } = require('./rejection.js');
const { startLocalAws } = require('./local-aws.js');
const sdkRequire = createRequire(path.join(process.env.NODE_PATH.split(path.delimiter)[0], 'noop.js'));
const idp = sdkRequire('@aws-sdk/client-cognito-identity-provider');
const identity = sdkRequire('@aws-sdk/client-cognito-identity');
const amplifyRequire = createRequire(path.join(process.env.AMPLIFY6_MODULES, 'noop.js'));
const { Amplify } = amplifyRequire('aws-amplify');
const auth = amplifyRequire('aws-amplify/auth');
const { cognitoUserPoolsTokenProvider } = amplifyRequire('aws-amplify/auth/cognito');

// Not moto's default region: unsigned calls (SignUp, GlobalSignOut, GetId, ...) carry no region of their own.
const REGION = 'eu-west-1';
const EMAIL = 'ada@example.com';
const PASSWORD = 'Passw0rd!';
const NEW_PASSWORD = 'N3w-Passw0rd!';
// The code the local Cognito "sends" (local_aws.py reads the same variable).
const CODE = process.env.LOCAL_AWS_CONFIRMATION_CODE || '123456';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

let local;
let cognito;
let identityClient;
let pool;

/** The error signIn fails with; if it signs in instead, signs out again so the next tests start signed out. */
async function signInError(input) {
  try {
    await auth.signIn(input);
  } catch (error) {
    return error;
  }
  await auth.signOut();
  assert.fail('expected signIn to fail, but it signed in');
}

async function adminAttributes(username) {
  const user = await cognito.send(new idp.AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: username }));
  return Object.fromEntries(user.UserAttributes.map((a) => [a.Name, a.Value]));
}

before(async () => {
  local = await startLocalAws();
  cognito = new idp.CognitoIdentityProviderClient({ region: REGION, endpoint: local.endpoint, credentials });
  identityClient = new identity.CognitoIdentityClient({ region: REGION, endpoint: local.endpoint, credentials });
  const { UserPool } = await cognito.send(new idp.CreateUserPoolCommand({
    PoolName: 'local-cognito-test',
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
    Policies: {
      PasswordPolicy: {
        MinimumLength: 8, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true,
      },
    },
    Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
  }));
  const { UserPoolClient } = await cognito.send(new idp.CreateUserPoolClientCommand({
    UserPoolId: UserPool.Id,
    ClientName: 'web',
    GenerateSecret: false,
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'],
  }));
  const identityPool = await identityClient.send(new identity.CreateIdentityPoolCommand({
    IdentityPoolName: 'local_cognito_test',
    AllowUnauthenticatedIdentities: false,
    CognitoIdentityProviders: [{
      ProviderName: `cognito-idp.${REGION}.amazonaws.com/${UserPool.Id}`,
      ClientId: UserPoolClient.ClientId,
    }],
  }));
  // without roles an identity pool issues no credentials (InvalidIdentityPoolConfigurationException), as on AWS
  await identityClient.send(new identity.SetIdentityPoolRolesCommand({
    IdentityPoolId: identityPool.IdentityPoolId,
    Roles: { authenticated: `arn:aws:iam::123456789012:role/local-cognito-test-authenticated` },
  }));
  pool = {
    userPoolId: UserPool.Id,
    clientId: UserPoolClient.ClientId,
    identityPoolId: identityPool.IdentityPoolId,
    provider: `cognito-idp.${REGION}.amazonaws.com/${UserPool.Id}`,
  };
  Amplify.configure({
    version: '1.4',
    auth: {
      aws_region: REGION,
      user_pool_id: pool.userPoolId,
      user_pool_client_id: pool.clientId,
      identity_pool_id: pool.identityPoolId,
      username_attributes: ['email'],
      standard_required_attributes: ['email'],
      user_verification_types: ['email'],
      unauthenticated_identities_enabled: false,
      mfa_configuration: 'NONE',
      mfa_methods: [],
      password_policy: {
        min_length: 8, require_lowercase: true, require_uppercase: true, require_numbers: true, require_symbols: true,
      },
    },
  });
  const config = Amplify.getConfig();
  Amplify.configure({
    ...config,
    Auth: {
      ...config.Auth,
      Cognito: { ...config.Auth.Cognito, userPoolEndpoint: local.endpoint, identityPoolEndpoint: local.endpoint },
    },
  });
});

after(() => local?.stop());
// A test that failed half-way must not leave the next one signed in.
beforeEach(() => auth.signOut());

test('signUp asks for the code sent by e-mail', async () => {
  const result = await auth.signUp({ username: EMAIL, password: PASSWORD, options: { userAttributes: { email: EMAIL } } });
  assert.equal(result.isSignUpComplete, false);
  assert.equal(result.nextStep.signUpStep, 'CONFIRM_SIGN_UP');
  assert.equal(result.nextStep.codeDeliveryDetails.deliveryMedium, 'EMAIL');
  assert.equal(result.nextStep.codeDeliveryDetails.attributeName, 'email');
});

test('signIn before confirming says CONFIRM_SIGN_UP', async () => {
  const result = await auth.signIn({ username: EMAIL, password: PASSWORD });
  assert.equal(result.isSignedIn, false);
  assert.equal(result.nextStep.signInStep, 'CONFIRM_SIGN_UP');
});

test('confirmSignUp with a wrong code is CodeMismatchException', async () => {
  const error = await rejection(auth.confirmSignUp({ username: EMAIL, confirmationCode: '654321' }));
  assert.equal(error.name, 'CodeMismatchException');
  assert.equal(error.message, 'Invalid verification code provided, please try again.');
});

test('resendSignUpCode says where the code went', async () => {
  const details = await auth.resendSignUpCode({ username: EMAIL });
  assert.equal(details.deliveryMedium, 'EMAIL');
  assert.equal(details.attributeName, 'email');
  assert.equal(details.destination, 'a***@e***');
});

test('confirmSignUp with the code sent confirms and verifies the e-mail', async () => {
  const result = await auth.confirmSignUp({ username: EMAIL, confirmationCode: CODE });
  assert.equal(result.isSignUpComplete, true);
  assert.equal(result.nextStep.signUpStep, 'DONE');
  assert.equal((await adminAttributes(EMAIL)).email_verified, 'true');
});

test('signIn with a wrong password is NotAuthorizedException', async () => {
  const error = await signInError({ username: EMAIL, password: 'Wr0ng-Password!' });
  assert.equal(error.name, 'NotAuthorizedException');
  assert.equal(error.message, 'Incorrect username or password.');
});

test('signIn (SRP), session with tokens, identity and credentials, current user, signOut', async () => {
  const result = await auth.signIn({ username: EMAIL, password: PASSWORD });
  assert.equal(result.isSignedIn, true);
  assert.equal(result.nextStep.signInStep, 'DONE');

  const session = await auth.fetchAuthSession();
  const id = session.tokens.idToken.payload;
  assert.equal(id.email, EMAIL);
  assert.equal(id.email_verified, true);
  assert.equal(id.token_use, 'id');
  assert.equal(id.aud, pool.clientId);
  assert.equal(id['cognito:username'], id.sub);
  assert.equal(session.tokens.accessToken.payload.client_id, pool.clientId);
  assert.ok(session.identityId.startsWith(`${REGION}:`));
  assert.ok(session.credentials.accessKeyId);
  assert.ok(session.credentials.secretAccessKey);
  // The same user gets the same identity.
  const again = await identityClient.send(new identity.GetIdCommand({
    IdentityPoolId: pool.identityPoolId, Logins: { [pool.provider]: session.tokens.idToken.toString() },
  }));
  assert.equal(again.IdentityId, session.identityId);

  const user = await auth.getCurrentUser();
  assert.equal(user.userId, id.sub);
  assert.equal(user.signInDetails.loginId, EMAIL);
  const attributes = await auth.fetchUserAttributes();
  assert.equal(attributes.email, EMAIL);
  assert.equal(attributes.email_verified, 'true');

  const { refreshToken, accessToken } = await cognitoUserPoolsTokenProvider.authTokenStore.loadTokens();
  await auth.signOut();
  const refresh = await rejection(cognito.send(new idp.InitiateAuthCommand({
    ClientId: pool.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken },
  })));
  assert.equal(refresh.name, 'NotAuthorizedException');
  const getUser = await rejection(cognito.send(new idp.GetUserCommand({ AccessToken: accessToken.toString() })));
  assert.equal(getUser.name, 'NotAuthorizedException');
  assert.equal((await auth.fetchAuthSession()).tokens, undefined);
});

test('global signOut ends the access token', async () => {
  assert.equal((await auth.signIn({ username: EMAIL, password: PASSWORD })).isSignedIn, true);
  const { accessToken } = await cognitoUserPoolsTokenProvider.authTokenStore.loadTokens();
  const before = await cognito.send(new idp.GetUserCommand({ AccessToken: accessToken.toString() }));
  assert.equal(before.Username, accessToken.payload.username);
  await auth.signOut({ global: true });
  const error = await rejection(cognito.send(new idp.GetUserCommand({ AccessToken: accessToken.toString() })));
  assert.equal(error.name, 'NotAuthorizedException');
});

test('the identity pool refuses forged logins and an authenticated identity without its login', async () => {
  const forged = await rejection(identityClient.send(new identity.GetIdCommand({
    IdentityPoolId: pool.identityPoolId, Logins: { [pool.provider]: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
  })));
  assert.equal(forged.name, 'NotAuthorizedException');
  const guest = await rejection(identityClient.send(new identity.GetIdCommand({ IdentityPoolId: pool.identityPoolId })));
  assert.equal(guest.name, 'NotAuthorizedException');
  const { Identities } = await identityClient.send(new identity.ListIdentitiesCommand({
    IdentityPoolId: pool.identityPoolId, MaxResults: 10,
  }));
  assert.ok(Identities.length >= 1);
  const noLogin = await rejection(identityClient.send(new identity.GetCredentialsForIdentityCommand({
    IdentityId: Identities[0].IdentityId,
  })));
  assert.equal(noLogin.name, 'NotAuthorizedException');
});

test('signUp with a password breaking the policy is InvalidPasswordException', async () => {
  const error = await rejection(auth.signUp({
    username: 'grace@example.com', password: 'short', options: { userAttributes: { email: 'grace@example.com' } },
  }));
  assert.equal(error.name, 'InvalidPasswordException');
  assert.equal(error.message, 'Password did not conform with policy: Password not long enough');
});

test('resetPassword, then confirmResetPassword checks the code and the policy; the old password stops working',
  async () => {
    const reset = await auth.resetPassword({ username: EMAIL });
    assert.equal(reset.nextStep.resetPasswordStep, 'CONFIRM_RESET_PASSWORD_WITH_CODE');
    assert.equal(reset.nextStep.codeDeliveryDetails.deliveryMedium, 'EMAIL');

    const wrongCode = await rejection(auth.confirmResetPassword({
      username: EMAIL, confirmationCode: '000000', newPassword: NEW_PASSWORD,
    }));
    assert.equal(wrongCode.name, 'CodeMismatchException');
    const weak = await rejection(auth.confirmResetPassword({
      username: EMAIL, confirmationCode: CODE, newPassword: 'short',
    }));
    assert.equal(weak.name, 'InvalidPasswordException');
    assert.equal(weak.message, 'Password did not conform with policy: Password not long enough');
    const noSymbol = await rejection(auth.confirmResetPassword({
      username: EMAIL, confirmationCode: CODE, newPassword: 'Passw0rdLong',
    }));
    assert.equal(noSymbol.name, 'InvalidPasswordException');
    assert.equal(noSymbol.message, 'Password did not conform with policy: Password must have symbol characters');
    await auth.confirmResetPassword({ username: EMAIL, confirmationCode: CODE, newPassword: NEW_PASSWORD });

    const old = await signInError({ username: EMAIL, password: PASSWORD });
    assert.equal(old.name, 'NotAuthorizedException');
    const result = await auth.signIn({ username: EMAIL, password: NEW_PASSWORD });
    assert.equal(result.nextStep.signInStep, 'DONE');
    await auth.signOut();
  });

test('USER_PASSWORD_AUTH is refused for a client that does not allow it', async () => {
  const error = await rejection(cognito.send(new idp.InitiateAuthCommand({
    ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: EMAIL, PASSWORD: NEW_PASSWORD },
  })));
  assert.equal(error.name, 'InvalidParameterException');
  assert.equal(error.message, 'USER_PASSWORD_AUTH flow not enabled for this client');
});

test('updatePassword checks the old password and the policy', async () => {
  await auth.signIn({ username: EMAIL, password: NEW_PASSWORD });
  const wrongOld = await rejection(auth.updatePassword({ oldPassword: PASSWORD, newPassword: 'An0ther-Passw0rd!' }));
  assert.equal(wrongOld.name, 'NotAuthorizedException');
  assert.equal(wrongOld.message, 'Incorrect username or password.');
  const weak = await rejection(auth.updatePassword({ oldPassword: NEW_PASSWORD, newPassword: 'alllowercase1!' }));
  assert.equal(weak.name, 'InvalidPasswordException');
  assert.equal(weak.message, 'Password did not conform with policy: Password must have uppercase characters');
  await auth.updatePassword({ oldPassword: NEW_PASSWORD, newPassword: 'An0ther-Passw0rd!' });
  await auth.signOut();
  const old = await signInError({ username: EMAIL, password: NEW_PASSWORD });
  assert.equal(old.name, 'NotAuthorizedException');
  assert.equal((await auth.signIn({ username: EMAIL, password: 'An0ther-Passw0rd!' })).isSignedIn, true);
});

test('a user an administrator created signs in with the temporary password and must set a new one', async () => {
  const username = 'linus@example.com';
  await cognito.send(new idp.AdminCreateUserCommand({
    UserPoolId: pool.userPoolId, Username: username, TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: username }, { Name: 'email_verified', Value: 'true' }],
  }));
  const wrong = await signInError({ username, password: 'Wr0ng-Passw0rd!' });
  assert.equal(wrong.name, 'NotAuthorizedException');
  const first = await auth.signIn({ username, password: 'Temp-Passw0rd!' });
  assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
  const weak = await rejection(auth.confirmSignIn({ challengeResponse: 'nodigits-Here' }));
  assert.equal(weak.name, 'InvalidPasswordException');
  const second = await auth.signIn({ username, password: 'Temp-Passw0rd!' });
  assert.equal(second.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
  const done = await auth.confirmSignIn({ challengeResponse: 'Own-Passw0rd!' });
  assert.equal(done.nextStep.signInStep, 'DONE');
  await auth.signOut();

  await cognito.send(new idp.AdminSetUserPasswordCommand({
    UserPoolId: pool.userPoolId, Username: username, Password: 'Adm1n-Set-Passw0rd!', Permanent: true,
  }));
  const replaced = await signInError({ username, password: 'Own-Passw0rd!' });
  assert.equal(replaced.name, 'NotAuthorizedException');
  assert.equal((await auth.signIn({ username, password: 'Adm1n-Set-Passw0rd!' })).isSignedIn, true);
  await auth.signOut();

  await cognito.send(new idp.AdminResetUserPasswordCommand({ UserPoolId: pool.userPoolId, Username: username }));
  const reset = await auth.signIn({ username, password: 'Adm1n-Set-Passw0rd!' });
  assert.equal(reset.nextStep.signInStep, 'RESET_PASSWORD');
  await auth.confirmResetPassword({ username, confirmationCode: CODE, newPassword: 'Aft3r-Reset-Passw0rd!' });
  assert.equal((await auth.signIn({ username, password: 'Aft3r-Reset-Passw0rd!' })).isSignedIn, true);
});
