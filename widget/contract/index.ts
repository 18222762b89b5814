export * from './common.ts';
export * from './catalog.ts';
export * from './portal.ts';
export * from './admin.ts';
export * from './admin-orders.ts';
export * from './endpoints.ts';
