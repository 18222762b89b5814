import type { EndpointName } from '../contract/index.ts';
import type { SentRequest } from './http.ts';

/** One way the server broke the contract. */
export interface Failure {
  /** The operation concerned, when there is one. */
  endpoint?: EndpointName;
  /** What went wrong, in a sentence. */
  message: string;
  request?: SentRequest;
  expected: string;
  received?: { status: number; body: string };
  /** Where the contract says so. */
  contract: string;
}

export interface CheckResult {
  name: string;
  title: string;
  /** `skip`: the server gave the kit nothing to check (e.g. no customer has an order). */
  status: 'pass' | 'fail' | 'skip';
  failures: Failure[];
  /** What the check saw or could not do, for the reader (not failures). */
  notes: string[];
  requests: number;
  durationMs: number;
  /** Whether the check writes to the server (orders placed, tokens made). */
  writes: boolean;
}

export interface Report {
  ok: boolean;
  base: string;
  startedAt: string;
  durationMs: number;
  requests: number;
  /** The seed of the generated carts, to replay a run. */
  seed: number;
  checks: CheckResult[];
}

const MARK = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 1000 ? `${text.slice(0, 1000)}… (${text.length} characters)` : text;
}

/** The report as text a developer reads in a terminal: what failed, what was sent, expected and received. */
export function formatReport(report: Report): string {
  const failed = report.checks.filter((c) => c.status === 'fail');
  const lines: string[] = [
    `Customer portal API conformance: ${report.base}`,
    `${report.checks.length} checks, ${failed.length} failed, ${report.requests} requests, ${(report.durationMs / 1000).toFixed(1)} s (seed ${report.seed})`,
    '',
  ];
  for (const check of report.checks) {
    lines.push(`${MARK[check.status]}  ${check.name}: ${check.title} (${check.requests} requests)`);
    for (const note of check.notes) lines.push(`      note: ${note}`);
    check.failures.forEach((failure, i) => {
      lines.push(`  ${i + 1}) ${failure.endpoint ? `${failure.endpoint}: ` : ''}${failure.message}`);
      if (failure.request) {
        const r = failure.request;
        lines.push(`      request:  ${r.method} ${r.path}`);
        for (const [name, value] of Object.entries(r.headers ?? {})) lines.push(`                ${name}: ${value}`);
        if (r.body !== undefined) lines.push(`                ${shown(r.body)}`);
      }
      lines.push(indent(`expected: ${failure.expected}`, '      '));
      if (failure.received)
        lines.push(indent(`received: ${failure.received.status} ${shown(failure.received.body)}`, '      '));
      lines.push(`      contract: ${failure.contract}`);
    });
  }
  lines.push(
    '',
    report.ok
      ? 'The server conforms to the contract.'
      : `The server does not conform: ${failed.map((c) => c.name).join(', ')} failed.`,
  );
  return lines.join('\n');
}
