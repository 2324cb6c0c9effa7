// Describes AppSync SDLs for the parity harness, parsed with graphql-js: each type with its kind, directives and
// fields (their type, arguments and directives), input fields and enum values, as JSON the Java side compares path
// by path. Directives are sorted: their order means nothing to AppSync. Usage: node describe-sdl.cjs SDL_FILE...
// (graphql from NODE_PATH, target/node-data/node_modules)
const { readFileSync } = require('node:fs');
const { parse, print } = require('graphql');

const directives = (node) => (node.directives ?? []).map((directive) => print(directive)).sort();
const argumentsOf = (field) => Object.fromEntries((field.arguments ?? []).map((argument) => [argument.name.value,
  print(argument.type) + (argument.defaultValue ? ` = ${print(argument.defaultValue)}` : '')]));
const fieldsOf = (fields) => Object.fromEntries((fields ?? []).map((field) => [field.name.value, {
  type: print(field.type) + (field.defaultValue ? ` = ${print(field.defaultValue)}` : ''),
  ...(field.arguments?.length ? { arguments: argumentsOf(field) } : {}),
  ...(field.directives?.length ? { directives: directives(field) } : {}),
}]));

const describe = (sdl) => {
  const types = {};
  for (const definition of parse(sdl).definitions) {
    const name = definition.name ? definition.name.value : 'schema';
    const type = types[name] ?? (types[name] = { kind: definition.kind.replace(/Extension$/, 'Definition') });
    if (definition.directives?.length) {
      type.directives = [...(type.directives ?? []), ...directives(definition)].sort();
    }
    if (definition.fields) {
      type.fields = { ...(type.fields ?? {}), ...fieldsOf(definition.fields) };
    }
    if (definition.values) {
      type.values = definition.values.map((value) => value.name.value);
    }
    if (definition.operationTypes) {
      type.operations = Object.fromEntries(definition.operationTypes.map((op) => [op.operation, print(op.type)]));
    }
    if (definition.types) {
      type.members = definition.types.map((member) => member.name.value).sort();
    }
  }
  return types;
};

process.stdout.write(JSON.stringify(process.argv.slice(2).map((file) => describe(readFileSync(file, 'utf8')))));
