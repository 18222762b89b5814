// Writes widget/api/contract.gen.ts and schemas.gen.ts from the contract: `npm run gen:contract`.
import { writeFileSync } from 'node:fs';
import { compileClientEndpoints, compileClientSchemas } from '../widget/contract/compile.ts';

for (const [file, source] of [
  ['contract.gen.ts', compileClientEndpoints()],
  ['schemas.gen.ts', compileClientSchemas()],
] as const) {
  const target = new URL(`../widget/api/${file}`, import.meta.url);
  writeFileSync(target, source);
  console.log(`wrote ${target.pathname}`);
}
