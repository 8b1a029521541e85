import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { env } from '@/config/env';
import { normaliseLanguage } from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

describe('language', () => {
  it('maps browser languages to the two we have, Chinese by default', () => {
    expect(normaliseLanguage('en-US')).toBe('en');
    expect(normaliseLanguage('zh-TW')).toBe('zh-CN');
    expect(normaliseLanguage('fr')).toBe('zh-CN');
    expect(normaliseLanguage(undefined)).toBe('zh-CN');
  });

  it('switches the whole screen to English and remembers it', async () => {
    loginAs('province');
    renderApp('/teachers');
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByText('共 30 名教师')).toBeInTheDocument();
    await user.click(screen.getByText('English'));
    expect(await screen.findByText('30 teachers')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Teachers' })).toBeInTheDocument();
    // antd's own strings follow (pagination "/ page").
    expect(screen.getAllByText(/\/ page/).length).toBeGreaterThan(0);
    expect(localStorage.getItem(env.LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('asks the server again in the new language after a switch (it words labels and reasons)', async () => {
    loginAs('province');
    const asked: (string | null)[] = [];
    server.events.on('request:start', ({ request }) => {
      if (new URL(request.url).pathname === '/api/v1/teachers/') asked.push(request.headers.get('Accept-Language'));
    });
    renderApp('/teachers');
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByText('共 30 名教师')).toBeInTheDocument();
    expect(asked).toEqual(['zh-Hans']);
    await user.click(screen.getByText('English'));
    await waitFor(() => expect(asked).toEqual(['zh-Hans', 'en']));
    server.events.removeAllListeners();
  });
});
