import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

const entries = [
  {
    id: 12,
    timestamp: '2026-03-02T10:00:00+08:00',
    action: 'update',
    model: 'teacher',
    object_id: 1,
    object_repr: '王芳',
    object_name: '王芳',
    actor: 'province',
    changes: { school: ['3', '5'], major: ['机电一体化', '数控技术'] },
    additional_data: null,
    changes_display: { school: { old: '江西示范职业技术学院', new: '南昌职业学院' } },
  },
  {
    id: 11,
    timestamp: '2026-03-01T09:00:00+08:00',
    action: 'create',
    model: 'certificate',
    object_id: 40,
    object_repr: 'skill_level:grade4',
    object_name: 'Vocational skill level (职业技能等级证书), Grade 4 / intermediate worker',
    actor: 'hr_a',
    changes: { teacher: ['None', '1'], kind: ['None', 'skill_level'] },
    additional_data: null,
    changes_display: { teacher: { old: null, new: '王芳' } },
  },
];

const open = async (title: string) => {
  server.use(http.get('/api/v1/teachers/1/history/', () => HttpResponse.json({ count: 2, next: null, previous: null, results: entries })));
  loginAs('hr_a');
  renderApp('/teachers/1');
  fireEvent.click(await screen.findByText(title));
  return screen.findByTestId('teacher-history');
};

describe('teacher change log, round 33', () => {
  it('names linked records in words, not by their number (English)', async () => {
    await i18n.changeLanguage('en');
    try {
      const card = await open('Change log');
      const changes = await within(card).findAllByTestId('audit-change');
      const school = changes.find((c) => c.textContent?.startsWith('School')) as HTMLElement;
      expect(school).toHaveTextContent('School: 江西示范职业技术学院 → 南昌职业学院');
      expect(within(school).getByTestId('audit-after')).not.toHaveTextContent(/^5$/);
      expect(card).toHaveTextContent('Major: 机电一体化 → 数控技术');
      // a certificate's teacher by name, its kind in words
      expect(card).toHaveTextContent('Teacher: 王芳');
      expect(card).toHaveTextContent('Vocational skill level');
      expect(card).toHaveTextContent('Certificate · Vocational skill level (职业技能等级证书), Grade 4 / intermediate worker');
      expect(card).not.toHaveTextContent('skill_level:grade4');
      expect(card).toHaveTextContent('province');
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('reads as cards on a phone, in Chinese', async () => {
    phoneScreen();
    const card = await open('操作记录');
    const rows = await within(card).findAllByTestId('history-entry');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('学校：江西示范职业技术学院 → 南昌职业学院');
    expect(within(card).queryAllByRole('columnheader')).toHaveLength(0);
  });
});
