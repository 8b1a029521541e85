import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { phoneScreen, renderApp } from '@/testing/test-utils';

const teachersCard = async () => (await screen.findByText('企业实践义务')).closest('.ant-card') as HTMLElement;

describe('practice duty, round 33', () => {
  it('on a phone lists the teachers as rows to read down, not a table to scroll sideways', async () => {
    phoneScreen();
    loginAs('province');
    renderApp('/practice-duty');
    const card = await teachersCard();
    await within(card).findByRole('link', { name: '王芳' });
    // no table, so nothing runs past the card's edge
    expect(card.querySelector('table')).toBeNull();
    expect(within(card).queryAllByRole('columnheader')).toHaveLength(0);

    const rows = within(card).getAllByTestId('duty-row');
    expect(rows).toHaveLength(2);
    const short = rows.find((row) => within(row).queryByRole('link', { name: '王芳' })) as HTMLElement;
    expect(short).toHaveTextContent('南昌职业学院');
    expect(short).toHaveTextContent('实践天数');
    expect(short).toHaveTextContent('100 / 180');
    expect(within(short).getByTestId('duty-short-by')).toHaveTextContent('尚缺天数80');
    expect(short).toHaveTextContent('2021-12-01 – 2026-12-01');

    const met = rows.find((row) => within(row).queryByRole('link', { name: '李强' })) as HTMLElement;
    expect(within(met).getByTestId('duty-lapses-on')).toHaveTextContent('2027-03-15 起不足');
  });

  it('on a phone leaves out the school for school HR (their own school)', async () => {
    phoneScreen();
    loginAs('hr_a');
    renderApp('/practice-duty');
    const card = await teachersCard();
    const row = (await within(card).findByRole('link', { name: '王芳' })).closest('[data-testid="duty-row"]') as HTMLElement;
    expect(row).not.toHaveTextContent('南昌职业学院');
    expect(row).toHaveTextContent('100 / 180');
  });

  it('on a phone in English labels each figure', async () => {
    phoneScreen();
    await i18n.changeLanguage('en');
    try {
      loginAs('province');
      renderApp('/practice-duty');
      const card = (await screen.findByText('Enterprise practice duty')).closest('.ant-card') as HTMLElement;
      const row = (await within(card).findByRole('link', { name: '王芳' })).closest('[data-testid="duty-row"]') as HTMLElement;
      expect(within(row).getByTestId('duty-short-by')).toHaveTextContent(/80/);
      expect(row).not.toHaveTextContent(/实践|尚缺/);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('keeps the table on a desktop', async () => {
    loginAs('province');
    renderApp('/practice-duty');
    const card = await teachersCard();
    await within(card).findByRole('link', { name: '王芳' });
    expect(within(card).getByRole('columnheader', { name: '尚缺天数' })).toBeInTheDocument();
  });
});
