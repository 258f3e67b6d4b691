// A small GitHub REST client over an injected fetch: retries 5xx and rate limits with back-off,
// follows Link-header pagination, and turns failures into ApiErrors carrying the status. A rate limit
// that resets later than it is worth waiting for stops every further call at once.

export type Fetch = typeof fetch;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    detail: string,
    /** A 429, or a 403 that is a rate limit rather than a permission. */
    readonly rateLimited = false,
    /** When the next request may be sent: as GitHub said, or a minute on after a secondary rate limit that said no time. */
    readonly retryAt: Date | null = null,
  ) {
    super(`GitHub API ${method} ${path} answered ${status}${detail ? `: ${detail}` : ''}`);
  }

  /** 401/403/404 on a write: the token may not do this (a fork's read-only token, missing permissions). */
  get forbidden(): boolean {
    return !this.rateLimited && (this.status === 401 || this.status === 403 || this.status === 404);
  }
}

export interface ApiOptions {
  token: string;
  /** GITHUB_API_URL; https://api.github.com by default. */
  baseUrl?: string;
  fetch?: Fetch;
  /** Retries after the first attempt, for 5xx, rate limits and network errors. */
  retries?: number;
  /** First back-off in ms, doubled per retry when the server gives no Retry-After. */
  backoffMs?: number;
  /** The wait after a secondary rate limit whose answer names no time (a minute by default). */
  secondaryWaitMs?: number;
  /** Where retries are reported. */
  log?: (message: string) => void;
}

const MAX_WAIT_MS = 60_000;
/** GitHub's docs, "Rate limits for the REST API": after a secondary rate limit with no header, "wait for at least one minute". */
const SECONDARY_WAIT_MS = 60_000;

export class GitHubApi {
  private readonly baseUrl: string;
  private readonly fetch: Fetch;
  /** The answer that asked to wait past MAX_WAIT_MS; every call before its retryAt fails with it, unsent. */
  private halted: ApiError | null = null;

  constructor(private readonly options: ApiOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
    this.fetch = options.fetch ?? fetch;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await this.send<T>(method, path, body)).data;
  }

  /** Every item of a list endpoint, following `Link: <…>; rel="next"` until the last page. */
  async paginate<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | null = `${path}${path.includes('?') ? '&' : '?'}per_page=100`;
    while (next) {
      const page: { data: T[]; headers: Headers } = await this.send<T[]>('GET', next);
      items.push(...page.data);
      next = nextLink(page.headers.get('link'));
    }
    return items;
  }

  private async send<T>(method: string, pathOrUrl: string, body?: unknown): Promise<{ data: T; headers: Headers }> {
    const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    const path = pathOrUrl.replace(this.baseUrl, '');
    const retries = this.options.retries ?? 3;
    if (this.halted?.retryAt && Date.now() < this.halted.retryAt.getTime()) throw this.halted;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetch(url, {
          method,
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${this.options.token}`,
            'x-github-api-version': '2022-11-28',
            'user-agent': 'migration-gate',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (e) {
        if (attempt >= retries) throw new ApiError(0, method, path, (e as Error).message);
        await this.wait(attempt, null, `${method} ${path} failed (${(e as Error).message})`);
        continue;
      }
      if (response.ok) {
        const raw = response.status === 204 ? '' : await response.text();
        return { data: (raw ? JSON.parse(raw) : null) as T, headers: response.headers };
      }
      const message = messageOf(await response.text().catch(() => ''));
      const limited = rateLimited(response, message);
      // One clock reading: the retry time must be the reset instant the headers give, to the millisecond.
      const now = Date.now();
      const delay = serverDelay(response.headers, now) ?? (SECONDARY.test(message) ? (this.options.secondaryWaitMs ?? SECONDARY_WAIT_MS) : null);
      const error = new ApiError(response.status, method, path, message, limited, delay === null ? null : new Date(now + delay));
      const retryable = response.status >= 500 || limited;
      // A spent hourly limit resets up to an hour away: waiting would hold the job and retrying cannot succeed.
      if (retryable && delay !== null && delay > MAX_WAIT_MS) throw (this.halted = error);
      if (attempt < retries && retryable) {
        await this.wait(attempt, delay, `${method} ${path} answered ${response.status}`);
        continue;
      }
      throw error;
    }
  }

  private async wait(attempt: number, delay: number | null, why: string): Promise<void> {
    const ms = Math.min(MAX_WAIT_MS, delay ?? (this.options.backoffMs ?? 1000) * 2 ** attempt);
    this.options.log?.(`${why}; retrying in ${Math.round(ms / 100) / 10} s`);
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

/** How GitHub's answer `message` says a secondary rate limit was hit, which may come with no header at all. */
const SECONDARY = /\bsecondary rate limit\b/i;

/** 429, and a 403 that is a (secondary) rate limit rather than a permission. */
function rateLimited(response: Response, message: string): boolean {
  if (response.status === 429) return true;
  return (
    response.status === 403 &&
    (response.headers.get('x-ratelimit-remaining') === '0' || response.headers.has('retry-after') || SECONDARY.test(message))
  );
}

function serverDelay(headers: Headers, now: number): number | null {
  const after = headers.get('retry-after');
  if (after && /^\d+$/.test(after)) return Number(after) * 1000;
  const reset = headers.get('x-ratelimit-reset');
  if (headers.get('x-ratelimit-remaining') === '0' && reset && /^\d+$/.test(reset)) {
    return Math.max(0, Number(reset) * 1000 - now);
  }
  return null;
}

function nextLink(link: string | null): string | null {
  for (const part of link?.split(',') ?? []) {
    const m = part.match(/<([^>]+)>\s*;\s*rel="?next"?/);
    if (m) return m[1]!;
  }
  return null;
}

function messageOf(body: string): string {
  try {
    return String((JSON.parse(body) as { message?: unknown }).message ?? '');
  } catch {
    return body.slice(0, 200);
  }
}
