import { env } from '@/config/env';
import i18n, { apiLanguage } from '@/lib/i18n';

export type Paginated<T> = {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
};

/** DRF errors: `{detail}` or `{field: [messages]}` (incl. `non_field_errors`). */
export type ApiErrorBody = Record<string, unknown> & { detail?: string };

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;

  constructor(status: number, body: ApiErrorBody) {
    // Not "HTTP 500" in a Chinese screen: the fallback is worded in the screen's language.
    super(typeof body.detail === 'string' ? body.detail : i18n.t('common.serverError', { status }));
    this.status = status;
    this.body = body;
  }

  /** Per-field messages, ready for antd's form.setFields. */
  fieldErrors(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(this.body)) {
      if (key === 'detail') continue;
      if (Array.isArray(value)) out[key] = value.map(String);
      else if (typeof value === 'string') out[key] = [value];
    }
    return out;
  }
}

type Params = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  params?: Params;
  body?: unknown;
  signal?: AbortSignal;
};

let unauthenticatedHandler: () => void = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};

/** The app registers what "go to login" means (clear the cached user, navigate). */
export function setUnauthenticatedHandler(handler: () => void) {
  unauthenticatedHandler = handler;
}

/** What "go to login" means now (an upload keeps the one of the app that started it). */
export function currentUnauthenticatedHandler(): () => void {
  return unauthenticatedHandler;
}

export function readCookie(name: string): string | null {
  const match = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : null;
}

/**
 * "Signed out": the API answers 401 (with `WWW-Authenticate: Token`) when no credentials came
 * or they no longer hold (the session ended, the token was revoked). A 403 is "not allowed"
 * for a signed-in user (a role, the first-login password change, CSRF): never a logout.
 */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

export function buildUrl(path: string, params?: Params): string {
  const base = path.startsWith('/api/') ? path : `${env.API_URL}${path}`;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  const url = qs ? `${base}${base.includes('?') ? '&' : '?'}${qs}` : base;
  // Absolute, so the same code runs under Node's fetch in tests.
  return new URL(url, window.location.origin).toString();
}

/** The error an answer that is not ok stands for, in the words the server gave (or ours). */
async function errorOf(response: Response): Promise<ApiError> {
  let data: ApiErrorBody = {};
  try {
    data = (await response.json()) as ApiErrorBody;
  } catch {
    // A proxy's or the server's HTML error page (502 while restarting, say): no words of its own.
    data = { detail: i18n.t('common.serverError', { status: response.status }) };
  }
  return new ApiError(response.status, data);
}

/**
 * The CSRF token, asked of the server when the browser has none. When that request is
 * refused (429 while a shared address signs many people in, 5xx while restarting), its own
 * error is raised: the write would only be refused for want of the cookie, in words
 * ("CSRF Failed: CSRF cookie not set.") that tell the user nothing.
 */
async function ensureCsrf(): Promise<string | null> {
  let token = readCookie('csrftoken');
  if (!token) {
    let response: Response;
    try {
      response = await fetch(buildUrl('/auth/csrf/'), { credentials: 'same-origin' });
    } catch (error) {
      if (error instanceof TypeError) throw new ApiError(0, { detail: i18n.t('common.networkError') });
      throw error;
    }
    if (!response.ok) throw await errorOf(response);
    token = readCookie('csrftoken');
  }
  return token;
}

export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? 'GET';
  // The handler of the app that asked: an answer that arrives after that app is gone (a
  // refetch in flight) does not log out the one that replaced it.
  const onUnauthenticated = unauthenticatedHandler;
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': apiLanguage() };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET') {
    const token = await ensureCsrf();
    if (token) headers['X-CSRFToken'] = token;
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.params), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    // fetch's TypeError ("Failed to fetch") in the screen's language; an abort stays an abort.
    if (error instanceof TypeError) throw new ApiError(0, { detail: i18n.t('common.networkError') });
    throw error;
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (isUnauthenticated(error) && !path.startsWith('/auth/')) onUnauthenticated();
    throw error;
  }
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
