import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { renderWithProviders } from '@/testing/test-utils';

import { AuditChanges, type ChangedEntry } from './audit-changes';

// A password reset (POST users/{id}/reset-password/) of an account that already had to change
// its password changes no field the log shows: the entry says what happened in words.
const reset: ChangedEntry = {
  model: 'user',
  action: 'update',
  changes: {},
  changes_display: {},
  additional_data: { event: 'password_reset' },
};

describe('a password reset in the audit log (round 33)', () => {
  it('says the password was reset, in Chinese and in English', async () => {
    const { unmount } = renderWithProviders(<AuditChanges entry={reset} />);
    expect(screen.getByTestId('audit-changes')).toHaveTextContent('重置了密码');
    unmount();
    await i18n.changeLanguage('en');
    renderWithProviders(<AuditChanges entry={reset} />);
    expect(screen.getByTestId('audit-changes')).toHaveTextContent('Reset the password');
  });
});
