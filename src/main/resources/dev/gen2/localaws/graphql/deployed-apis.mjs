// The APIs deployed to the local AWS, as GET /_gen2/appsync describes them: asked again before each request with
// the version held (a cheap answer when nothing changed); an API is rebuilt only when its own definition changed.
import { DeployedApi } from './api.mjs';

export function deployedApis(aws, services) {
  let version = null;
  let definitions = new Map();
  const built = new Map(); // apiId -> {text, api: Promise<DeployedApi>}
  let refreshing = null;

  async function refresh() {
    const response = await fetch(`${aws}/_gen2/appsync?since=${version ?? ''}`);
    if (!response.ok) throw new Error(`the local AWS answered ${response.status} for /_gen2/appsync`);
    const state = await response.json();
    if (state.apis) {
      definitions = new Map(state.apis.map((api) => [api.apiId, api]));
      for (const apiId of built.keys()) if (!definitions.has(apiId)) built.delete(apiId);
    }
    version = state.version;
  }

  /** The API with this id, loaded, or null when none is deployed. */
  return async function api(apiId) {
    refreshing ??= refresh().finally(() => { refreshing = null; });
    await refreshing;
    const definition = definitions.get(apiId);
    if (!definition) return null;
    const text = JSON.stringify(definition);
    if (built.get(apiId)?.text !== text) {
      const loading = new DeployedApi(definition, services).load();
      built.set(apiId, { text, api: loading });
      loading.catch(() => built.delete(apiId));
    }
    return built.get(apiId).api;
  };
}
