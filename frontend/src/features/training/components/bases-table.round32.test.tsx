import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

beforeEach(() => {
  server.use(...fe2Handlers(makeFe2State()));
});

describe('training bases table (round 32)', () => {
  it('names a base\'s city in the screen\'s language', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/training');
    const row = () => screen.getByText('九江职教一体化基地').closest('tr') as HTMLElement;
    await screen.findByText('九江职教一体化基地');
    expect(within(row()).getByText('九江')).toBeInTheDocument();
    await i18n.changeLanguage('en');
    try {
      await waitFor(() => expect(within(row()).getByText('Jiujiang')).toBeInTheDocument());
      expect(within(row()).queryByText('九江')).not.toBeInTheDocument();
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
