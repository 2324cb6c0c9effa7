// Verifies a JSON Web Token as AppSync does for Cognito user pools and OIDC: RS256 signature against the issuer's
// keys (JWKS), issuer, expiry, and the client it was issued to. Keys are fetched once per JWKS address.
import crypto from 'node:crypto';

export class TokenError extends Error {}

export function decodeJwt(token) {
  const parts = String(token || '').split('.');
  if (parts.length !== 3) return null;
  try {
    return {
      header: JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')),
      claims: JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')),
      signed: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2], 'base64url'),
    };
  } catch {
    return null;
  }
}

export function jwtVerifier() {
  const keySets = new Map();
  async function keys(jwksUrl) {
    if (!keySets.has(jwksUrl)) {
      const loading = fetch(jwksUrl).then(async (response) => {
        if (!response.ok) throw new TokenError(`the keys at ${jwksUrl} are unavailable (HTTP ${response.status})`);
        return (await response.json()).keys || [];
      });
      keySets.set(jwksUrl, loading);
      loading.catch(() => keySets.delete(jwksUrl));
    }
    return keySets.get(jwksUrl);
  }

  /**
   * The token's claims if it is valid: signed by a key of `jwksUrl`, issued by `issuer`, not expired, and (with
   * `clientPattern`) issued to a matching client (`aud` of an ID token, `client_id` of an access token).
   */
  return async function verify(token, { jwksUrl, issuer, clientPattern, clientId }) {
    const decoded = decodeJwt(token);
    if (!decoded) throw new TokenError('not a JSON Web Token');
    const { header, claims } = decoded;
    if (header.alg !== 'RS256') throw new TokenError(`unsupported algorithm ${header.alg}`);
    const jwk = (await keys(jwksUrl)).find((key) => key.kid === header.kid);
    if (!jwk) throw new TokenError(`no key ${header.kid} at ${jwksUrl}`);
    const publicKey = crypto.createPublicKey({ key: jwk, format: 'jwk' });
    if (!crypto.verify('RSA-SHA256', Buffer.from(decoded.signed), publicKey, decoded.signature)) {
      throw new TokenError('bad signature');
    }
    if (claims.iss !== issuer) throw new TokenError(`issued by ${claims.iss}, not ${issuer}`);
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) throw new TokenError('Token has expired.');
    const client = claims.token_use === 'access' ? claims.client_id : claims.aud;
    if (clientPattern && !new RegExp(`^(?:${clientPattern})$`).test(client ?? '')) {
      throw new TokenError(`issued to client ${client}`);
    }
    if (clientId && client !== clientId && !(Array.isArray(claims.aud) && claims.aud.includes(clientId))) {
      throw new TokenError(`issued to client ${client}`);
    }
    return claims;
  };
}
