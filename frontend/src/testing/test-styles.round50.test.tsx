import { render, screen } from '@testing-library/react';
import { ConfigProvider, Dropdown } from 'antd';
import { describe, expect, it, vi } from 'vitest';

import { keepOnlyTestedStyles, keepTestedCss, writtenCss } from './test-styles';

describe('the style sheets the tests keep (round 50)', () => {
  it('keeps the shown / pointer / text-layout declarations of each rule and drops the rest', () => {
    const css =
      '.a{color:red;display:none;margin:0}.b{color:blue}' +
      '.c::after{content:"{;}";pointer-events:none}' +
      '/* a note { } */.d{opacity:0;transition:opacity .2s}';
    expect(keepTestedCss(css)).toBe(['.a{display:none}', '.c::after{pointer-events:none}', '.d{opacity:0}'].join('\n'));
  });

  it('keeps media and supports blocks around what they hold, and drops keyframes and fonts', () => {
    const css =
      '@media (max-width:575px){.a{display:none;color:red}.b{color:red}}' +
      '@media print{.x{color:red}}' +
      '@keyframes spin{0%{opacity:0}100%{opacity:1}}' +
      '@font-face{font-family:x;src:url("a;b")}' +
      '@supports (display:grid){.g{display:grid;gap:1px}}';
    expect(keepTestedCss(css)).toBe(
      ['@media (max-width:575px){.a{display:none}}', '@supports (display:grid){.g{display:grid}}'].join('\n'),
    );
  });

  it('keeps declarations whose values hold brackets and semicolons in strings', () => {
    expect(keepTestedCss('.a{white-space:pre;background:url("x;y.png");display:var(--d, block)}')).toBe(
      '.a{white-space:pre;display:var(--d, block)}',
    );
  });

  it('hides what antd hides with a class: a closed menu is not found by role', () => {
    const menu = (open: boolean) => (
      <ConfigProvider theme={{ token: { motion: false } }}>
        <Dropdown open={open} menu={{ items: [{ key: 'a', label: '导出名单' }] }}>
          <button type="button">更多</button>
        </Dropdown>
      </ConfigProvider>
    );
    const { rerender } = render(menu(true));
    // Open (its appear motion leaves it at opacity 0 in the test page, with all styles too).
    expect(screen.getByRole('menuitem', { name: '导出名单' })).toBeInTheDocument();
    rerender(menu(false));
    // Still in the page, hidden only by antd's `.ant-dropdown-hidden{display:none}`.
    const item = screen.getByRole('menuitem', { name: '导出名单', hidden: true });
    expect(item.closest('.ant-dropdown-hidden')).not.toBeNull();
    expect(screen.queryByRole('menuitem', { name: '导出名单' })).toBeNull();
    expect(item).not.toBeVisible();
    // What antd wrote is still there to read, as written.
    expect(writtenCss()).toMatch(/\.ant-dropdown-hidden[^{]*\{[^}]*display:\s*none/);
  });
});

describe('the filter installed twice (the set-up runs before each file)', () => {
  it('filters once and keeps what was written, even from the module evaluated again', async () => {
    keepOnlyTestedStyles(window);
    vi.resetModules();
    const again = await import('./test-styles');
    again.keepOnlyTestedStyles(window);
    const style = document.createElement('style');
    style.innerHTML = '.a{display:none;color:red}';
    document.head.appendChild(style);
    try {
      expect(style.textContent).toBe('.a{display:none}');
      expect(style.innerHTML).toBe('.a{display:none;color:red}');
      expect(writtenCss()).toContain('.a{display:none;color:red}');
      expect(again.writtenCss()).toContain('.a{display:none;color:red}');
    } finally {
      style.remove();
    }
  });
});
