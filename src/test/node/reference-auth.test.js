'use strict';
// The ReferenceAuth custom resource's handler against moto's server on 127.0.0.1: real Cognito API calls for the
// user pool, client, groups, providers, MFA settings and identity pool. moto answers GetIdentityPoolRoles with
// HTTP 500, so the identity pool's roles are given to validate() by the test.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { startMoto } = require('./moto.js');
const {
  CognitoIdentityProviderClient, CreateUserPoolCommand, CreateUserPoolClientCommand, CreateGroupCommand,
  CreateIdentityProviderCommand, CreateUserPoolDomainCommand, SetUserPoolMfaConfigCommand,
} = require('@aws-sdk/client-cognito-identity-provider');
const { CognitoIdentityClient, CreateIdentityPoolCommand, DescribeIdentityPoolCommand } =
  require('@aws-sdk/client-cognito-identity');

const handlerDir = path.join(__dirname, '..', '..', 'main', 'resources', 'dev', 'gen2', 'backend', 'auth', 'reference-auth');
const { describeUserPool, validate, outputs, handleEvent } = require(path.join(handlerDir, 'reference-auth.js'));

const REGION = 'us-east-1';
const AUTH_ROLE = 'arn:aws:iam::123456789012:role/auth';
const UNAUTH_ROLE = 'arn:aws:iam::123456789012:role/unauth';
const ADMINS_ROLE = 'arn:aws:iam::123456789012:role/admins';
let moto;
let idp;
let identity;

before(async () => {
  moto = await startMoto();
  const { endpoint } = moto;
  const config = { region: REGION, endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  idp = new CognitoIdentityProviderClient(config);
  identity = new CognitoIdentityClient(config);
});

after(() => moto && moto.stop());

/** An existing Gen 1 style setup: an alias-attribute pool, a web client, a group, an identity pool. */
async function existingAuth({ aliasPool = true, clientSecret = false } = {}) {
  const { UserPool: pool } = await idp.send(new CreateUserPoolCommand({
    PoolName: 'gen1-pool',
    ...(aliasPool ? { AliasAttributes: ['email', 'preferred_username'] } : { UsernameAttributes: ['email'] }),
    AutoVerifiedAttributes: ['email'],
    MfaConfiguration: 'OPTIONAL',
    Policies: { PasswordPolicy: { MinimumLength: 10, RequireNumbers: true, RequireLowercase: true } },
    Schema: [{ Name: 'email', Required: true, Mutable: true, AttributeDataType: 'String' }],
  }));
  await idp.send(new SetUserPoolMfaConfigCommand({
    UserPoolId: pool.Id, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true },
  }));
  const { UserPoolClient: client } = await idp.send(new CreateUserPoolClientCommand({
    UserPoolId: pool.Id, ClientName: 'web', GenerateSecret: clientSecret,
    AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'email'], AllowedOAuthFlowsUserPoolClient: true,
    CallbackURLs: ['https://app.example.com/'], LogoutURLs: ['https://app.example.com/signout'],
  }));
  await idp.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'EDITORS', Precedence: 2,
    RoleArn: 'arn:aws:iam::123456789012:role/editors' }));
  await idp.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'ADMINS', Precedence: 1, RoleArn: ADMINS_ROLE }));
  const identityPool = await identity.send(new CreateIdentityPoolCommand({
    IdentityPoolName: 'gen1identity', AllowUnauthenticatedIdentities: true,
    CognitoIdentityProviders: [{ ProviderName: `cognito-idp.${REGION}.amazonaws.com/${pool.Id}`, ClientId: client.ClientId }],
  }));
  const props = {
    userPoolId: pool.Id, userPoolClientId: client.ClientId, identityPoolId: identityPool.IdentityPoolId,
    authRoleArn: AUTH_ROLE, unauthRoleArn: UNAUTH_ROLE, groups: { ADMINS: ADMINS_ROLE }, region: REGION,
  };
  return { pool, client, props };
}

async function describe(props) {
  return {
    ...(await describeUserPool(idp, props.userPoolId, props.userPoolClientId)),
    identityPool: await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: props.identityPoolId })),
    roles: { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE },
  };
}

test('an alias-attribute pool, which Amplify rejects, is accepted and described', async () => {
  const { client, props } = await existingAuth();
  const described = await describe(props);
  assert.deepEqual(described.userPool.AliasAttributes, ['email', 'preferred_username']);
  validate(described, props);
  const data = outputs(described, props);
  assert.equal(data.usernameAttributes, '[]');
  assert.equal(data.verificationMechanisms, '["email"]');
  assert.equal(data.passwordPolicyMinLength, '10');
  assert.equal(data.passwordPolicyRequirements, '["REQUIRES_NUMBERS","REQUIRES_LOWERCASE"]');
  assert.equal(data.mfaConfiguration, 'OPTIONAL');
  assert.equal(data.mfaTypes, '["TOTP"]');
  assert.equal(data.allowUnauthenticatedIdentities, 'true');
  assert.equal(data.oauthScope, '["openid","email"]');
  assert.equal(data.oauthRedirectSignIn, 'https://app.example.com/');
  assert.equal(data.oauthRedirectSignOut, 'https://app.example.com/signout');
  assert.equal(data.oauthResponseType, 'code');
  assert.equal(data.oauthClientId, client.ClientId);
  assert.equal(data.socialProviders, '');
  assert.equal(data.oauthCognitoDomain, '');
  assert.equal(data.groups, '[{"ADMINS":{"precedence":1}},{"EDITORS":{"precedence":2}}]');
  assert.ok(JSON.parse(data.signupAttributes).includes('email'));
});

test('a username-attribute pool reports its sign-in attributes', async () => {
  const { props } = await existingAuth({ aliasPool: false });
  const data = outputs(await describe(props), props);
  assert.equal(data.usernameAttributes, '["email"]');
});

test('external providers are refused without a domain, and reported with one', async () => {
  const { pool, props } = await existingAuth();
  await idp.send(new CreateIdentityProviderCommand({
    UserPoolId: pool.Id, ProviderName: 'Google', ProviderType: 'Google',
    ProviderDetails: { client_id: 'g', client_secret: 's', authorize_scopes: 'openid' },
  }));
  const withoutDomain = await describe(props);
  assert.throws(() => validate(withoutDomain, props), {
    message: 'You must configure a domain for your UserPool if external login providers are enabled.',
  });
  await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: 'gen1-login' }));
  const withDomain = await describe(props);
  validate(withDomain, props);
  const data = outputs(withDomain, props);
  assert.equal(data.socialProviders, '["GOOGLE"]');
  assert.equal(data.oauthCognitoDomain, 'gen1-login.auth.us-east-1.amazoncognito.com');
});

test('resources that do not fit together are refused in Amplify\'s words', async () => {
  const { pool, props } = await existingAuth();
  const described = await describe(props);
  assert.throws(() => validate(described, { ...props, groups: { ADMINS: 'arn:aws:iam::123456789012:role/other' } }), {
    message: "The group 'ADMINS' with role 'arn:aws:iam::123456789012:role/other' does not match any group for the specified user pool.",
  });
  assert.throws(() => validate({ ...described, roles: { ...described.roles, authenticated: 'arn:aws:iam::1:role/x' } }, props), {
    message: 'The provided authRoleArn does not match the authenticated role for the specified identity pool.',
  });
  assert.throws(() => validate({ ...described, roles: { ...described.roles, unauthenticated: 'arn:aws:iam::1:role/x' } }, props), {
    message: 'The provided unauthRoleArn does not match the unauthenticated role for the specified identity pool.',
  });
  const { UserPoolClient: other } = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'other' }));
  const otherProps = { ...props, userPoolClientId: other.ClientId };
  assert.throws(() => validate({ ...described, client: other }, otherProps), {
    message: 'The user pool and user pool client pair do not match any cognito identity providers for the specified identity pool.',
  });
  assert.throws(() => validate({ ...described, identityPool: { ...described.identityPool, CognitoIdentityProviders: [] } }, props), {
    message: 'The specified identity pool does not have any cognito identity providers.',
  });
});

test('a client with a secret is not a web client', async () => {
  const { props } = await existingAuth({ clientSecret: true });
  const described = await describe(props);
  assert.ok(described.client.ClientSecret);
  assert.throws(() => validate(described, props), {
    message: 'The specified user pool client is not configured as a web client.',
  });
});

test('a delete event touches nothing and keeps the physical id', async () => {
  const response = await handleEvent({ RequestType: 'Delete', PhysicalResourceId: 'pool:client' }, {});
  assert.deepEqual(response, { PhysicalResourceId: 'pool:client' });
});
