import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithProviders } from '@/testing/test-utils';

import { StaffingCard } from './staffing-card';

// Round 47 (QA): the part-time share beside its verdict never reads as the 20% norm it misses.
const staffing = (share: number, ok: boolean) => ({
  student_count: 1000,
  full_time: 50000,
  part_time: Math.round(share * 50000),
  mentors: 0,
  students_per_teacher: 0.02,
  students_per_teacher_norm: 18,
  students_per_teacher_ok: true,
  part_time_share: share,
  part_time_norm: 0.2,
  part_time_ok: ok,
});

describe('the staffing card against its norm, round 47', () => {
  it('shows a part-time share just under the norm under it', () => {
    renderWithProviders(<StaffingCard staffing={staffing(0.19998, false)} />);
    const line = screen.getByTestId('part-time-norm-line');
    expect(line).toHaveTextContent('19.998%');
    expect(line).not.toHaveTextContent('20.0%');
  });

  it('shows an ordinary share as before', () => {
    renderWithProviders(<StaffingCard staffing={staffing(0.190476, false)} />);
    expect(screen.getByTestId('part-time-norm-line')).toHaveTextContent('19.0%');
  });
});
