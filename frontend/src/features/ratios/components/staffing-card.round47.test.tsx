import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { renderWithProviders } from '@/testing/test-utils';

import { StaffingCard } from './staffing-card';

// Round 47 (390 px, English, /my-school): "does not meet the norm" beside the figure ran
// 3.8 px past the staffing card's edge: figure and tag were one unbreakable line. The tag
// now goes under the figure when the line has no room for both, and its own words wrap
// when even a line of its own is too narrow; the figure itself is never broken.

const staffing = {
  student_count: 1000,
  full_time: 42,
  part_time: 5,
  mentors: 3,
  students_per_teacher: 23.81,
  students_per_teacher_norm: 18,
  students_per_teacher_ok: false,
  part_time_share: 0.190476,
  part_time_norm: 0.2,
  part_time_ok: false,
};

/** Every element from `el` up to the card: none may hold figure and tag on one line. */
function ancestors(el: HTMLElement, stop: HTMLElement): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (let e: HTMLElement | null = el; e && e !== stop; e = e.parentElement) out.push(e);
  return out;
}

describe('the staffing card on a narrow screen, round 47', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it.each(['en', 'zh-CN'])('lets the verdict wrap under the figure (%s)', async (lang) => {
    await i18n.changeLanguage(lang);
    const { container } = renderWithProviders(<StaffingCard staffing={staffing} />);
    const notMet = lang === 'en' ? 'does not meet the norm' : '未达标';
    for (const id of ['part-time-norm', 'student-teacher-norm']) {
      const line = screen.getByTestId(`${id}-line`);
      expect(line.style.display).toBe('flex');
      expect(line.style.flexWrap).toBe('wrap');
      const [figure, verdict] = Array.from(line.children) as HTMLElement[];
      expect(figure.style.whiteSpace).toBe('nowrap'); // "19.0%" stays whole
      const tag = verdict.querySelector('.ant-tag') as HTMLElement;
      expect(tag).toHaveTextContent(notMet);
      expect(tag.style.whiteSpace).toBe('normal');
      // Nothing between the tag and the card keeps figure and tag on one line.
      for (const e of ancestors(line, container as HTMLElement)) expect(e.style.whiteSpace).not.toBe('nowrap');
    }
    // The share is rounded once, here: 8 of 42 is 19.0 %, not 19.1 %.
    expect(screen.getByTestId('part-time-norm-line')).toHaveTextContent(new RegExp(`^19\\.0% ${notMet}$`));
  });
});
