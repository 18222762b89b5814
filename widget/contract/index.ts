export * from './common.ts';
export * from './catalog.ts';
export * from './portal.ts';
export * from './admin.ts';
export * from './endpoints.ts';
export * from './admin-customers.ts';
