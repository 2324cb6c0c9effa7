'use strict';
// Reads values gen2-backend keeps in SSM: for each name, the backend's parameter (path), or failing that the app's
// shared one (sharedPath). Used by functions at cold start (gen2-runtime.js) and by the secret fetcher at deploy time.
const BATCH = 10;

async function fetchParameters(ssm, GetParametersCommand, paths) {
  const values = new Map();
  for (let i = 0; i < paths.length; i += BATCH) {
    const response = await ssm.send(new GetParametersCommand({ Names: paths.slice(i, i + BATCH), WithDecryption: true }));
    for (const parameter of response.Parameters || []) {
      values.set(parameter.Name, parameter.Value);
    }
  }
  return values;
}

/**
 * config: {name: {path, sharedPath?}} -> {name: value}. Names found under neither path are passed to missing(list)
 * as "NAME (path)" entries, which must throw.
 */
async function readSsmValues(config, ssm, GetParametersCommand, missing) {
  const names = Object.keys(config);
  const primary = await fetchParameters(ssm, GetParametersCommand, [...new Set(names.map((n) => config[n].path))]);
  const fallbacks = names.filter((n) => !primary.has(config[n].path) && config[n].sharedPath).map((n) => config[n].sharedPath);
  const shared = fallbacks.length > 0 ? await fetchParameters(ssm, GetParametersCommand, [...new Set(fallbacks)]) : new Map();
  const values = {};
  const notFound = [];
  for (const name of names) {
    const value = primary.get(config[name].path) ?? shared.get(config[name].sharedPath);
    if (value === undefined) {
      notFound.push(name);
    } else {
      values[name] = value;
    }
  }
  if (notFound.length > 0) {
    missing(notFound);
  }
  return values;
}

module.exports = { readSsmValues };
