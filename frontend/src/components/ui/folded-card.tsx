import { Card, Collapse, Typography } from 'antd';
import type { ReactNode } from 'react';

import { ErrorState } from './query-state';

/**
 * A card folded under its title, whose content is fetched when it is first opened (the
 * teacher's dated facts and change log): a help line above the content, or the query's error
 * with a retry in its place.
 */
export function FoldedCard({
  title,
  help,
  testId,
  error,
  onRetry,
  onOpenChange,
  children,
}: {
  title: ReactNode;
  help: ReactNode;
  testId: string;
  error: unknown;
  onRetry: () => void;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
}) {
  return (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      <Collapse
        ghost
        onChange={(keys) => onOpenChange(keys.length > 0)}
        items={[
          {
            key: testId,
            label: <Typography.Text strong>{title}</Typography.Text>,
            children: error ? (
              <ErrorState error={error} onRetry={onRetry} />
            ) : (
              <div data-testid={testId}>
                <Typography.Paragraph type="secondary">{help}</Typography.Paragraph>
                {children}
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}
