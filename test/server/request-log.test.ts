import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecrets } from '../../demo-server/auth/secrets.ts';
import { ADMIN_KEY, errorOf, forEachDatabase, portal, useServer } from './harness.ts';

forEachDatabase('request log', (kind) => {
  const s = useServer(kind);

  describe('secrets', () => {
    it('no token reaches the log, wherever the URL carries it and whatever the route', async () => {
      const server = s.get();
      const token = await server.tokenFor(server.customers[0].id);
      // The part after the prefix: an encoded or cut-down copy of the token still carries it.
      const secretPart = token.slice(4);
      const encoded = `%63${token.slice(1, 10)}%${token.charCodeAt(10).toString(16)}${token.slice(11)}`;
      const asked: [string, number][] = [
        [`/examples/?portal_token=${token}`, 200],
        [`/api/v1/customer-portal/${token}/nonexistent`, 404],
        [`/widget/${token}.js`, 404],
        [`${portal(token, '/session')}?portal_token=${token}`, 200],
        [portal(encoded, '/session'), 200],
        [`/api/v1/customer-portal/view/x/session?t=${encoded}`, 401],
        [`/api/v1/customers?key=${ADMIN_KEY}`, 401],
        [`/nowhere/${token.slice(0, 12)}`, 404],
      ];
      const before = server.logs.length;
      for (const [path, status] of asked) {
        const res = await server.request(path);
        assert.equal(res.status, status, path);
        if (status === 404 && path.startsWith('/api/')) {
          assert.doesNotMatch(
            (await errorOf(res)).message,
            new RegExp(secretPart.slice(0, 8)),
            'the 404 message names no token',
          );
        } else {
          await res.arrayBuffer();
        }
      }
      const lines = server.logs.slice(before);
      assert.equal(lines.length, asked.length, lines.join('\n'));
      for (const line of lines) {
        assert.ok(!line.includes(secretPart.slice(0, 8)), `a token in the log: ${line}`);
        assert.ok(!line.includes(ADMIN_KEY.slice(4)), `the admin key in the log: ${line}`);
      }
      assert.match(lines[0], /^GET \/examples\/\?portal_token=cpt_\[redacted\] 200 /);
      assert.match(lines[1], /^GET \/api\/v1\/customer-portal\/cpt_\[redacted\]\/nonexistent 404 /);
    });

    it('a request cannot write a second line into the log', async () => {
      const server = s.get();
      const before = server.logs.length;
      await (await server.request('/nowhere%0d%0aGET%20/forged%20200%201.0ms')).arrayBuffer();
      const lines = server.logs.slice(before);
      assert.equal(lines.length, 1);
      assert.doesNotMatch(lines[0], /[\r\n]/);
    });
  });
});

describe('redactSecrets', () => {
  it('redacts portal tokens and admin keys anywhere, whole, cut short or percent-encoded', () => {
    assert.equal(redactSecrets('GET /a?x=cpt_abc-DEF_123&y=1'), 'GET /a?x=cpt_[redacted]&y=1');
    assert.equal(redactSecrets('Bearer cpa_0123456789abcdef'), 'Bearer cpa_[redacted]');
    assert.equal(
      redactSecrets('/api/v1/customer-portal/view/not-prefixed/session'),
      '/api/v1/customer-portal/view/[redacted]/session',
    );
    assert.equal(redactSecrets('/x/%63pt_%61bc'), '/x/cpt_[redacted]');
    assert.equal(redactSecrets('/x/%2563pt_abc'), '/x/cpt_[redacted]');
    assert.equal(redactSecrets('/x/%E0%A4%A/y'), '/x/%E0%A4%A/y');
  });
});
