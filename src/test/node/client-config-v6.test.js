'use strict';
// Every amplify_outputs.json the Java tests generated (target/client-configs), loaded into the real aws-amplify v6
// client: Amplify.configure(outputs) must accept it, and Amplify.getConfig() must hold what we wrote.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..', '..');
const configs = path.join(root, 'target', 'client-configs');
const { Amplify } = require(path.join(process.env.AMPLIFY6_MODULES, 'aws-amplify'));
const PROVIDERS = { GOOGLE: 'Google', FACEBOOK: 'Facebook', LOGIN_WITH_AMAZON: 'Amazon', SIGN_IN_WITH_APPLE: 'Apple' };

const index = JSON.parse(fs.readFileSync(path.join(configs, 'index.json'), 'utf8'));

for (const entry of index.filter((e) => e.version !== '0')) {
  test(`aws-amplify v6 takes ${entry.backend} outputs version ${entry.version}`, () => {
    const outputs = JSON.parse(fs.readFileSync(path.join(configs, entry.directory, 'amplify_outputs.json'), 'utf8'));
    Amplify.configure(outputs);
    const cognito = Amplify.getConfig().Auth.Cognito;
    const auth = outputs.auth;
    assert.equal(cognito.userPoolId, auth.user_pool_id);
    assert.equal(cognito.userPoolClientId, auth.user_pool_client_id);
    assert.equal(cognito.identityPoolId, auth.identity_pool_id);
    assert.equal(cognito.allowGuestAccess, auth.unauthenticated_identities_enabled);
    assert.equal(cognito.loginWith.email, auth.username_attributes.includes('email'));
    assert.equal(cognito.loginWith.phone, auth.username_attributes.includes('phone_number'));
    assert.deepEqual(cognito.passwordFormat, {
      minLength: auth.password_policy.min_length,
      requireLowercase: auth.password_policy.require_lowercase,
      requireNumbers: auth.password_policy.require_numbers,
      requireUppercase: auth.password_policy.require_uppercase,
      requireSpecialCharacters: auth.password_policy.require_symbols,
    });
    const status = { NONE: 'off', OPTIONAL: 'optional', REQUIRED: 'on' }[auth.mfa_configuration];
    assert.equal(cognito.mfa.status, status);
    assert.equal(cognito.mfa.totpEnabled, auth.mfa_methods.includes('TOTP'));
    assert.equal(cognito.mfa.smsEnabled, auth.mfa_methods.includes('SMS'));
    for (const attribute of auth.standard_required_attributes) {
      assert.deepEqual(cognito.userAttributes[attribute], { required: true });
    }
    if (auth.groups) {
      assert.deepEqual(cognito.groups, auth.groups);
    }
    if (auth.passwordless) {
      assert.equal(cognito.passwordless.emailOtpEnabled, auth.passwordless.email_otp_enabled);
      assert.equal(cognito.passwordless.smsOtpEnabled, auth.passwordless.sms_otp_enabled);
      assert.equal(cognito.passwordless.preferredChallenge, auth.passwordless.preferred_challenge);
      assert.deepEqual(cognito.passwordless.webAuthn, {
        relyingPartyId: auth.passwordless.web_authn.relying_party_id,
        userVerification: auth.passwordless.web_authn.user_verification,
      });
    }
    if (auth.oauth) {
      assert.deepEqual(cognito.loginWith.oauth, {
        domain: auth.oauth.domain,
        redirectSignIn: auth.oauth.redirect_sign_in_uri,
        redirectSignOut: auth.oauth.redirect_sign_out_uri,
        responseType: auth.oauth.response_type,
        scopes: auth.oauth.scopes,
        providers: auth.oauth.identity_providers.map((p) => PROVIDERS[p]),
      });
    } else {
      assert.equal(cognito.loginWith.oauth, undefined);
    }
  });
}

const AUTH_MODES = { AMAZON_COGNITO_USER_POOLS: 'userPool', AWS_IAM: 'iam', API_KEY: 'apiKey', OPENID_CONNECT: 'oidc', AWS_LAMBDA: 'lambda' };

for (const entry of index.filter((e) => e.backend === 'data' && e.version !== '0')) {
  test(`aws-amplify v6 takes the data section of outputs version ${entry.version}`, () => {
    const outputs = JSON.parse(fs.readFileSync(path.join(configs, entry.directory, 'amplify_outputs.json'), 'utf8'));
    Amplify.configure(outputs);
    const graphql = Amplify.getConfig().API.GraphQL;
    assert.equal(graphql.endpoint, outputs.data.url);
    assert.equal(graphql.region, outputs.data.aws_region);
    assert.equal(graphql.defaultAuthMode, AUTH_MODES[outputs.data.default_authorization_type]);
    assert.equal(graphql.defaultAuthMode, 'userPool');
    assert.equal(graphql.apiKey, outputs.data.api_key);
    assert.ok(graphql.apiKey);
    assert.deepEqual(graphql.modelIntrospection, outputs.data.model_introspection);
    assert.deepEqual(Object.keys(graphql.modelIntrospection.models), ['Todo']);
  });
}

test('the full backend has the OAuth, MFA and groups settings we wrote', () => {
  Amplify.configure(JSON.parse(fs.readFileSync(path.join(configs, 'full-1.5', 'amplify_outputs.json'), 'utf8')));
  const cognito = Amplify.getConfig().Auth.Cognito;
  assert.deepEqual(cognito.loginWith.oauth.providers, ['Google']);
  assert.equal(cognito.loginWith.oauth.responseType, 'code');
  assert.equal(cognito.mfa.status, 'optional');
  assert.equal(cognito.mfa.smsEnabled, true);
  assert.deepEqual(cognito.groups, [{ ADMINS: { precedence: 0 } }, { EDITORS: { precedence: 1 } }]);
});
