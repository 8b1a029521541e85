import { render, screen } from '@testing-library/react';
import { theme } from 'antd';
import { describe, expect, it } from 'vitest';

import { phoneScreen } from '@/testing/test-utils';

import { AppProvider } from './provider';

function SmallControlHeight() {
  return <span data-testid="height">{theme.useToken().token.controlHeightSM}</span>;
}

describe('AppProvider', () => {
  it('makes small controls a finger tall on a phone', () => {
    phoneScreen();
    render(
      <AppProvider>
        <SmallControlHeight />
      </AppProvider>,
    );
    expect(screen.getByTestId('height')).toHaveTextContent('32');
  });

  it('keeps antd small controls on a desktop', () => {
    render(
      <AppProvider>
        <SmallControlHeight />
      </AppProvider>,
    );
    expect(screen.getByTestId('height')).toHaveTextContent('24');
  });
});
