// Changes a post's title, if the post exists, and returns the post.
import { util } from '@aws-appsync/utils';

export function request(ctx) {
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ id: ctx.args.id }),
    update: {
      expression: 'SET #title = :title, #updatedAt = :now',
      expressionNames: { '#title': 'title', '#updatedAt': 'updatedAt' },
      expressionValues: util.dynamodb.toMapValues({ ':title': ctx.args.title, ':now': util.time.nowISO8601() }),
    },
    condition: { expression: 'attribute_exists(#id)', expressionNames: { '#id': 'id' } },
  };
}

export function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
