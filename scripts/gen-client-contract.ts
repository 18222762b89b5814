// Writes widget/api/contract.gen.ts from the contract: `npm run gen:contract`.
import { writeFileSync } from 'node:fs';
import { compileClientContract } from '../widget/contract/compile.ts';

const target = new URL('../widget/api/contract.gen.ts', import.meta.url);
writeFileSync(target, compileClientContract());
console.log(`wrote ${target.pathname}`);
