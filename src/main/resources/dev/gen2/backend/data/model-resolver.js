// The APPSYNC_JS function every model operation runs. The pipeline resolver in front of it puts the operation's
// configuration in ctx.stash.gen2: the model, its keys, the index or relationship to read, its defaults and its
// authorization rules. One code file serves all models, so templates stay small however many models there are.
// APPSYNC_JS has no recursion, classic loops, `in`, regular expressions or try/catch; this file uses none.
import { util, runtime, extensions } from '@aws-appsync/utils';

const AUTH_TYPES = {
  'API Key Authorization': 'apiKey',
  'IAM Authorization': 'iam',
  'User Pool Authorization': 'userPools',
  'Open ID Connect Authorization': 'oidc',
  'Lambda Authorization': 'function',
};
const DEFAULT_IDENTITY_CLAIM = 'sub::username';
const DEFAULT_LIMIT = 100;

export function request(ctx) {
  const config = ctx.stash.gen2;
  const caller = callerOf(ctx, config);
  const operation = config.operation;
  if (operation === 'subscribe') {
    requireSome(accessTo(config.rules, caller, 'listen'));
    return { payload: null };
  }
  if (operation === 'invoke') {
    requireSome(accessTo(config.rules, caller, 'invoke'));
    return { operation: 'Invoke', payload: invocationEvent(ctx, config) };
  }
  // the first step of a custom resolver's pipeline (on the NONE data source): its rules, before the user's code
  if (operation === 'authorize') {
    requireSome(accessTo(config.rules, caller, 'invoke'));
    return { payload: null };
  }
  if (operation === 'create') {
    return createRequest(ctx, config, caller);
  }
  if (operation === 'update' || operation === 'delete') {
    return changeRequest(ctx, config, caller);
  }
  return readRequest(ctx, config, caller);
}

export function response(ctx) {
  const config = ctx.stash.gen2;
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const caller = callerOf(ctx, config);
  const operation = config.operation;
  if (operation === 'subscribe') {
    setSubscriptionFilter(ctx, config, caller);
    return null;
  }
  if (operation === 'invoke') {
    return ctx.result;
  }
  if (operation === 'authorize') {
    return null;
  }
  if (operation === 'list' || operation === 'query' || operation === 'hasMany') {
    const items = (ctx.result.items || []).map((item) => redact(item, config, caller));
    return { items: items, nextToken: ctx.result.nextToken || null };
  }
  if (operation === 'hasOne') {
    const first = (ctx.result.items || [])[0];
    return first ? redact(first, config, caller) : null;
  }
  const item = ctx.result;
  if (!item) {
    return null;
  }
  if (operation === 'get' || operation === 'belongsTo') {
    const access = accessTo(config.rules, caller, 'get');
    if (!access.full && !satisfies(item, access.conditions)) {
      util.unauthorized();
    }
  }
  if (operation === 'create' || operation === 'update' || operation === 'delete') {
    return withoutProtectedFields(item, config);
  }
  return redact(item, config, caller);
}

// --- Who is calling --------------------------------------------------------------------------------------------

function callerOf(ctx, config) {
  const provider = AUTH_TYPES[util.authType()];
  const identity = ctx.identity || {};
  const caller = { provider: provider, admin: false, signedIn: false, identities: {}, groups: [] };
  if (provider === 'iam') {
    const fromPool = config.identityPoolId && identity.cognitoIdentityPoolId === config.identityPoolId;
    caller.admin = !fromPool;
    caller.signedIn = fromPool && identity.cognitoIdentityAuthType === 'authenticated';
    return caller;
  }
  if (provider === 'userPools' || provider === 'oidc') {
    caller.signedIn = true;
    caller.claims = identity.claims || {};
    caller.sub = identity.sub || caller.claims.sub;
    caller.username = identity.username || caller.claims['cognito:username'] || caller.claims.username;
  }
  return caller;
}

function identitiesFor(caller, claim) {
  if (claim === DEFAULT_IDENTITY_CLAIM) {
    const values = [];
    if (caller.sub && caller.username) {
      values.push(caller.sub + '::' + caller.username);
    }
    if (caller.sub) {
      values.push(caller.sub);
    }
    if (caller.username) {
      values.push(caller.username);
    }
    return values;
  }
  const value = claim === 'cognito:username' ? caller.username : caller.claims[claim];
  return value ? [value] : [];
}

function groupsFor(caller, claim) {
  const value = caller.claims ? caller.claims[claim] : null;
  if (!value) {
    return [];
  }
  if (Array.isArray(value)) {
    return value;
  }
  return value.startsWith('[') ? JSON.parse(value) : value.split(',');
}

// --- What the rules allow --------------------------------------------------------------------------------------

// A custom operation's rules name no operations: they allow calling it.
function allowsOperation(rule, operation) {
  if (operation === 'invoke') {
    return true;
  }
  const readParts = ['get', 'list', 'listen', 'sync', 'search'];
  return rule.operations.includes(operation) || (rule.operations.includes('read') && readParts.includes(operation));
}

// The caller's access to an operation: full, or only to records meeting one of the conditions (owner or dynamic
// group fields), or none. IAM principals outside the identity pool reach the API only through IAM policies granted
// to them (functions given data access), so they get full access, as Amplify's IAM authorization mode gives.
function accessTo(rules, caller, operation) {
  const access = { full: caller.admin, conditions: [] };
  for (const rule of rules) {
    if (rule.provider === caller.provider && allowsOperation(rule, operation)) {
      addRuleAccess(access, rule, caller);
    }
  }
  return access;
}

function addRuleAccess(access, rule, caller) {
  if (rule.allow === 'public') {
    access.full = access.full || caller.provider === 'apiKey' || (caller.provider === 'iam' && !caller.signedIn);
  } else if (rule.allow === 'private') {
    access.full = access.full || caller.signedIn;
  } else if (rule.allow === 'custom') {
    access.full = true;
  } else if (rule.allow === 'groups' && rule.groups) {
    const mine = groupsFor(caller, rule.groupClaim);
    access.full = access.full || rule.groups.some((group) => mine.includes(group));
  } else if (rule.allow === 'groups') {
    const mine = groupsFor(caller, rule.groupClaim);
    access.conditions.push({ field: rule.groupsField, multiple: rule.multiple, values: mine });
  } else if (rule.allow === 'owner') {
    const values = identitiesFor(caller, rule.identityClaim);
    access.conditions.push({ field: rule.ownerField, multiple: rule.multiple, values: values });
  }
}

function requireSome(access) {
  const conditional = access.conditions.some((condition) => condition.values.length > 0);
  if (!access.full && !conditional) {
    util.unauthorized();
  }
}

function satisfies(item, conditions) {
  return conditions.some((condition) => {
    const stored = item[condition.field];
    if (stored === undefined || stored === null) {
      return false;
    }
    const storedValues = Array.isArray(stored) ? stored : [stored];
    return storedValues.some((value) => condition.values.includes(value));
  });
}

// A DynamoDB condition holding when a record meets one of the conditions; a caller with none to meet is refused.
function conditionExpression(conditions, prefix) {
  const parts = [];
  const names = {};
  const values = {};
  conditions.forEach((condition, c) => {
    if (condition.values.length === 0) {
      return;
    }
    const name = '#' + prefix + c;
    names[name] = condition.field;
    const placeholders = condition.values.map((value, v) => {
      const placeholder = ':' + prefix + c + '_' + v;
      values[placeholder] = util.dynamodb.toDynamoDB(value);
      return placeholder;
    });
    if (condition.multiple) {
      placeholders.forEach((placeholder) => parts.push('contains(' + name + ', ' + placeholder + ')'));
    } else {
      parts.push(name + ' IN (' + placeholders.join(', ') + ')');
    }
  });
  if (parts.length === 0) {
    util.unauthorized();
  }
  return { expression: parts.join(' OR '), expressionNames: names, expressionValues: values };
}

function and(first, second) {
  if (!first) {
    return second;
  }
  if (!second) {
    return first;
  }
  return {
    expression: wrapped(first.expression) + ' AND ' + wrapped(second.expression),
    expressionNames: Object.assign({}, first.expressionNames, second.expressionNames),
    expressionValues: Object.assign({}, first.expressionValues || {}, second.expressionValues || {}),
  };
}

// An expression in parentheses, unless it is in them already: DynamoDB refuses redundant parentheses.
function wrapped(expression) {
  let depth = 0;
  let closedEarly = false;
  let position = 0;
  for (const character of expression) {
    if (character === '(') {
      depth = depth + 1;
    } else if (character === ')') {
      depth = depth - 1;
      closedEarly = closedEarly || (depth === 0 && position < expression.length - 1);
    }
    position = position + 1;
  }
  return expression.startsWith('(') && !closedEarly ? expression : '(' + expression + ')';
}

function parsed(expressionJson) {
  if (!expressionJson) {
    return null;
  }
  const expression = JSON.parse(expressionJson);
  return expression && expression.expression ? expression : null;
}

// --- Reads -----------------------------------------------------------------------------------------------------

function readRequest(ctx, config, caller) {
  const operation = config.operation;
  const access = accessTo(config.rules, caller, operation === 'get' || operation === 'belongsTo' || operation === 'hasOne' ? 'get' : 'list');
  requireSome(access);
  if (operation === 'get') {
    return { operation: 'GetItem', key: tableKeyOf(ctx.args, config) };
  }
  if (operation === 'belongsTo') {
    const key = {};
    config.keys.forEach((field, k) => {
      key[field] = ctx.source[config.references[k]];
    });
    if (Object.values(key).some((value) => value === undefined || value === null)) {
      runtime.earlyReturn(null);
    }
    return { operation: 'GetItem', key: tableKeyOf(key, config) };
  }
  const filter = and(parsed(ctx.args.filter ? util.transform.toDynamoDBFilterExpression(ctx.args.filter) : null),
    access.full ? null : conditionExpression(access.conditions, 'gen2auth'));
  const page = { limit: ctx.args.limit || DEFAULT_LIMIT, nextToken: ctx.args.nextToken || null };
  if (filter) {
    page.filter = filter;
  }
  const keyCondition = keyConditionOf(ctx, config);
  if (!keyCondition) {
    return Object.assign({ operation: 'Scan' }, page);
  }
  if (keyCondition.empty) {
    runtime.earlyReturn(operation === 'hasOne' ? { items: [] } : { items: [], nextToken: null });
  }
  const query = Object.assign({ operation: 'Query', query: keyCondition, scanIndexForward: ctx.args.sortDirection !== 'DESC' }, page);
  if (config.index) {
    query.index = config.index;
  }
  return query;
}

// The key condition of a list, index query or relationship read; null for a list that scans the table. The key is
// the table's own or the index's: one partition key field and a sort key that is one field or Amplify's composite
// (one attribute holding the fields' values joined with '#'), or DynamoDB's multi-attribute keys (several fields,
// each its own attribute).
function keyConditionOf(ctx, config) {
  const key = config.queryKey || config.primaryKey;
  const condition = { expression: '', expressionNames: {}, expressionValues: {} };
  if (config.operation === 'hasMany' || config.operation === 'hasOne') {
    const partitionValue = ctx.source[config.parentKeys[0]];
    if (partitionValue === undefined || partitionValue === null) {
      return { empty: true };
    }
    addEquality(condition, 'pk0', key.partition[0], partitionValue);
    if (key.sort.length > 0 && config.parentKeys.length > 1) {
      addSortCondition(condition, 'sk0', key.sort[0], { eq: ctx.source[config.parentKeys[1]] });
    }
    return condition;
  }
  if (ctx.args[key.partition[0]] === undefined || ctx.args[key.partition[0]] === null) {
    return null;
  }
  key.partition.forEach((field, p) => addEquality(condition, 'pk' + p, field, ctx.args[field]));
  if (key.composite) {
    const compositeCondition = ctx.args[key.argument];
    if (compositeCondition) {
      addSortCondition(condition, 'sk0', key.composite, joinedCondition(compositeCondition, key.sort));
    }
  } else if (key.multi) {
    addMultiAttributeSortConditions(condition, key.sort, ctx.args);
  } else if (key.sort.length > 0 && ctx.args[key.sort[0]]) {
    addSortCondition(condition, 'sk0', key.sort[0], ctx.args[key.sort[0]]);
  }
  return condition;
}

function addEquality(condition, tag, attribute, value) {
  condition.expression += (condition.expression ? ' AND ' : '') + '#' + tag + ' = :' + tag;
  condition.expressionNames['#' + tag] = attribute;
  condition.expressionValues[':' + tag] = util.dynamodb.toDynamoDB(value);
}

function addSortCondition(condition, tag, attribute, sortCondition) {
  const comparisons = { eq: '=', le: '<=', lt: '<', ge: '>=', gt: '>' };
  const name = '#' + tag;
  condition.expressionNames[name] = attribute;
  const operators = Object.keys(sortCondition).filter((operator) => sortCondition[operator] !== undefined && sortCondition[operator] !== null);
  for (const operator of operators) {
    const value = sortCondition[operator];
    const placeholder = ':' + tag + operator;
    if (operator === 'between') {
      if (value.length !== 2) {
        util.error('The between condition on ' + attribute + ' takes exactly 2 values.', 'InvalidArgumentsError');
      }
      condition.expression += ' AND ' + name + ' BETWEEN ' + placeholder + '0 AND ' + placeholder + '1';
      condition.expressionValues[placeholder + '0'] = util.dynamodb.toDynamoDB(value[0]);
      condition.expressionValues[placeholder + '1'] = util.dynamodb.toDynamoDB(value[1]);
    } else if (operator === 'beginsWith') {
      condition.expression += ' AND begins_with(' + name + ', ' + placeholder + ')';
      condition.expressionValues[placeholder] = util.dynamodb.toDynamoDB(value);
    } else {
      condition.expression += ' AND ' + name + ' ' + comparisons[operator] + ' ' + placeholder;
      condition.expressionValues[placeholder] = util.dynamodb.toDynamoDB(value);
    }
  }
}

// A condition on a composite sort key, as Amplify reads it: each operator's value names some of the fields, and the
// leading ones given are joined with '#' into the value the joined attribute is compared with.
function joinedCondition(compositeCondition, fields) {
  const joined = {};
  const operators = Object.keys(compositeCondition).filter((operator) => compositeCondition[operator] !== undefined && compositeCondition[operator] !== null);
  for (const operator of operators) {
    const value = compositeCondition[operator];
    joined[operator] = operator === 'between' ? value.map((bound) => joinedPrefix(bound, fields)) : joinedPrefix(value, fields);
  }
  return joined;
}

function joinedPrefix(values, fields) {
  const parts = [];
  let complete = true;
  for (const field of fields) {
    complete = complete && values[field] !== undefined && values[field] !== null;
    if (complete) {
      parts.push('' + values[field]);
    }
  }
  return parts.join('#');
}

// DynamoDB's multi-attribute sort keys are compared left to right: conditions on a leading run of the fields, every
// one an equality but the last.
function addMultiAttributeSortConditions(condition, fields, args) {
  const given = fields.filter((field) => args[field] !== undefined && args[field] !== null);
  given.forEach((field, g) => {
    if (field !== fields[g]) {
      util.error('The key condition on ' + field + ' needs one on ' + fields[g] + ' too: the sort key fields ' + fields.join(', ')
        + ' are compared left to right.', 'InvalidArgumentsError');
    }
    const operators = Object.keys(args[field]).filter((operator) => args[field][operator] !== undefined && args[field][operator] !== null);
    if (g < given.length - 1 && (operators.length !== 1 || operators[0] !== 'eq')) {
      util.error('The key condition on ' + field + ' must be eq: only the last sort key field given (' + given[given.length - 1]
        + ') takes a range.', 'InvalidArgumentsError');
    }
    addSortCondition(condition, 'sk' + g, field, args[field]);
  });
}

// The key of an item in the table: its partition key field, and its sort key field or the composite of its fields.
function tableKeyOf(values, config) {
  const primary = config.primaryKey;
  const key = {};
  key[primary.partition[0]] = values[primary.partition[0]];
  if (primary.composite) {
    key[primary.composite] = joinedPrefix(values, primary.sort);
  } else if (primary.sort.length > 0) {
    key[primary.sort[0]] = values[primary.sort[0]];
  }
  return util.dynamodb.toMapValues(key);
}

// The attributes of the table's key, which a write names in its key rather than among the values it sets.
function keyAttributes(config) {
  const primary = config.primaryKey;
  return [primary.partition[0]].concat(primary.composite ? [primary.composite] : primary.sort);
}

// Each composite sort key's joined attribute, from the item's fields: all of them, or (on create) none if one is
// missing, so the item stays out of that index. An update that changes some of an index's fields must give all.
function setComposites(values, config, given) {
  for (const composite of config.composites || []) {
    const missing = composite.fields.filter((field) => values[field] === undefined || values[field] === null);
    if (missing.length === 0) {
      values[composite.attribute] = joinedPrefix(values, composite.fields);
    } else if (given && composite.fields.some((field) => given[field] !== undefined)) {
      util.error('Updating part of the sort key of the index ' + composite.index + ' needs all its fields ('
        + composite.fields.join(', ') + '): ' + missing.join(', ') + ' missing.', 'InvalidArgumentsError');
    }
  }
}

// Field-level rules: a field the caller may not read comes back null.
function redact(item, config, caller) {
  const result = Object.assign({}, item);
  for (const field of Object.keys(config.fieldRules || {})) {
    const access = accessTo(config.fieldRules[field], caller, 'get');
    if (!access.full && !satisfies(item, access.conditions)) {
      result[field] = null;
    }
  }
  return result;
}

// A mutation's result is also what its subscribers receive, whoever they are: fields with rules of their own come
// back null from mutations, as in Amplify, and are read with a query.
function withoutProtectedFields(item, config) {
  const result = Object.assign({}, item);
  for (const field of Object.keys(config.fieldRules || {})) {
    result[field] = null;
  }
  return result;
}

// --- Writes ----------------------------------------------------------------------------------------------------

function createRequest(ctx, config, caller) {
  const access = accessTo(config.rules, caller, 'create');
  requireSome(access);
  const now = util.time.nowISO8601();
  const item = Object.assign({}, config.defaults || {}, ctx.args.input);
  if (config.generatedId && !item.id) {
    item.id = util.autoId();
  }
  item.createdAt = item.createdAt || now;
  item.updatedAt = item.updatedAt || now;
  item.__typename = config.model;
  if (!access.full) {
    claimOwnership(item, access.conditions);
  }
  checkFieldWrites(ctx.args.input, item, config, caller, 'create');
  setComposites(item, config, null);
  const attributes = Object.assign({}, item);
  keyAttributes(config).forEach((attribute) => {
    attributes[attribute] = undefined;
  });
  const names = { '#key': config.keys[0] };
  const notExists = { expression: 'attribute_not_exists(#key)', expressionNames: names, expressionValues: {} };
  return {
    operation: 'PutItem',
    key: tableKeyOf(item, config),
    attributeValues: util.dynamodb.toMapValues(withoutUndefined(attributes)),
    condition: and(notExists, parsed(ctx.args.condition ? util.transform.toDynamoDBConditionExpression(ctx.args.condition) : null)),
  };
}

// An owner or dynamic-group record made by a caller with only that access: the owner field is filled with the
// caller's identity when left out, and must name the caller (or one of the caller's groups) when given.
function claimOwnership(item, conditions) {
  const usable = conditions.filter((condition) => condition.values.length > 0);
  if (satisfies(item, usable)) {
    return;
  }
  const fillable = usable.find((condition) => item[condition.field] === undefined || item[condition.field] === null);
  if (!fillable) {
    util.unauthorized();
  }
  item[fillable.field] = fillable.multiple ? [fillable.values[0]] : fillable.values[0];
}

function checkFieldWrites(input, item, config, caller, operation) {
  for (const field of Object.keys(config.fieldRules || {})) {
    if (input[field] !== undefined) {
      const access = accessTo(config.fieldRules[field], caller, operation);
      if (!access.full && !(operation === 'create' && satisfies(item, access.conditions))) {
        util.unauthorized();
      }
    }
  }
}

function changeRequest(ctx, config, caller) {
  const operation = config.operation;
  const access = accessTo(config.rules, caller, operation);
  requireSome(access);
  const input = ctx.args.input;
  const exists = { expression: 'attribute_exists(#key)', expressionNames: { '#key': config.keys[0] }, expressionValues: {} };
  let condition = and(exists, access.full ? null : conditionExpression(access.conditions, 'gen2auth'));
  condition = and(condition, parsed(ctx.args.condition ? util.transform.toDynamoDBConditionExpression(ctx.args.condition) : null));
  if (operation === 'delete') {
    return { operation: 'DeleteItem', key: tableKeyOf(input, config), condition: condition };
  }
  condition = and(condition, fieldWriteConditions(input, config, caller));
  const changes = Object.assign({}, input, { updatedAt: util.time.nowISO8601() });
  setComposites(changes, config, input);
  const unchangeable = config.keys.concat(keyAttributes(config));
  const sets = [];
  const removes = [];
  const names = {};
  const values = {};
  Object.keys(changes).forEach((field, f) => {
    if (unchangeable.includes(field)) {
      return;
    }
    names['#u' + f] = field;
    if (changes[field] === null) {
      removes.push('#u' + f);
    } else {
      values[':u' + f] = util.dynamodb.toDynamoDB(changes[field]);
      sets.push('#u' + f + ' = :u' + f);
    }
  });
  const expression = 'SET ' + sets.join(', ') + (removes.length ? ' REMOVE ' + removes.join(', ') : '');
  return {
    operation: 'UpdateItem',
    key: tableKeyOf(input, config),
    update: { expression: expression, expressionNames: names, expressionValues: values },
    condition: condition,
  };
}

// Field-level rules on an update: each protected field given needs full access or a record meeting its conditions.
function fieldWriteConditions(input, config, caller) {
  let condition = null;
  Object.keys(config.fieldRules || {}).forEach((field, f) => {
    if (input[field] === undefined) {
      return;
    }
    const access = accessTo(config.fieldRules[field], caller, 'update');
    if (!access.full) {
      requireSome(access);
      condition = and(condition, conditionExpression(access.conditions, 'gen2field' + f + '_'));
    }
  });
  return condition;
}

function withoutUndefined(object) {
  const result = {};
  for (const field of Object.keys(object)) {
    if (object[field] !== undefined) {
      result[field] = object[field];
    }
  }
  return result;
}

// --- Custom operations ----------------------------------------------------------------------------------------

// The event a custom operation's function receives: AppSync's direct Lambda resolver event.
function invocationEvent(ctx, config) {
  return {
    typeName: config.typeName,
    fieldName: config.field,
    arguments: ctx.args,
    identity: ctx.identity,
    source: ctx.source,
    request: ctx.request,
    info: ctx.info,
    prev: ctx.prev,
  };
}

// --- Subscriptions ---------------------------------------------------------------------------------------------

// Subscribers with only owner or group access receive only the records they could read: the rule becomes a
// subscription filter that at least one of the owner or group fields must pass.
function setSubscriptionFilter(ctx, config, caller) {
  const access = accessTo(config.rules, caller, 'listen');
  const filter = Object.assign({}, ctx.args.filter || {});
  const ownerArguments = [];
  for (const argument of Object.keys(ctx.args)) {
    if (argument !== 'filter' && ctx.args[argument] !== undefined && ctx.args[argument] !== null) {
      ownerArguments.push(argument);
    }
  }
  ownerArguments.forEach((argument) => {
    filter[argument] = { eq: ctx.args[argument] };
  });
  if (access.full) {
    if (Object.keys(filter).length) {
      extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(filter));
    }
    return;
  }
  const rules = {};
  access.conditions.forEach((condition) => {
    if (condition.values.length) {
      rules[condition.field] = condition.multiple ? { containsAny: condition.values } : { in: condition.values };
    }
  });
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(filter, [], rules));
}
