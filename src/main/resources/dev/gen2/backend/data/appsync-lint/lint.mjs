// Checks APPSYNC_JS resolver files with AppSync's recommended ESLint rules (@aws-appsync/eslint-plugin), which need
// the TypeScript project service to know the types of what the code calls. Usage: node lint.mjs FILE...
// Prints a JSON array of {file, line, column, rule, message}, one entry per problem (empty when all pass).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import appsync from '@aws-appsync/eslint-plugin';

const files = process.argv.slice(2).map((file) => path.resolve(file));
// The plugin's type-aware rules need a TypeScript project that includes the files: a temporary directory holds a
// copy of each (numbered, so two files of the same name in different directories do not collide).
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gen2-appsync-lint-'));
const copies = new Map();
files.forEach((file, index) => {
  const copy = `f${index}-${path.basename(file).replace(/\.(mjs|js)$/, '')}.js`;
  fs.copyFileSync(file, path.join(directory, copy));
  copies.set(path.join(directory, copy), file);
});
fs.writeFileSync(path.join(directory, 'tsconfig.json'), JSON.stringify({
  compilerOptions: { allowJs: true, noEmit: true, module: 'esnext', target: 'es2022', moduleResolution: 'bundler' },
  include: ['*.js'],
}));
const eslint = new ESLint({
  cwd: directory,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['*.js'], languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: directory } } },
    { files: ['*.js'], ...appsync.configs.recommended },
  ],
});
try {
  const results = await eslint.lintFiles(['*.js']);
  const problems = results.flatMap((result) => result.messages.map((message) => ({
    file: copies.get(result.filePath), line: message.line ?? 1, column: message.column ?? 1,
    rule: message.ruleId ?? 'syntax', message: message.message,
  })));
  process.stdout.write(JSON.stringify(problems));
} finally {
  fs.rmSync(directory, { recursive: true, force: true });
}
