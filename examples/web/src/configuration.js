// How the app finds its backend. Both files are fetched when the page starts, from the app's own folder, so that one
// build is pointed at any backend by the files beside it instead of being rebuilt:
//   amplify_outputs.json  what the sandbox writes (`sandbox --outputs-out-dir examples/web/public`), local or AWS;
//   local-aws.json        only for `sandbox --local`: {"endpoint": "http://127.0.0.1:20000"}, which adds the lines
//                         the sandbox prints (the local Cognito endpoints and the storage testing option).
// Against AWS there is no local-aws.json, and the outputs alone configure the app.
import { Amplify } from 'aws-amplify';

export const OUTPUTS_FILE = 'amplify_outputs.json';
export const LOCAL_AWS_FILE = 'local-aws.json';

/** A configuration the app cannot start with, said in one line: what, where, how to fix. */
export class ConfigurationError extends Error {}

/** Configures Amplify from the files beside the page; returns the local AWS's endpoint, or null on AWS. */
export async function configureAmplify(base = import.meta.env.BASE_URL) {
  const outputs = await fetchJson(base + OUTPUTS_FILE);
  if (!outputs) {
    throw new ConfigurationError(`${base}${OUTPUTS_FILE} is missing: deploy the backend with `
      + '`sandbox --local --outputs-out-dir examples/web/public` (or copy its amplify_outputs.json there), then reload.');
  }
  Amplify.configure(outputs);
  const local = await fetchJson(base + LOCAL_AWS_FILE);
  if (!local) {
    return null;
  }
  if (typeof local.endpoint !== 'string' || !/^https?:\/\//.test(local.endpoint)) {
    throw new ConfigurationError(`${base}${LOCAL_AWS_FILE} has no "endpoint" URL: write it with `
      + '`npm run use-local-aws`, or delete it to use the backend on AWS.');
  }
  Amplify.configure(withLocalAws(Amplify.getConfig(), local.endpoint));
  return local.endpoint;
}

/** The configuration `sandbox --local` prints: Cognito at the local endpoint, S3 at the local S3 port. */
export function withLocalAws(config, endpoint) {
  return {
    ...config,
    Auth: {
      ...config.Auth,
      Cognito: { ...config.Auth?.Cognito, userPoolEndpoint: endpoint, identityPoolEndpoint: endpoint },
    },
    ...(config.Storage?.S3
      ? { Storage: { ...config.Storage, S3: { ...config.Storage.S3, dangerouslyConnectToHttpEndpointForTesting: 'true' } } }
      : {}),
  };
}

/**
 * The file's JSON, or null when there is none. A development server answers a missing file with the page itself
 * (for client-side routes), so only a JSON answer counts.
 */
async function fetchJson(url) {
  const response = await fetch(url, { cache: 'no-store' });
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || !type.includes('json')) {
    return null;
  }
  try {
    return await response.json();
  } catch (error) {
    throw new ConfigurationError(`${url} is not valid JSON (${error.message}): write it again.`);
  }
}
