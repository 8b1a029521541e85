import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State, type Fe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

import type { Target } from '../types/settings';

// Round 47: a target without a deadline says so (未设截止日期), rather than 未到截止日期,
// which implies one.
let state: Fe2State;

beforeEach(() => {
  state = makeFe2State();
  server.use(...fe2Handlers(state));
});

describe('a target’s deadline tag', () => {
  it('says no deadline is set when there is none', { timeout: 120_000 }, async () => {
    // The mock's targets all have a deadline; the API's may have none.
    (state.targets as unknown as Target[]).push({
      code: 'practical_hours_share', value: '0.5000', deadline: null, deadline_passed: false, current: 0.533,
      updated_by: null, updated_at: null, version: 1,
    });
    loginAs('province');
    renderApp('/settings');
    const card = (await screen.findByText('实践性教学课时占比目标')).closest('.ant-card') as HTMLElement;
    expect(within(card).getByText('未设截止日期')).toBeInTheDocument();
    expect(card).not.toHaveTextContent('未到截止日期');
    expect(card).not.toHaveTextContent('已过截止日期');
  });

  it('still says the deadline is ahead when one is set', { timeout: 120_000 }, async () => {
    state.targets.push({
      code: 'practical_hours_share', value: '0.5000', deadline: '2099-12-31', deadline_passed: false, current: 0.533,
      updated_by: null, updated_at: null, version: 1,
    });
    loginAs('province');
    renderApp('/settings');
    const card = (await screen.findByText('实践性教学课时占比目标')).closest('.ant-card') as HTMLElement;
    expect(within(card).getByText('未到截止日期')).toBeInTheDocument();
    expect(card).not.toHaveTextContent('未设截止日期');
  });
});
