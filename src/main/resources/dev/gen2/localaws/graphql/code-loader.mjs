// Loads APPSYNC_JS code as an ES module whose '@aws-appsync/utils' import is this service's runtime
// (appsync-utils.mjs). The same code text is loaded once.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const runtimeUrl = pathToFileURL(path.join(import.meta.dirname, 'appsync-utils.mjs')).href;
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gen2-graphql-code-'));
const loaded = new Map();

export function removeLoadedCode() {
  fs.rmSync(directory, { recursive: true, force: true });
}

/** The module of `code`: {request, response}. */
export function loadCode(code) {
  const hash = crypto.createHash('sha256').update(code).digest('hex');
  if (!loaded.has(hash)) {
    const file = path.join(directory, `${hash}.mjs`);
    fs.writeFileSync(file, code.replace(/(['"])@aws-appsync\/utils\1/g, `'${runtimeUrl}'`));
    loaded.set(hash, import(pathToFileURL(file).href));
  }
  return loaded.get(hash);
}
