// The shared HTTP table against the Node server (the CLI as a child process).
import { CAP_BYTES, defineHostSuite, PAGE_SIZE } from './http-cases.mjs';
import { startNodeHost } from './hosts.mjs';

defineHostSuite('the Node server', (options) => startNodeHost({ ...options,
  args: ['--max-body-size', String(CAP_BYTES), '--page-size', String(PAGE_SIZE)] }));
