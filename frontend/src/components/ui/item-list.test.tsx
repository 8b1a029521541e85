import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { renderWithProviders } from '@/testing/test-utils';

import { ItemList } from './item-list';

type Fruit = { id: number; name: string; colour: string };

const fruits: Fruit[] = ['apple', 'banana', 'cherry', 'damson', 'elder', 'fig', 'grape'].map((name, i) => ({
  id: i + 1,
  name,
  colour: i % 2 ? 'yellow' : 'red',
}));

describe('ItemList', () => {
  it('renders each item: title, description, extra and its test id', () => {
    renderWithProviders(
      <ItemList<Fruit>
        header="Fruit"
        items={fruits.slice(0, 2)}
        rowKey={(f) => f.id}
        renderItem={(f) => ({ 'data-testid': `fruit-${f.id}`, title: f.name, description: f.colour, extra: <span>#{f.id}</span> })}
      />,
    );
    expect(screen.getByText('Fruit')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    const apple = screen.getByTestId('fruit-1');
    expect(apple).toHaveTextContent('apple');
    expect(apple).toHaveTextContent('red');
    expect(within(screen.getByTestId('fruit-2')).getByText('#2')).toBeInTheDocument();
    // Nothing to click: no button.
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows the count beside its pages kept on one line, with the rows of the page', () => {
    renderWithProviders(
      <ItemList<Fruit>
        items={fruits.slice(0, 2)}
        rowKey={(f) => f.id}
        renderItem={(f) => ({ title: f.name })}
        pagination={{ current: 2, pageSize: 2, total: 947, showTotal: (count, [from, to]) => `共 ${count} 条 (${from}-${to})` }}
      />,
    );
    const total = screen.getByTestId('item-list-total');
    expect(total).toHaveTextContent('共 947 条 (3-4)');
    expect(total).toHaveStyle({ whiteSpace: 'nowrap' });
  });

  it('says its empty text when there is nothing, but not while loading', () => {
    const { rerender } = renderWithProviders(
      <ItemList<Fruit> items={[]} emptyText="No fruit" renderItem={(f) => ({ title: f.name })} />,
    );
    expect(screen.getByText('No fruit')).toBeInTheDocument();
    expect(screen.queryByRole('listitem')).not.toBeInTheDocument();
    rerender(<ItemList<Fruit> items={[]} loading emptyText="No fruit" renderItem={(f) => ({ title: f.name })} />);
    expect(screen.queryByText('No fruit')).not.toBeInTheDocument();
  });

  it('pages through its items on its own', async () => {
    renderWithProviders(
      <ItemList<Fruit>
        size="small"
        items={fruits}
        pagination={{ pageSize: 5, size: 'small' }}
        renderItem={(f) => ({ content: f.name })}
      />,
    );
    const user = userEvent.setup({ delay: null });
    // The first list is the items; the pager is another.
    expect(within(screen.getAllByRole('list')[0]).getAllByRole('listitem')).toHaveLength(5);
    expect(screen.getByText('elder')).toBeInTheDocument();
    expect(screen.queryByText('fig')).not.toBeInTheDocument();
    await user.click(screen.getByTitle('2'));
    expect(screen.getByText('fig')).toBeInTheDocument();
    expect(screen.getByText('grape')).toBeInTheDocument();
    expect(screen.queryByText('apple')).not.toBeInTheDocument();
  });

  it('shows the page the server sent and asks for the next', async () => {
    const onChange = vi.fn();
    renderWithProviders(
      <ItemList<Fruit>
        items={fruits.slice(0, 2)}
        pagination={{ current: 1, pageSize: 2, total: 7, onChange }}
        renderItem={(f) => ({ content: f.name })}
      />,
    );
    const user = userEvent.setup({ delay: null });
    expect(screen.getByText('banana')).toBeInTheDocument();
    expect(screen.getByTitle('4')).toBeInTheDocument();
    await user.click(screen.getByTitle('2'));
    expect(onChange).toHaveBeenCalledWith(2, 2);
  });

  it('makes a clickable item a button: a click, Enter and Space open it', async () => {
    const onOpen = vi.fn();
    renderWithProviders(
      <ItemList<Fruit>
        items={fruits.slice(0, 2)}
        renderItem={(f) => ({ 'data-testid': 'fruit', title: f.name, onClick: f.id === 1 ? () => onOpen(f.name) : undefined })}
      />,
    );
    const user = userEvent.setup({ delay: null });
    const apple = screen.getByRole('button', { name: /apple/ });
    expect(apple).toHaveAttribute('data-testid', 'fruit');
    expect(apple).toHaveStyle({ cursor: 'pointer' });
    // Only the item with an onClick is one.
    expect(screen.getAllByRole('button')).toHaveLength(1);

    await user.tab();
    expect(apple).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledTimes(1);
    await user.keyboard(' ');
    expect(onOpen).toHaveBeenCalledTimes(2);
    await user.click(screen.getByText('apple'));
    expect(onOpen).toHaveBeenCalledTimes(3);
    expect(onOpen).toHaveBeenLastCalledWith('apple');
  });
});
