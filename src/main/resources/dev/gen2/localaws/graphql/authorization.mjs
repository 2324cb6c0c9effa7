// AppSync's authorization: which mode a request uses and who the caller is (API key, Cognito user pool token, OIDC
// token, Lambda authorizer, SigV4), refused as a whole with HTTP 401 when its credentials fail; then, field by
// field, whether that mode (and group) may reach the field by the schema's directives.
import { decodeJwt, EXPIRED, TokenError } from './jwt-verifier.mjs';
import { SignatureError } from './iam-verifier.mjs';

export const AUTH_TYPES = {
  API_KEY: 'API Key Authorization',
  AWS_IAM: 'IAM Authorization',
  AMAZON_COGNITO_USER_POOLS: 'User Pool Authorization',
  OPENID_CONNECT: 'Open ID Connect Authorization',
  AWS_LAMBDA: 'Lambda Authorization',
};
const DIRECTIVES = {
  API_KEY: 'aws_api_key',
  AWS_IAM: 'aws_iam',
  AMAZON_COGNITO_USER_POOLS: 'aws_cognito_user_pools',
  OPENID_CONNECT: 'aws_oidc',
  AWS_LAMBDA: 'aws_lambda',
};

/** A request refused before any field runs: HTTP 401 and AppSync's UnauthorizedException. */
export class Unauthorized extends Error {
  constructor(message = 'You are not authorized to make this call.') {
    super(message);
    this.errorType = 'UnauthorizedException';
    this.status = 401;
  }
}

/** The API's modes, the default first, as [{authenticationType, userPoolConfig, ...}]. */
export function modesOf(api) {
  return [{
    authenticationType: api.authenticationType, userPoolConfig: api.userPoolConfig,
    openIDConnectConfig: api.openIDConnectConfig, lambdaAuthorizerConfig: api.lambdaAuthorizerConfig,
  }, ...(api.additionalAuthenticationProviders || [])];
}

/**
 * Authenticates a request from its headers ({'x-api-key', authorization, ...}, lower-case names) for the API:
 * resolves with the caller, or rejects with Unauthorized. `signed` is what the IAM check needs ({method, path, ...}).
 */
export async function authenticate(api, headers, { verifyJwt, iam, invokeLambda, aws }, signed, request = {}) {
  const modes = modesOf(api);
  const mode = (type) => modes.find((m) => m.authenticationType === type);
  const authorization = headers.authorization;
  if (headers['x-api-key'] !== undefined && mode('API_KEY')) {
    const key = api.apiKeys.find((k) => k.id === headers['x-api-key']);
    if (!key) throw new Unauthorized();
    if (key.expires && key.expires * 1000 <= Date.now()) throw new Unauthorized();
    return { mode: 'API_KEY', authType: AUTH_TYPES.API_KEY, identity: null };
  }
  if (!authorization) {
    throw new Unauthorized(modes.length === 1 && mode('API_KEY') ? 'You are not authorized to make this call.'
      : 'Valid authorization header not provided.');
  }
  if (/^AWS4-HMAC-SHA256 /.test(authorization) && mode('AWS_IAM')) {
    try {
      const { accessKeyId, principal } = await iam.verify(signed);
      return iamCaller(api, accessKeyId, principal, request.sourceIp);
    } catch (error) {
      if (error instanceof SignatureError) throw new Unauthorized(error.message);
      throw error;
    }
  }
  const jwt = decodeJwt(authorization);
  if (jwt) {
    for (const pool of modes.filter((m) => m.authenticationType === 'AMAZON_COGNITO_USER_POOLS')) {
      const { userPoolId, awsRegion, appIdClientRegex } = pool.userPoolConfig || api.userPoolConfig || {};
      const issuer = `https://cognito-idp.${awsRegion || api.region}.amazonaws.com/${userPoolId}`;
      if (jwt.claims.iss !== issuer) continue;
      const claims = await verified(() => verifyJwt(authorization, {
        jwksUrl: `${aws}/${userPoolId}/.well-known/jwks.json`, issuer, clientPattern: appIdClientRegex,
      }));
      return userPoolCaller(claims, issuer, pool === modes[0], request.sourceIp);
    }
    for (const oidc of modes.filter((m) => m.authenticationType === 'OPENID_CONNECT')) {
      const { issuer, clientId, iatTTL, authTTL } = oidc.openIDConnectConfig || {};
      if (jwt.claims.iss !== issuer) continue;
      const jwksUrl = await discoveredKeys(issuer);
      const claims = await verified(() => verifyJwt(authorization, {
        jwksUrl, issuer, clientPattern: clientId, iatTtl: Number(iatTTL || 0), authTtl: Number(authTTL || 0),
      }));
      return { mode: 'OPENID_CONNECT', authType: AUTH_TYPES.OPENID_CONNECT, identity: { sub: claims.sub, issuer, claims } };
    }
  }
  const authorizer = mode('AWS_LAMBDA');
  if (authorizer) {
    return lambdaCaller(api, authorizer.lambdaAuthorizerConfig, authorization, invokeLambda, request);
  }
  if (jwt && (mode('AMAZON_COGNITO_USER_POOLS') || mode('OPENID_CONNECT'))) {
    throw new Unauthorized('Valid authorization header not provided.');
  }
  throw new Unauthorized();
}

/**
 * The JWKS address the OIDC issuer's discovery document names; the document must name the configured issuer exactly,
 * as AppSync requires.
 */
async function discoveredKeys(issuer) {
  const address = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const discovery = await discoveryOf(address);
  if (!discovery?.jwks_uri) throw new Unauthorized(`The OIDC issuer ${issuer} did not answer at ${address}.`);
  if (discovery.issuer !== issuer) throw new Unauthorized('Valid authorization header not provided.');
  return discovery.jwks_uri;
}

const DISCOVERY_SECONDS = 300;
const ISSUER_TIMEOUT_MS = 5000;
const discoveries = new Map(); // address -> { loading, at }

/** An issuer's discovery document, fetched at most every DISCOVERY_SECONDS (a failure is not kept), or null. */
function discoveryOf(address) {
  const cached = discoveries.get(address);
  if (cached && Date.now() - cached.at < DISCOVERY_SECONDS * 1000) return cached.loading;
  const loading = fetch(address, { signal: AbortSignal.timeout(ISSUER_TIMEOUT_MS) })
    .then((response) => (response.ok ? response.json() : null)).catch(() => null);
  discoveries.set(address, { loading, at: Date.now() });
  loading.then((document) => { if (!document) discoveries.delete(address); });
  return loading;
}

async function verified(verify) {
  try {
    return await verify();
  } catch (error) {
    if (error instanceof TokenError) {
      throw new Unauthorized(error.message === EXPIRED ? error.message : 'Valid authorization header not provided.');
    }
    throw error;
  }
}

function userPoolCaller(claims, issuer, isDefault, sourceIp) {
  const groups = claims['cognito:groups'] || null;
  return {
    mode: 'AMAZON_COGNITO_USER_POOLS',
    authType: AUTH_TYPES.AMAZON_COGNITO_USER_POOLS,
    groups: groups || [],
    identity: {
      sub: claims.sub, issuer, username: claims['cognito:username'] || claims.username, claims,
      sourceIp: [sourceIp || '127.0.0.1'], defaultAuthStrategy: isDefault ? 'ALLOW' : null, groups,
    },
  };
}

function iamCaller(api, accessKeyId, principal, sourceIp) {
  const pooled = Boolean(principal.identityPoolId);
  return {
    mode: 'AWS_IAM',
    authType: AUTH_TYPES.AWS_IAM,
    accessKeyId,
    identity: {
      accountId: api.accountId,
      cognitoIdentityPoolId: pooled ? principal.identityPoolId : null,
      cognitoIdentityId: pooled ? principal.identityId : null,
      cognitoIdentityAuthType: pooled ? principal.authType : null,
      cognitoIdentityAuthProvider: null,
      sourceIp: [sourceIp || '127.0.0.1'],
      userArn: principal.arn || null,
      username: accessKeyId,
    },
  };
}

async function lambdaCaller(api, config, token, invokeLambda, request) {
  const answer = await invokeLambda(config.authorizerUri, {
    authorizationToken: token,
    requestContext: {
      apiId: api.apiId, accountId: api.accountId, requestId: request.requestId, queryString: request.query,
      operationName: request.operationName ?? null, variables: request.variables || {},
    },
    requestHeaders: request.headers || {},
  });
  if (answer.error || !answer.result || answer.result.isAuthorized !== true) {
    throw new Unauthorized();
  }
  return {
    mode: 'AWS_LAMBDA',
    authType: AUTH_TYPES.AWS_LAMBDA,
    deniedFields: answer.result.deniedFields || [],
    identity: { resolverContext: answer.result.resolverContext || {} },
  };
}

function isRootType(schema, type) {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].includes(type);
}

function directivesOf(astNode) {
  return (astNode?.directives || []).filter((d) => d.name.value.startsWith('aws_') && d.name.value !== 'aws_subscribe');
}

/**
 * Whether the caller may reach `parentType.fieldName`: the field's auth directives, else its type's, else the
 * API's default mode only; a user pool directive with cognito_groups needs one of those groups; a Lambda
 * authorizer's deniedFields and, on a root field, IAM's policies have the last word. Resolves to true or false.
 */
export async function mayAccess(api, schema, caller, parentType, fieldName, iam) {
  const field = parentType.getFields()[fieldName];
  const fieldDirectives = directivesOf(field.astNode);
  const directives = fieldDirectives.length ? fieldDirectives : directivesOf(parentType.astNode);
  const wanted = DIRECTIVES[caller.mode];
  let allowed;
  if (directives.length) {
    const matching = directives.filter((d) => d.name.value === wanted);
    allowed = matching.some((d) => {
      const groupsArgument = d.arguments?.find((a) => a.name.value === 'cognito_groups');
      if (!groupsArgument) return true;
      const groups = groupsArgument.value.values.map((v) => v.value);
      return caller.groups?.some((g) => groups.includes(g));
    });
  } else {
    allowed = caller.mode === api.authenticationType;
  }
  if (!allowed) return false;
  if (caller.mode === 'AWS_LAMBDA') {
    const arn = `${api.arn}/types/${parentType.name}/fields/${fieldName}`;
    return !caller.deniedFields.some((denied) => denied === arn || denied === `${parentType.name}.${fieldName}`);
  }
  // IAM's policies decide the operation's root fields; a nested field is the directives' alone. Amplify grants a
  // function with data access appsync:GraphQL on types/Query/* (Mutation, Subscription) only, and its documented
  // function reads a list's items and a record's fields with that grant.
  if (caller.mode === 'AWS_IAM' && isRootType(schema, parentType)) {
    const resource = `${api.arn}/types/${parentType.name}/fields/${fieldName}`;
    caller.decisions ??= new Map();
    if (!caller.decisions.has(resource)) caller.decisions.set(resource, iam.allows(caller.accessKeyId, resource));
    return caller.decisions.get(resource);
  }
  return true;
}
