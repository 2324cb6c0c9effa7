// The resolver code we deploy stays within what the APPSYNC_JS runtime allows: the shared function code and every
// resolver's own code of each schema the Java tests wrote pass the recommended rules of @aws-appsync/eslint-plugin
// (no recursion, no classic loops, no try/catch, no regular expressions, only the allowed built-in methods...).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(process.env.DATA_TEST_MODULES + '/');
const RESOLVER_CODE = path.resolve(import.meta.dirname, '../../main/resources/dev/gen2/backend/data/model-resolver.js');
const { ESLint } = require('eslint');
const appsync = require('@aws-appsync/eslint-plugin');

async function lint(files) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gen2-appsync-lint-'));
  fs.writeFileSync(path.join(directory, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { allowJs: true, noEmit: true, module: 'esnext', target: 'es2022', moduleResolution: 'bundler' },
    include: ['*.js'],
  }));
  for (const [name, code] of Object.entries(files)) {
    fs.writeFileSync(path.join(directory, name), code);
  }
  const eslint = new ESLint({
    cwd: directory,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['*.js'], languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: directory } } },
      { files: ['*.js'], ...appsync.configs.recommended },
    ],
  });
  return eslint.lintFiles(['*.js']);
}

function problems(results) {
  return results.flatMap((result) => result.messages.map((message) =>
    `${path.basename(result.filePath)}:${message.line} ${message.ruleId}: ${message.message}`));
}

test('the plugin catches what APPSYNC_JS refuses, so a clean result means something', async () => {
  const results = await lint({ 'bad.js': 'export function request(ctx) { let i = 0; while (i < 3) { i++; } return request(ctx); }\n' });
  const found = problems(results).join('\n');
  assert.match(found, /no-while/);
  assert.match(found, /no-recursion/);
  assert.match(found, /no-disallowed-unary-operators/);
});

test('the shared model function and every resolver of every schema pass the APPSYNC_JS rules', async () => {
  const files = { 'model-resolver.js': fs.readFileSync(RESOLVER_CODE, 'utf8') };
  for (const fixture of fs.readdirSync(process.env.DATA_FIXTURES)) {
    const plan = JSON.parse(fs.readFileSync(path.join(process.env.DATA_FIXTURES, fixture, 'plan.json'), 'utf8'));
    for (const model of Object.values(plan.models)) {
      for (const resolver of model.resolvers) {
        files[`${fixture}-${resolver.typeName}-${resolver.fieldName}.js`] = resolver.code;
      }
    }
  }
  const results = await lint(files);
  assert.equal(results.length, Object.keys(files).length);
  assert.deepEqual(problems(results), []);
});
