import { afterEach, describe, expect, it, vi } from 'vitest';

import { busyPoller, busyPollMs } from './polling';

describe('busyPollMs', () => {
  it('asks often in the first seconds of a state, then less and less', () => {
    expect(busyPollMs(0)).toBe(50);
    expect(busyPollMs(999)).toBe(50);
    expect(busyPollMs(1_000)).toBe(100);
    expect(busyPollMs(1_999)).toBe(100);
    expect(busyPollMs(2_000)).toBe(250);
    expect(busyPollMs(19_999)).toBe(250);
    expect(busyPollMs(20_000)).toBe(1_000);
    expect(busyPollMs(600_000)).toBe(1_000);
  });
});

describe('busyPoller', () => {
  afterEach(() => vi.restoreAllMocks());

  const at = (ms: number) => vi.spyOn(Date, 'now').mockReturnValue(ms);
  type Upload = { status: string };
  const poll = busyPoller<Upload>((d) => (d && d.status !== 'done' ? d.status : null), 20_000);

  it('counts the time in a state from when it was first seen, and again after it changes', () => {
    const query = { state: { data: { status: 'validating' } as Upload | undefined } };
    at(1_000);
    expect(poll(query)).toBe(50);
    at(4_000);
    expect(poll(query)).toBe(250);
    at(30_000);
    expect(poll(query)).toBe(1_000);
    query.state.data = { status: 'committing' };
    at(30_500);
    expect(poll(query)).toBe(50);
    at(31_700);
    expect(poll(query)).toBe(100);
  });

  it('asks at the idle pace when nothing is under way, and starts afresh when work comes back', () => {
    const query = { state: { data: { status: 'validating' } as Upload | undefined } };
    at(0);
    poll(query);
    query.state.data = { status: 'done' };
    at(25_000);
    expect(poll(query)).toBe(20_000);
    query.state.data = { status: 'validating' };
    at(26_000);
    expect(poll(query)).toBe(50);
  });

  it('never asks again while idle when told so', () => {
    const once = busyPoller<Upload>((d) => (d ? d.status : null));
    expect(once({ state: {} })).toBe(false);
  });
});
