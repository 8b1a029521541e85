import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { markSignedIn } from '@/lib/auth';
import { db, loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

// Round 46: 我的档案 never showed the teacher their own school, staff number, ID number, field,
// title, hire date or employment, though the checklist's "与任教专业相关" reads their field; the
// HR teacher page, which the teacher can open, was never linked and its breadcrumb led to
// /teachers (403 for a teacher). A masked reader saw "出生日期: 1985" (a year under a date).

const empty = { count: 0, next: null, previous: null, results: [] };
const teacherMe = {
  id: 9, username: 't_wang', full_name: '王伟', role: 'teacher' as const,
  school: null, school_name: null, training_base: null, training_base_name: null, city: null, city_name: null,
  teacher: 1, teacher_name: '王伟', must_change_password: false,
};
const OWN_ID = '360102198506150011';

function serveTeacherWorld() {
  db.teachers[0] = { ...db.teachers[0], id_number: OWN_ID, major: '机电一体化', major_category: '46', title: 'intermediate' };
  server.use(
    http.get('/api/v1/recognitions/', () => HttpResponse.json(empty)),
    http.get('/api/v1/my-record/', () =>
      HttpResponse.json({ teacher: 1, certificates: [], enterprise_periods: [], completions: [], evidence: [] }),
    ),
    http.get('/api/v1/recognition-applications/', () => HttpResponse.json(empty)),
  );
}

function value(card: HTMLElement, label: string): string {
  const item = within(card).getByText(label).closest('.ant-descriptions-item') as HTMLElement;
  return item.querySelector('.ant-descriptions-item-content')?.textContent ?? '';
}

describe('我的档案: my details', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('shows the teacher their school, staff number, full ID number, field, title, hire date and employment', async () => {
    serveTeacherWorld();
    db.me = { ...teacherMe };
    markSignedIn(true);
    renderApp('/me');
    const card = await screen.findByTestId('my-details');
    expect(within(card).getByText('我的信息')).toBeInTheDocument();
    const own = db.teachers[0];
    expect(value(card, '学校')).toBe(own.school_name);
    expect(value(card, '工号')).toBe(own.staff_no);
    expect(value(card, '身份证号')).toBe(OWN_ID);
    expect(value(card, '专业')).toBe('机电一体化');
    expect(value(card, '专业大类')).toContain('装备制造');
    expect(value(card, '教学职称')).toBe('讲师');
    expect(value(card, '入职日期')).toBe(own.hired_on);
    expect(value(card, '用工类型')).not.toBe('');
    // The whole record is one tap away.
    expect(within(card).getByRole('link', { name: '完整档案' })).toHaveAttribute('href', '/teachers/1');
  });

  it('reads in English on a phone', async () => {
    phoneScreen();
    serveTeacherWorld();
    db.me = { ...teacherMe };
    markSignedIn(true);
    await i18n.changeLanguage('en');
    renderApp('/me');
    const card = await screen.findByTestId('my-details');
    expect(within(card).getByText('My details')).toBeInTheDocument();
    expect(value(card, 'ID number')).toBe(OWN_ID);
  });

  it('leads the teacher from their full record back to 我的档案, not to the teachers list', async () => {
    serveTeacherWorld();
    db.me = { ...teacherMe };
    markSignedIn(true);
    renderApp('/teachers/1');
    const crumb = await screen.findByRole('link', { name: '我的档案' });
    expect(crumb).toHaveAttribute('href', '/me');
    expect(screen.queryByRole('link', { name: '教师' })).not.toBeInTheDocument();
  });

  it('keeps the teachers list in the school HR breadcrumb', async () => {
    loginAs('hr_a');
    renderApp('/teachers/1');
    expect(await screen.findByRole('link', { name: '教师' })).toHaveAttribute('href', '/teachers');
  });
});

describe('a masked reader sees a birth year, named as one', () => {
  it('labels the year 出生年份, not 出生日期', async () => {
    db.teachers[0] = { ...db.teachers[0], birth_date: null as unknown as string, birth_year: 1990 } as typeof db.teachers[0];
    loginAs('city_nc');
    renderApp('/teachers/1');
    await screen.findByText('基本信息');
    expect(screen.queryByText('出生日期')).not.toBeInTheDocument();
    const item = screen.getByText('出生年份').closest('.ant-descriptions-item') as HTMLElement;
    expect(item).toHaveTextContent('1990');
  });

  it('keeps 出生日期 for a reader of the full date', async () => {
    loginAs('hr_a');
    renderApp('/teachers/1');
    const item = (await screen.findByText('出生日期')).closest('.ant-descriptions-item') as HTMLElement;
    expect(item).toHaveTextContent('1985-06-15');
    expect(screen.queryByText('出生年份')).not.toBeInTheDocument();
  });
});
