import { render, screen } from '@testing-library/react';
import { Button, Grid } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ActionCard } from './action-card';

function card() {
  render(
    <ActionCard title="结业记录" toolbar={<Button>登记结业</Button>}>
      <p>内容</p>
    </ActionCard>,
  );
  return screen.getByRole('button', { name: '登记结业' });
}

describe('ActionCard', () => {
  afterEach(() => vi.restoreAllMocks());

  it('puts the actions in the header on a desktop', () => {
    vi.spyOn(Grid, 'useBreakpoint').mockReturnValue({ md: true, lg: true });
    expect(card().closest('.ant-card-extra')).not.toBeNull();
    expect(screen.getByText('结业记录').closest('.ant-card-head')).not.toBeNull();
  });

  it('puts them under the title on a phone, the title keeping the header', () => {
    vi.spyOn(Grid, 'useBreakpoint').mockReturnValue({ xs: true, md: false });
    const button = card();
    expect(button.closest('.ant-card-extra')).toBeNull();
    expect(button.closest('.ant-card-body')).not.toBeNull();
    expect(screen.getByText('结业记录').closest('.ant-card-head')).not.toBeNull();
    expect(document.querySelector('.ant-card-extra')).toBeNull();
  });

  it('treats the first render, before the breakpoints are known, as a desktop', () => {
    vi.spyOn(Grid, 'useBreakpoint').mockReturnValue({});
    expect(card().closest('.ant-card-extra')).not.toBeNull();
  });
});
