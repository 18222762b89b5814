// Registers <customer-portal>, <past-orders> and <reorder-cart>.
import 'customer-portal-widget';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
