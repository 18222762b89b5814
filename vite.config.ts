import { defineConfig } from 'vite';

/**
 * Library build of what the widget ships. Today: the API contract (for backends written in
 * JavaScript that implement it) and the pricing module (the same resolution the server does).
 * zod stays a peer dependency rather than being bundled twice.
 */
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: {
        contract: 'widget/contract/index.ts',
        pricing: 'widget/pricing/index.ts',
      },
      formats: ['es'],
    },
    rollupOptions: { external: ['zod'] },
  },
});
