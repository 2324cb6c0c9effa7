// Points the app at the local AWS of `sandbox --local`, or back at AWS, through local-aws.json beside the outputs:
//   npm run use-local-aws [-- <endpoint> [<folder>]]   endpoint: http://127.0.0.1:20000; folder: public (or dist)
//   npm run use-aws       [-- <folder>]                removes it: the outputs alone, for a sandbox on AWS
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [command, ...args] = process.argv.slice(2);

function useLocalAws(endpoint = 'http://127.0.0.1:20000', folder = 'public') {
  if (!/^https?:\/\/[^/]+\/?$/.test(endpoint)) {
    fail(`"${endpoint}" is not an endpoint like http://127.0.0.1:20000 (what the sandbox prints as AWS_ENDPOINT_URL)`);
  }
  const file = path.join(folder, 'local-aws.json');
  writeFileSync(file, `${JSON.stringify({ endpoint: endpoint.replace(/\/$/, '') }, null, 2)}\n`);
  console.log(`${file}: the app uses the local AWS at ${endpoint}`);
  if (!existsSync(path.join(folder, 'amplify_outputs.json'))) {
    console.log(`no ${path.join(folder, 'amplify_outputs.json')} yet: run the sandbox with --outputs-out-dir ${folder}`);
  }
}

function useAws(folder = 'public') {
  const file = path.join(folder, 'local-aws.json');
  rmSync(file, { force: true });
  console.log(`${file} removed: the app uses ${path.join(folder, 'amplify_outputs.json')} alone`);
}

function fail(message) {
  console.error(`use-local-aws: ${message}`);
  process.exit(2);
}

if (command === 'local') {
  useLocalAws(...args);
} else if (command === 'aws') {
  useAws(...args);
} else {
  fail('usage: node scripts/use-local-aws.mjs local [endpoint] [folder] | aws [folder]');
}
