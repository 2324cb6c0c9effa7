// aws-amplify 6 as an app configures it against `sandbox --local`: from the amplify_outputs.json the sandbox wrote
// (AMPLIFY_OUTPUTS), then with the Cognito endpoints pointed at the local AWS (LOCAL_AWS_ENDPOINT), as the sandbox
// prints them. The client is the real one, from AMPLIFY6_MODULES.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export const amplifyRequire = createRequire(path.join(process.env.AMPLIFY6_MODULES, 'noop.js'));
const { Amplify } = amplifyRequire('aws-amplify');

/** Configures the client for the local backend and returns the outputs it was configured from. */
export function configureForLocalBackend() {
  const outputs = JSON.parse(readFileSync(process.env.AMPLIFY_OUTPUTS, 'utf8'));
  const endpoint = process.env.LOCAL_AWS_ENDPOINT;
  Amplify.configure(outputs);
  const config = Amplify.getConfig();
  Amplify.configure({
    ...config,
    Auth: { ...config.Auth, Cognito: { ...config.Auth.Cognito, userPoolEndpoint: endpoint, identityPoolEndpoint: endpoint } },
  });
  return outputs;
}
