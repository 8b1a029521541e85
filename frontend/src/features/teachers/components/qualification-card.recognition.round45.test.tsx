import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 45 (QA): a teacher whose certificate was deleted computes to `none` but still holds an
// active junior recognition. The page said "测算等级 未认定" and nothing showed the recognition.
// 认定 is the official recognition: the computed `none` must not use the word, and the official
// recognition in force is shown beside the computed level (DESIGN §8).

const junior = {
  id: 9,
  teacher: 1,
  teacher_name: '张伟',
  school: 1,
  school_name: '学校',
  level: 'junior',
  round: 1,
  round_code: 'JX2025',
  round_name: '2025 年认定',
  application: 3,
  certificate_no: 'JX2025-00001',
  recognized_on: '2025-06-30',
  valid_until: '2030-06-30',
  status: 'active',
  revoked_on: null,
  revoke_reason: '',
};

function recognitionsOf(rows: object[]) {
  const seen: URLSearchParams[] = [];
  server.use(
    http.get('/api/v1/recognitions/', ({ request }) => {
      const params = new URL(request.url).searchParams;
      seen.push(params);
      return HttpResponse.json({ count: rows.length, next: null, previous: null, results: rows });
    }),
  );
  return seen;
}

function item(card: HTMLElement, label: string): HTMLElement {
  return within(card).getByText(label).closest('.ant-descriptions-item') as HTMLElement;
}

describe('the teacher page: the computed level and the official recognition, side by side', () => {
  it('words the computed none without 认定 and shows the active recognition beside it', async () => {
    const seen = recognitionsOf([junior]);
    loginAs('hr_a');
    renderApp('/teachers/1');
    const card = await screen.findByTestId('qualification-card');
    const computed = item(card, '测算等级');
    expect(computed).toHaveTextContent('不符合条件');
    expect(card).not.toHaveTextContent('未认定');
    const official = await within(card).findByTestId('official-recognition');
    expect(item(card, '官方认定')).toContainElement(official);
    expect(official).toHaveTextContent('初级');
    expect(official).toHaveTextContent('有效期至 2030-06-30');
    expect(within(official).getByRole('link', { name: 'JX2025-00001' })).toHaveAttribute(
      'href',
      '/recognition/certificates/9',
    );
    // Beside it: the same list as the computed level, on its row.
    expect(computed.closest('tr')).toBe(item(card, '官方认定').closest('tr'));
    expect(seen.at(-1)?.get('teacher')).toBe('1');
    expect(seen.at(-1)?.get('status')).toBe('active');
  });

  it('says there is none in force when the teacher holds no recognition', async () => {
    recognitionsOf([]);
    loginAs('hr_a');
    renderApp('/teachers/1');
    const card = await screen.findByTestId('qualification-card');
    expect(await within(card).findByTestId('official-recognition')).toHaveTextContent('无有效认定');
  });

  it('shows the highest level in force when there are two', async () => {
    recognitionsOf([junior, { ...junior, id: 10, level: 'intermediate', certificate_no: 'JX2026-00002', valid_until: '2031-06-30' }]);
    loginAs('hr_a');
    renderApp('/teachers/1');
    const official = await screen.findByTestId('official-recognition');
    expect(official).toHaveTextContent('中级');
    expect(official).toHaveTextContent('有效期至 2031-06-30');
    expect(official).not.toHaveTextContent('JX2025-00001');
  });

  it('reads the same in English', async () => {
    await i18n.changeLanguage('en');
    recognitionsOf([junior]);
    loginAs('hr_a');
    renderApp('/teachers/1');
    const card = await screen.findByTestId('qualification-card');
    expect(item(card, 'Estimated level')).toHaveTextContent('Not qualified');
    const official = await within(card).findByTestId('official-recognition');
    expect(item(card, 'Official recognition')).toContainElement(official);
    expect(official).toHaveTextContent('Junior');
    expect(official).toHaveTextContent('valid until 2030-06-30');
  });
});

describe('the computed level never reads as a recognition', () => {
  it('labels none without 认定 wherever the level tag is used (the list, its filter)', async () => {
    loginAs('province');
    renderApp('/teachers?qualification_level=none');
    const table = await screen.findByRole('table');
    expect((await within(table).findAllByText('不符合条件')).length).toBeGreaterThan(0);
    expect(table).not.toHaveTextContent('未认定');
    expect(i18n.t('enums.qualificationLevel.none')).not.toContain('认定');
  });
});
