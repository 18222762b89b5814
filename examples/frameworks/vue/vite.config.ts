import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    vue({
      // The portal's tags are custom elements, not Vue components: Vue renders them as they are.
      template: {
        compilerOptions: { isCustomElement: (tag) => ['customer-portal', 'past-orders', 'reorder-cart'].includes(tag) },
      },
    }),
  ],
});
