// AppSync's enhanced subscription filters: how util.transform.toSubscriptionFilter builds one, and whether a
// published record passes one (filter groups ORed, the filters of a group ANDed).

/**
 * A subscription filter from a filter object: `or` splits groups, `and` joins them; the fields in `ignoredFields`
 * are left out; each group is combined with each of `rules`, at least one of which must hold.
 */
export function toSubscriptionFilter(filter, ignoredFields, rules) {
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

// The limits AppSync puts on a subscription filter, with its answers: values per operator, distinct fields over all
// groups, and a field path's depth and length.
const VALUE_LIMITS = { in: 5, notIn: 5, containsAny: 20 };
const MAX_ATTRIBUTES = 5;
const MAX_PATH_DEPTH = 5;
const MAX_PATH_LENGTH = 256;
const OPERATORS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'between', 'in', 'notIn', 'contains', 'notContains',
  'beginsWith', 'containsAny', 'attributeExists']);

/** A filter AppSync refuses when the subscription starts: the start's error carries AppSync's errorCode 400. */
export class SubscriptionFilterError extends Error {
  constructor(message) {
    super(message);
    this.errorCode = 400;
  }
}

/** Refuses a filter AppSync would refuse: an unknown operator, a malformed value, or one over AppSync's limits. */
export function checkSubscriptionFilter(filter) {
  if (!filter) return;
  const groups = filter.filterGroup;
  if (!Array.isArray(groups) || groups.some((group) => !Array.isArray(group?.filters))) {
    throw new SubscriptionFilterError('subscription filter must be an object with a filterGroup list of {filters: [...]}.');
  }
  const attributes = new Set();
  for (const { fieldName, operator, value } of groups.flatMap((group) => group.filters)) {
    if (typeof fieldName !== 'string' || !fieldName) {
      throw new SubscriptionFilterError('subscription filter has a filter without a fieldName.');
    }
    if (fieldName.length > MAX_PATH_LENGTH || fieldName.split('.').length > MAX_PATH_DEPTH) {
      throw new SubscriptionFilterError(`subscription filter field ${fieldName} exceeds the maximum depth ${MAX_PATH_DEPTH} or length ${MAX_PATH_LENGTH}.`);
    }
    if (!OPERATORS.has(operator)) {
      throw new SubscriptionFilterError(`subscription filter operator \`${operator}\` on ${fieldName} is not supported.`);
    }
    const limit = VALUE_LIMITS[operator];
    if (limit !== undefined && (!Array.isArray(value) || value.length > limit)) {
      throw new SubscriptionFilterError(Array.isArray(value)
        ? `subscription exceeds maximum value limit ${limit} for operator \`${operator}\`.`
        : `subscription filter operator \`${operator}\` on ${fieldName} needs a list of values.`);
    }
    if (operator === 'between' && (!Array.isArray(value) || value.length !== 2)) {
      throw new SubscriptionFilterError(`subscription filter operator \`between\` on ${fieldName} needs a list of two values.`);
    }
    attributes.add(fieldName);
  }
  if (attributes.size > MAX_ATTRIBUTES) {
    throw new SubscriptionFilterError(`Filters exceed maximum attributes limit ${MAX_ATTRIBUTES} for subscription`);
  }
}

// Ordering compares like with like: a number with a number, a string with a string; a missing field passes none.
const comparable = (actual, value) => actual !== undefined && actual !== null && typeof actual === typeof value;
// contains and notContains look for a substring in a string, an element in a list
const containing = (actual, value) => (typeof actual === 'string' && typeof value === 'string' && actual.includes(value))
  || (Array.isArray(actual) && actual.includes(value));

function holds({ fieldName, operator, value }, record) {
  const actual = fieldName.split('.').reduce((object, part) => (object == null ? undefined : object[part]), record);
  switch (operator) {
    case 'eq': return actual === value;
    case 'ne': return actual !== value;
    case 'in': return value.includes(actual);
    case 'notIn': return !value.includes(actual);
    case 'containsAny': return Array.isArray(actual) && actual.some((item) => value.includes(item));
    case 'contains': return containing(actual, value);
    case 'notContains': return !containing(actual, value);
    case 'beginsWith': return typeof actual === 'string' && typeof value === 'string' && actual.startsWith(value);
    case 'gt': return comparable(actual, value) && actual > value;
    case 'ge': return comparable(actual, value) && actual >= value;
    case 'lt': return comparable(actual, value) && actual < value;
    case 'le': return comparable(actual, value) && actual <= value;
    case 'between': return comparable(actual, value[0]) && actual >= value[0] && actual <= value[1];
    case 'attributeExists': return (actual !== undefined && actual !== null) === value;
    default: return false;
  }
}

/** Whether a record passes a subscription filter as AppSync applies it; no filter passes everything. */
export function passes(filter, record) {
  if (!filter || !filter.filterGroup) return true;
  return filter.filterGroup.some((group) => (group.filters || []).every((condition) => holds(condition, record)));
}
