import { z } from 'zod';

// Before the contract's schemas load: zod would probe `new Function` for its compiled parsers,
// which the console's CSP (no eval, Trusted Types) refuses with a violation report.
z.config({ jitless: true });
