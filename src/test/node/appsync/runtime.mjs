// What the APPSYNC_JS runtime gives resolver code through '@aws-appsync/utils', for running our resolvers in Node:
// util (ids, time, DynamoDB conversions, the transform helpers, errors, authType), runtime.earlyReturn and
// extensions.setSubscriptionFilter. The behaviour follows AppSync's resolver reference; the harness sets the request's
// auth type and collects what the code reports before each call.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(process.env.DATA_TEST_MODULES + '/');
const { marshall, convertToAttr } = require('@aws-sdk/util-dynamodb');

export class AppSyncError extends Error {
  constructor(message, type) {
    super(message);
    this.type = type;
  }
}

export class EarlyReturn extends Error {
  constructor(value) {
    super('early return');
    this.value = value;
  }
}

export const request = { authType: 'API Key Authorization', subscriptionFilter: null };

const options = { removeUndefinedValues: true, convertEmptyValues: false };
const COMPARISONS = { eq: '=', ne: '<>', le: '<=', lt: '<', ge: '>=', gt: '>' };

// The DynamoDB expression of a filter or condition object, as util.transform.toDynamoDB*Expression makes it: the
// fields' conditions are ANDed, `and` and `or` take lists, `not` one filter.
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
    for (const [key, condition] of Object.entries(object)) {
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
          } else throw new AppSyncError(`Unsupported filter operator ${operator}`, 'InvalidFilter');
        }
      }
    }
    if (parts.length < 2) return parts[0] || null;
    return `(${parts.join(' AND ')})`;
  };
  const expression = build(filter);
  return JSON.stringify(expression ? { expression, expressionNames: names, expressionValues: values } : null);
}

// A subscription filter as util.transform.toSubscriptionFilter makes it: filter groups ORed, the filters of a group
// ANDed; `or` splits groups, and each group is combined with each of the rules, at least one of which must hold.
function toSubscriptionFilter(filter, ignoredFields, rules) {
  const groups = (object) => {
    let result = [[]];
    for (const [key, condition] of Object.entries(object || {})) {
      if ((ignoredFields || []).includes(key) || condition === null || condition === undefined) continue;
      if (key === 'and') {
        for (const part of condition) result = result.flatMap((group) => groups(part).map((other) => [...group, ...other]));
      } else if (key === 'or') {
        const alternatives = condition.flatMap(groups);
        result = result.flatMap((group) => alternatives.map((other) => [...group, ...other]));
      } else {
        const filters = Object.entries(condition).map(([operator, value]) => ({ fieldName: key, operator, value }));
        result = result.map((group) => [...group, ...filters]);
      }
    }
    return result;
  };
  let result = groups(filter);
  const ruleFilters = Object.entries(rules || {}).flatMap(([fieldName, condition]) =>
    Object.entries(condition).map(([operator, value]) => ({ fieldName, operator, value })));
  if (ruleFilters.length) {
    result = result.flatMap((group) => ruleFilters.map((rule) => [...group, rule]));
  }
  return { filterGroup: result.map((filters) => ({ filters })) };
}

export const util = {
  autoId: () => randomUUID(),
  time: { nowISO8601: () => new Date().toISOString() },
  authType: () => request.authType,
  error: (message, type) => {
    throw new AppSyncError(message, type);
  },
  unauthorized: () => {
    throw new AppSyncError('Unauthorized', 'Unauthorized');
  },
  dynamodb: {
    toDynamoDB: (value) => convertToAttr(value, options),
    toMapValues: (object) => marshall(object, options),
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
    request.subscriptionFilter = filter;
  },
};

/** Whether a record passes a subscription filter as AppSync applies it. */
export function passesSubscriptionFilter(filter, record) {
  if (!filter) return true;
  const holds = ({ fieldName, operator, value }) => {
    const actual = record[fieldName];
    switch (operator) {
      case 'eq': return actual === value;
      case 'ne': return actual !== value;
      case 'in': return value.includes(actual);
      case 'notIn': return !value.includes(actual);
      case 'containsAny': return Array.isArray(actual) && actual.some((item) => value.includes(item));
      case 'contains': return actual != null && actual.includes(value);
      case 'beginsWith': return typeof actual === 'string' && actual.startsWith(value);
      case 'gt': return actual > value;
      case 'ge': return actual >= value;
      case 'lt': return actual < value;
      case 'le': return actual <= value;
      case 'between': return actual >= value[0] && actual <= value[1];
      default: throw new Error(`Unsupported subscription operator ${operator}`);
    }
  };
  return filter.filterGroup.some((group) => group.filters.every(holds));
}
