import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@aws-amplify/ui-react/styles.css';
import './app.css';
import { App } from './App.jsx';
import { configureAmplify } from './configuration.js';

const root = createRoot(document.getElementById('root'));

configureAmplify().then(
  (localEndpoint) => root.render(<StrictMode><App localEndpoint={localEndpoint} /></StrictMode>),
  (error) => root.render(<p role="alert" data-testid="configuration-error">{error.message}</p>),
);
