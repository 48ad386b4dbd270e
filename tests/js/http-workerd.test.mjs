// The shared HTTP table against the worker inside real workerd.
import { CAP_BYTES, defineHostSuite, PAGE_SIZE } from './http-cases.mjs';
import { startWorkerdHost } from './hosts.mjs';

defineHostSuite('the worker in workerd', (options) => startWorkerdHost({ ...options,
  env: { ...options.env, MAX_BODY_BYTES: String(CAP_BYTES), PAGE_SIZE: String(PAGE_SIZE) } }));
