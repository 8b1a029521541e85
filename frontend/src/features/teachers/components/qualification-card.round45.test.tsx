import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithProviders } from '@/testing/test-utils';

import type { Qualification } from '../types/teacher';
import { QualificationCard } from './qualification-card';

// Round 45: the recruitment line (round 44) shared a row with 测算等级, and its long words
// squeezed that label ("Estimated level") onto two lines at 1440 px. It now has a row of
// its own below the level, and no label of the card breaks.
const base = {
  level: 'basic',
  qualified: true,
  valid_until: '2030-06-30',
  evidence_needed: [1, 1, 2],
  practice_window_years: 5,
  reasons: [],
} as unknown as Qualification;

const recruitment = { compliant: false, since: '2023-08-01', enterprise_days: 1095, min_education: 'higher_vocational' };

function listOf(text: string): Element | null {
  return screen.getByText(text).closest('.ant-descriptions');
}

describe('qualification card: the recruitment line', () => {
  it('has a list of its own, one item a row, below the level', async () => {
    renderWithProviders(<QualificationCard qualification={{ ...base, recruitment }} />);
    await screen.findByTestId('recruitment-check');
    const level = listOf('测算等级');
    const hiring = listOf('新进教师来源');
    expect(hiring).not.toBeNull();
    expect(hiring).not.toBe(level);
    expect(level).toContainElement(screen.getByText('当前等级保持至'));
    // The level's list comes first.
    expect(level!.compareDocumentPosition(hiring!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(hiring!.querySelectorAll('tr')).toHaveLength(1);
  });

  it('keeps every label of the card on one line', async () => {
    renderWithProviders(<QualificationCard qualification={{ ...base, recruitment }} />);
    await screen.findByTestId('recruitment-check');
    for (const text of ['测算等级', '当前等级保持至', '新进教师来源']) {
      const label = screen.getByText(text).closest('.ant-descriptions-item-label');
      expect(label).toHaveStyle({ whiteSpace: 'nowrap' });
    }
  });

  it('leaves the level alone where the check does not apply', async () => {
    renderWithProviders(<QualificationCard qualification={{ ...base, recruitment: null }} />);
    await screen.findByTestId('qualification-card');
    expect(screen.queryByText('新进教师来源')).not.toBeInTheDocument();
    expect(document.querySelectorAll('.ant-descriptions')).toHaveLength(1);
  });
});
