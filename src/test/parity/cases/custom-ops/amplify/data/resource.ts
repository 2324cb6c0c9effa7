// Custom operations that return a model or a list of models, answered by custom APPSYNC_JS resolvers: one over
// the model's table, a pipeline of two, and one over the NONE data source.
import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Post: a.model({ title: a.string().required(), comments: a.hasMany('Comment', 'postId') })
    .authorization((allow) => [allow.authenticated()]),
  Comment: a.model({ text: a.string(), postId: a.id(), post: a.belongsTo('Post', 'postId') })
    .authorization((allow) => [allow.authenticated()]),
  postById: a.query().arguments({ id: a.id().required() }).returns(a.ref('Post'))
    .handler(a.handler.custom({ dataSource: a.ref('Post'), entry: './post-by-id.js' }))
    .authorization((allow) => [allow.authenticated()]),
  postsByIds: a.query().arguments({ ids: a.id().required().array().required() }).returns(a.ref('Post').array())
    .handler([
      a.handler.custom({ entry: './check-ids.js' }),
      a.handler.custom({ dataSource: a.ref('Post'), entry: './posts-by-ids.js' }),
    ])
    .authorization((allow) => [allow.authenticated(), allow.group('EDITORS')]),
  retitlePost: a.mutation().arguments({ id: a.id().required(), title: a.string().required() }).returns(a.ref('Post'))
    .handler(a.handler.custom({ dataSource: a.ref('Post'), entry: './retitle-post.js' }))
    .authorization((allow) => [allow.authenticated()]),
  ping: a.query().returns(a.string()).handler(a.handler.custom({ entry: './ping.js' }))
    .authorization((allow) => [allow.authenticated()]),
});

export const data = defineData({ schema, authorizationModes: { defaultAuthorizationMode: 'userPool' } });
