import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { markSignedIn } from '@/lib/auth';
import i18n from '@/lib/i18n';
import { db, loginAs } from '@/testing/mocks/db';
import { renderApp } from '@/testing/test-utils';

const t = i18n.t.bind(i18n);

// auth/me/ names a teacher's school (their teacher record's) since round 46: the school's
// own page stays its HR's, as it was when a teacher's account named none.
describe('the my-school page', () => {
  it('stays closed to a teacher whose account names their school', async () => {
    db.me = {
      id: 9, username: 't_li', full_name: '', role: 'teacher',
      school: 1, school_name: '江西示范职业技术学院', training_base: null, training_base_name: null,
      city: null, city_name: null, teacher: 1, teacher_name: '李芳', must_change_password: false,
    };
    markSignedIn(true);
    renderApp('/my-school');
    expect(await screen.findByText('无权访问此页面')).toBeInTheDocument();
  });

  it('opens for the school HR', async () => {
    loginAs('hr_a');
    renderApp('/my-school');
    expect(await screen.findByText(t('school.teachers'))).toBeInTheDocument();
    expect(screen.queryByText('无权访问此页面')).not.toBeInTheDocument();
  });
});
