import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { recordQueries } from '@/testing/record-queries';
import { renderApp } from '@/testing/test-utils';

const NO_MATCH = '没有符合条件的记录，请修改或清除搜索和筛选条件。';

describe('teachers list, when nothing matches', () => {
  it('says so for a search from the address, and asks the API for that search and page', async () => {
    const asked = recordQueries('/teachers/');
    loginAs('province');
    renderApp('/teachers?search=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%BA%BA&page=abc');
    const table = await screen.findByRole('table');
    expect(await within(table).findByText(NO_MATCH)).toBeInTheDocument();
    expect(within(table).queryByText('暂无数据', { selector: '.ant-empty-description' })).toBeNull();
    await waitFor(() => expect(asked.length).toBeGreaterThan(0));
    expect([asked.at(-1)?.get('search'), asked.at(-1)?.get('page')]).toEqual(['没有这人', '1']);
  });

  it('says so for a filter alone (those who left, none of whom match)', async () => {
    loginAs('province');
    renderApp('/teachers?active=false&course_type=public&title=senior&employment=part_time');
    const table = await screen.findByRole('table');
    expect(await within(table).findByText(NO_MATCH)).toBeInTheDocument();
  });
});
