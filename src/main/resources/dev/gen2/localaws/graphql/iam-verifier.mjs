// AWS_IAM authorization as AppSync does it, against the credentials the local AWS issued: the request's SigV4
// signature is computed again with the secret of its access key (GET /_gen2/credentials/<id>), and each field is
// allowed or denied by the caller's policies for appsync:GraphQL (POST /_gen2/iam/authorize).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { SignatureV4 } = require('@smithy/signature-v4');
const { Sha256 } = require('@aws-crypto/sha256-js');

export class SignatureError extends Error {}

function parseAuthorization(value) {
  const match = /^AWS4-HMAC-SHA256\s+Credential=([^,]+),\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]+)$/.exec(value.trim());
  if (!match) return null;
  const [accessKeyId, date, region, service] = match[1].split('/');
  return { accessKeyId, date, region, service, signedHeaders: match[2].split(';'), signature: match[3] };
}

export function iamVerifier(aws) {
  /** The caller (principal, access key) of a signed request: {method, path, query, headers, body}. */
  async function verify({ method, path, query, headers, body }) {
    const parsed = parseAuthorization(headers.authorization || '');
    if (!parsed) throw new SignatureError('malformed Authorization header');
    const response = await fetch(`${aws}/_gen2/credentials/${encodeURIComponent(parsed.accessKeyId)}`);
    if (response.status === 404) throw new SignatureError(`the local AWS did not issue the access key ${parsed.accessKeyId}`);
    if (!response.ok) throw new SignatureError(`the local AWS cannot look up credentials (HTTP ${response.status})`);
    const credentials = await response.json();
    const amzDate = headers['x-amz-date'];
    if (!amzDate) throw new SignatureError('no X-Amz-Date');
    const signedAt = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8), +amzDate.slice(9, 11),
      +amzDate.slice(11, 13), +amzDate.slice(13, 15));
    if (Math.abs(Date.now() - signedAt) > 5 * 60 * 1000) throw new SignatureError('Signature expired');
    const signer = new SignatureV4({
      service: parsed.service, region: parsed.region, sha256: Sha256, applyChecksum: false,
      credentials: { accessKeyId: parsed.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken },
    });
    const signedHeaders = {};
    for (const name of parsed.signedHeaders) if (headers[name] !== undefined) signedHeaders[name] = headers[name];
    const expected = await signer.sign({
      method, protocol: 'http:', hostname: (headers.host || '').split(':')[0], path, query: query || {}, headers: signedHeaders, body,
    }, { signingDate: new Date(signedAt), unsignableHeaders: new Set(), signableHeaders: new Set(parsed.signedHeaders) });
    const signature = /Signature=([0-9a-f]+)/.exec(expected.headers.authorization)[1];
    if (signature !== parsed.signature) {
      throw new SignatureError('The request signature we calculated does not match the signature you provided.');
    }
    if (credentials.sessionToken && headers['x-amz-security-token'] !== credentials.sessionToken) {
      throw new SignatureError('The security token included in the request is invalid.');
    }
    return { accessKeyId: parsed.accessKeyId, principal: credentials.principal || {} };
  }

  /** Whether the caller's policies allow appsync:GraphQL on the field's ARN. */
  async function allows(accessKeyId, resource) {
    const response = await fetch(`${aws}/_gen2/iam/authorize`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessKeyId, action: 'appsync:GraphQL', resource }),
    });
    if (!response.ok) return false;
    return (await response.json()).decision === 'Allow';
  }

  return { verify, allows };
}
