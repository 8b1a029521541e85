import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A count beside a Statistic's figure ("/ 1176" after 762, "762/1176" after 64.8%): smaller
 * and grey. At the figure's own size it did not fit beside it in a phone's column and broke
 * over two lines. */
export function CountSuffix({ children }: { children: ReactNode }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 14 }}>
      {children}
    </Typography.Text>
  );
}
