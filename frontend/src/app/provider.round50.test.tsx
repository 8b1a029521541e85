import { render, screen } from '@testing-library/react';
import { Table } from 'antd';
import { describe, expect, it } from 'vitest';

import { AppProvider } from './provider';

// QA, round 50: antd offered "20 条/页" on the tables of more than 50 rows whose lists fetch
// pages of a fixed size: choosing 50 changed nothing.
describe('tables, round 50: no page-size choice that changes nothing', () => {
  it('offers no "条/页" on a table of more than 50 rows with a fixed page size', () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ id: i + 1, name: `教师${i + 1}` }));
    render(
      <AppProvider>
        <Table rowKey="id" dataSource={rows} columns={[{ title: '姓名', dataIndex: 'name' }]} pagination={{ pageSize: 20 }} />
      </AppProvider>,
    );
    expect(screen.getByText('教师1')).toBeInTheDocument();
    expect(document.querySelector('.ant-pagination-options-size-changer')).toBeNull();
    expect(screen.queryByText(/条\/页/)).toBeNull();
  });
});
