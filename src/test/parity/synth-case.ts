// The parity harness's Amplify side: defines one case's backend with Amplify Gen 2's TypeScript library, synthesizes
// it as ampx does (Amplify's default stack synthesizes when the process receives 'amplifySynth'), without a deploy,
// and writes what AmplifyParityIT compares: the API's SDL, the model introspection document, the data section of
// amplify_outputs.json, and the API's logging. Usage (from the Amplify install, with CDK_OUTDIR and CDK_CONTEXT_JSON
// set as the CDK CLI sets them): tsx synth-case.ts CASE_DIR RESULT_JSON
import { defineBackend } from '@aws-amplify/backend';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataClientConfigContributor } from './node_modules/@aws-amplify/client-config/lib/client-config-contributor/client_config_contributor_v1.js';
import { StackMetadataGraphqlModelsGenerator } from './node_modules/@aws-amplify/model-generator/lib/graphql_models_generator.js';

const [caseDir, resultFile] = process.argv.slice(2).map((path) => resolve(path));
const outDir = process.env.CDK_OUTDIR!;
// Amplify checks that auth and data are defined in files named amplify/auth/resource.ts and amplify/data/resource.ts
const { data } = await import(join(caseDir, 'amplify/data/resource.ts'));
const ownAuth = join(caseDir, 'amplify/auth/resource.ts');
const { auth } = await import(existsSync(ownAuth) ? ownAuth : join(caseDir, '../shared/amplify/auth/resource.ts'));
defineBackend({ auth, data });
process.emit('message' as never, 'amplifySynth' as never);

const files = readdirSync(outDir);
const rootTemplate = files.find((name) => name.startsWith('amplify-') && name.endsWith('.template.json'))!;
const root = JSON.parse(readFileSync(join(outDir, rootTemplate), 'utf8'));
/** The text of the one asset file with this extension (".graphql"), or of this name inside an asset directory. */
const asset = (name: string): string => {
  const found = files.filter((entry) => entry.startsWith('asset.')).map((entry) => join(outDir, entry))
    .map((path) => (name.startsWith('.') ? (path.endsWith(name) ? path : '') : join(path, name)))
    .filter((path) => path !== '' && existsSync(path));
  if (found.length !== 1) {
    throw new Error(`Expected one asset ${name} in ${outDir}, found ${found.length}`);
  }
  return readFileSync(found[0], 'utf8');
};

/**
 * The root stack's outputs as they would read once deployed, by the same rule as the Java side: a literal as
 * synthesized, the region us-east-1, and for every value CloudFormation makes up at deploy time "deployed:<output>".
 */
const deployed = (name: string, value: unknown): string => {
  if (typeof value === 'string') {
    return value;
  }
  return JSON.stringify(value) === '{"Ref":"AWS::Region"}' ? 'us-east-1' : `deployed:${name}`;
};
const backendOutput: Record<string, { version: string; payload: Record<string, string> }> = {};
for (const [key, entry] of Object.entries(root.Metadata as Record<string, { version: string; stackOutputs: string[] }>)) {
  const payload: Record<string, string> = {};
  for (const name of entry.stackOutputs) {
    payload[name] = deployed(name, root.Outputs[name].Value);
  }
  backendOutput[key] = { version: entry.version, payload };
}

// amplify_outputs.json's data section by Amplify's own contributor. Its model introspection is generated, as
// Amplify's adapter does, from the model schema at amplifyApiModelSchemaS3Uri (model-schema.graphql); the one
// change is that the schema is read from the cloud assembly instead of from the deployed bucket.
const modelSchema = asset('model-schema.graphql');
const introspectionFromModelSchema = {
  getModelIntrospectionSchemaFromS3Uri: async () => {
    const generator = new StackMetadataGraphqlModelsGenerator(async () => modelSchema, (files: unknown) => files);
    const generated = Object.values(await generator.generateModels({ target: 'introspection' }) as Record<string, string>);
    if (generated.length !== 1) {
      throw new Error(`Expected one model introspection document, got ${generated.length}`);
    }
    return JSON.parse(generated[0]);
  },
};
const config = await new DataClientConfigContributor(introspectionFromModelSchema as never).contribute(backendOutput as never);

/**
 * The API's logging as deployed: its LogConfig, the role AppSync writes the logs with (who may assume it, its
 * managed policies) and how long the log group keeps them; null without logging.
 */
type Resource = { Type: string; Properties: Record<string, any> };
const templates = files.filter((name) => name.endsWith('.template.json'))
  .map((name) => JSON.parse(readFileSync(join(outDir, name), 'utf8')).Resources as Record<string, Resource>);
const resources = templates.flatMap((template) => Object.entries(template ?? {}));
const [, api] = resources.find(([, resource]) => resource.Type === 'AWS::AppSync::GraphQLApi')!;
const logConfig = api.Properties.LogConfig;
const logging = logConfig === undefined ? null : (() => {
  const roleId = logConfig.CloudWatchLogsRoleArn['Fn::GetAtt'][0];
  const role = resources.find(([id]) => id === roleId)![1].Properties;
  const retention = resources.find(([, resource]) => resource.Type === 'Custom::LogRetention');
  return {
    fieldLogLevel: logConfig.FieldLogLevel,
    excludeVerboseContent: logConfig.ExcludeVerboseContent,
    roleAssumedBy: role.AssumeRolePolicyDocument.Statement.map((statement: any) => statement.Principal.Service),
    roleManagedPolicies: JSON.stringify(role.ManagedPolicyArns).match(/policy\/[^"]+/g),
    retentionInDays: retention ? retention[1].Properties.RetentionInDays : null,
  };
})();

writeFileSync(resultFile, JSON.stringify({
  sdl: asset('.graphql'),
  modelIntrospection: JSON.parse(asset('modelIntrospectionSchema.json')),
  outputsData: JSON.parse(JSON.stringify(config)).data,
  logging,
}, null, 2));
