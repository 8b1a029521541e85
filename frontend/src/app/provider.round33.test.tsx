import { render, screen } from '@testing-library/react';
import { Table, theme } from 'antd';
import { describe, expect, it } from 'vitest';

import { writtenCss } from '@/testing/test-styles';
import { phoneScreen } from '@/testing/test-utils';

import { AppProvider } from './provider';

function Sizes() {
  const { token } = theme.useToken();
  return <span data-testid="checkbox-size">{token.controlInteractiveSize}</span>;
}

function Selectable() {
  return (
    <Table
      rowKey="id"
      pagination={false}
      dataSource={[{ id: 1, name: '王芳' }]}
      columns={[{ title: '姓名', dataIndex: 'name' }]}
      rowSelection={{}}
    />
  );
}

/** The rules antd wrote for a selection cell and its checkbox (the CSS-in-JS style elements). */
const css = () => writtenCss();

describe('AppProvider, round 33', () => {
  it('makes a checkbox at least 24 px on a phone, and its whole table cell a 44 px target', () => {
    phoneScreen();
    render(
      <AppProvider>
        <Sizes />
        <Selectable />
      </AppProvider>,
    );
    expect(Number(screen.getByTestId('checkbox-size').textContent)).toBeGreaterThanOrEqual(24);
    // the selection column is a finger wide
    expect(css()).toMatch(/--ant-table-selection-column-width:(4[4-9]|[5-9]\d)px/);
    // a tap anywhere in the selection cell reaches its checkbox
    expect(css()).toMatch(/\.ant-table-selection-column \.ant-checkbox-wrapper::after\{[^}]*position:absolute[^}]*inset:0/);
  });

  it('keeps antd’s 16 px checkbox on a desktop', () => {
    render(
      <AppProvider>
        <Sizes />
      </AppProvider>,
    );
    expect(screen.getByTestId('checkbox-size')).toHaveTextContent('16');
  });
});
