// The whole local backend for the data tests: the local AWS (python) and its GraphQL service (node), each on a free
// port and stopped by its process id; a fixture the Java tests wrote (target/data-fixtures/<name>: SDL, resolvers,
// tables) deployed to it through CloudFormation's CreateStack as DataResource deploys it (pipeline resolvers whose
// code is in the template, the shared model function's code in S3, one DynamoDB table and data source per model, a
// NONE data source for subscriptions, Lambda data sources for custom operations), with a Cognito user pool to sign
// users in, an identity pool whose roles are granted appsync:GraphQL as DataResource grants them, an API key, a
// function's role granted the API, and the fixture's authorization modes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cognitoRequire = createRequire(path.join(process.env.NODE_PATH?.split(path.delimiter)[0] || path.resolve('target/node-test/node_modules'), '/'));
const idp = cognitoRequire('@aws-sdk/client-cognito-identity-provider');

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const SERVICE_DIRECTORY = path.join(ROOT, 'target', 'node-graphql');
export const RESOLVER_CODE = path.join(ROOT, 'src', 'main', 'resources', 'dev', 'gen2', 'backend', 'data', 'model-resolver.js');
const CODE_BUCKET = 'gen2-data-fixture-code';
export const PASSWORD = 'Passw0rd!local';
const FAKE_SIGNATURE = (service) => `AWS4-HMAC-SHA256 Credential=testing/20200101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

/**
 * The whole local AWS, as `sandbox --local` and the deploy tests run it (dev.gen2.localaws.LocalAws, in a JVM of its
 * own): moto's server with this project's modules, the local Lambda runtime and the GraphQL service, on free ports.
 * It prints the variables to export and the GraphQL endpoint; stop() ends it by its process id, and its shutdown hook
 * stops the rest.
 */
export async function startLocalBackend() {
  const classpath = `${path.join(ROOT, 'target', 'classes')}${path.delimiter}${fs.readFileSync(path.join(ROOT, 'target', 'classpath.txt'), 'utf8').trim()}`;
  const child = spawn('java', ['-cp', classpath, 'dev.gen2.localaws.LocalAws'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', process.env.LOCAL_AWS_LOG ? 'inherit' : 'ignore'],
    env: { ...process.env, LOCAL_AWS_CONFIRMATION_CODE: '123456' },
  });
  const started = await new Promise((resolve, reject) => {
    let printed = '';
    const timer = setTimeout(() => reject(new Error(`the local AWS did not start within 120 s:\n${printed}`)), 120000);
    child.on('exit', (code) => reject(new Error(`the local AWS exited (${code}):\n${printed}`)));
    child.stdout.on('data', (chunk) => {
      printed += chunk;
      const aws = printed.match(/^export AWS_ENDPOINT_URL=(\S+)$/m);
      const graphql = printed.match(/^GraphQL APIs deployed to it: (http:\/\/localhost:(\d+))\/<apiId>\/graphql$/m);
      if (aws && graphql) {
        clearTimeout(timer);
        resolve({ aws: aws[1].replace('localhost', '127.0.0.1'), graphql: graphql[1], graphqlPort: Number(graphql[2]) });
      }
    });
  });
  child.stdout.resume();
  const certificate = await (await fetch(`http://127.0.0.1:${started.graphqlPort}/certificate.pem`)).text();
  return { ...started, certificate, stop: () => { if (child.exitCode === null) process.kill(child.pid); } };
}

async function query(aws, service, parameters) {
  const response = await fetch(`${aws}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: FAKE_SIGNATURE(service) },
    body: new URLSearchParams(parameters).toString(),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${parameters.Action}: HTTP ${response.status} ${text}`);
  return text;
}

function handlerZip(handlerDirectory) {
  return fs.readFileSync(path.join(handlerDirectory, 'index.js'), 'utf8');
}

// A Lambda authorizer for the 'authorized' fixture: lets the token 'let-me-in' in, with a resolver context.
const AUTHORIZER_CODE = `exports.handler = async (event) => ({
  isAuthorized: event.authorizationToken === 'let-me-in',
  resolverContext: { tenant: 'acme' },
  deniedFields: [],
});`;

/**
 * Resolver code with the fixture's identity pool placeholder replaced by the deployed pool's id, as CDK renders a
 * token inside a string: Fn::Join of the parts around it and the pool's Ref.
 */
function withIdentityPoolId(code, placeholder) {
  const parts = code.split(placeholder);
  if (parts.length === 1) return code;
  return { 'Fn::Join': ['', parts.flatMap((part, i) => (i === 0 ? [part] : [{ Ref: 'IdentityPool' }, part]))] };
}

/**
 * The identity pool of the user pool, its guest and authenticated roles, and their appsync:GraphQL grants (the
 * fixture's IdentityPoolGrants) in managed policies, as AuthResource and DataResource deploy them.
 */
function identityPool(resources, grants) {
  resources.IdentityPool = { Type: 'AWS::Cognito::IdentityPool', Properties: {
    AllowUnauthenticatedIdentities: true,
    CognitoIdentityProviders: [{ ClientId: { Ref: 'UserPoolClient' }, ProviderName: { 'Fn::GetAtt': ['UserPool', 'ProviderName'] } }] } };
  const federatedRole = (id, amr) => {
    resources[id] = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{
      Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: 'IdentityPool' } },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr } } }] } } };
  };
  federatedRole('AuthenticatedRole', 'authenticated');
  federatedRole('GuestRole', 'unauthenticated');
  resources.IdentityPoolRoles = { Type: 'AWS::Cognito::IdentityPoolRoleAttachment', Properties: { IdentityPoolId: { Ref: 'IdentityPool' },
    Roles: { authenticated: { 'Fn::GetAtt': ['AuthenticatedRole', 'Arn'] }, unauthenticated: { 'Fn::GetAtt': ['GuestRole', 'Arn'] } } } };
  for (const [id, role, granted] of [['AuthenticatedApiAccess', 'AuthenticatedRole', grants.authenticated], ['GuestApiAccess', 'GuestRole', grants.guest]]) {
    if (!granted.length) continue;
    resources[id] = { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [{ Ref: role }], PolicyDocument: { Version: '2012-10-17', Statement: [{
      Effect: 'Allow', Action: 'appsync:GraphQL',
      Resource: granted.map((grant) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Api', 'Arn'] }, `/types/${grant}`]] })) }] } } };
  }
}

/**
 * The CloudFormation template that deploys fixture `name` as our DataResource deploys it; with `oidc` ({issuer,
 * clientId, iatTTL, authTTL}, as AppSync's OpenIDConnectConfig names them), the API trusts that OpenID Connect issuer too.
 */
export function fixtureTemplate(name, { defaultMode, stackName, oidc }) {
  const directory = path.join(process.env.DATA_FIXTURES, name);
  const plan = JSON.parse(fs.readFileSync(path.join(directory, 'plan.json'), 'utf8'));
  const sdl = fs.readFileSync(path.join(directory, 'schema.graphql'), 'utf8');
  const resources = {};
  const apiId = { 'Fn::GetAtt': ['Api', 'ApiId'] };
  const runtime = { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' };
  const codeLocation = `s3://${CODE_BUCKET}/${stackName}/model-resolver.js`;
  const role = (id) => {
    resources[id] = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } };
    return { 'Fn::GetAtt': [id, 'Arn'] };
  };
  const lambdaFunction = (id, code) => {
    resources[id] = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: role(`${id}Role`), Code: { ZipFile: code }, Timeout: 10 } };
    return { 'Fn::GetAtt': [id, 'Arn'] };
  };
  resources.UserPool = { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: `${stackName}-users`, Policies: { PasswordPolicy: { MinimumLength: 8 } } } };
  resources.UserPoolClient = { Type: 'AWS::Cognito::UserPoolClient', Properties: {
    UserPoolId: { Ref: 'UserPool' }, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } };
  for (const group of ['ADMINS', 'EDITORS', 'OTHERS']) {
    resources[`Group${group}`] = { Type: 'AWS::Cognito::UserPoolGroup', Properties: { UserPoolId: { Ref: 'UserPool' }, GroupName: group } };
  }
  const modes = {
    AMAZON_COGNITO_USER_POOLS: { AuthenticationType: 'AMAZON_COGNITO_USER_POOLS', UserPoolConfig: { UserPoolId: { Ref: 'UserPool' }, AwsRegion: 'us-east-1' } },
    API_KEY: { AuthenticationType: 'API_KEY' },
    AWS_IAM: { AuthenticationType: 'AWS_IAM' },
    AWS_LAMBDA: { AuthenticationType: 'AWS_LAMBDA', LambdaAuthorizerConfig: { AuthorizerUri: { 'Fn::GetAtt': ['Authorizer', 'Arn'] }, AuthorizerResultTtlInSeconds: 0 } },
  };
  if (oidc) {
    const config = { Issuer: oidc.issuer, ClientId: oidc.clientId, IatTTL: oidc.iatTTL, AuthTTL: oidc.authTTL };
    modes.OPENID_CONNECT = { AuthenticationType: 'OPENID_CONNECT',
      OpenIDConnectConfig: Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined)) };
  }
  if (defaultMode === 'AWS_LAMBDA') lambdaFunction('Authorizer', AUTHORIZER_CODE);
  const others = Object.keys(modes).filter((mode) => mode !== defaultMode && (mode !== 'AWS_LAMBDA'));
  const { AuthenticationType, ...defaultConfig } = modes[defaultMode];
  resources.Api = { Type: 'AWS::AppSync::GraphQLApi', Properties: {
    Name: stackName, AuthenticationType, ...defaultConfig, AdditionalAuthenticationProviders: others.map((mode) => modes[mode]) } };
  resources.ApiKey = { Type: 'AWS::AppSync::ApiKey', Properties: { ApiId: apiId } };
  identityPool(resources, plan.identityPoolGrants);
  // a function's execution role granted the whole API, as a function given data access is: an IAM caller outside
  // the identity pool
  resources.ApiCallerRole = { Type: 'AWS::IAM::Role', Properties: {
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    Policies: [{ PolicyName: 'ApiAccess', PolicyDocument: { Version: '2012-10-17', Statement: [{
      Effect: 'Allow', Action: 'appsync:GraphQL', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Api', 'Arn'] }, '/types/*']] } }] } }] } };
  // a key that expired an hour ago, for the tests of what an expired key gets
  resources.ExpiredApiKey = { Type: 'AWS::AppSync::ApiKey', Properties: { ApiId: apiId, Expires: Math.floor(Date.now() / 1000) - 3600 } };
  resources.Schema = { Type: 'AWS::AppSync::GraphQLSchema', Properties: { ApiId: apiId, Definition: sdl } };
  const appSyncFunction = (id, dataSourceId) => {
    resources[id] = { Type: 'AWS::AppSync::FunctionConfiguration', Properties: {
      ApiId: apiId, Name: id, DataSourceName: { 'Fn::GetAtt': [dataSourceId, 'Name'] }, Runtime: runtime, CodeS3Location: codeLocation } };
    return { 'Fn::GetAtt': [id, 'FunctionId'] };
  };
  const resolver = (typeName, fieldName, code, functionId) => {
    resources[`${typeName}${fieldName}Resolver`] = { Type: 'AWS::AppSync::Resolver', DependsOn: ['Schema'], Properties: {
      ApiId: apiId, TypeName: typeName, FieldName: fieldName, Kind: 'PIPELINE', PipelineConfig: { Functions: [functionId] }, Runtime: runtime,
      Code: withIdentityPoolId(code, plan.identityPoolIdPlaceholder) } };
  };
  resources.NoneDataSource = { Type: 'AWS::AppSync::DataSource', Properties: { ApiId: apiId, Name: 'NoneDataSource', Type: 'NONE' } };
  const subscriptionFunction = appSyncFunction('SubscriptionFunction', 'NoneDataSource');
  for (const [model, definition] of Object.entries(plan.models)) {
    const attributes = {};
    // the first hashKeys attributes are the partition key (several with multi-attribute keys), the rest the sort key
    const keySchema = (keys, types, hashKeys = 1) => keys.map((key, i) => {
      attributes[key] = types[i];
      return { AttributeName: key, KeyType: i < hashKeys ? 'HASH' : 'RANGE' };
    });
    const table = { TableName: `${stackName}-${model}`, BillingMode: 'PAY_PER_REQUEST', KeySchema: keySchema(definition.keys, definition.keyTypes, definition.hashKeys) };
    if (definition.indexes.length) {
      table.GlobalSecondaryIndexes = definition.indexes.map((index) => ({
        IndexName: index.name, KeySchema: keySchema(index.keys, index.keyTypes, index.hashKeys), Projection: { ProjectionType: 'ALL' } }));
    }
    table.AttributeDefinitions = Object.entries(attributes).map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
    resources[`${model}Table`] = { Type: 'AWS::DynamoDB::Table', Properties: table };
    resources[`${model}DataSource`] = { Type: 'AWS::AppSync::DataSource', Properties: {
      ApiId: apiId, Name: `${model}Table`, Type: 'AMAZON_DYNAMODB', DynamoDBConfig: { TableName: { Ref: `${model}Table` }, AwsRegion: 'us-east-1' } } };
    const operations = appSyncFunction(`${model}Operations`, `${model}DataSource`);
    for (const r of definition.resolvers) resolver(r.typeName, r.fieldName, r.code, r.subscription ? subscriptionFunction : operations);
  }
  const handlers = new Map();
  for (const operation of plan.operations || []) {
    if (!handlers.has(operation.handler)) {
      const id = `Handler${handlers.size}`;
      const arn = lambdaFunction(`${id}Function`, handlerZip(operation.handler));
      resources[`${id}DataSource`] = { Type: 'AWS::AppSync::DataSource', Properties: {
        ApiId: apiId, Name: `${id}LambdaDataSource`, Type: 'AWS_LAMBDA', LambdaConfig: { LambdaFunctionArn: arn } } };
      handlers.set(operation.handler, appSyncFunction(`${id}AppSyncFunction`, `${id}DataSource`));
    }
    resolver(operation.typeName, operation.fieldName, operation.code, handlers.get(operation.handler));
  }
  const outputs = {
    ApiId: { Value: apiId }, ApiKey: { Value: { 'Fn::GetAtt': ['ApiKey', 'ApiKey'] } },
    ExpiredApiKey: { Value: { 'Fn::GetAtt': ['ExpiredApiKey', 'ApiKey'] } },
    UserPoolId: { Value: { Ref: 'UserPool' } }, UserPoolClientId: { Value: { Ref: 'UserPoolClient' } },
    IdentityPoolId: { Value: { Ref: 'IdentityPool' } }, ApiCallerRoleArn: { Value: { 'Fn::GetAtt': ['ApiCallerRole', 'Arn'] } },
  };
  if (plan.operations?.length) outputs.FirstHandlerArn = { Value: { 'Fn::GetAtt': ['Handler0Function', 'Arn'] } };
  return { template: { AWSTemplateFormatVersion: '2010-09-09', Resources: resources, Outputs: outputs }, plan, sdl };
}

/**
 * Deploys fixture `name` to the backend through CloudFormation and returns what a client needs: the API's id and
 * URL, its API key, the user pool and its client, the fixture's SDL, plan and model introspection. `oidc` adds
 * an OpenID Connect mode (see fixtureTemplate).
 */
export async function deployFixture(backend, name, { defaultMode = 'AMAZON_COGNITO_USER_POOLS', oidc } = {}) {
  const stackName = `data-${name}-${Math.random().toString(36).slice(2, 8)}`;
  const { template, plan, sdl } = fixtureTemplate(name, { defaultMode, stackName, oidc });
  await fetch(`${backend.aws}/${CODE_BUCKET}`, { method: 'PUT', headers: { authorization: FAKE_SIGNATURE('s3') } });
  const put = await fetch(`${backend.aws}/${CODE_BUCKET}/${stackName}/model-resolver.js`, {
    method: 'PUT', headers: { authorization: FAKE_SIGNATURE('s3') }, body: fs.readFileSync(RESOLVER_CODE) });
  if (!put.ok) throw new Error(`uploading the resolver code: HTTP ${put.status}`);
  await query(backend.aws, 'cloudformation', { Action: 'CreateStack', Version: '2010-05-15', StackName: stackName, TemplateBody: JSON.stringify(template), 'Capabilities.member.1': 'CAPABILITY_IAM' });
  let described;
  for (let attempt = 0; attempt < 100; attempt++) {
    described = await query(backend.aws, 'cloudformation', { Action: 'DescribeStacks', Version: '2010-05-15', StackName: stackName });
    if (!/<StackStatus>[A-Z_]*IN_PROGRESS<\/StackStatus>/.test(described)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!/<StackStatus>CREATE_COMPLETE<\/StackStatus>/.test(described)) throw new Error(`the stack ${stackName} was not created:\n${described}`);
  const outputs = Object.fromEntries([...described.matchAll(/<OutputKey>([^<]+)<\/OutputKey>\s*<OutputValue>([^<]*)<\/OutputValue>/g)].map((m) => [m[1], m[2]]));
  const introspection = JSON.parse(fs.readFileSync(path.join(process.env.DATA_FIXTURES, name, 'modelIntrospection.json'), 'utf8'));
  return {
    stackName, plan, sdl, introspection, ...outputs,
    url: `${backend.graphql}/${outputs.ApiId}/graphql`,
    tableName: (model) => `${stackName}-${model}`,
  };
}

/** Signs `username` up in the fixture's user pool (in `groups`) and in; its tokens and its sub. */
export async function signIn(backend, deployed, username, groups = []) {
  const client = new idp.CognitoIdentityProviderClient({ endpoint: backend.aws, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  const exists = await client.send(new idp.AdminGetUserCommand({ UserPoolId: deployed.UserPoolId, Username: username })).then(() => true, () => false);
  if (!exists) {
    await client.send(new idp.SignUpCommand({ ClientId: deployed.UserPoolClientId, Username: username, Password: PASSWORD }));
    await client.send(new idp.AdminConfirmSignUpCommand({ UserPoolId: deployed.UserPoolId, Username: username }));
    for (const group of groups) {
      await client.send(new idp.AdminAddUserToGroupCommand({ UserPoolId: deployed.UserPoolId, Username: username, GroupName: group }));
    }
  }
  const { AuthenticationResult } = await client.send(new idp.InitiateAuthCommand({
    ClientId: deployed.UserPoolClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }));
  const claims = JSON.parse(Buffer.from(AuthenticationResult.AccessToken.split('.')[1], 'base64url').toString('utf8'));
  return { username, sub: claims.sub, owner: `${claims.sub}::${username}`, accessToken: AuthenticationResult.AccessToken, idToken: AuthenticationResult.IdToken };
}

/**
 * POSTs a GraphQL request with these headers (or the headers `headers(url, body)` resolves to: a request signed with
 * SigV4); the HTTP status and the JSON answer.
 */
export async function post(url, headers, query, variables = {}) {
  const body = JSON.stringify({ query, variables });
  const sent = typeof headers === 'function' ? await headers(url, body) : { 'content-type': 'application/json', ...headers };
  const response = await fetch(url, { method: 'POST', headers: sent, body });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const serviceRequire = createRequire(path.join(SERVICE_DIRECTORY, 'node_modules', '/'));
const WebSocket = serviceRequire('ws');

async function cognitoIdentity(backend, operation, parameters) {
  // GetId and GetCredentialsForIdentity are unsigned calls, as aws-amplify makes them
  const response = await fetch(`${backend.aws}/`, { method: 'POST', headers: {
    'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityService.${operation}` }, body: JSON.stringify(parameters) });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${operation}: HTTP ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/**
 * Credentials from the deployed identity pool: a guest's, or (with the user's ID token) a signed-in user's, as
 * GetId and GetCredentialsForIdentity give them. {accessKeyId, secretAccessKey, sessionToken, identityId}.
 */
export async function identityPoolCredentials(backend, deployed, idToken) {
  const Logins = idToken ? { [`cognito-idp.us-east-1.amazonaws.com/${deployed.UserPoolId}`]: idToken } : undefined;
  const { IdentityId } = await cognitoIdentity(backend, 'GetId', { IdentityPoolId: deployed.IdentityPoolId, Logins });
  const { Credentials } = await cognitoIdentity(backend, 'GetCredentialsForIdentity', { IdentityId, Logins });
  return { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretKey, sessionToken: Credentials.SessionToken, identityId: IdentityId };
}

/** Credentials acting as an IAM role (a function's execution role), as the local Lambda runtime gets them. */
export async function roleCredentials(backend, roleArn) {
  const response = await fetch(`${backend.aws}/_gen2/credentials/role`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roleArn, sessionName: 'data-test' }) });
  const answer = await response.json();
  if (!response.ok) throw new Error(`credentials for ${roleArn}: HTTP ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** The headers of a GraphQL request signed with these credentials for appsync (SigV4, @smithy/signature-v4). */
export function signedWith(credentials) {
  const { SignatureV4 } = serviceRequire('@smithy/signature-v4');
  const { Sha256 } = serviceRequire('@aws-crypto/sha256-js');
  const signer = new SignatureV4({ service: 'appsync', region: 'us-east-1', sha256: Sha256, credentials: {
    accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken } });
  return async (url, body) => {
    const target = new URL(url);
    const signed = await signer.sign({ method: 'POST', protocol: target.protocol, hostname: target.hostname, port: Number(target.port),
      path: target.pathname, query: {}, headers: { host: target.host, 'content-type': 'application/json' }, body });
    const { host, ...headers } = signed.headers; // fetch sends the same host itself
    return headers;
  };
}

/**
 * The WebSocket class a browser has, for aws-amplify in Node 20 (which has none), trusting the service's local
 * certificate: aws-amplify 6 always opens wss:// for subscriptions.
 */
export function browserWebSocket(backend) {
  return class extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols, { ca: backend.certificate });
    }
  };
}

/**
 * A subscription over AppSync's real-time protocol, as a client speaks it: connects to <url>/realtime with the
 * authorization headers in the `header` query parameter, starts `query`, and collects what arrives. `started`
 * resolves with the start_ack or error message; `next()` waits for the next data message.
 */
export async function subscribe(url, headers, query, variables = {}) {
  const header = Buffer.from(JSON.stringify({ host: new URL(url).host, ...headers })).toString('base64');
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/realtime?header=${header}&payload=e30=`, 'graphql-ws');
  const received = [];
  const waiting = [];
  socket.on('message', (raw) => {
    const message = JSON.parse(raw.toString());
    received.push(message);
    for (const waiter of waiting.splice(0)) waiter();
  });
  const waitFor = async (predicate, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = received.find(predicate);
      if (found) {
        received.splice(received.indexOf(found), 1);
        return found;
      }
      if (Date.now() > deadline) return null;
      await new Promise((resolve) => { waiting.push(resolve); setTimeout(resolve, Math.max(1, deadline - Date.now())); });
    }
  };
  await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
  socket.send(JSON.stringify({ type: 'connection_init' }));
  const ack = await waitFor((m) => m.type === 'connection_ack' || m.type === 'connection_error');
  if (ack?.type !== 'connection_ack') {
    socket.close();
    return { connectionError: ack, close: () => {} };
  }
  socket.send(JSON.stringify({ id: '1', type: 'start', payload: { data: JSON.stringify({ query, variables }), extensions: { authorization: { host: new URL(url).host, ...headers } } } }));
  const started = await waitFor((m) => m.id === '1' && (m.type === 'start_ack' || m.type === 'error'));
  return {
    ack,
    started,
    next: (timeoutMs) => waitFor((m) => m.type === 'data', timeoutMs),
    close: () => socket.close(),
  };
}
