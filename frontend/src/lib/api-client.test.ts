import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';

import { api, ApiError, isUnauthenticated, setUnauthenticatedHandler } from '@/lib/api-client';
import i18n from '@/lib/i18n';
import { uploadWithProgress } from '@/lib/upload';
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

  it('treats a 401 (no or ended credentials) as "go to login"', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    server.use(
      http.get('/api/v1/things/', () =>
        HttpResponse.json({ detail: 'Authentication credentials were not provided.' }, { status: 401 }),
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

  it('asks the server for the screen\'s language, not the browser\'s, on reads, writes and uploads', async () => {
    const asked: (string | null)[] = [];
    server.use(
      http.get('/api/v1/things/', ({ request }) => {
        asked.push(request.headers.get('Accept-Language'));
        return HttpResponse.json({ ok: true });
      }),
      http.post('/api/v1/uploads/', ({ request }) => {
        asked.push(request.headers.get('Accept-Language'));
        return HttpResponse.json({ ok: true });
      }),
    );
    await api('/things/');
    await i18n.changeLanguage('en');
    await api('/things/');
    await uploadWithProgress('/uploads/', new FormData());
    await i18n.changeLanguage('zh-CN');
    await uploadWithProgress('/uploads/', new FormData());
    expect(asked).toEqual(['zh-Hans', 'en', 'en', 'zh-Hans']);
  });

  it('words a failure with no words of its own in the screen\'s language, not "HTTP 502" or "Failed to fetch"', async () => {
    server.use(
      http.get('/api/v1/gateway/', () => new HttpResponse('<html>Bad Gateway</html>', { status: 502 })),
      http.get('/api/v1/offline/', () => HttpResponse.error()),
    );
    const failure = (path: string) => api(path).then(() => null, (error: unknown) => error);
    const gateway = await failure('/gateway/');
    expect(gateway).toBeInstanceOf(ApiError);
    expect((gateway as ApiError).message).toBe(i18n.t('common.serverError', { status: 502, lng: 'zh-CN' }));
    expect((gateway as ApiError).message).toContain('502');
    const offline = await failure('/offline/');
    expect((offline as ApiError).message).toBe(i18n.t('common.networkError', { lng: 'zh-CN' }));
    await i18n.changeLanguage('en');
    expect(((await failure('/offline/')) as ApiError).message).toMatch(/^Could not reach the server/);
    await i18n.changeLanguage('zh-CN');
  });

  it('reports a logged-out answer to the app that asked, not to one set up since', async () => {
    const asking = vi.fn();
    const later = vi.fn();
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    server.use(
      http.get('/api/v1/things/', async () => {
        await answered;
        return HttpResponse.json({ detail: 'Authentication credentials were not provided.' }, { status: 401 });
      }),
    );
    setUnauthenticatedHandler(asking);
    const request = api('/things/');
    setUnauthenticatedHandler(later);
    answer();
    await expect(request).rejects.toBeInstanceOf(ApiError);
    expect(asking).toHaveBeenCalledOnce();
    expect(later).not.toHaveBeenCalled();
  });
});
