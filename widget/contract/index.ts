export * from './common.ts';
export * from './catalog.ts';
export * from './portal.ts';
export * from './admin.ts';
export * from './admin-catalog.ts';
export * from './endpoints.ts';
export * from './error-details.ts';
export * from './links.ts';
