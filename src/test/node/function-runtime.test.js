'use strict';
// gen2-runtime.js, the Lambda entry point FunctionResource puts beside a function's code: on a cold start it fills
// in the variables listed in AMPLIFY_SSM_ENV_CONFIG from SSM parameters (moto's server on 127.0.0.1 here), then
// runs the function's own handler, CommonJS, ES module or callback style. Also the secret fetcher's handler, which
// reads the same parameters at deploy time.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { SSMClient, PutParameterCommand } = require('@aws-sdk/client-ssm');
const { startMoto } = require('./moto.js');

const root = path.join(__dirname, '..', '..', '..');
const resources = path.join(root, 'src', 'main', 'resources', 'dev', 'gen2', 'backend');
const runtimeFiles = [path.join(resources, 'function', 'runtime', 'gen2-runtime.js'), path.join(resources, 'ssm-values.js')];
const functions = path.join(root, 'src', 'test', 'resources', 'functions');
let moto;
let ssm;

before(async () => {
  moto = await startMoto();
  const { endpoint } = moto;
  process.env.AWS_ENDPOINT_URL = endpoint;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  ssm = new SSMClient({});
  await ssm.send(new PutParameterCommand({ Name: '/amplify/resource_reference/app/dev-sandbox-0123456789/AMPLIFY_AUTH_USERPOOL_ID',
    Value: 'us-east-1_Pool', Type: 'String' }));
  await ssm.send(new PutParameterCommand({ Name: '/amplify/shared/app/API_SECRET', Value: 's3cret', Type: 'SecureString' }));
});

after(() => moto && moto.stop());

/** Files copied side by side into a fresh directory, as a Lambda asset holds them; returns the directory. */
function asset(files) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gen2-fn-'));
  for (const file of files) {
    fs.copyFileSync(file, path.join(directory, path.basename(file)));
  }
  return directory;
}

/** A deployed function: its code and the runtime, loaded fresh in this process. */
function deployed(files) {
  return require(path.join(asset([...files, ...runtimeFiles]), 'gen2-runtime.js'));
}

test('a CommonJS handler gets the user pool id from SSM', async () => {
  process.env.GEN2_HANDLER = 'index.handler';
  process.env.AMPLIFY_AUTH_USERPOOL_ID = '<value will be resolved during runtime>';
  process.env.AMPLIFY_SSM_ENV_CONFIG = JSON.stringify({
    AMPLIFY_AUTH_USERPOOL_ID: { path: '/amplify/resource_reference/app/dev-sandbox-0123456789/AMPLIFY_AUTH_USERPOOL_ID' },
  });
  process.env.TABLE_NAME = 'reports';
  const runtime = deployed([path.join(functions, 'hello', 'index.js')]);
  const result = await runtime.handler({ name: 'Ada' }, {});
  assert.deepEqual(result, { hello: 'Ada', table: 'reports', userPoolId: 'us-east-1_Pool' });
});

test('an ES module handler gets a secret from the shared path when the backend has none', async () => {
  process.env.GEN2_HANDLER = 'single.handler';
  process.env.AMPLIFY_SSM_ENV_CONFIG = JSON.stringify({
    API_SECRET: { path: '/amplify/app/dev-sandbox-0123456789/API_SECRET', sharedPath: '/amplify/shared/app/API_SECRET' },
  });
  const runtime = deployed([path.join(functions, 'single.mjs')]);
  assert.deepEqual(await runtime.handler({ a: 1 }, {}), { echoed: { a: 1 }, secret: 's3cret' });
});

test('a callback-style handler is awaited', async () => {
  process.env.GEN2_HANDLER = 'callback.run';
  process.env.AMPLIFY_SSM_ENV_CONFIG = '{}';
  const runtime = deployed([path.join(functions, 'callback.js')]);
  assert.deepEqual(await runtime.handler({ value: 7 }, {}), { callback: true, value: 7 });
});

test('a missing parameter fails the invocation, naming it, and the next one tries again', async () => {
  process.env.GEN2_HANDLER = 'index.handler';
  process.env.AMPLIFY_SSM_ENV_CONFIG = JSON.stringify({ MISSING: { path: '/amplify/app/dev-sandbox-0123456789/MISSING' } });
  const runtime = deployed([path.join(functions, 'hello', 'index.js')]);
  await assert.rejects(runtime.handler({}, {}), /MISSING \(\/amplify\/app\/dev-sandbox-0123456789\/MISSING\)/);
  await ssm.send(new PutParameterCommand({ Name: '/amplify/app/dev-sandbox-0123456789/MISSING', Value: 'now', Type: 'String' }));
  assert.equal((await runtime.handler({ name: 'x' }, {})).hello, 'x');
  assert.equal(process.env.MISSING, 'now');
});

test('the secret fetcher returns the secrets with NoEcho, the shared one as fallback', async () => {
  const fetcher = require(path.join(asset([path.join(resources, 'secret-fetcher', 'index.js'),
    path.join(resources, 'ssm-values.js')]), 'index.js'));
  await ssm.send(new PutParameterCommand({ Name: '/amplify/app/dev-sandbox-0123456789/GOOGLE_CLIENT_SECRET',
    Value: 'g-secret', Type: 'SecureString' }));
  const props = {
    namespace: 'app', name: 'dev', type: 'sandbox',
    secrets: [
      { name: 'GOOGLE_CLIENT_SECRET', path: '/amplify/app/dev-sandbox-0123456789/GOOGLE_CLIENT_SECRET',
        sharedPath: '/amplify/shared/app/GOOGLE_CLIENT_SECRET' },
      { name: 'API_SECRET', path: '/amplify/app/dev-sandbox-0123456789/API_SECRET',
        sharedPath: '/amplify/shared/app/API_SECRET' },
    ],
  };
  const created = await fetcher.handleEvent({ RequestType: 'Create', ResourceProperties: props }, ssm);
  assert.deepEqual(created, { PhysicalResourceId: 'app-dev-sandbox-secrets', NoEcho: true,
    Data: { GOOGLE_CLIENT_SECRET: 'g-secret', API_SECRET: 's3cret' } });
  const missing = { ...props, secrets: [{ name: 'NOPE', path: '/amplify/app/dev-sandbox-0123456789/NOPE',
    sharedPath: '/amplify/shared/app/NOPE' }] };
  await assert.rejects(fetcher.handleEvent({ RequestType: 'Update', PhysicalResourceId: 'x', ResourceProperties: missing }, ssm),
    /Unable to find backend secret for backend 'app', branch 'dev', name 'NOPE'/);
  assert.deepEqual(await fetcher.handleEvent({ RequestType: 'Delete', PhysicalResourceId: 'x', ResourceProperties: props }, ssm),
    { PhysicalResourceId: 'x' });
});

test('a handler that is not exported is reported', async () => {
  process.env.GEN2_HANDLER = 'index.nothing';
  process.env.AMPLIFY_SSM_ENV_CONFIG = '{}';
  const runtime = deployed([path.join(functions, 'hello', 'index.js')]);
  await assert.rejects(runtime.handler({}, {}), /The handler index.nothing is not a function exported by index.js/);
});
