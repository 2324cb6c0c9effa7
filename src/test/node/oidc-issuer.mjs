// An OpenID Connect issuer for the tests, as AppSync meets one: an HTTP server (node:http, a free port) answering
// discovery (/.well-known/openid-configuration) and its key set (/jwks) with an RSA key made at start, and signing
// ID tokens with it. A second key, never published, signs the tokens an attacker would forge.
import crypto from 'node:crypto';
import http from 'node:http';

const KEY_ID = 'test-key-1';

function base64url(value) {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/**
 * Starts the issuer. Its `issuer` is its URL (http://127.0.0.1:<port>); `token(claims, options)` signs an ID token
 * (iss, iat, exp an hour on, unless `claims` says otherwise), `options.key: 'unpublished'` with the key it never
 * publishes, `options.alg: 'none'` unsigned; `requests` counts what was asked of it by path; `stop()` closes it.
 */
export async function startOidcIssuer() {
  const published = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const unpublished = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const requests = {};
  let issuer;
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url, issuer);
    requests[pathname] = (requests[pathname] || 0) + 1;
    const answer = {
      '/.well-known/openid-configuration': () => ({
        issuer, jwks_uri: `${issuer}/jwks`, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`,
        response_types_supported: ['id_token'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
      }),
      '/jwks': () => ({ keys: [{ ...published.publicKey.export({ format: 'jwk' }), kid: KEY_ID, use: 'sig', alg: 'RS256' }] }),
    }[pathname];
    response.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer ? answer() : { error: 'not_found' }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${server.address().port}`;

  function token(claims, { key = 'published', alg = 'RS256', kid = KEY_ID } = {}) {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url({ alg, typ: 'JWT', kid });
    const payload = base64url({ iss: issuer, iat: now, auth_time: now, exp: now + 3600, ...claims });
    if (alg === 'none') return `${header}.${payload}.`;
    const privateKey = (key === 'published' ? published : unpublished).privateKey;
    const signature = crypto.sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url');
    return `${header}.${payload}.${signature}`;
  }

  return {
    issuer,
    token,
    requests,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
