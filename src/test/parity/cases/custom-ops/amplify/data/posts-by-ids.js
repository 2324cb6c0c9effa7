// The posts of the given ids, in the order given, from the Post model's table (one GetItem per id would need a
// loop of requests; a Scan with an IN filter reads them in one request).
import { util } from '@aws-appsync/utils';

export function request(ctx) {
  return {
    operation: 'Scan',
    filter: util.transform.toDynamoDBFilterExpression({ id: { in: ctx.args.ids } }),
  };
}

export function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const byId = {};
  ctx.result.items.forEach((item) => {
    byId[item.id] = item;
  });
  return ctx.args.ids.filter((id) => byId[id]).map((id) => byId[id]);
}
