import { Card, type CardProps } from 'antd';
import type { ReactNode } from 'react';

import { useIsPhone } from '@/lib/breakpoints';

/** A Card with a toolbar (its buttons, switches): in the header on a desktop; on a phone on
 * a line of its own under the title, from the left (in a 390 px header two buttons squeezed
 * the title to "结业…"). */
export function ActionCard({ toolbar, children, ...props }: Omit<CardProps, 'extra' | 'actions'> & { toolbar?: ReactNode }) {
  const isPhone = useIsPhone();
  return (
    <Card {...props} extra={isPhone ? undefined : toolbar}>
      {isPhone && toolbar && (
        <div style={{ marginBottom: 12 }}>{toolbar}</div>
      )}
      {children}
    </Card>
  );
}
