/**
 * `npm run build:openapi`: the contract as files a backend developer's tools read, shipped in the
 * package: dist/openapi.json (the OpenAPI 3.1 document the server serves at /api/v1/openapi.json,
 * without a server URL) and dist/schemas/<Name>.json, a JSON Schema (draft 2020-12) for each named
 * answer and each request body.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { endpoints, type Endpoint } from '../widget/contract/index.ts';
import { NAMED_SCHEMAS, openApiDocument } from '../widget/contract/openapi.ts';

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const pkg = JSON.parse(readFileSync(path('../package.json'), 'utf8')) as { version: string };

writeFileSync(path('../dist/openapi.json'), `${JSON.stringify(openApiDocument({ version: pkg.version }), null, 2)}\n`);

const dir = path('../dist/schemas');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const write = (name: string, schema: z.ZodType, io: 'input' | 'output') =>
  writeFileSync(
    `${dir}/${name}.json`,
    `${JSON.stringify({ $id: `${name}.json`, title: name, ...z.toJSONSchema(schema, { io, unrepresentable: 'any' }) }, null, 2)}\n`,
  );
for (const [name, schema] of Object.entries(NAMED_SCHEMAS)) write(name, schema, 'output');
// Request bodies, named after their operation: placeOrder.request.json...
for (const [operation, endpoint] of Object.entries(endpoints) as [string, Endpoint][]) {
  if (endpoint.body) write(`${operation}.request`, endpoint.body, 'input');
}
