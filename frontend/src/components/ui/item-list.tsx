import { Divider, Empty, Flex, Pagination, Spin, theme, type PaginationProps } from 'antd';
import { Fragment, useState, type KeyboardEvent, type Key, type ReactNode } from 'react';

/** What renderItem says about one item: the pieces of antd's old List.Item. */
export type ItemListRow = {
  /** A strong first line and a muted second one (List.Item.Meta's layout). */
  title?: ReactNode;
  description?: ReactNode;
  /** Anything else, after the title and description or on its own. */
  content?: ReactNode;
  /** Buttons on the right, split by thin lines. */
  actions?: ReactNode[];
  /** On the far right; below the content when the row is too narrow for both (a phone). */
  extra?: ReactNode;
  /** Makes the whole row a button (pointer, Tab, Enter and Space): put no link or button inside it then. */
  onClick?: () => void;
  'data-testid'?: string;
};

/** Pages cut here from `items`; with `total` given, the server cut them (`items` is the current page). */
export type ItemListPagination = {
  pageSize: number;
  current?: number;
  total?: number;
  onChange?: (page: number, pageSize: number) => void;
  size?: PaginationProps['size'];
  /** The count beside the pages (共 N 条), as the tables show it. */
  showTotal?: PaginationProps['showTotal'];
};

type ItemListProps<T> = {
  items: readonly T[];
  renderItem: (item: T, index: number) => ItemListRow;
  /** React keys; the position on the page when not given. */
  rowKey?: (item: T) => Key;
  size?: 'small' | 'default';
  header?: ReactNode;
  loading?: boolean;
  /** What an empty list says; antd's small Empty when not given. */
  emptyText?: ReactNode;
  pagination?: ItemListPagination | false;
};

const shown = (node: ReactNode) => node !== undefined && node !== null && node !== false && node !== '';

/** A plain list of rows split by thin lines, as antd's deprecated List drew them (no virtual scrolling). */
export function ItemList<T>({
  items,
  renderItem,
  rowKey,
  size = 'default',
  header,
  loading = false,
  emptyText,
  pagination = false,
}: ItemListProps<T>) {
  const { token } = theme.useToken();
  const [ownPage, setOwnPage] = useState(1);
  const split = `${token.lineWidth}px ${token.lineType} ${token.colorSplit}`;
  const padding =
    size === 'small'
      ? `${token.paddingContentVerticalSM}px ${token.paddingContentHorizontal}px`
      : `${token.paddingContentVertical}px 0`;

  let rows = items;
  let page = 1;
  let total = items.length;
  if (pagination) {
    const serverCut = pagination.total !== undefined;
    total = pagination.total ?? items.length;
    const lastPage = Math.max(1, Math.ceil(total / pagination.pageSize));
    page = Math.min(pagination.current ?? ownPage, lastPage);
    if (!serverCut) rows = items.slice((page - 1) * pagination.pageSize, page * pagination.pageSize);
  }

  const row = (item: T, index: number) => {
    const { title, description, content, actions = [], extra, onClick, 'data-testid': testId } = renderItem(item, index);
    // Nothing after the last row but the pagination: the line under it separates the two.
    const last = index === rows.length - 1 && !pagination;
    const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
      if (event.target !== event.currentTarget || (event.key !== 'Enter' && event.key !== ' ')) return;
      event.preventDefault();
      onClick?.();
    };
    return (
      <li key={rowKey?.(item) ?? index} style={{ borderBlockEnd: last ? undefined : split }}>
        <Flex
          wrap
          align="center"
          justify="space-between"
          data-testid={testId}
          role={onClick ? 'button' : undefined}
          tabIndex={onClick ? 0 : undefined}
          onClick={onClick}
          onKeyDown={onClick ? onKeyDown : undefined}
          style={{ padding, columnGap: token.margin, rowGap: token.marginXXS, cursor: onClick ? 'pointer' : undefined }}
        >
          {/* 200px: the content's share of a line before the extra wraps below it. */}
          <div style={{ flex: '1 1 200px', minWidth: 0 }}>
            {shown(title) && (
              <div style={{ fontWeight: token.fontWeightStrong, marginBlockEnd: shown(description) ? token.marginXXS : 0 }}>
                {title}
              </div>
            )}
            {shown(description) && <div style={{ color: token.colorTextDescription }}>{description}</div>}
            {content}
          </div>
          {actions.length > 0 && (
            <Flex align="center" style={{ flex: 'none' }}>
              {actions.map((action, i) => (
                <Fragment key={i}>
                  {i > 0 && <Divider orientation="vertical" />}
                  {action}
                </Fragment>
              ))}
            </Flex>
          )}
          {shown(extra) && <div style={{ flex: 'none', maxWidth: '100%' }}>{extra}</div>}
        </Flex>
      </li>
    );
  };

  return (
    <div style={{ color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight }}>
      {shown(header) && <div style={{ paddingBlock: token.paddingSM, borderBlockEnd: split }}>{header}</div>}
      <Spin spinning={loading}>
        {rows.length > 0 ? (
          <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>{rows.map(row)}</ul>
        ) : loading ? (
          <div style={{ minHeight: 53 }} />
        ) : (
          <div style={{ padding: token.padding, color: token.colorTextDisabled, textAlign: 'center' }}>
            {emptyText ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </div>
        )}
      </Spin>
      {pagination && (
        // The count on its own line-fitting piece (共 N 条 kept whole), the pages beside it or,
        // on a narrow screen, under it.
        <Flex wrap align="center" justify="flex-end" gap={token.marginXS} style={{ marginBlockStart: token.marginLG }}>
          {pagination.showTotal && (
            <span data-testid="item-list-total" style={{ whiteSpace: 'nowrap', color: token.colorTextSecondary }}>
              {pagination.showTotal(total, [(page - 1) * pagination.pageSize + 1, Math.min(total, page * pagination.pageSize)])}
            </span>
          )}
          <Pagination
            size={pagination.size}
            current={page}
            pageSize={pagination.pageSize}
            total={total}
            showSizeChanger={false}
            onChange={(next, pageSize) => {
              setOwnPage(next);
              pagination.onChange?.(next, pageSize);
            }}
          />
        </Flex>
      )}
    </div>
  );
}
