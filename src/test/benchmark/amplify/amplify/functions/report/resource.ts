import { defineFunction } from '@aws-amplify/backend';

export const report = defineFunction({
  name: 'report',
  entry: './handler.ts',
  timeoutSeconds: 60,
  memoryMB: 1024,
  schedule: 'every 1h',
});
