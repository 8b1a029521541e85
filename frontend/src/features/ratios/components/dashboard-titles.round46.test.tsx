import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

// Round 46 (city_nc, 390 px): "6个月内将低于目标的学校" and "实践教学课时" had a bigger title than
// the dashboard's other cards, and the second broke as "（第6 / 项）" on a phone.

function serve() {
  server.use(
    http.get('/api/v1/ratios/forecast/schools/', () => HttpResponse.json([])),
    http.get('/api/v1/teaching-hours/shares/', () =>
      HttpResponse.json({ term: '2026-2027-1', target: 0.5, schools: [] }),
    ),
  );
}

const head = (card: HTMLElement) => card.querySelector('.ant-card-head-title') as HTMLElement;

describe('the dashboard cards’ titles', () => {
  it('are one style: every card is a small one', async () => {
    serve();
    loginAs('city_nc');
    renderApp('/dashboard');
    const falling = await screen.findByTestId('falling-below-card');
    const hours = await screen.findByTestId('practical-hours-card');
    const bases = await screen.findByTestId('bases-card');
    for (const card of [falling, hours, bases]) expect(card).toHaveClass('ant-card-small');
    const cards = document.querySelectorAll('.ant-card');
    expect(cards.length).toBeGreaterThan(4);
    cards.forEach((card) => expect(card).toHaveClass('ant-card-small'));
  });

  it('stay on one line on a phone, the whole title in the tooltip', async () => {
    phoneScreen();
    serve();
    loginAs('city_nc');
    renderApp('/dashboard');
    const hours = await screen.findByTestId('practical-hours-card');
    const title = within(head(hours)).getByTitle(/实践教学课时（第6项）/);
    expect(title).toHaveStyle({ whiteSpace: 'nowrap', textOverflow: 'ellipsis', overflow: 'hidden' });
    expect(title.textContent).toBe(title.getAttribute('title'));
    const falling = await screen.findByTestId('falling-below-card');
    expect(within(head(falling)).getByTitle(/6个月内将低于目标的学校/)).toHaveStyle({ whiteSpace: 'nowrap' });
  });
});
