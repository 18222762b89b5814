import type { z } from 'zod';
import { CheckedErrorBody, endpoints, type Endpoint, type EndpointName } from '../contract/index.ts';
import { contractRef, declaredStatuses, errorCodeOf, type Client, type Exchange } from './http.ts';
import type { Failure } from './report.ts';

const received = (exchange: Exchange) => ({ status: exchange.status, body: exchange.text });

function issues(error: z.ZodError): string {
  return (
    error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ') + (error.issues.length > 5 ? `; and ${error.issues.length - 5} more` : '')
  );
}

/** Thrown to end a check early when it cannot go on (its failure is already recorded). */
export class Stop extends Error {}

/** What a check records: failures, notes, a skip; and the assertions every check shares. */
export class CheckContext {
  readonly failures: Failure[] = [];
  readonly notes: string[] = [];
  skipped: string | undefined;

  constructor(readonly client: Client) {}

  fail(failure: Failure): void {
    this.failures.push(failure);
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /** Nothing to check on this server (said in the report); ends the check. */
  skip(reason: string): never {
    this.skipped = reason;
    throw new Stop(reason);
  }

  /**
   * Any answer of `name` must be either its success (status and response schema) or an error in
   * the contract's shape with a status the operation declares. Returns the parsed success body.
   */
  conforms(name: EndpointName, exchange: Exchange): unknown {
    const endpoint: Endpoint = endpoints[name];
    if (exchange.status === endpoint.status) return this.#success(name, endpoint, exchange);
    this.#errorShape(name, exchange);
    return undefined;
  }

  /** The answer must be the operation's success; returns its parsed body (undefined when it is not). */
  success(name: EndpointName, exchange: Exchange, why = 'a success answer'): unknown {
    const endpoint: Endpoint = endpoints[name];
    if (exchange.status !== endpoint.status) {
      this.#errorShape(name, exchange);
      this.fail({
        endpoint: name,
        message: `expected ${why}, got ${exchange.status}`,
        request: exchange.request,
        expected: `${endpoint.status}${endpoint.response ? ' with a body matching the response schema' : ''}`,
        received: received(exchange),
        contract: contractRef(name),
      });
      return undefined;
    }
    return this.#success(name, endpoint, exchange);
  }

  /** The answer must be this error: status and code, in the contract's error shape. */
  error(name: EndpointName, exchange: Exchange, status: number, code: string, why: string): boolean {
    // A success where a refusal was due is one failure, not also a malformed error.
    const shapeOk = exchange.status < 400 || this.#errorShape(name, exchange);
    const actual = errorCodeOf(exchange);
    if (exchange.status === status && actual === code) return shapeOk;
    this.fail({
      endpoint: name,
      message: why,
      request: exchange.request,
      expected: `${status} ${code}`,
      received: received(exchange),
      contract: contractRef(name, 'errors'),
    });
    return false;
  }

  #success(name: EndpointName, endpoint: Endpoint, exchange: Exchange): unknown {
    if (endpoint.binary) {
      const type = exchange.headers.get('content-type') ?? '';
      if (!type.startsWith(endpoint.binary) || !exchange.text.startsWith('%PDF')) {
        this.fail({
          endpoint: name,
          message: `the answer is not a ${endpoint.binary} file`,
          request: exchange.request,
          expected: `Content-Type ${endpoint.binary} and a body starting with %PDF`,
          received: { status: exchange.status, body: `Content-Type ${type}: ${exchange.text.slice(0, 60)}` },
          contract: contractRef(name),
        });
      }
      return exchange.text;
    }
    if (endpoint.response === null) {
      if (exchange.text !== '') {
        this.fail({
          endpoint: name,
          message: 'a 204 answer has a body',
          request: exchange.request,
          expected: 'no body',
          received: received(exchange),
          contract: contractRef(name),
        });
      }
      return undefined;
    }
    const parsed = endpoint.response.safeParse(exchange.json);
    if (!parsed.success) {
      this.fail({
        endpoint: name,
        message: `the answer does not match the response schema: ${issues(parsed.error)}`,
        request: exchange.request,
        expected: `${endpoint.status} with a body matching the response schema`,
        received: received(exchange),
        contract: contractRef(name),
      });
      return undefined;
    }
    return parsed.data;
  }

  /** An error answer: `{ error: { code, message, details? } }`, JSON, with a status the operation declares. */
  #errorShape(name: EndpointName, exchange: Exchange): boolean {
    let ok = true;
    const parsed = CheckedErrorBody.safeParse(exchange.json);
    if (!parsed.success) {
      ok = false;
      this.fail({
        endpoint: name,
        message: `an error answer is not in the contract's error shape: ${issues(parsed.error)}`,
        request: exchange.request,
        expected: '{ "error": { "code": <a code of ErrorCode>, "message": "...", "details"?: ... } }',
        received: received(exchange),
        contract:
          'widget/contract/common.ts (ErrorBody, ErrorCode), widget/contract/error-details.ts (details by code); OpenAPI components.schemas.Error_<code>',
      });
    }
    const declared = declaredStatuses(name);
    if (!declared.has(exchange.status)) {
      ok = false;
      this.fail({
        endpoint: name,
        message: `status ${exchange.status} is not one this operation declares`,
        request: exchange.request,
        expected: `one of ${[...declared].sort().join(', ')}`,
        received: received(exchange),
        contract: contractRef(name, 'responses'),
      });
    }
    return ok;
  }
}
