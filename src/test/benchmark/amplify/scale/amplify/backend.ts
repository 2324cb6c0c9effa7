// The benchmark's scale backend (BENCH_MODELS=N): email auth with the group ADMINS, and N models. Amplify wants each
// define call in a file named amplify/<kind>/resource.ts, hence a folder of its own.
import { defineBackend } from '@aws-amplify/backend';
import { auth } from './auth/resource.js';
import { data } from './data/resource.js';

defineBackend({ auth, data });
