import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithProviders } from '@/testing/test-utils';

import type { Qualification } from '../types/teacher';
import { QualificationCard } from './qualification-card';

const lapsing = {
  level: 'junior',
  qualified: true,
  valid_until: '2028-05-26',
  level_after: 'none',
  evidence_needed: [1, 1, 2],
  practice_window_years: 5,
  reasons: [],
} as unknown as Qualification;

describe('qualification card', () => {
  it('says in words when the level is lost, the date kept on one line for a phone', async () => {
    renderWithProviders(<QualificationCard qualification={lapsing} />);
    const words = await screen.findByTestId('expiry-words');
    expect(words).toHaveTextContent('将于 2028-05-26 失去双师资格');
    expect(within(words).getByText('2028-05-26')).toHaveStyle({ whiteSpace: 'nowrap' });
  });

  it('holds the level through the day before the day it is lost', async () => {
    renderWithProviders(<QualificationCard qualification={lapsing} />);
    const words = await screen.findByTestId('expiry-words');
    // "当前等级保持至 2028-05-25", then "将于 2028-05-26 失去双师资格": not the same day twice.
    const held = words.closest('.ant-descriptions-item-content');
    expect(held).toHaveTextContent(/^2028-05-25/);
    expect(screen.getByText('当前等级保持至')).toBeInTheDocument();
  });
});
