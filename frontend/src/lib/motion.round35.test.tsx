import { render, screen } from '@testing-library/react';
import { act } from 'react';
import { theme } from 'antd';
import { describe, expect, it } from 'vitest';

import { AppProvider } from '@/app/provider';
import { makeQueryClient } from '@/lib/query-client';

import { prefersReducedMotion } from './motion';

/** A screen whose "reduce motion" setting can be changed while the app is open. */
function motionSetting(reduce: boolean) {
  const listeners = new Set<() => void>();
  const screenQuery = window.matchMedia;
  const state = { reduce };
  window.matchMedia = ((query: string) => {
    const base = screenQuery(query);
    if (query !== '(prefers-reduced-motion: reduce)') return base;
    return {
      ...base,
      get matches() {
        return state.reduce;
      },
      addEventListener: (_: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
    };
  }) as typeof window.matchMedia;
  return (next: boolean) => {
    state.reduce = next;
    listeners.forEach((listener) => listener());
  };
}

function Motion() {
  const { token } = theme.useToken();
  return <span>{token.motion ? 'animated' : 'still'}</span>;
}

describe('"reduce motion"', () => {
  it('is read from the system setting', () => {
    motionSetting(true);
    expect(prefersReducedMotion()).toBe(true);
    motionSetting(false);
    expect(prefersReducedMotion()).toBe(false);
  });

  it("turns antd's animations off, and on again when the setting changes", () => {
    const change = motionSetting(true);
    render(
      <AppProvider queryClient={makeQueryClient()}>
        <Motion />
      </AppProvider>,
    );
    expect(screen.getByText('still')).toBeInTheDocument();
    act(() => change(false));
    expect(screen.getByText('animated')).toBeInTheDocument();
  });
});
