// AppSync's enhanced subscription filters as the local GraphQL service builds, checks and applies them
// (src/main/resources/dev/gen2/localaws/graphql/subscription-filters.mjs): util.transform.toSubscriptionFilter's
// groups from a client's filter with and/or and the model's owner or group rules, every operator AppSync's enhanced
// filtering has, and the filters AppSync refuses when a subscription starts, with AppSync's messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSubscriptionFilter, passes, SubscriptionFilterError, toSubscriptionFilter }
  from '../../main/resources/dev/gen2/localaws/graphql/subscription-filters.mjs';

const one = (fieldName, operator, value) => ({ filterGroup: [{ filters: [{ fieldName, operator, value }] }] });
const record = { title: 'apple pie', stars: 4, price: 2.5, done: false, tags: ['sweet', 'baked'], owner: 'ann', meta: { shop: { city: 'Oslo' } } };

test('every operator of AppSync\'s enhanced filtering, on strings, numbers, booleans, lists and nested fields', () => {
  const cases = [
    ['title', 'eq', 'apple pie', true], ['title', 'eq', 'apple', false],
    ['title', 'ne', 'apple', true], ['done', 'ne', false, false],
    ['stars', 'gt', 3, true], ['stars', 'gt', 4, false], ['stars', 'ge', 4, true], ['stars', 'ge', 5, false],
    ['stars', 'lt', 5, true], ['stars', 'lt', 4, false], ['stars', 'le', 4, true], ['price', 'le', 2.4, false],
    ['title', 'lt', 'b', true], ['title', 'gt', 'b', false],
    ['stars', 'between', [4, 6], true], ['stars', 'between', [5, 6], false], ['title', 'between', ['a', 'b'], true],
    ['stars', 'in', [1, 4], true], ['stars', 'in', [1, 2], false],
    ['stars', 'notIn', [1, 2], true], ['stars', 'notIn', [4], false],
    ['title', 'contains', 'pie', true], ['title', 'contains', 'cake', false], ['tags', 'contains', 'sweet', true], ['tags', 'contains', 'salt', false],
    ['title', 'notContains', 'cake', true], ['title', 'notContains', 'pie', false], ['tags', 'notContains', 'baked', false],
    ['title', 'beginsWith', 'apple', true], ['title', 'beginsWith', 'pie', false],
    ['tags', 'containsAny', ['salt', 'baked'], true], ['tags', 'containsAny', ['salt'], false],
    ['owner', 'attributeExists', true, true], ['missing', 'attributeExists', true, false], ['missing', 'attributeExists', false, true],
    ['meta.shop.city', 'eq', 'Oslo', true], ['meta.shop.city', 'beginsWith', 'Ber', false],
  ];
  for (const [field, operator, value, expected] of cases) {
    assert.equal(passes(one(field, operator, value), record), expected, `${field} ${operator} ${JSON.stringify(value)}`);
  }
});

test('a field the record lacks passes no ordering, and numbers are not compared with strings', () => {
  assert.equal(passes(one('missing', 'lt', 5), record), false);
  assert.equal(passes(one('missing', 'between', [0, 5]), record), false);
  assert.equal(passes(one('title', 'gt', 1), record), false);
  assert.equal(passes(one('stars', 'beginsWith', '4'), record), false);
  assert.equal(passes(one('stars', 'contains', 4), record), false);
});

test('toSubscriptionFilter: a group per alternative of `or`, `and` joins, each group with each rule; groups OR, filters AND', () => {
  const filter = toSubscriptionFilter({ stars: { ge: 3 }, or: [{ title: { beginsWith: 'apple' } }, { and: [{ done: { eq: true } }, { price: { lt: 3 } }] }] },
    [], { owner: { in: ['ann', 'ann-sub'] } });
  assert.deepEqual(filter, { filterGroup: [
    { filters: [{ fieldName: 'stars', operator: 'ge', value: 3 }, { fieldName: 'title', operator: 'beginsWith', value: 'apple' },
      { fieldName: 'owner', operator: 'in', value: ['ann', 'ann-sub'] }] },
    { filters: [{ fieldName: 'stars', operator: 'ge', value: 3 }, { fieldName: 'done', operator: 'eq', value: true },
      { fieldName: 'price', operator: 'lt', value: 3 }, { fieldName: 'owner', operator: 'in', value: ['ann', 'ann-sub'] }] },
  ] });
  assert.equal(passes(filter, record), true, 'the first group holds');
  assert.equal(passes(filter, { ...record, owner: 'bob' }), false, 'no group holds for another owner');
  assert.equal(passes(filter, { ...record, title: 'pear', done: true }), true, 'the second group holds');
  assert.equal(passes(filter, { ...record, title: 'pear' }), false);
  assert.deepEqual(toSubscriptionFilter({ title: { eq: 'x' }, owner: { eq: 'y' } }, ['owner']),
    { filterGroup: [{ filters: [{ fieldName: 'title', operator: 'eq', value: 'x' }] }] }, 'ignored fields are left out');
});

test('the filters AppSync refuses when the subscription starts, with AppSync\'s messages', () => {
  const refused = (filter, message) => assert.throws(() => checkSubscriptionFilter(filter),
    (error) => error instanceof SubscriptionFilterError && error.errorCode === 400 && error.message === message);
  refused(one('stars', 'in', [1, 2, 3, 4, 5, 6]), 'subscription exceeds maximum value limit 5 for operator `in`.');
  refused(one('stars', 'notIn', [1, 2, 3, 4, 5, 6]), 'subscription exceeds maximum value limit 5 for operator `notIn`.');
  refused(one('tags', 'containsAny', Array.from({ length: 21 }, (_, i) => `t${i}`)), 'subscription exceeds maximum value limit 20 for operator `containsAny`.');
  refused({ filterGroup: [{ filters: ['a', 'b', 'c'].map((f) => ({ fieldName: f, operator: 'eq', value: 1 })) },
    { filters: ['d', 'e', 'f'].map((f) => ({ fieldName: f, operator: 'eq', value: 1 })) }] },
  'Filters exceed maximum attributes limit 5 for subscription');
  refused(one('stars', 'like', 4), 'subscription filter operator `like` on stars is not supported.');
  refused(one('stars', 'between', [1]), 'subscription filter operator `between` on stars needs a list of two values.');
  refused(one('a.b.c.d.e.f', 'eq', 1), 'subscription filter field a.b.c.d.e.f exceeds the maximum depth 5 or length 256.');
  checkSubscriptionFilter(one('stars', 'in', [1, 2, 3, 4, 5]));
  checkSubscriptionFilter({ filterGroup: [{ filters: ['a', 'b', 'c', 'd', 'e'].map((f) => ({ fieldName: f, operator: 'eq', value: 1 })) },
    { filters: [{ fieldName: 'a', operator: 'ne', value: 2 }] }] });
  checkSubscriptionFilter(null);
});
