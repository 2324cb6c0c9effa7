// With BENCH_MODELS=N: the scale backend, as dev.gen2.backend.data.LargeSchemas.pairs builds it in Java: N models
// in parent-child pairs, each with an owner rule, a group rule, three fields, a secondary index and one side of a
// has-many/belongs-to.
import { a, defineData } from '@aws-amplify/backend';

const models = Number(process.env.BENCH_MODELS);
const types: Record<string, any> = {};
for (let pair = 0; pair < Math.floor(models / 2); pair++) {
  types[`Parent${pair}`] = a
    .model({
      title: a.string().required(),
      rank: a.integer(),
      status: a.string(),
      children: a.hasMany(`Child${pair}`, 'parentId'),
    })
    .secondaryIndexes((index) => [index('status')])
    .authorization((allow) => [allow.owner(), allow.group('ADMINS').to(['read'])]);
  types[`Child${pair}`] = a
    .model({
      parentId: a.id(),
      body: a.string(),
      status: a.string(),
      parent: a.belongsTo(`Parent${pair}`, 'parentId'),
    })
    .secondaryIndexes((index) => [index('status')])
    .authorization((allow) => [allow.owner(), allow.group('ADMINS').to(['read'])]);
}

export const data = defineData({
  schema: a.schema(types),
  authorizationModes: { defaultAuthorizationMode: 'userPool' },
});
