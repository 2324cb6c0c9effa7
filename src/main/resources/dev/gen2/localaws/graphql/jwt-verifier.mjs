// Verifies a JSON Web Token as AppSync does for Cognito user pools and OIDC: RS256 signature against the issuer's
// keys (JWKS), issuer, expiry, and the client it was issued to. Keys are fetched once per JWKS address, and again
// (at most once a minute) for a key id the set lacks.
import crypto from 'node:crypto';

export class TokenError extends Error {}

/** What AppSync answers for a token past its expiry (or past the API's OIDC limits on its age). */
export const EXPIRED = 'Token has expired.';

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

const ISSUER_TIMEOUT_MS = 5000;
const REFETCH_SECONDS = 60;

export function jwtVerifier() {
  const keySets = new Map();
  const fetchedAt = new Map();
  function load(jwksUrl) {
    fetchedAt.set(jwksUrl, Date.now());
    const loading = fetch(jwksUrl, { signal: AbortSignal.timeout(ISSUER_TIMEOUT_MS) }).then(async (response) => {
      if (!response.ok) throw new TokenError(`the keys at ${jwksUrl} are unavailable (HTTP ${response.status})`);
      return (await response.json()).keys || [];
    });
    keySets.set(jwksUrl, loading);
    loading.catch(() => keySets.delete(jwksUrl));
    return loading;
  }
  // A key id the cached set lacks may be a key the issuer rotated in since: the set is fetched again, at most once a
  // minute, so tokens with made-up key ids cannot make the service hammer the issuer.
  async function keyOf(jwksUrl, kid) {
    const cached = keySets.get(jwksUrl);
    const found = cached && (await cached).find((key) => key.kid === kid);
    if (found || (cached && Date.now() - fetchedAt.get(jwksUrl) < REFETCH_SECONDS * 1000)) return found;
    return (await load(jwksUrl)).find((key) => key.kid === kid);
  }

  /**
   * The token's claims if it is valid: signed by a key of `jwksUrl`, issued by `issuer`, not expired, (with
   * `clientPattern`, a regular expression as AppSync takes it) issued to a matching client (`client_id` of a Cognito
   * access token, else any of `aud`), and (with `iatTtl`, `authTtl` in milliseconds, as AppSync's OIDC configuration
   * gives them) issued (`iat`) and authenticated (`auth_time`) recently enough.
   */
  return async function verify(token, { jwksUrl, issuer, clientPattern, iatTtl, authTtl }) {
    const decoded = decodeJwt(token);
    if (!decoded) throw new TokenError('not a JSON Web Token');
    const { header, claims } = decoded;
    if (header.alg !== 'RS256') throw new TokenError(`unsupported algorithm ${header.alg}`);
    const jwk = await keyOf(jwksUrl, header.kid);
    if (!jwk) throw new TokenError(`no key ${header.kid} at ${jwksUrl}`);
    const publicKey = crypto.createPublicKey({ key: jwk, format: 'jwk' });
    if (!crypto.verify('RSA-SHA256', Buffer.from(decoded.signed), publicKey, decoded.signature)) {
      throw new TokenError('bad signature');
    }
    if (claims.iss !== issuer) throw new TokenError(`issued by ${claims.iss}, not ${issuer}`);
    const now = Date.now();
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) throw new TokenError(EXPIRED);
    if (iatTtl > 0 && !(typeof claims.iat === 'number' && claims.iat * 1000 + iatTtl > now)) throw new TokenError(EXPIRED);
    if (authTtl > 0 && !(typeof claims.auth_time === 'number' && claims.auth_time * 1000 + authTtl > now)) {
      throw new TokenError(EXPIRED);
    }
    const clients = claims.token_use === 'access' ? [claims.client_id] : [claims.aud].flat();
    if (clientPattern && !clients.some((client) => new RegExp(`^(?:${clientPattern})$`).test(client ?? ''))) {
      throw new TokenError(`issued to client ${clients.join(', ')}`);
    }
    return claims;
  };
}
