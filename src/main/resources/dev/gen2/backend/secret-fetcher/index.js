'use strict';
// The Custom::AmplifySecretFetcherResource of a backend: reads the secrets an auth provider needs from SSM at deploy
// time (the backend's parameter first, then the app's shared one) and hands them to CloudFormation with NoEcho, so
// they never appear in a template, an output or the console's events.
const { SSMClient, GetParametersCommand } = require('@aws-sdk/client-ssm');

const BATCH = 10;

async function read(ssm, paths) {
  const values = new Map();
  for (let i = 0; i < paths.length; i += BATCH) {
    const response = await ssm.send(new GetParametersCommand({ Names: paths.slice(i, i + BATCH), WithDecryption: true }));
    for (const parameter of response.Parameters || []) {
      values.set(parameter.Name, parameter.Value);
    }
  }
  return values;
}

/** secrets: [{name, path, sharedPath}] -> {name: value}; fails naming the first secret found nowhere. */
async function fetchSecrets(ssm, secrets, backend) {
  const primary = await read(ssm, secrets.map((s) => s.path));
  const shared = await read(ssm, secrets.filter((s) => !primary.has(s.path)).map((s) => s.sharedPath));
  const data = {};
  for (const secret of secrets) {
    const value = primary.get(secret.path) ?? shared.get(secret.sharedPath);
    if (value === undefined) {
      throw new Error(`Unable to find backend secret for backend '${backend.namespace}', branch '${backend.name}',`
        + ` name '${secret.name}'. Set it at ${secret.path} (or ${secret.sharedPath} for every environment).`);
    }
    data[secret.name] = value;
  }
  return data;
}

async function handleEvent(event, ssm) {
  const props = event.ResourceProperties;
  const physicalId = event.PhysicalResourceId || `${props.namespace}-${props.name}-${props.type}-secrets`;
  if (event.RequestType === 'Delete') {
    return { PhysicalResourceId: physicalId };
  }
  const data = await fetchSecrets(ssm, props.secrets, props);
  return { PhysicalResourceId: physicalId, Data: data, NoEcho: true };
}

exports.handler = async (event) => handleEvent(event, new SSMClient({}));
exports.handleEvent = handleEvent;
