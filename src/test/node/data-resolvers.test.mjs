// Our APPSYNC_JS resolvers executed, not just printed: every GraphQL operation of the blog schema the Java tests
// wrote (target/data-fixtures/blog) runs through its pipeline resolver in the AppSync stand-in, and the DynamoDB
// requests the resolvers make run against moto's DynamoDB. Each authorization rule is tried as allowed and denied.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Api, AUTH_TYPES, callers } from './appsync/emulator.mjs';
import { passesSubscriptionFilter } from './appsync/runtime.mjs';

const { startMoto } = createRequire(import.meta.url)('./moto.js');
let moto;
let api;
const alice = callers.user('alice');
const bob = callers.user('bob');
const admin = callers.user('ada', ['ADMINS']);

before(async () => {
  moto = await startMoto();
  api = await new Api('blog', moto.endpoint, 'blog-').start(AUTH_TYPES.userPools);
});
after(() => moto.stop());

const TODO_FIELDS = 'id content done priority status owner createdAt updatedAt';

async function ok(source, variables, caller) {
  const result = await api.run(source, variables, caller);
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return JSON.parse(JSON.stringify(result.data));
}

async function fails(source, variables, caller, errorType) {
  const result = await api.run(source, variables, caller);
  assert.ok(result.errors, `expected ${errorType}, got ${JSON.stringify(result.data)}`);
  assert.equal(result.errors[0].errorType, errorType, JSON.stringify(result.errors));
  return result;
}

async function createTodo(caller, input) {
  const data = await ok(`mutation($input: CreateTodoInput!) { createTodo(input: $input) { ${TODO_FIELDS} } }`, { input }, caller);
  return data.createTodo;
}

test('create stores the owner, the timestamps, the typename and the field defaults', async () => {
  const todo = await createTodo(alice, { content: 'write tests' });
  assert.equal(todo.owner, 'sub-alice::alice');
  assert.equal(todo.done, false);
  assert.equal(todo.priority, 1);
  assert.equal(todo.status, 'OPEN');
  assert.match(todo.id, /^[0-9a-f-]{36}$/);
  assert.equal(todo.createdAt, todo.updatedAt);
  const stored = await api.dataSource('Todo', { operation: 'GetItem', key: { id: { S: todo.id } } });
  assert.equal(stored.result.__typename, 'Todo');
});

test('an owner rule: the owner gets, updates and deletes; another user is refused each', async () => {
  const todo = await createTodo(alice, { content: 'mine' });
  const get = `query($id: ID!) { getTodo(id: $id) { id content owner } }`;
  assert.equal((await ok(get, { id: todo.id }, alice)).getTodo.content, 'mine');
  await fails(get, { id: todo.id }, bob, 'Unauthorized');
  const update = `mutation($input: UpdateTodoInput!) { updateTodo(input: $input) { content done updatedAt } }`;
  await fails(update, { input: { id: todo.id, content: 'stolen' } }, bob, 'DynamoDB:ConditionalCheckFailedException');
  const updated = (await ok(update, { input: { id: todo.id, done: true } }, alice)).updateTodo;
  assert.equal(updated.done, true);
  assert.equal(updated.content, 'mine');
  assert.ok(updated.updatedAt >= todo.updatedAt);
  const remove = `mutation($input: DeleteTodoInput!) { deleteTodo(input: $input) { id } }`;
  await fails(remove, { input: { id: todo.id } }, bob, 'DynamoDB:ConditionalCheckFailedException');
  assert.equal((await ok(remove, { input: { id: todo.id } }, alice)).deleteTodo.id, todo.id);
  assert.equal((await ok(get, { id: todo.id }, alice)).getTodo, null);
});

test('a user cannot create a record owned by someone else', async () => {
  await fails(`mutation { createTodo(input: {content: "x", owner: "sub-bob::bob"}) { id } }`, {}, alice, 'ValidationError');
  await fails(`mutation { createPost(input: {title: "x", editors: ["sub-zed::zed"]}) { id } }`, {}, callers.user('ed'), 'Unauthorized');
});

test('list returns only the records the caller owns; a group with read sees all and cannot write others\'', async () => {
  await createTodo(bob, { content: 'bob 1' });
  await createTodo(bob, { content: 'bob 2' });
  const list = `query($filter: ModelTodoFilterInput) { listTodos(filter: $filter, limit: 100) { items { content owner } nextToken } }`;
  const bobs = (await ok(list, {}, bob)).listTodos.items;
  assert.ok(bobs.length >= 2);
  assert.ok(bobs.every((todo) => todo.owner === 'sub-bob::bob'));
  const all = (await ok(list, {}, admin)).listTodos.items;
  assert.ok(all.some((todo) => todo.owner === 'sub-bob::bob'));
  assert.ok(all.some((todo) => todo.owner === 'sub-alice::alice'));
  const bobsTodo = (await ok(list, { filter: { content: { eq: 'bob 1' } } }, bob)).listTodos.items;
  assert.deepEqual(bobsTodo.map((todo) => todo.content), ['bob 1']);
});

test('the API key cannot reach a model with no API key rule: AppSync refuses it by its directives', async () => {
  const result = await fails(`query { listTodos { items { id } } }`, {}, callers.apiKey(), 'Unauthorized');
  assert.match(result.errors[0].message, /Not Authorized to access listTodos on type Query/);
});

test('filters, limits and next tokens page through a list', async () => {
  for (const content of ['p1', 'p2', 'p3']) {
    await createTodo(callers.user('pager'), { content, priority: 7 });
  }
  const list = `query($token: String) { listTodos(filter: {priority: {eq: 7}}, limit: 1, nextToken: $token) { items { content } nextToken } }`;
  const seen = [];
  let token = null;
  for (let page = 0; page < 20 && (page === 0 || token); page++) {
    const result = (await ok(list, { token }, callers.user('pager'))).listTodos;
    seen.push(...result.items.map((todo) => todo.content));
    token = result.nextToken;
  }
  assert.deepEqual(seen.sort(), ['p1', 'p2', 'p3']);
});

test('a mutation condition that does not hold is refused', async () => {
  const todo = await createTodo(alice, { content: 'conditional' });
  await fails(`mutation($id: ID!) { updateTodo(input: {id: $id, done: true}, condition: {content: {eq: "other"}}) { id } }`,
    { id: todo.id }, alice, 'DynamoDB:ConditionalCheckFailedException');
  const data = await ok(`mutation($id: ID!) { updateTodo(input: {id: $id, done: true}, condition: {content: {beginsWith: "cond"}}) { done } }`,
    { id: todo.id }, alice);
  assert.equal(data.updateTodo.done, true);
});

test('a secondary index query reads by status, sorted and bounded by createdAt', async () => {
  const carol = callers.user('carol');
  await createTodo(carol, { content: 'c-open' });
  await createTodo(carol, { content: 'c-done', status: 'DONE' });
  const query = `query { listTodoByStatusAndCreatedAt(status: DONE, createdAt: {gt: "2000-01-01"}, sortDirection: DESC) { items { content status } } }`;
  const items = (await ok(query, {}, carol)).listTodoByStatusAndCreatedAt.items;
  assert.deepEqual(items.map((todo) => todo.content), ['c-done']);
});

test('public API key and guest rules allow reading posts and nothing else', async () => {
  const editor = callers.user('ed');
  const post = (await ok(`mutation { createPost(input: {title: "Hello", tags: ["a"], editors: ["sub-ed::ed"], location: {lat: 1.5, lng: 2}}) { id title location { lat lng } } }`, {}, editor)).createPost;
  assert.deepEqual(post.location, { lat: 1.5, lng: 2 });
  const get = `query($id: ID!) { getPost(id: $id) { title } }`;
  assert.equal((await ok(get, { id: post.id }, callers.apiKey())).getPost.title, 'Hello');
  assert.equal((await ok(get, { id: post.id }, callers.guest(api.plan.identityPoolId))).getPost.title, 'Hello');
  await fails(`mutation { createPost(input: {title: "spam"}) { id } }`, {}, callers.apiKey(), 'Unauthorized');
  await fails(`mutation { createPost(input: {title: "spam"}) { id } }`, {}, callers.guest(api.plan.identityPoolId), 'Unauthorized');
});

test('an IAM principal outside the identity pool, a function granted access, may do anything', async () => {
  const post = (await ok(`mutation { createPost(input: {title: "by a function"}) { id } }`, {}, callers.iamRole())).createPost;
  assert.ok(post.id);
});

test('owners defined in a list field: listed users update, others are refused; field rules hide a field from reads, mutation results and subscribers', async () => {
  const post = (await ok(`mutation { createPost(input: {title: "shared", editors: ["sub-ed::ed", "sub-fay::fay"], secret: "s3"}) { id secret } }`, {},
    callers.user('ed'))).createPost;
  assert.equal(post.secret, null, 'a mutation result, which subscribers receive too, leaves protected fields out');
  const update = `mutation($id: ID!) { updatePost(input: {id: $id, title: "edited"}) { title } }`;
  assert.equal((await ok(update, { id: post.id }, callers.user('fay'))).updatePost.title, 'edited');
  await fails(update, { id: post.id }, callers.user('gus'), 'DynamoDB:ConditionalCheckFailedException');
  const read = `query($id: ID!) { getPost(id: $id) { title secret } }`;
  assert.equal((await ok(read, { id: post.id }, callers.user('gus'))).getPost.secret, null);
  assert.equal((await ok(read, { id: post.id }, callers.user('fay'))).getPost.secret, 's3');
});

test('has-many and belongs-to relationships resolve through the relationship index', async () => {
  const post = (await ok(`mutation { createPost(input: {title: "with comments"}) { id } }`, {}, callers.iamRole())).createPost;
  for (const body of ['first', 'second']) {
    await ok(`mutation($postId: ID!, $body: String!) { createComment(input: {postId: $postId, body: $body}) { id } }`, { postId: post.id, body }, alice);
  }
  const data = await ok(`query($id: ID!) { getPost(id: $id) { title comments { items { body post { title } } } } }`, { id: post.id }, callers.apiKey());
  assert.deepEqual(data.getPost.comments.items.map((comment) => comment.body).sort(), ['first', 'second']);
  assert.equal(data.getPost.comments.items[0].post.title, 'with comments');
});

test('a dynamic group rule: members of the group named in the record may change it', async () => {
  const comment = (await ok(`mutation { createComment(input: {body: "team note"}) { id team } }`, {}, callers.iamRole())).createComment;
  const setTeam = await api.dataSource('Comment', {
    operation: 'UpdateItem', key: { id: { S: comment.id } },
    update: { expression: 'SET #t = :t', expressionNames: { '#t': 'team' }, expressionValues: { ':t': { S: 'EDITORS' } } },
  });
  assert.equal(setTeam.result.team, 'EDITORS');
  const update = `mutation($id: ID!) { updateComment(input: {id: $id, body: "changed"}) { body } }`;
  assert.equal((await ok(update, { id: comment.id }, callers.user('eve', ['EDITORS']))).updateComment.body, 'changed');
  await fails(update, { id: comment.id }, callers.user('mallory', ['OTHERS']), 'DynamoDB:ConditionalCheckFailedException');
});

test('a custom identifier: get by both keys, list by partition key and sort key condition', async () => {
  const member = callers.identityPoolUser(api.plan.identityPoolId);
  for (const slug of ['alpha', 'beta', 'gamma']) {
    await ok(`mutation($slug: String!) { createProfile(input: {tenant: "acme", slug: $slug, bio: "hi"}) { slug } }`, { slug }, member);
  }
  await fails(`mutation { createProfile(input: {tenant: "acme", slug: "alpha"}) { slug } }`, {}, member, 'DynamoDB:ConditionalCheckFailedException');
  assert.equal((await ok(`query { getProfile(tenant: "acme", slug: "beta") { bio } }`, {}, member)).getProfile.bio, 'hi');
  const listed = (await ok(`query { listProfiles(tenant: "acme", slug: {beginsWith: "g"}) { items { slug } } }`, {}, member)).listProfiles.items;
  assert.deepEqual(listed.map((profile) => profile.slug), ['gamma']);
  await fails(`mutation { createProfile(input: {tenant: "acme", slug: "delta"}) { slug } }`, {}, callers.guest(api.plan.identityPoolId), 'Unauthorized');
});

test('an owner\'s subscription receives only the owner\'s records; a group reader receives all', async () => {
  const subscription = `subscription { onCreateTodo { id owner } }`;
  const filter = await api.subscribe(subscription, {}, alice);
  assert.equal(passesSubscriptionFilter(filter, { owner: 'sub-alice::alice' }), true);
  assert.equal(passesSubscriptionFilter(filter, { owner: 'sub-bob::bob' }), false);
  const adminFilter = await api.subscribe(subscription, {}, admin);
  assert.equal(passesSubscriptionFilter(adminFilter, { owner: 'sub-bob::bob' }), true);
  const filtered = await api.subscribe(`subscription { onUpdateTodo(filter: {done: {eq: true}}) { id } }`, {}, alice);
  assert.equal(passesSubscriptionFilter(filtered, { owner: 'sub-alice::alice', done: true }), true);
  assert.equal(passesSubscriptionFilter(filtered, { owner: 'sub-alice::alice', done: false }), false);
  await assert.rejects(api.subscribe(subscription, {}, callers.apiKey()), /Not Authorized to access onCreateTodo/);
});

test('custom operations: their rules decide, then their function answers with the caller in its event', async () => {
  assert.equal((await ok(`query { echo(message: "hi") }`, {}, alice)).echo, 'hi, said alice');
  assert.equal((await ok(`query { echo(message: "hi") }`, {}, callers.apiKey())).echo, 'hi, said a guest');
  await fails(`query { echo(message: "hi") }`, {}, callers.guest(api.plan.identityPoolId), 'Unauthorized');
  const rating = (await ok(`mutation { rate(postId: "p1", stars: 5) { postId stars } }`, {}, admin)).rate;
  assert.deepEqual(rating, { postId: 'p1', stars: 5 });
  await fails(`mutation { rate(postId: "p1", stars: 1) { postId } }`, {}, alice, 'Unauthorized');
});

test('a has-one relationship reads the one related record through its index', async () => {
  const writer = callers.user('wanda');
  const author = (await ok(`mutation { createAuthor(input: {name: "Wanda"}) { id account } }`, {}, writer)).createAuthor;
  assert.equal(author.account, 'sub-wanda::wanda');
  await ok(`mutation($authorId: ID!) { createBio(input: {authorId: $authorId, text: "Writes tests"}) { id } }`, { authorId: author.id }, writer);
  const read = (await ok(`query($id: ID!) { getAuthor(id: $id) { name bio { text author { name } } } }`, { id: author.id }, bob)).getAuthor;
  assert.deepEqual(read, { name: 'Wanda', bio: { text: 'Writes tests', author: { name: 'Wanda' } } });
  await fails(`mutation($id: ID!) { updateAuthor(input: {id: $id, name: "Bob"}) { id } }`, { id: author.id }, bob,
    'DynamoDB:ConditionalCheckFailedException');
});

test('a many-to-many relationship goes through its join model from either side', async () => {
  const post = (await ok(`mutation { createPost(input: {title: "tagged"}) { id } }`, {}, callers.iamRole())).createPost;
  const tags = [];
  for (const label of ['java', 'cdk']) {
    tags.push((await ok(`mutation($label: String!) { createTag(input: {label: $label}) { id } }`, { label }, alice)).createTag);
  }
  for (const tag of tags) {
    await ok(`mutation($postId: ID!, $tagId: ID!) { createPostTag(input: {postId: $postId, tagId: $tagId}) { id } }`,
      { postId: post.id, tagId: tag.id }, alice);
  }
  const labels = (await ok(`query($id: ID!) { getPost(id: $id) { postTags { items { tag { label } } } } }`, { id: post.id }, alice))
    .getPost.postTags.items.map((item) => item.tag.label).sort();
  assert.deepEqual(labels, ['cdk', 'java']);
  const titles = (await ok(`query($id: ID!) { getTag(id: $id) { postTags { items { post { title } } } } }`, { id: tags[0].id }, alice))
    .getTag.postTags.items.map((item) => item.post.title);
  assert.deepEqual(titles, ['tagged']);
});

test('a custom rule: whoever the Lambda authorizer lets in may write; the API key only reads', async () => {
  const authorized = await new Api('authorized', moto.endpoint, 'authorized-').start(AUTH_TYPES.lambda);
  const created = await authorized.run(`mutation { createNote(input: {text: "from the authorizer"}) { id text } }`, {},
    callers.lambda({ tenant: 'acme' }));
  assert.equal(created.errors, undefined, JSON.stringify(created.errors));
  const listed = await authorized.run(`query { listNotes { items { text } } }`, {}, callers.apiKey());
  assert.deepEqual(listed.data.listNotes.items.map((note) => note.text), ['from the authorizer']);
  const refused = await authorized.run(`mutation { createNote(input: {text: "spam"}) { id } }`, {}, callers.apiKey());
  assert.equal(refused.errors[0].errorType, 'Unauthorized');
});
