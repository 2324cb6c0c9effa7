import { defineStorage } from '@aws-amplify/backend';
import { report } from '../functions/report/resource.js';

export const storage = defineStorage({
  name: 'media',
  access: (allow) => ({
    'public/*': [allow.guest.to(['read']), allow.authenticated.to(['read', 'write', 'delete'])],
    'private/{entity_id}/*': [allow.entity('identity').to(['read', 'write', 'delete'])],
    'admin/*': [allow.groups(['ADMINS']).to(['read', 'write', 'delete'])],
    'reports/*': [allow.resource(report).to(['read']), allow.groups(['ADMINS']).to(['read'])],
  }),
});
