import { transform } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';

/**
 * Vite leaves whitespace in ES library builds (to keep pure annotations for the consumer's
 * tree-shaking); the script-tag bundle is a final artifact, so minify it fully.
 */
const minifyBundle: Plugin = {
  name: 'minify-bundle',
  apply: 'build',
  async generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const result = await transform(chunk.code, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' });
      chunk.code = result.code;
    }
  },
};

/**
 * The script-tag bundle: `dist/customer-portal.js`, one self-contained ES module that registers
 * the elements (Lit, zod and the virtualizer inside). Per-element entries and the npm package's
 * other exports come with the distribution work.
 */
export default defineConfig({
  plugins: [minifyBundle],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    lib: {
      entry: { 'customer-portal': 'widget/index.ts' },
      formats: ['es'],
    },
    rollupOptions: { output: { codeSplitting: false } as never },
  },
});
