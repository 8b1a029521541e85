import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// QA, round 50: a search that matched no mentor read 还没有导师 ("no mentors yet") beside a
// school with mentors.
describe('mentors card, round 50', () => {
  it('says nothing matches a search that finds no mentor, not that there are none', async () => {
    server.use(...fe2Handlers(makeFe2State()));
    server.use(
      http.get('/api/v1/mentors/', ({ request }) =>
        new URL(request.url).searchParams.get('search')
          ? HttpResponse.json({ count: 0, next: null, previous: null, results: [] })
          : undefined,
      ),
    );
    loginAs('hr_a');
    renderApp('/mentors');
    expect((await screen.findAllByText('宋立新')).length).toBeGreaterThan(0);
    const user = userEvent.setup({ delay: null });
    const box = within(screen.getByTestId('mentor-search')).getByRole('searchbox');
    await user.type(box, '没有这个人{Enter}');
    expect(await screen.findByText('没有符合条件的记录，请修改或清除搜索和筛选条件。')).toBeInTheDocument();
    expect(screen.queryByText('还没有导师')).toBeNull();
  });
});
