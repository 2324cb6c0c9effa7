import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // aws-amplify and the Authenticator make one chunk of about 900 kB (250 kB gzipped): expected for this app
  build: { chunkSizeWarningLimit: 1000 },
});
