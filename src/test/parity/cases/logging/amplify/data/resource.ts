// The API's logging options, every one set away from its default.
import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Note: a.model({ text: a.string() }).authorization((allow) => [allow.owner()]),
});

export const data = defineData({
  schema,
  authorizationModes: { defaultAuthorizationMode: 'userPool' },
  logging: { fieldLogLevel: 'error', excludeVerboseContent: false, retention: '1 month' },
});
