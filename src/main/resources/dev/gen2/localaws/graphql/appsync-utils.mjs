// The module APPSYNC_JS code imports as '@aws-appsync/utils': util (ids, time, DynamoDB conversions, the transform
// helpers, errors, authType), runtime.earlyReturn and extensions.setSubscriptionFilter, with the behaviour of
// AppSync's resolver reference. Resolver code runs synchronously, so the invocation it reports to is the one
// `withInvocation` set around the call.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { toSubscriptionFilter } from './subscription-filters.mjs';

const require = createRequire(import.meta.url);
const { marshall, unmarshall, convertToAttr } = require('@aws-sdk/util-dynamodb');

/** util.error: stops the field with this error. */
export class ResolverError extends Error {
  constructor(message, type, data, info) {
    super(message);
    this.type = type ?? null;
    this.data = data ?? null;
    this.info = info ?? null;
  }
}

/** runtime.earlyReturn: skips the rest of the step. */
export class EarlyReturn extends Error {
  constructor(value) {
    super('early return');
    this.value = value;
  }
}

let current = null;

/** Runs one synchronous handler call with `invocation` ({authType, errors, subscriptionFilter...}) as the current one. */
export function withInvocation(invocation, call) {
  const previous = current;
  current = invocation;
  try {
    return call();
  } finally {
    current = previous;
  }
}

const options = { removeUndefinedValues: true, convertEmptyValues: false };
const COMPARISONS = { eq: '=', ne: '<>', le: '<=', lt: '<', ge: '>=', gt: '>' };

// The DynamoDB expression of a filter or condition object, as util.transform.toDynamoDB*Expression makes it: the
// fields' conditions are ANDed, `and` and `or` take lists, `not` one filter. The answer is a JSON string.
function toExpression(filter, withConditionFunctions) {
  const names = {};
  const values = {};
  let counter = 0;
  const value = (v) => {
    const placeholder = `:v${counter++}`;
    values[placeholder] = convertToAttr(v, options);
    return placeholder;
  };
  const name = (field) => {
    names[`#${field}`] = field;
    return `#${field}`;
  };
  const build = (object) => {
    const parts = [];
    for (const [key, condition] of Object.entries(object || {})) {
      if (condition === null || condition === undefined) continue;
      if (key === 'and' || key === 'or') {
        const inner = condition.map(build).filter(Boolean);
        if (inner.length) parts.push(inner.length === 1 ? inner[0] : `(${inner.join(key === 'and' ? ' AND ' : ' OR ')})`);
      } else if (key === 'not') {
        const inner = build(condition);
        if (inner) parts.push(`(NOT ${inner})`);
      } else {
        for (const [operator, operand] of Object.entries(condition)) {
          const field = name(key);
          if (COMPARISONS[operator]) parts.push(`(${field} ${COMPARISONS[operator]} ${value(operand)})`);
          else if (operator === 'contains') parts.push(`(contains(${field}, ${value(operand)}))`);
          else if (operator === 'notContains') parts.push(`(NOT contains(${field}, ${value(operand)}))`);
          else if (operator === 'beginsWith') parts.push(`(begins_with(${field}, ${value(operand)}))`);
          else if (operator === 'between') parts.push(`(${field} BETWEEN ${value(operand[0])} AND ${value(operand[1])})`);
          else if (operator === 'in') parts.push(`(${field} IN (${operand.map(value).join(', ')}))`);
          else if (operator === 'attributeExists') parts.push(operand ? `(attribute_exists(${field}))` : `(attribute_not_exists(${field}))`);
          else if (operator === 'attributeType') parts.push(`(attribute_type(${field}, ${value(operand)}))`);
          else if (operator === 'size' && withConditionFunctions) {
            for (const [sizeOperator, sizeOperand] of Object.entries(operand)) {
              parts.push(sizeOperator === 'between'
                ? `(size(${field}) BETWEEN ${value(sizeOperand[0])} AND ${value(sizeOperand[1])})`
                : `(size(${field}) ${COMPARISONS[sizeOperator]} ${value(sizeOperand)})`);
            }
          } else throw new ResolverError(`Unsupported filter operator ${operator}`, 'InvalidFilter');
        }
      }
    }
    if (parts.length < 2) return parts[0] || null;
    return `(${parts.join(' AND ')})`;
  };
  const expression = build(filter);
  return JSON.stringify(expression ? { expression, expressionNames: names, expressionValues: values } : null);
}

export const util = {
  autoId: () => randomUUID(),
  autoUlid: () => randomUUID(),
  time: {
    nowISO8601: () => new Date().toISOString(),
    nowEpochSeconds: () => Math.floor(Date.now() / 1000),
    nowEpochMilliSeconds: () => Date.now(),
  },
  authType: () => current.authType,
  error: (message, type, data, info) => {
    throw new ResolverError(message, type, data, info);
  },
  appendError: (message, type, data, info) => {
    current.errors.push(new ResolverError(message, type, data, info));
  },
  unauthorized: () => {
    throw new ResolverError('Unauthorized', 'Unauthorized');
  },
  isNull: (value) => value === null || value === undefined,
  defaultIfNull: (value, otherwise) => (value === null || value === undefined ? otherwise : value),
  dynamodb: {
    toDynamoDB: (value) => convertToAttr(value, options),
    toMapValues: (object) => marshall(object, options),
    toString: (value) => ({ S: value }),
    toNumber: (value) => ({ N: String(value) }),
  },
  transform: {
    toDynamoDBFilterExpression: (filter) => toExpression(filter, false),
    toDynamoDBConditionExpression: (condition) => toExpression(condition, true),
    toSubscriptionFilter,
  },
};

export const runtime = {
  earlyReturn: (value) => {
    throw new EarlyReturn(value);
  },
};

export const extensions = {
  setSubscriptionFilter: (filter) => {
    current.subscriptionFilter = filter;
  },
  setSubscriptionInvalidationFilter: (filter) => {
    current.invalidationFilter = filter;
  },
};

export { unmarshall };
