'use strict';
// The Lambda entry point gen2-backend puts beside a function's code. On a cold start it fills in the environment
// variables whose values live in SSM (AMPLIFY_SSM_ENV_CONFIG: name -> {path, sharedPath}), then loads the
// function's own handler (GEN2_HANDLER, such as index.handler) and hands every invocation to it.
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const { readSsmValues } = require('./ssm-values.js');

/** Sets each configured variable from its parameter: the backend's own path first, then the shared one. */
async function resolveSsmEnvironment(config, ssm, GetParametersCommand) {
  if (Object.keys(config).length === 0) {
    return;
  }
  const values = await readSsmValues(config, ssm, GetParametersCommand, (names) => {
    throw new Error(`These SSM parameters could not be read: ${names.map((n) => `${n} (${config[n].path})`).join(', ')}`);
  });
  Object.assign(process.env, values);
}

async function loadHandler(directory, spec) {
  const dot = spec.lastIndexOf('.');
  const modulePath = spec.slice(0, dot);
  const exportName = spec.slice(dot + 1);
  const extension = ['.js', '.mjs', '.cjs'].find((ext) => fs.existsSync(path.join(directory, modulePath + ext)));
  if (!extension) {
    throw new Error(`The handler module ${modulePath} (.js, .mjs or .cjs) is not in the function's code`);
  }
  const file = path.join(directory, modulePath + extension);
  const loaded = extension === '.mjs' ? await import(pathToFileURL(file).href) : require(file);
  const handler = loaded[exportName] ?? (loaded.default && loaded.default[exportName]);
  if (typeof handler !== 'function') {
    throw new Error(`The handler ${spec} is not a function exported by ${modulePath}${extension}`);
  }
  if (handler.length >= 3) {
    return (event, context) => new Promise((resolve, reject) =>
      handler(event, context, (error, result) => (error ? reject(error) : resolve(result))));
  }
  return handler;
}

async function prepare() {
  const config = JSON.parse(process.env.AMPLIFY_SSM_ENV_CONFIG || '{}');
  if (Object.keys(config).length > 0) {
    const { SSMClient, GetParametersCommand } = require('@aws-sdk/client-ssm');
    await resolveSsmEnvironment(config, new SSMClient({}), GetParametersCommand);
  }
  return loadHandler(__dirname, process.env.GEN2_HANDLER || 'index.handler');
}

let ready;
exports.handler = async (event, context) => {
  ready = ready || prepare().catch((error) => {
    ready = undefined;
    throw error;
  });
  const handler = await ready;
  return handler(event, context);
};
exports.resolveSsmEnvironment = resolveSsmEnvironment;
