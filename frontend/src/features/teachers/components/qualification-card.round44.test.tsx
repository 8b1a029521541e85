import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithProviders } from '@/testing/test-utils';

import type { Qualification } from '../types/teacher';
import { QualificationCard } from './qualification-card';

// Round 44: the recruitment check (DESIGN §4) was only a count in the ratios and the
// workbook; the teacher's page now says whether a new hire met it and, if not, what it asks.
const base = {
  level: 'none',
  qualified: false,
  valid_until: null,
  evidence_needed: [1, 1, 2],
  practice_window_years: 5,
  reasons: [],
} as unknown as Qualification;

const terms = { since: '2023-08-01', enterprise_days: 1095, min_education: 'higher_vocational' };

describe('qualification card: recruitment check', () => {
  it('says in words what a new hire who meets no path lacks', async () => {
    renderWithProviders(
      <QualificationCard qualification={{ ...base, recruitment: { compliant: false, ...terms } }} />,
    );
    const check = await screen.findByTestId('recruitment-check');
    expect(check).toHaveTextContent('不符合');
    expect(check).toHaveTextContent('2023-08-01 及以后入职的专业课教师');
    expect(check).toHaveTextContent('入职前在企业工作满 3 年且学历为高职（专科）及以上');
    expect(screen.getByText('新进教师来源')).toBeInTheDocument();
  });

  it('says it is met for a new hire who meets a path', async () => {
    renderWithProviders(
      <QualificationCard qualification={{ ...base, recruitment: { compliant: true, ...terms } }} />,
    );
    const check = await screen.findByTestId('recruitment-check');
    expect(check).toHaveTextContent('符合');
    expect(check).not.toHaveTextContent('不符合');
  });

  it('shows nothing where the check does not apply', async () => {
    renderWithProviders(<QualificationCard qualification={{ ...base, recruitment: null }} />);
    await screen.findByTestId('qualification-card');
    expect(screen.queryByTestId('recruitment-check')).not.toBeInTheDocument();
  });
});
