import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
  Todo: a.model({ content: a.string(), done: a.boolean().required().default(false) })
    .authorization((allow) => [allow.owner(), allow.group('ADMINS').to(['read'])]),
});
export const data = defineData({ schema, authorizationModes: { defaultAuthorizationMode: 'userPool' } });
