import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * A table cell's main text with a smaller grey line under it: a name with its school, staff
 * number, code or host. On a phone the second line carries a column the table leaves out, so
 * that who a row is about and its verdict fit the first screen.
 */
export function TwoLineCell({ main, sub, subTestId }: { main: ReactNode; sub: ReactNode; subTestId?: string }) {
  return (
    <Space orientation="vertical" size={0}>
      {typeof main === 'string' ? <Typography.Text>{main}</Typography.Text> : main}
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={subTestId}>
        {sub}
      </Typography.Text>
    </Space>
  );
}
