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

function holds({ fieldName, operator, value }, record) {
  const actual = fieldName.split('.').reduce((object, part) => (object == null ? undefined : object[part]), record);
  switch (operator) {
    case 'eq': return actual === value;
    case 'ne': return actual !== value;
    case 'in': return Array.isArray(value) && value.includes(actual);
    case 'notIn': return Array.isArray(value) && !value.includes(actual);
    case 'containsAny': return Array.isArray(actual) && actual.some((item) => value.includes(item));
    case 'contains': return actual != null && actual.includes(value);
    case 'notContains': return actual == null || !actual.includes(value);
    case 'beginsWith': return typeof actual === 'string' && actual.startsWith(value);
    case 'gt': return actual > value;
    case 'ge': return actual >= value;
    case 'lt': return actual < value;
    case 'le': return actual <= value;
    case 'between': return actual >= value[0] && actual <= value[1];
    case 'attributeExists': return (actual !== undefined && actual !== null) === value;
    default: return false;
  }
}

/** Whether a record passes a subscription filter as AppSync applies it; no filter passes everything. */
export function passes(filter, record) {
  if (!filter || !filter.filterGroup) return true;
  return filter.filterGroup.some((group) => (group.filters || []).every((condition) => holds(condition, record)));
}
