import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

// Round 47 (390 px, English): the marked workbook's button in 我的任务 read "Download the…":
// its label was longer than two lines of the result column. On a phone it is "Marked
// workbook", whole; the full "Download the marked workbook" stays its title.

const checkWithErrors = {
  id: 41,
  kind: 'imports.validate',
  title: '教师名单校验',
  status: 'succeeded',
  progress: { done: 12, total: 12 },
  message: '',
  result: { status: 'invalid', rows: 12, failed: 3 },
  link: '/api/v1/imports/6/',
  download: null,
  result_name: '',
  created_at: '2026-12-07T08:00:00Z',
  started_at: '2026-12-07T08:00:01Z',
  finished_at: '2026-12-07T08:00:05Z',
};

function listing() {
  server.use(
    http.get('/api/v1/jobs/', () =>
      HttpResponse.json({ count: 1, next: null, previous: null, results: [checkWithErrors] }),
    ),
  );
}

describe('the marked workbook button in my jobs, round 47', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('reads whole on a phone in English, the full label as its title', async () => {
    await i18n.changeLanguage('en');
    listing();
    phoneScreen();
    loginAs('hr_a');
    renderApp('/jobs');
    const button = await screen.findByRole('link', { name: /Marked workbook/ });
    const label = within(button).getByTestId('file-name');
    expect(label.textContent).toBe('Marked workbook');
    expect(button).toHaveAttribute('title', 'Download the marked workbook');
    expect(button).toHaveAttribute('href', expect.stringContaining('/api/v1/imports/6/errors/'));
    // It may wrap (two lines at most), never forced onto one line.
    expect(button.style.whiteSpace).toBe('normal');
    expect(label.style.maxHeight).toBe('3em');
  });

  it('says it in Chinese on a phone too', async () => {
    listing();
    phoneScreen();
    loginAs('hr_a');
    renderApp('/jobs');
    const button = await screen.findByRole('link', { name: /标注错误的工作簿/ });
    expect(within(button).getByTestId('file-name').textContent).toBe('标注错误的工作簿');
    expect(button).toHaveAttribute('title', '下载标注错误的工作簿');
  });

  it('keeps the full label on a desktop', async () => {
    await i18n.changeLanguage('en');
    listing();
    loginAs('hr_a');
    renderApp('/jobs');
    const button = await screen.findByRole('link', { name: /Download the marked workbook/ });
    expect(within(button).getByTestId('file-name').textContent).toBe('Download the marked workbook');
  });
});
