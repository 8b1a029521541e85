import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { renderWithProviders } from '@/testing/test-utils';

import type { Qualification, QualificationReason } from '../types/teacher';
import { QualificationCard } from './qualification-card';

// Round 44 (QA): a certificate valid through 2026-12-22 read "2026-12-23 到期": the item showed
// `changes_on` (the first day the rule is no longer met) as its expiry.
const reason = (code: string, met: boolean, value: unknown, threshold: unknown, extra: Partial<QualificationReason> = {}): QualificationReason => ({
  code, met, value, threshold, message: `qualification.rule.${code.toLowerCase()}`, ...extra,
});

const qualification: Qualification = {
  level: 'junior',
  qualified: true,
  valid_until: '2026-12-23',
  evidence_needed: [1, 1, 2],
  practice_window_years: 5,
  reasons: [
    reason('BASIC', true, 'higher_education', 'teacher_qualification'),
    reason('E_SKILL', true, 'grade3', 'grade4', { changes_on: '2026-12-23' }),
    reason('E_TITLE', false, null, 'intermediate'),
    reason('E_PRACTICE', false, 84, 180, { changes_on: '2027-04-01' }),
    reason('E_ENTERPRISE', false, 0, 1095),
    reason('E_TRAINING', false, 0, 40),
    reason('TITLE_INTERMEDIATE', true, 'intermediate', 'intermediate'),
    reason('YEARS_INTERMEDIATE', true, 6, 5),
    reason('TITLE_SENIOR', false, 'intermediate', 'associate_senior'),
    reason('YEARS_SENIOR', false, 6, 10),
  ],
};

describe('qualification card: the dates on the checklist', () => {
  it('shows a met item\'s last day held and an unmet item\'s first day met', async () => {
    renderWithProviders(<QualificationCard qualification={qualification} />);
    const junior = await screen.findByTestId('checklist-junior');
    expect(within(junior).getByText(/持有：三级\/高级工 · 有效至 2026-12-22/)).toBeInTheDocument();
    expect(junior).not.toHaveTextContent('2026-12-23');
    // Not met yet: the first day it is met, as before.
    expect(within(junior).getByText(/已有 84 天 · 2027-04-01 起满足/)).toBeInTheDocument();
    // The same last day as the card's "valid until".
    expect(screen.getByText('当前等级保持至')).toBeInTheDocument();
  });

  it('says it in English', async () => {
    await i18n.changeLanguage('en');
    try {
      renderWithProviders(<QualificationCard qualification={qualification} />);
      const junior = await screen.findByTestId('checklist-junior');
      expect(within(junior).getByText(/valid through 2026-12-22/)).toBeInTheDocument();
      expect(within(junior).getByText(/met from 2027-04-01/)).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
