/**
 * No customer-visible English left outside msg() in the elements and their parts. A heuristic
 * over the TypeScript syntax tree: text between the tags of an html`` template, a literal
 * aria-label, title, placeholder or alt, and string literals that read like words of the
 * interface ("Add to cart", "Free"). Code strings (part names, events, CSS, key names) pass.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../..');

/** Keyboard keys compared with `event.key`: not words of the interface. */
const KEYS = new Set(['Escape', 'Enter', 'Tab', 'Home', 'End', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.styles.ts'))
    .map((f) => join(root, dir, f));
}

// eslint-disable-next-line no-control-regex -- the NULs that stand in for a template's expressions
const NUL = /\u0000/g;
const tagOf = (node: ts.Node) => (ts.isTaggedTemplateExpression(node) ? node.tag.getText() : undefined);

/** Whether a literal reads like interface text: a capitalised word ("Free", "Close.") or a few words in a row. */
function looksLikeWords(text: string): boolean {
  if (KEYS.has(text)) return false;
  return /^[A-Z][a-z]+(?:[ ,.:!?…]|$)/.test(text) || /\b[a-z]+ [a-z]+ [a-z]+\b/.test(text);
}

function findings(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push(`${relative(root, file)}:${line}: ${JSON.stringify(what.replace(/\s+/g, ' ').trim().slice(0, 80))}`);
  };
  const visit = (node: ts.Node, inMsg: boolean): void => {
    if (ts.isCallExpression(node) && node.expression.getText() === 'msg') inMsg = true;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || tagOf(node) === 'css') return;
    if (!inMsg && tagOf(node) === 'html') {
      const template = (node as ts.TaggedTemplateExpression).template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template.text]
        : [template.head.text, ...template.templateSpans.map((s) => s.literal.text)];
      const joined = parts.join('\u0000');
      const text = joined
        .replace(/<[^>]*>/g, ' ')
        .replace(NUL, ' ')
        .replace(/&[a-z]+;/g, ' ');
      if (/[A-Za-z]{2,}/.test(text)) report(node, text);
      for (const [, value] of joined.matchAll(/\b(?:aria-label|title|placeholder|alt)="([^"]*)"/g)) {
        if (/[A-Za-z]{2,}/.test(value)) report(node, value);
      }
    } else if (
      !inMsg &&
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) &&
      !ts.isTaggedTemplateExpression(node.parent)
    ) {
      const text = ts.isTemplateExpression(node)
        ? node.head.text + node.templateSpans.map((s) => s.literal.text).join('')
        : node.text;
      if (looksLikeWords(text)) report(node, text);
    }
    ts.forEachChild(node, (child) => visit(child, inMsg));
  };
  visit(source, false);
  return found;
}

describe('customer-visible text', () => {
  for (const dir of ['widget/elements', 'widget/parts']) {
    it(`${dir}: every word of the interface goes through msg()`, () => {
      assert.deepEqual(
        sources(dir).flatMap(findings),
        [],
        'text a customer sees or hears that is not wrapped in msg()',
      );
    });
  }
});
