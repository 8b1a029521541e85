import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 33: the duty export was a plain link, so the workbook came in the browser's language
// (Chinese) whatever the app's, and it ran inside the request. It is now a background job
// started in the app's language, downloaded from "my jobs".
function recordExports() {
  const seen: { query: string; language: string | null }[] = [];
  server.use(
    http.post('/api/v1/practice-duty/export/', ({ request }) => {
      seen.push({ query: new URL(request.url).search, language: request.headers.get('Accept-Language') });
      return HttpResponse.json(
        { id: 9, kind: 'exports.duty', status: 'queued', progress: { done: 0, total: 0 } },
        { status: 202 },
      );
    }),
  );
  return seen;
}

describe('the practice-duty export', () => {
  it('starts a job for the list as filtered, in Chinese', async () => {
    const seen = recordExports();
    loginAs('province');
    renderApp('/practice-duty');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: /导出 Excel/ }));
    expect(await screen.findByTestId('duty-export-started')).toHaveTextContent('我的任务');
    expect(seen).toEqual([{ query: '?short=true', language: 'zh-Hans' }]);
  });

  it('starts it in English for a user working in English', async () => {
    const seen = recordExports();
    await i18n.changeLanguage('en');
    try {
      loginAs('province');
      renderApp('/practice-duty');
      const user = userEvent.setup({ delay: null });
      await user.click(await screen.findByRole('button', { name: /Export to Excel/ }));
      expect(await screen.findByTestId('duty-export-started')).toHaveTextContent('My jobs');
      expect(seen).toEqual([{ query: '?short=true', language: 'en' }]);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('says why when the export is refused', async () => {
    server.use(
      http.post('/api/v1/practice-duty/export/', () =>
        HttpResponse.json({ detail: '您没有执行该操作的权限。' }, { status: 403 }),
      ),
    );
    loginAs('province');
    renderApp('/practice-duty');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: /导出 Excel/ }));
    expect(await screen.findByText('您没有执行该操作的权限。')).toBeInTheDocument();
  });
});
