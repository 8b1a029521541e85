import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { api, ApiError } from '@/lib/api-client';
import { server } from '@/testing/mocks/server';

// Round 48: when the browser had no CSRF cookie and the request for one was refused (429
// while many people sign in from one address), the write went out without the token and
// came back 403 "CSRF Failed: CSRF cookie not set." — English, and no hint to wait.
describe('a write without a CSRF cookie', () => {
  it('raises the refusal of the cookie request and sends nothing', async () => {
    let posted = 0;
    server.use(
      http.get('/api/v1/auth/csrf/', () =>
        HttpResponse.json({ detail: '请求超过了限速。 预计 12 秒后可用。' }, { status: 429 }),
      ),
      http.post('/api/v1/auth/login/', () => {
        posted += 1;
        return HttpResponse.json({ detail: 'CSRF Failed: CSRF cookie not set.' }, { status: 403 });
      }),
    );
    const failure = api('/auth/login/', { method: 'POST', body: { username: 'hr_a', password: 'x' } });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 429 });
    await expect(failure).rejects.toThrow('请求超过了限速。 预计 12 秒后可用。');
    expect(posted).toBe(0);
  });

  it('words a server page without JSON as a server error', async () => {
    server.use(http.get('/api/v1/auth/csrf/', () => new HttpResponse('<html>502</html>', { status: 502 })));
    await expect(api('/things/', { method: 'POST', body: {} })).rejects.toMatchObject({ status: 502 });
  });

  it('still sends the write once the cookie request succeeds', async () => {
    let posted = 0;
    server.use(
      http.post('/api/v1/things/', () => {
        posted += 1;
        return HttpResponse.json({ ok: true });
      }),
    );
    await expect(api('/things/', { method: 'POST', body: {} })).resolves.toEqual({ ok: true });
    expect(posted).toBe(1);
  });
});
