import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

function orderingsAsked(): (string | null)[] {
  const seen: (string | null)[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname === '/api/v1/teachers/') seen.push(url.searchParams.get('ordering'));
  });
  return seen;
}

describe('teachers list ordering from the address bar', () => {
  it('falls back to the default order for an ordering the list does not offer', async () => {
    loginAs('province');
    const seen = orderingsAsked();
    renderApp('/teachers?ordering=nmae');
    expect(await screen.findByText('共 30 名教师')).toBeInTheDocument();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((o) => o === null)).toBe(true);
  });

  it('keeps an ordering the list offers, descending too', async () => {
    loginAs('province');
    const seen = orderingsAsked();
    renderApp('/teachers?ordering=-hired_on');
    expect(await screen.findByText('共 30 名教师')).toBeInTheDocument();
    expect(seen.at(-1)).toBe('-hired_on');
  });
});
