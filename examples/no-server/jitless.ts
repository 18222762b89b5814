import { z } from 'zod';

// The mock checks every answer against the contract's schemas. Without JIT, zod never tries
// `new Function`, which this page's CSP (script-src 'self') forbids. Imported first, before any
// schema is built or used.
z.config({ jitless: true });
