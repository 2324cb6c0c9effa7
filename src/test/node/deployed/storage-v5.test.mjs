// aws-amplify 5's Storage against the sample's local bucket, configured from the legacy amplifyconfiguration.json:
// a signed-in user uploads into their private folder, lists and reads it back, and is refused a folder the sample has
// no rule for. aws-amplify 5 asks Cognito Identity for credentials only at https://cognito-identity.<region>.
// amazonaws.com (it has no endpoint setting for the identity pool), so, as a v5 app against the local AWS would, this
// routes those requests to the local AWS by wrapping fetch; S3 requests go to port 20005 by Storage's own testing
// option. Run by SampleStorageIT: LEGACY_CONFIG, LOCAL_AWS_ENDPOINT, STORY_EMAIL, AMPLIFY5_MODULES,
// LOCAL_AWS_CONFIRMATION_CODE.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const { rejection } = createRequire(import.meta.url)('../rejection.js');
const { Amplify, Auth, Storage } = createRequire(path.join(process.env.AMPLIFY5_MODULES, 'noop.js'))('aws-amplify');

const legacy = JSON.parse(readFileSync(process.env.LEGACY_CONFIG, 'utf8'));
const ENDPOINT = process.env.LOCAL_AWS_ENDPOINT;
const [name, domain] = process.env.STORY_EMAIL.split('@');
const EMAIL = `${name}+v5@${domain}`;
const PASSWORD = 'Storage-v5-Passw0rd!';

/** Sends aws-amplify 5's Cognito Identity requests to the local AWS; every other request goes where it was going. */
function routeCognitoIdentityToTheLocalAws() {
  const cognitoIdentity = `cognito-identity.${legacy.aws_cognito_region}.amazonaws.com`;
  const fetchFromHere = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    return fetchFromHere(url.hostname === cognitoIdentity ? new URL(url.pathname + url.search, ENDPOINT) : input, init);
  };
}

routeCognitoIdentityToTheLocalAws();
Amplify.configure(legacy);
Auth.configure({ endpoint: ENDPOINT });
Storage.configure({ AWSS3: { bucket: legacy.aws_user_files_s3_bucket, region: legacy.aws_user_files_s3_bucket_region,
  dangerouslyConnectToHttpEndpointForTesting: true } });

before(async () => {
  await Auth.signUp({ username: EMAIL, password: PASSWORD, attributes: { email: EMAIL } });
  await Auth.confirmSignUp(EMAIL, process.env.LOCAL_AWS_CONFIRMATION_CODE);
  await Auth.signIn(EMAIL, PASSWORD);
});

test('v5: Storage.put uploads into the user\'s private folder; list and get read it back', async () => {
  const { identityId } = await Auth.currentCredentials();
  assert.match(identityId, /^us-east-1:/);
  const put = await Storage.put('notes.txt', 'written by v5', { level: 'private', contentType: 'text/plain' });
  assert.equal(put.key, 'notes.txt');
  const listed = await Storage.list('', { level: 'private' });
  assert.deepEqual(listed.results.map((item) => item.key), ['notes.txt']);
  const got = await Storage.get('notes.txt', { level: 'private', download: true });
  assert.equal(await got.Body.text(), 'written by v5');
});

test('v5: a folder the storage rules do not name is refused', async () => {
  const error = await rejection(Storage.put('notes.txt', 'x', { level: 'protected' }));
  assert.equal(error.name, 'AccessDenied', `${error.name}: ${error.message}`);
  assert.match(error.message, /is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::[^/]+\/protected\/us-east-1:/);
});
