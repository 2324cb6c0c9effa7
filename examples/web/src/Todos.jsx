import { useEffect, useMemo, useState } from 'react';
import { Amplify } from 'aws-amplify';
import { CONNECTION_STATE_CHANGE, ConnectionState } from 'aws-amplify/api';
import { generateClient } from 'aws-amplify/data';
import { Hub } from 'aws-amplify/utils';

/**
 * The signed-in user's Todos (the sample backend's `Todo`: content, done; owner-only), kept current by observeQuery:
 * a change made here, in another tab or on another device shows up without reloading.
 */
export function Todos({ localEndpoint }) {
  const client = useMemo(() => generateClient(), []);
  const [todos, setTodos] = useState(null);
  const [content, setContent] = useState('');
  const [error, setError] = useState(null);
  const [unavailable, setUnavailable] = useState(null);
  const connection = useLiveUpdatesConnection();

  useEffect(() => {
    const subscription = client.models.Todo.observeQuery().subscribe({
      next: ({ items }) => setTodos([...items].sort(byCreation)),
      error: (failure) => setUnavailable(messageOf(failure)),
    });
    return () => subscription.unsubscribe();
  }, [client]);

  const run = async (action) => {
    setError(null);
    try {
      const { errors } = await action();
      if (errors?.length) {
        setError(messageOf({ errors }));
      }
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const add = async (event) => {
    event.preventDefault();
    const text = content.trim();
    if (text) {
      setContent('');
      await run(() => client.models.Todo.create({ content: text }));
    }
  };

  return (
    <section aria-labelledby="todos-heading">
      <h2 id="todos-heading">My todos</h2>
      <form onSubmit={add} className="todo-form">
        <label htmlFor="new-todo">New todo</label>
        <input id="new-todo" data-testid="new-todo" value={content} onChange={(e) => setContent(e.target.value)} />
        <button type="submit" data-testid="add-todo">Add</button>
      </form>
      {error && <p role="alert" data-testid="todo-error">{error}</p>}
      <p data-testid="live-updates" data-state={connection ?? 'none'} className="live-updates">
        Live updates: {connection === ConnectionState.Connected ? 'on' : (connection ?? 'starting')}
      </p>
      {(unavailable || connection === ConnectionState.ConnectionDisrupted) && (
        <TodosUnavailable message={unavailable ?? 'the live updates cannot connect'} localEndpoint={localEndpoint} />
      )}
      {todos === null ? <p data-testid="todos-loading">Loading…</p> : (
        <ul data-testid="todo-list" aria-label="My todos">
          {todos.length === 0 && <li data-testid="no-todos">Nothing to do.</li>}
          {todos.map((todo) => (
            <li key={todo.id} data-testid="todo-item" data-done={todo.done ? 'true' : 'false'}>
              <label>
                <input type="checkbox" checked={todo.done} aria-label={`Done: ${todo.content}`}
                  onChange={() => run(() => client.models.Todo.update({ id: todo.id, done: !todo.done }))} />
                <span className={todo.done ? 'done' : undefined}>{todo.content}</span>
              </label>
              <button type="button" aria-label={`Delete: ${todo.content}`}
                onClick={() => run(() => client.models.Todo.delete({ id: todo.id }))}>Delete</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The list could not be read or followed. On the local AWS that is most often the self-signed certificate of the
 * GraphQL port, which the live updates (wss://) need and this browser does not trust yet.
 */
function TodosUnavailable({ message, localEndpoint }) {
  const graphql = Amplify.getConfig().API?.GraphQL?.endpoint;
  // aws-amplify follows changes over wss:// on the API's host, whatever the API URL's scheme
  const origin = graphql ? `https://${new URL(graphql).host}` : null;
  return (
    <p role="alert" data-testid="todos-unavailable">
      Your todos could not be loaded or followed: {message}.
      {localEndpoint && origin && (
        <> The local GraphQL API&apos;s certificate is self-signed: open <a href={`${origin}/`} target="_blank"
          rel="noreferrer">{origin}</a> once, accept it, then reload this page.</>
      )}
    </p>
  );
}

/** The state of aws-amplify's live-updates connection (ConnectionState), as its Hub announces it. */
function useLiveUpdatesConnection() {
  const [state, setState] = useState(null);
  useEffect(() => Hub.listen('api', ({ payload }) => {
    if (payload.event === CONNECTION_STATE_CHANGE) {
      setState(payload.data.connectionState);
    }
  }), []);
  return state;
}

const byCreation = (a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '');

function messageOf(failure) {
  if (failure?.errors?.length) {
    return failure.errors.map((e) => e.message).join('; ');
  }
  return failure?.message ?? String(failure);
}
