import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';

import { api, ApiError, isUnauthenticated, setUnauthenticatedHandler } from '@/lib/api-client';
import { server } from '@/testing/mocks/server';

describe('api client', () => {
  it('sends the CSRF cookie back as X-CSRFToken on writes', async () => {
    document.cookie = 'csrftoken=tok123';
    let header: string | null = null;
    server.use(
      http.post('/api/v1/things/', ({ request }) => {
        header = request.headers.get('X-CSRFToken');
        return HttpResponse.json({ ok: true });
      }),
    );
    await api('/things/', { method: 'POST', body: {} });
    expect(header).toBe('tok123');
  });

  it('treats DRF 403 without credentials as "go to login"', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    server.use(
      http.get('/api/v1/things/', () =>
        HttpResponse.json({ detail: 'Authentication credentials were not provided.' }, { status: 403 }),
      ),
    );
    await expect(api('/things/')).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('keeps a permission 403 as an error, not a logout', () => {
    const error = new ApiError(403, { detail: 'You do not have permission to perform this action.' });
    expect(isUnauthenticated(error)).toBe(false);
    expect(isUnauthenticated(new ApiError(401, {}))).toBe(true);
  });

  it('exposes field errors', () => {
    const error = new ApiError(400, { staff_no: ['taken'], non_field_errors: ['bad'] });
    expect(error.fieldErrors()).toEqual({ staff_no: ['taken'], non_field_errors: ['bad'] });
  });
});
