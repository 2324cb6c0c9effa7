'use strict';
// The Custom::AmplifySecretFetcherResource of a backend: reads the secrets an auth provider needs from SSM at deploy
// time (the backend's parameter first, then the app's shared one) and hands them to CloudFormation with NoEcho, so
// they never appear in a template, an output or the console's events.
const { SSMClient, GetParametersCommand } = require('@aws-sdk/client-ssm');

const { readSsmValues } = require('./ssm-values.js');

/** secrets: [{name, path, sharedPath}] -> {name: value}; fails naming the first secret found nowhere. */
async function fetchSecrets(ssm, secrets, backend) {
  const config = Object.fromEntries(secrets.map((s) => [s.name, { path: s.path, sharedPath: s.sharedPath }]));
  return readSsmValues(config, ssm, GetParametersCommand, ([name]) => {
    throw new Error(`Unable to find backend secret for backend '${backend.namespace}', branch '${backend.name}',`
      + ` name '${name}'. Set it at ${config[name].path} (or ${config[name].sharedPath} for every environment).`);
  });
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
