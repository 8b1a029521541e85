import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { renderWithProviders } from '@/testing/test-utils';

import { LoginForm } from './login-form';

describe('the sign-in form and case (round 33)', () => {
  it('does not let a phone capitalise or correct the username: sign-in is exact about case', () => {
    renderWithProviders(<LoginForm onSuccess={vi.fn()} />);
    const username = screen.getByLabelText('用户名');
    expect(username).toHaveAttribute('autocapitalize', 'none');
    expect(username).toHaveAttribute('autocorrect', 'off');
    expect(username).toHaveAttribute('spellcheck', 'false');
  });
});
