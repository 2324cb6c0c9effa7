import { Authenticator } from '@aws-amplify/ui-react';
import { Picture } from './Picture.jsx';
import { Todos } from './Todos.jsx';

/**
 * Every screen is behind Amplify's Authenticator (sign-up with an emailed code, sign-in, forgotten password); its
 * sign-in attribute (email) comes from the backend's outputs.
 */
export function App({ localEndpoint }) {
  return (
    <main className="app">
      <Authenticator>
        {({ signOut, user }) => (
          <>
            <header className="app-header">
              <h1>Todos</h1>
              <div className="account">
                Signed in as <strong data-testid="signed-in-user">{user.signInDetails?.loginId ?? user.username}</strong>
                <button type="button" data-testid="sign-out" onClick={signOut}>Sign out</button>
              </div>
            </header>
            <Todos localEndpoint={localEndpoint} />
            <Picture />
          </>
        )}
      </Authenticator>
      <footer data-testid="backend">
        {localEndpoint ? `Backend: the local AWS at ${localEndpoint}` : 'Backend: AWS'}
      </footer>
    </main>
  );
}
