import type { TestApp } from '../../helpers/test-app';

/**
 * One API route's four proofs: a success, a 401 for the anonymous, a refusal for a logged-in user
 * who may not (403, or 404 where existence must not leak), and a 400 naming the bad field.
 * `tests/api/routes.test.ts` fails when a registered route has no case: adding a route means
 * adding its case here.
 */
export interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The route as registered, e.g. `/api/detainees/:id`. */
  route: string;
  /** Builds what the case needs (a detainee to read, an alert to acknowledge) and returns values for the URL. */
  setup?: (t: TestApp) => Promise<Record<string, string>>;
  /** The concrete URL (with query string when needed), from the seed and the setup's values. */
  url: (t: TestApp, ctx: Record<string, string>) => string;
  ok: { user: string; body?: Body; status?: number };
  /**
   * A caller the route must refuse, and how: 403 for a role without the permission, 404 outside
   * the user's sites. Routes open to every logged-in user are refused to an inspector whose access
   * has expired (`advanceDays`), to an API token (`token`), or to a write without the CSRF header.
   */
  refused: {
    user: string;
    body?: Body;
    status?: 401 | 403 | 404;
    advanceDays?: number;
    omitCsrf?: boolean;
    token?: string;
  };
  /** Input the route must refuse with 400, and the field the error names. Omit only for routes that take no input. */
  bad?: {
    user: string;
    body?: Body;
    url?: (t: TestApp, ctx: Record<string, string>) => string;
    field: string;
  };
}

/** A request body, or a function of the seed and the setup's values that builds one. */
export type Body = ((t: TestApp, ctx: Record<string, string>) => unknown) | Record<string, unknown> | string;

export function resolveBody(body: Body, t: TestApp, ctx: Record<string, string>): unknown {
  return typeof body === 'function'
    ? (body as (t: TestApp, ctx: Record<string, string>) => unknown)(t, ctx)
    : body;
}
