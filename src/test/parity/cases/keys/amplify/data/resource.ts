// Keys of several fields (DataSchemas.KEYS without its multi-attribute index, which Amplify lacks): a composite
// identifier, whose sort key joins slug and version, and two indexes with a composite sort key each.
import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Release: a.model({
    tenant: a.string().required(),
    slug: a.string().required(),
    version: a.integer().required(),
    title: a.string(),
  }).identifier(['tenant', 'slug', 'version']).authorization((allow) => [allow.publicApiKey()]),
  Task: a.model({
    status: a.string().required(),
    priority: a.integer().required(),
    team: a.string(),
    region: a.string(),
    dueOn: a.date(),
    title: a.string(),
    // Amplify indexes only declared fields; ours may sort on the implicit createdAt
    createdAt: a.datetime().required(),
  }).secondaryIndexes((index) => [
    index('status').sortKeys(['priority', 'createdAt']),
    index('team').sortKeys(['region', 'title']),
  ]).authorization((allow) => [allow.publicApiKey()]),
});

export const data = defineData({ schema, authorizationModes: { defaultAuthorizationMode: 'apiKey' } });
