import { defineFunction } from '@aws-amplify/backend';

// in the auth stack, as our sample places its auth trigger
export const postConfirmation = defineFunction({
  name: 'postConfirmation',
  entry: './handler.ts',
  resourceGroupName: 'auth',
});
