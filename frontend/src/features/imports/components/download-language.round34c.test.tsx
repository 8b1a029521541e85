import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const xlsx = (name: string) =>
  new File([name.startsWith('bad') ? 'bad' : 'ok'], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

const lang = (href: string | null) => new URL(String(href)).searchParams.get('lang');

// A template and a marked workbook are opened by plain links: the browser sent its own
// Accept-Language (headless Chromium and many office machines: English), not the language
// chosen in the app, so a Chinese screen downloaded English error notes. The links now ask
// for the app's language, as the API client's requests do.
describe('downloads by a plain link follow the app’s language', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('asks for Chinese on a Chinese screen: the template and the marked workbook', async () => {
    loginAs('hr_a');
    const { container } = renderApp('/imports');
    const user = userEvent.setup({ delay: null });
    expect((await screen.findByRole('link', { name: /下载模板/ })).getAttribute('href')).toBe(
      'http://localhost:3000/api/v1/imports/templates/teachers/?lang=zh-Hans',
    );
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    await user.upload(container.querySelector('input[type=file]') as HTMLInputElement, xlsx('bad.xlsx'));
    const marked = await screen.findByRole('link', { name: /下载标注错误的工作簿/ });
    expect(marked.getAttribute('href')).toBe('http://localhost:3000/api/v1/imports/41/errors/?lang=zh-Hans');
  });

  it('asks for English on an English screen, whatever the browser’s language', async () => {
    await i18n.changeLanguage('en');
    loginAs('hr_a');
    const { container } = renderApp('/imports');
    const user = userEvent.setup({ delay: null });
    const template = await screen.findByRole('link', { name: /Download template/ });
    expect(template.getAttribute('href')).toBe('http://localhost:3000/api/v1/imports/templates/teachers/?lang=en');
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    await user.upload(container.querySelector('input[type=file]') as HTMLInputElement, xlsx('bad.xlsx'));
    const marked = await screen.findByRole('link', { name: /marked workbook/i });
    expect(lang(marked.getAttribute('href'))).toBe('en');
  });

  it('follows a switch of language made on the page', async () => {
    loginAs('hr_a');
    renderApp('/imports');
    expect(lang((await screen.findByRole('link', { name: /下载模板/ })).getAttribute('href'))).toBe('zh-Hans');
    await i18n.changeLanguage('en');
    expect(lang((await screen.findByRole('link', { name: /Download template/ })).getAttribute('href'))).toBe('en');
  });

  it('asks for the app’s language for the marked workbook on the jobs page too', async () => {
    server.use(
      http.get('/api/v1/jobs/', () =>
        HttpResponse.json({
          count: 1,
          next: null,
          previous: null,
          results: [
            {
              id: 11,
              kind: 'imports.validate',
              title: 'teachers.xlsx',
              status: 'succeeded',
              progress: { done: 600, total: 600 },
              message: '',
              result: { status: 'invalid', rows: 600, failed: 1 },
              link: '/api/v1/imports/3/',
              download: null,
              result_name: '',
              created_at: '2026-12-01T08:00:00Z',
              started_at: '2026-12-01T08:00:01Z',
              finished_at: '2026-12-01T08:00:03Z',
            },
          ],
        }),
      ),
    );
    await i18n.changeLanguage('en');
    loginAs('hr_a');
    renderApp('/jobs');
    const marked = await screen.findByRole('link', { name: /marked workbook/i });
    expect(marked.getAttribute('href')).toBe('http://localhost:3000/api/v1/imports/3/errors/?lang=en');
  });
});
