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

function sizesAsked(): { page: string | null; size: string | null }[] {
  const seen: { page: string | null; size: string | null }[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname === '/api/v1/teachers/') {
      seen.push({ page: url.searchParams.get('page'), size: url.searchParams.get('page_size') });
    }
  });
  return seen;
}

describe('teachers list paging from the address bar (round 41)', () => {
  it.each(['0', '500', 'abc', '-1'])('asks for the default size for page_size=%s', async (size) => {
    loginAs('province');
    const seen = sizesAsked();
    renderApp(`/teachers?page_size=${size}&page=abc`);
    expect(await screen.findByText('共 30 名教师')).toBeInTheDocument();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.size === '20' && s.page === '1')).toBe(true);
  });

  it('keeps a size the list offers', async () => {
    loginAs('province');
    const seen = sizesAsked();
    renderApp('/teachers?page_size=50');
    expect(await screen.findByText('共 30 名教师')).toBeInTheDocument();
    expect(seen.at(-1)?.size).toBe('50');
  });
});
