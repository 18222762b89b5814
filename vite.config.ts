import { defineConfig } from 'vite';

/**
 * Library build of what the widget ships: `customer-portal.js`, the script-tag entry that
 * registers the elements (self-contained: Lit and zod inside), plus the API contract and the
 * pricing module as modules of their own for backends written in JavaScript.
 */
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: {
        'customer-portal': 'widget/index.ts',
        contract: 'widget/contract/index.ts',
        pricing: 'widget/pricing/index.ts',
      },
      formats: ['es'],
    },
  },
});
