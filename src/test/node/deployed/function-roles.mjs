// A deployed function's grants, checked from outside the function: the local AWS issues credentials acting as the
// function's role (POST /_gen2/credentials/role, the route the local Lambda runtime signs a function's calls with),
// and a test makes the calls the function could make, allowed or denied by the role's policies as IAM decides.
import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { LambdaClient, ListFunctionsCommand } = require('@aws-sdk/client-lambda');
const { SignatureV4 } = require('@smithy/signature-v4');

/** The credentials a deployed function's calls are signed with, for the function whose name matches the pattern. */
export async function functionRoleCredentials(endpoint, namePattern) {
  const lambda = new LambdaClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  const functions = (await lambda.send(new ListFunctionsCommand({}))).Functions;
  const deployed = functions.find((fn) => namePattern.test(fn.FunctionName));
  if (!deployed) throw new Error(`no function matching ${namePattern} among ${functions.map((fn) => fn.FunctionName)}`);
  const response = await fetch(`${endpoint}/_gen2/credentials/role`, {
    method: 'POST', body: JSON.stringify({ roleArn: deployed.Role, sessionName: deployed.FunctionName }),
  });
  if (!response.ok) throw new Error(`credentials for ${deployed.Role}: HTTP ${response.status} ${await response.text()}`);
  const issued = await response.json();
  return { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken };
}

/** SHA-256 (HMAC with a secret) in the shape SignatureV4 expects, from node:crypto. */
class Sha256 {
  constructor(secret) {
    this.hash = secret ? createHmac('sha256', secret) : createHash('sha256');
  }

  update(data) {
    this.hash.update(data);
  }

  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

/** A GraphQL request signed with SigV4 for appsync, as a backend function with data access sends it. */
export async function signedGraphql(url, credentials, query, variables = {}) {
  const target = new URL(url);
  const body = JSON.stringify({ query, variables });
  const signer = new SignatureV4({ service: 'appsync', region: 'us-east-1', sha256: Sha256, credentials });
  const signed = await signer.sign({ method: 'POST', protocol: target.protocol, hostname: target.hostname,
    port: target.port ? Number(target.port) : undefined, path: target.pathname, query: {},
    headers: { host: target.host, 'content-type': 'application/json' }, body });
  const { host, ...headers } = signed.headers; // fetch sends the same host itself
  return (await fetch(url, { method: 'POST', headers, body })).json();
}
