// A local GitHub REST server for tests (node:http on 127.0.0.1, port 0): the issue-comment, pull-request
// files, open pulls, review and authenticated-user endpoints the Action uses, with Link-header
// pagination, injectable faults, and a record of every request.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
  authorization?: string;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface FakePull {
  number: number;
  title: string;
  /** `sha` is the git blob id of the file's content, as GitHub gives it. */
  files: Array<{ filename: string; status: string; patch?: string; sha?: string }>;
  comments: FakeComment[];
  reviewComments: Array<{ id: number; path: string; line: number; start_line?: number; body: string }>;
  reviews: Array<{ id: number; body: string; commit_id: string }>;
}

interface Fault {
  method: string;
  path: RegExp;
  status: number;
  times: number;
  headers?: Record<string, string>;
  message?: string;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly pulls = new Map<number, FakePull>();
  /** Items per page for list endpoints, small so pagination is exercised. */
  pageSize = 100;
  /** Who the token is: the workflow's token writes as this Bot; a personal token as a User. */
  viewer = { login: 'github-actions[bot]', type: 'Bot' };
  private faults: Fault[] = [];
  private nextId = 1000;
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  reset(): void {
    this.requests.length = 0;
    this.pulls.clear();
    this.faults = [];
    this.pageSize = 100;
    this.viewer = { login: 'github-actions[bot]', type: 'Bot' };
  }

  pull(number: number, init: Partial<FakePull> = {}): FakePull {
    const pull: FakePull = { number, title: `PR ${number}`, files: [], comments: [], reviewComments: [], reviews: [], ...init };
    this.pulls.set(number, pull);
    return pull;
  }

  addComment(pr: number, body: string, user = { login: 'someone', type: 'User' }): FakeComment {
    const comment = { id: this.nextId++, body, user };
    this.pulls.get(pr)!.comments.push(comment);
    return comment;
  }

  /** The next `times` requests matching method and path answer `status`, with `message` in the body as GitHub puts it. */
  fail(method: string, path: RegExp, status: number, times = 1, headers?: Record<string, string>, message?: string): void {
    this.faults.push({ method, path, status, times, headers, message });
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: raw ? JSON.parse(raw) : undefined,
      authorization: req.headers.authorization,
    };
    this.requests.push(record);
    const fault = this.faults.find((f) => f.times > 0 && f.method === method && f.path.test(url.pathname));
    if (fault) {
      fault.times--;
      return this.send(res, fault.status, { message: fault.message ?? `injected ${fault.status}` }, fault.headers);
    }
    try {
      this.route(method, url, record.body, res);
    } catch (e) {
      this.send(res, 500, { message: (e as Error).message });
    }
  }

  private route(method: string, url: URL, body: any, res: ServerResponse): void {
    const p = url.pathname;
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/))) {
      const pull = this.need(Number(m[1]));
      if (method === 'GET') return this.page(res, url, pull.comments);
      const comment = { id: this.nextId++, body: body.body, user: { ...this.viewer } };
      pull.comments.push(comment);
      return this.send(res, 201, comment);
    }
    if ((m = p.match(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/))) {
      const id = Number(m[1]);
      for (const pull of this.pulls.values()) {
        const at = pull.comments.findIndex((c) => c.id === id);
        if (at === -1) continue;
        if (method === 'PATCH') {
          pull.comments[at]!.body = body.body;
          return this.send(res, 200, pull.comments[at]);
        }
        if (method === 'DELETE') {
          pull.comments.splice(at, 1);
          return this.send(res, 204, null);
        }
      }
      return this.send(res, 404, { message: 'Not Found' });
    }
    if ((m = p.match(/^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/files$/))) {
      return this.page(res, url, this.need(Number(m[1])).files);
    }
    if ((m = p.match(/^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/comments$/))) {
      return this.page(res, url, this.need(Number(m[1])).reviewComments);
    }
    if ((m = p.match(/^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/reviews$/)) && method === 'POST') {
      const pull = this.need(Number(m[1]));
      const review = { id: this.nextId++, body: body.body, commit_id: body.commit_id };
      pull.reviews.push(review);
      for (const c of body.comments ?? []) pull.reviewComments.push({ id: this.nextId++, ...c });
      return this.send(res, 200, review);
    }
    if (p === '/user' && method === 'GET') {
      // As GitHub answers an app's installation token (the workflow's GITHUB_TOKEN).
      if (this.viewer.type === 'Bot') return this.send(res, 403, { message: 'Resource not accessible by integration' });
      return this.send(res, 200, this.viewer);
    }
    if (p.match(/^\/repos\/[^/]+\/[^/]+\/pulls$/) && method === 'GET') {
      const open = [...this.pulls.values()].map((pull) => ({ number: pull.number, title: pull.title, state: 'open' }));
      return this.page(res, url, open);
    }
    this.send(res, 404, { message: `Not Found: ${method} ${p}` });
  }

  private need(number: number): FakePull {
    const pull = this.pulls.get(number);
    if (!pull) throw new Error(`no pull request ${number}`);
    return pull;
  }

  private page(res: ServerResponse, url: URL, items: unknown[]): void {
    const size = Math.min(this.pageSize, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(items.length / size));
    const headers: Record<string, string> = {};
    if (page < last) {
      const next = new URL(url.toString(), this.url);
      next.searchParams.set('page', String(page + 1));
      const lastUrl = new URL(next);
      lastUrl.searchParams.set('page', String(last));
      headers.link = `<${next}>; rel="next", <${lastUrl}>; rel="last"`;
    }
    this.send(res, 200, items.slice((page - 1) * size, page * size), headers);
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(status === 204 ? undefined : JSON.stringify(body));
  }
}
