// Our sample backend (src/main/java/amplify) in Amplify Gen 2.
import { defineBackend } from '@aws-amplify/backend';
import { auth } from './auth/resource.js';
import { data } from './data/resource.js';
import { storage } from './storage/resource.js';
import { report } from './functions/report/resource.js';

defineBackend({ auth, data, storage, report });
