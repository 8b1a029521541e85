import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { db, loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const facts = [
  { field: 'title', value: 'junior', value_label: '助理讲师', effective_on: '2015-09-01', recorded_by: null, recorded_at: '2026-01-01T00:00:00+08:00' },
  { field: 'title', value: 'intermediate', value_label: '讲师', effective_on: '2024-09-01', recorded_by: 'hr_a', recorded_at: '2026-01-02T00:00:00+08:00' },
  { field: 'major_category', value: '46', value_label: '装备制造', effective_on: '2015-09-01', recorded_by: null, recorded_at: '2026-01-01T00:00:00+08:00' },
  { field: 'school', value: '1', value_label: '江西示范职业技术学院', effective_on: '2015-09-01', recorded_by: null, recorded_at: '2026-01-01T00:00:00+08:00' },
];

describe('teacher detail, round 32', () => {
  it('shows the dated facts history in English, newest first, with words for the values', async () => {
    server.use(http.get('/api/v1/teachers/1/facts/', () => HttpResponse.json(facts)));
    await i18n.changeLanguage('en');
    try {
      loginAs('hr_a');
      renderApp('/teachers/1');
      fireEvent.click(await screen.findByText('History of dated facts'));
      const card = await screen.findByTestId('teacher-facts');
      const rows = await within(card).findAllByTestId('teacher-fact');
      expect(rows[0]).toHaveTextContent('Teaching title');
      expect(rows[0]).toHaveTextContent('Lecturer');
      expect(rows[0]).toHaveTextContent('2024-09-01');
      expect(card).toHaveTextContent('46 Equipment Manufacturing');
      expect(card).toHaveTextContent('江西示范职业技术学院'); // a school's name is data
      expect(card).not.toHaveTextContent(/讲师|装备制造|intermediate/);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('marks a certificate the teacher proposed as awaiting confirmation and a rejected one with its reason', async () => {
    loginAs('hr_a');
    db.certificates[1] = { ...db.certificates[1], status: 'pending' } as unknown as unknown as (typeof db.certificates)[number];
    db.certificates[0] = { ...db.certificates[0], status: 'rejected', reject_reason: '证书照片不清' } as unknown as unknown as (typeof db.certificates)[number];
    db.periods[0] = { ...db.periods[0], status: 'pending' } as unknown as (typeof db.periods)[number];
    renderApp('/teachers/1');
    const pending = (await screen.findByText('钳工')).closest('tr') as HTMLElement;
    expect(within(pending).getByTestId('record-status-pending')).toHaveTextContent('待确认');
    const rejected = screen.getByTestId('record-status-rejected').closest('tr') as HTMLElement;
    expect(rejected).toHaveTextContent('TQ001');
    expect(within(rejected).getByTestId('record-status-rejected')).toHaveTextContent('未通过');
    expect(rejected).toHaveTextContent('证书照片不清');
    const period = (await screen.findByText('江铃汽车')).closest('tr') as HTMLElement;
    expect(within(period).getByTestId('record-status-pending')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: /去确认/ })[0]).toHaveAttribute('href', '/recognition/confirmations');
  });
});
