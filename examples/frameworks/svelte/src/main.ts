// Registers <customer-portal>, <past-orders> and <reorder-cart>.
import 'customer-portal-widget';
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
