// AppSync's real-time protocol over WebSocket (subprotocol graphql-ws), as aws-amplify speaks it: the connection's
// authorization comes in the `header` query parameter or a `header-<base64url>` subprotocol; then connection_init /
// connection_ack (with connectionTimeoutMs) and keep-alives (ka); start (authorized by payload.extensions.authorization)
// / start_ack / data / error; stop / complete. Mutation results are published to the matching subscriptions.
import { appSyncError } from './api.mjs';
import { passes, SubscriptionFilterError } from './subscription-filters.mjs';

const CONNECTION_TIMEOUT_MS = 300000;
const KEEP_ALIVE_MS = 60000;

function lowerCaseKeys(object) {
  return Object.fromEntries(Object.entries(object || {}).map(([k, v]) => [k.toLowerCase(), v]));
}

function decodeJson(text) {
  try {
    return JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    return null;
  }
}

export function realtime({ apis, authenticateRequest }) {
  const live = new Set(); // {apiId, api, fieldName, filter, args, request, caller, send}

  /** The connection's authorization headers, from the query string or the header-<...> subprotocol. */
  function connectionHeaders(url, protocols) {
    const fromQuery = url.searchParams.get('header');
    if (fromQuery) return decodeJson(fromQuery) || {};
    const protocol = protocols.find((p) => p.startsWith('header-'));
    return protocol ? decodeJson(protocol.slice('header-'.length).replace(/-/g, '+').replace(/_/g, '/')) || {} : {};
  }

  /** Serves one WebSocket connection to the API `apiId`. */
  async function accept(socket, apiId, url, protocols, sourceIp) {
    const send = (message) => socket.readyState === 1 && socket.send(JSON.stringify(message));
    const mine = new Map();
    // a stop that arrives while its start is still being authorized or resolved: that start then adds nothing
    const starting = new Set();
    const stoppedEarly = new Set();
    let keepAlive = null;
    let closed = false;
    socket.on('close', () => { // attached first: a close during the authorization below must count too
      closed = true;
      clearInterval(keepAlive);
      for (const subscription of mine.values()) live.delete(subscription);
      mine.clear();
    });
    const connection = { send, mine, starting, stoppedEarly, isOpen: () => !closed };
    // messages may arrive while the connection is still being authorized: they wait for it
    const pending = [];
    let handle = (raw) => pending.push(raw);
    socket.on('message', (raw) => handle(raw));
    const api = await apis(apiId).catch(() => null);
    const connectionError = (error) => {
      send({ type: 'connection_error', payload: { errors: [{ errorType: error.errorType || 'UnauthorizedException', message: error.message, errorCode: error.status || 401 }] } });
      socket.close(1000);
    };
    if (!api) {
      connectionError({ errorType: 'NotFoundException', message: `No GraphQL API ${apiId} is deployed to the local AWS.`, status: 404 });
      return;
    }
    try {
      await authenticateRequest(api, lowerCaseKeys(connectionHeaders(url, protocols)), '{}', `/${apiId}/graphql/connect`, { sourceIp });
    } catch (error) {
      connectionError(error);
      return;
    }
    handle = async (raw) => {
      let message;
      try {
        message = JSON.parse(raw.toString());
      } catch {
        send({ type: 'error', payload: { errors: [{ errorType: 'MalformedMessage', message: 'not JSON' }] } });
        return;
      }
      if (message.type === 'connection_init') {
        send({ type: 'connection_ack', payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } });
        send({ type: 'ka' });
        if (!closed) keepAlive ??= setInterval(() => send({ type: 'ka' }), KEEP_ALIVE_MS);
      } else if (message.type === 'start') {
        await start(message, connection, api, sourceIp);
      } else if (message.type === 'stop') {
        const subscription = mine.get(message.id);
        if (subscription) {
          live.delete(subscription);
          mine.delete(message.id);
        } else if (starting.has(message.id)) {
          stoppedEarly.add(message.id);
        }
        send({ type: 'complete', id: message.id });
      }
    };
    for (const raw of pending.splice(0)) await handle(raw);
  }

  async function start({ id, payload }, { send, mine, starting, stoppedEarly, isOpen }, api, sourceIp) {
    const fail = (errors) => send({ id, type: 'error', payload: { errors } });
    starting.add(id);
    try {
      const request = JSON.parse(payload.data);
      const headers = lowerCaseKeys(payload.extensions?.authorization);
      const caller = await authenticateRequest(api, headers, payload.data, `/${api.apiId}/graphql`, { sourceIp }).catch((error) => {
        fail([{ errorType: error.errorType || 'UnauthorizedException', message: error.message, errorCode: error.status || 401 }]);
        return null;
      });
      if (!caller) return;
      const parsed = api.parse(request.query);
      if (parsed.errors) {
        fail(parsed.errors);
        return;
      }
      const subscriptionRequest = { document: parsed.document, variables: request.variables, operationName: request.operationName, caller };
      const started = await api.subscribe({ ...subscriptionRequest, request: { headers } });
      if (!isOpen() || stoppedEarly.delete(id)) return; // stopped, or gone, while it was starting
      const subscription = { id, apiId: api.apiId, ...started, request: subscriptionRequest, send };
      mine.set(id, subscription);
      live.add(subscription);
      send({ id, type: 'start_ack' });
    } catch (error) {
      // a filter AppSync refuses is answered as AppSync does: its message and an errorCode, nothing else
      fail([error instanceof SubscriptionFilterError ? { message: error.message, errorCode: error.errorCode } : appSyncError(error)]);
    } finally {
      starting.delete(id);
      stoppedEarly.delete(id);
    }
  }

  /** Delivers a mutation's result to the API's subscriptions that listen to it and whose filters it passes. */
  async function publish(deployedApi, mutation, value) {
    for (const subscription of live) {
      if (subscription.apiId !== deployedApi.apiId || !subscription.mutations.includes(mutation)) continue;
      const record = value && typeof value === 'object' ? value : {};
      if (subscription.filter) {
        if (!passes(subscription.filter, record)) continue;
      } else if (!Object.entries(subscription.args).every(([name, wanted]) => wanted == null || typeof wanted === 'object' || record[name] === wanted)) {
        continue;
      }
      try {
        const payload = await deployedApi.payload(subscription.request, subscription.fieldName, value);
        subscription.send({ id: subscription.id, type: 'data', payload });
      } catch (error) {
        subscription.send({ id: subscription.id, type: 'error', payload: { errors: [appSyncError(error)] } });
      }
    }
  }

  return { accept, publish };
}
