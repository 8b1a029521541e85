import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { recordQueries } from '@/testing/record-queries';
import { renderApp } from '@/testing/test-utils';

const FILTERS = ['school', 'course_type', 'employment', 'gender', 'qualification_level', 'recruitment', 'qualified'];

describe('teachers list, values from the address', () => {
  it('sends the filters the API takes and leaves out the ones it would refuse with a 400', async () => {
    const asked = recordQueries('/teachers/');
    loginAs('province');
    renderApp(
      '/teachers?school=abc&course_type=bogus&employment=part_time&gender=female&qualification_level=expert&recruitment=met&qualified=maybe',
    );
    expect(await screen.findByRole('table')).toBeInTheDocument();
    await waitFor(() => expect(asked.length).toBeGreaterThan(0));
    const sent = Object.fromEntries(FILTERS.map((key) => [key, asked.at(-1)?.get(key) ?? null]));
    expect(sent).toEqual({
      school: null,
      course_type: null,
      employment: 'part_time',
      gender: 'female',
      qualification_level: null,
      recruitment: 'met',
      qualified: null,
    });
  });

  it('takes a school by its id and a level the API knows', async () => {
    const asked = recordQueries('/teachers/');
    loginAs('province');
    renderApp('/teachers?school=2&qualification_level=junior&qualified=true');
    await waitFor(() => expect(asked.length).toBeGreaterThan(0));
    const last = asked.at(-1)!;
    expect([last.get('school'), last.get('qualification_level'), last.get('qualified')]).toEqual(['2', 'junior', 'true']);
  });

  it('leaves a school in the address out for school HR, who have no school filter to clear', async () => {
    const asked = recordQueries('/teachers/');
    loginAs('hr_a');
    renderApp('/teachers?school=2&gender=female');
    expect(await screen.findByRole('table')).toBeInTheDocument();
    await waitFor(() => expect(asked.length).toBeGreaterThan(0));
    expect([asked.at(-1)?.get('school'), asked.at(-1)?.get('gender')]).toEqual([null, 'female']);
    expect(screen.queryByRole('combobox', { name: '学校' })).not.toBeInTheDocument();
  });
});
