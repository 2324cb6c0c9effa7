'use strict';
// The legacy files (amplifyconfiguration.json and aws-exports.js) the Java tests generated, loaded into the real
// aws-amplify v5 client, as apps still on v5 load them.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.join(__dirname, '..', '..', '..');
const configs = path.join(root, 'target', 'client-configs');
const { Amplify, Auth, API } = require(path.join(process.env.AMPLIFY5_MODULES, 'aws-amplify'));

const index = JSON.parse(fs.readFileSync(path.join(configs, 'index.json'), 'utf8'));

for (const entry of index.filter((e) => e.version === '0')) {
  test(`aws-amplify v5 takes ${entry.backend}'s amplifyconfiguration.json and aws-exports.js`, async () => {
    const json = JSON.parse(fs.readFileSync(path.join(configs, entry.directory, 'amplifyconfiguration.json'), 'utf8'));
    const exports = (await import(pathToFileURL(path.join(configs, entry.directory, 'aws-exports.mjs')))).default;
    assert.deepEqual(exports, json);
    Amplify.configure(json);
    const auth = Auth.configure();
    assert.equal(auth.userPoolId, json.aws_user_pools_id);
    assert.equal(auth.userPoolWebClientId, json.aws_user_pools_web_client_id);
    assert.equal(auth.identityPoolId, json.aws_cognito_identity_pool_id);
    assert.equal(auth.region, json.aws_cognito_region);
    assert.equal(auth.mandatorySignIn, false);
    if (json.oauth) {
      assert.equal(auth.oauth.domain, json.oauth.domain);
      assert.equal(auth.oauth.redirectSignIn, json.oauth.redirectSignIn);
      assert.equal(auth.oauth.redirectSignOut, json.oauth.redirectSignOut);
      assert.equal(auth.oauth.responseType, 'code');
      assert.deepEqual(auth.oauth.scope, json.oauth.scope);
    }
    if (entry.backend === 'data') {
      const api = API.configure();
      assert.equal(api.aws_appsync_graphqlEndpoint, json.aws_appsync_graphqlEndpoint);
      assert.equal(api.aws_appsync_authenticationType, 'AMAZON_COGNITO_USER_POOLS');
      assert.equal(api.aws_appsync_apiKey, json.aws_appsync_apiKey);
      assert.ok(json.aws_appsync_graphqlEndpoint);
    }
  });
}
