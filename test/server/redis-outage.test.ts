/**
 * A Redis of its own (`redis-server` on a free loopback port), stopped and started again under a
 * running app whose client is built by `connectRedis`, as `npm start` builds it: while Redis is
 * gone or hangs, portal requests answer 503 with Retry-After within a second (never hang), the
 * readiness check names Redis, and once it is back requests succeed again by themselves.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { connectRedis, type SharedRedis } from '../../demo-server/redis.ts';
import { errorOf, portal, startServer, type TestServer } from './harness.ts';

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts `redis-server` on the port and resolves once it accepts connections. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  child.stdout!.resume();
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** A request that cannot hang the test: after 5 s it fails. */
async function timed(server: TestServer, path: string): Promise<{ res: Response; ms: number }> {
  const started = performance.now();
  const res = await fetch(server.url + path, { signal: AbortSignal.timeout(5000) });
  return { res, ms: performance.now() - started };
}

/** Polls `path` until it answers 200, for at most 10 s (the client retries every 2 s at most). */
async function until200(server: TestServer, path: string): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { res } = await timed(server, path);
    await res.arrayBuffer();
    if (res.status === 200 || Date.now() > deadline) return res.status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe(
  'Redis outage: portal requests fail fast and recover by themselves',
  { skip: hasRedisServer ? false : 'skipped: redis-server is not installed' },
  () => {
    let port: number;
    let redisProcess: ChildProcess;
    let redis: SharedRedis;
    let server: TestServer;
    let token: string;
    const redisLog: string[] = [];

    before(async () => {
      port = await freePort();
      redisProcess = await startRedis(port);
      redis = await connectRedis(`redis://127.0.0.1:${port}`, (line) => redisLog.push(line));
      server = await startServer('sqlite', { config: { redis } });
      token = await server.tokenFor(server.customers[0].id);
    });
    after(async () => {
      redis?.close();
      await server?.close();
      if (redisProcess) await stopRedis(redisProcess);
    });

    it('answers normally while Redis is up, and /readyz says so', async () => {
      assert.equal((await timed(server, portal(token, '/session'))).res.status, 200);
      const ready = (await timed(server, '/readyz')).res;
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready', checks: { database: 'ok', redis: 'ok' } });
    });

    it('with Redis killed: 503 service_unavailable with Retry-After within 1 s, /readyz 503 naming Redis; then recovers once Redis is back', async () => {
      await stopRedis(redisProcess);

      const { res, ms } = await timed(server, portal(token, '/session'));
      assert.equal(res.status, 503);
      assert.ok(Number(res.headers.get('retry-after')) >= 1, `Retry-After: ${res.headers.get('retry-after')}`);
      assert.equal((await errorOf(res)).code, 'service_unavailable');
      assert.ok(ms < 1000, `answered in ${ms.toFixed(0)} ms`);

      const write = await fetch(server.url + portal(token, '/orders'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'redis-down' },
        body: '{"lines":[]}',
        signal: AbortSignal.timeout(5000),
      });
      assert.equal(write.status, 503, 'writes fail the same way');
      await write.arrayBuffer();

      const ready = (await timed(server, '/readyz')).res;
      assert.equal(ready.status, 503);
      assert.deepEqual(await ready.json(), { status: 'unavailable', checks: { database: 'ok', redis: 'failed' } });
      assert.equal((await timed(server, '/healthz')).res.status, 200, 'the process is alive all the same');

      redisProcess = await startRedis(port);
      assert.equal(await until200(server, portal(token, '/session')), 200);
      assert.equal((await timed(server, '/readyz')).res.status, 200);
      assert.ok(
        redisLog.some((line) => line.includes('connected again')),
        redisLog.join('\n'),
      );
    });

    it('with Redis hanging (stopped, connection open): 503 within 1 s, then recovers when it resumes', async () => {
      redisProcess.kill('SIGSTOP');
      try {
        const { res, ms } = await timed(server, portal(token, '/catalog'));
        assert.equal(res.status, 503);
        assert.equal((await errorOf(res)).code, 'service_unavailable');
        assert.ok(res.headers.get('retry-after'));
        assert.ok(ms < 1000, `answered in ${ms.toFixed(0)} ms`);
      } finally {
        redisProcess.kill('SIGCONT');
      }
      assert.equal(await until200(server, portal(token, '/catalog')), 200);
    });
  },
);
