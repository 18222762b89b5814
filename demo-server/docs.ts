import type { Router } from 'express';
import { openApiDocument } from '../widget/contract/openapi.ts';

type Operation = {
  summary: string;
  description?: string;
  tags: string[];
  parameters: { name: string; in: string; required: boolean; description?: string; schema: unknown }[];
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
  'x-portal-access'?: { section: string | null; permission: string | null; write_permission?: string };
};

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const inlineCode = (text: string) => escape(text).replace(/`([^`]+)`/g, '<code>$1</code>');
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function schemaBlock(label: string, schema: unknown) {
  return `<details><summary>${escape(label)}</summary><pre>${escape(JSON.stringify(schema, null, 2))}</pre></details>`;
}

/** A JSON answer shows its schema; a file answer its media type. */
function body(content: Record<string, { schema: unknown }>) {
  const json = content['application/json'];
  return json
    ? schemaBlock('Response schema', json.schema)
    : ` ${Object.keys(content)
        .map((type) => `<code>${escape(type)}</code>`)
        .join(', ')}`;
}

/** A readable, dependency-free reference page rendered from the OpenAPI document. */
export function renderDocs(doc: ReturnType<typeof openApiDocument>): string {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Operation })),
  );
  const tags = [...new Set(operations.flatMap((o) => o.op.tags))];
  const nav = tags
    .map(
      (tag) =>
        `<li><a href="#${slug(tag)}">${escape(tag)}</a><ul>${operations
          .filter((o) => o.op.tags.includes(tag))
          .map((o) => `<li><a href="#${slug(o.method + o.path)}">${escape(o.op.summary)}</a></li>`)
          .join('')}</ul></li>`,
    )
    .join('');
  const sections = tags
    .map(
      (tag) =>
        `<section id="${slug(tag)}"><h2>${escape(tag)}</h2>${operations
          .filter((o) => o.op.tags.includes(tag))
          .map(({ path, method, op }) => {
            const access = op['x-portal-access'];
            const params = op.parameters.length
              ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Description</th></tr></thead><tbody>${op.parameters
                  .map(
                    (p) =>
                      `<tr><td><code>${escape(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td><td>${inlineCode(p.description ?? '')}</td></tr>`,
                  )
                  .join('')}</tbody></table>`
              : '';
            const responses = Object.entries(op.responses)
              .map(
                ([status, r]) =>
                  `<li><span class="status s${status[0]}">${status}</span> ${inlineCode(r.description)}${r.content && status.startsWith('2') ? body(r.content) : ''}</li>`,
              )
              .join('');
            return `<article id="${slug(method + path)}">
  <h3>${escape(op.summary)}</h3>
  <p class="endpoint"><span class="method ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></p>
  ${op.description ? `<p>${inlineCode(op.description)}</p>` : ''}
  ${access ? `<p class="access">Needs ${access.section ? `the <strong>${escape(access.section)}</strong> section switched on` : ''}${access.section && access.permission ? ' and ' : ''}${access.permission ? `the <code>${escape(access.permission)}</code> permission` : ''}${access.write_permission ? ` and <code>${escape(access.write_permission)}</code>` : ''}.</p>` : ''}
  ${params}
  ${op.requestBody ? schemaBlock('Request body schema', op.requestBody.content['application/json'].schema) : ''}
  <ul class="responses">${responses}</ul>
</article>`;
          })
          .join('\n')}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)} reference</title><link rel="stylesheet" href="/docs/docs.css"></head>
<body><nav><strong>${escape(doc.info.title)}</strong> <small>v${escape(doc.info.version)}</small><ul>${nav}</ul>
<p><a href="/api/v1/openapi.json">openapi.json</a></p></nav>
<main><h1>${escape(doc.info.title)}</h1><p>${inlineCode(doc.info.description)}</p>
<p>Admin endpoints take <code>Authorization: Bearer &lt;ADMIN_TOKEN&gt;</code>. Portal endpoints take the customer's token in the path.</p>
${sections}</main></body></html>`;
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,sans-serif;color:#1f2933;display:grid;grid-template-columns:280px 1fr}
nav{position:sticky;top:0;height:100vh;overflow:auto;padding:1rem;background:#f5f7fa;border-right:1px solid #e4e7eb}
nav ul{list-style:none;padding-left:.75rem}nav a{color:#0f766e;text-decoration:none}main{padding:1rem 2rem;max-width:960px}
article{border-top:1px solid #e4e7eb;padding:1rem 0}code{background:#f0f4f8;padding:0 .25rem;border-radius:3px}
.method{font-weight:700;padding:.1rem .4rem;border-radius:3px;color:#fff;font-size:.8rem}.get{background:#2563eb}.post{background:#15803d}
.patch{background:#b45309}.delete{background:#b91c1c}table{border-collapse:collapse;width:100%}td,th{border:1px solid #e4e7eb;padding:.25rem .5rem;text-align:left}
.status{font-weight:700}.s2{color:#15803d}.s4{color:#b45309}.access{color:#52606d}pre{background:#f5f7fa;padding:.75rem;overflow:auto;font-size:.8rem}
@media (max-width:800px){body{display:block}nav{position:static;height:auto}}`;

export function docsRoutes(router: Router, serverUrl?: string): void {
  const document = openApiDocument({ serverUrl });
  const page = renderDocs(document);
  router.get('/api/v1/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs/docs.css', (_req, res) => {
    res.type('text/css').send(CSS);
  });
  router.get(['/docs', '/docs/'], (_req, res) => {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    res.type('html').send(page);
  });
}
