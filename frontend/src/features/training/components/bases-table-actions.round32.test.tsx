import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

beforeEach(() => {
  server.use(...fe2Handlers(makeFe2State()));
});

/** The bases table and the width its columns ask for (scroll.x, set on the <table>). */
async function basesTable() {
  const row = (await screen.findByText('九江职教一体化基地')).closest('tr') as HTMLElement;
  const table = row.closest('table') as HTMLTableElement;
  return { table, width: Number.parseFloat(table.style.width || table.style.minWidth) };
}

describe('the bases table\'s pinned actions (round 32)', () => {
  it('keeps "Actions" whole on a phone', { timeout: 120_000 }, async () => {
    phoneScreen();
    loginAs('province');
    await i18n.changeLanguage('en');
    try {
      renderApp('/training');
      const { table } = await basesTable();
      const header = within(table.closest('.ant-table') as HTMLElement).getByRole('columnheader', { name: 'Actions' });
      // Broken mid-word ("Action s") at 64 px: the word stays on one line, in a column wide enough for it.
      expect(header.style.whiteSpace).toBe('nowrap');
      const cols = [...(table.closest('.ant-table') as HTMLElement).querySelectorAll('colgroup col')];
      const actionsCol = cols.at(-1) as HTMLElement;
      expect(Number.parseFloat(actionsCol.style.width)).toBeGreaterThanOrEqual(76);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('asks no more than a 1440-px desktop has beside the menu (1,134 px)', { timeout: 120_000 }, async () => {
    loginAs('province');
    await i18n.changeLanguage('en');
    try {
      renderApp('/training');
      const { width } = await basesTable();
      expect(width).toBeGreaterThan(0);
      expect(width).toBeLessThanOrEqual(1134);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
