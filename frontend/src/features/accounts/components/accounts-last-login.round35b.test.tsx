import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State, type Fe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 35: a sign-in at 17:30 UTC on 6 December was 01:30 on the 7th in China; a browser in
// UTC showed the 6th. The list shows China's day and minute, whatever the browser's zone.
let state: Fe2State;

beforeEach(() => {
  state = makeFe2State();
  state.users[0].last_login = '2026-12-06T17:30:00Z';
  server.use(...fe2Handlers(state));
});

describe('an account’s last sign-in (round 35)', () => {
  it('is shown in China’s time, with the minute', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/accounts');
    const row = (await screen.findByText('hr_a')).closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('2026-12-07 01:30');
    expect(row).not.toHaveTextContent('2026-12-06');
    // An account never signed in to says so with a dash.
    expect(screen.getByText('base_a').closest('tr')).toHaveTextContent('—');
  });
});
