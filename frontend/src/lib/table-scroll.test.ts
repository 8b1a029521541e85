import { renderHook } from '@testing-library/react';
import { Grid } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { useTableScroll } from './table-scroll';

describe('useTableScroll', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps the desktop width on a desktop', () => {
    vi.spyOn(Grid, 'useBreakpoint').mockReturnValue({ md: true, lg: true });
    expect(renderHook(() => useTableScroll(900)).result.current).toEqual({ x: 900 });
  });

  it('lets a phone table be as wide as its content, one line a row', () => {
    vi.spyOn(Grid, 'useBreakpoint').mockReturnValue({ xs: true, md: false });
    expect(renderHook(() => useTableScroll(900)).result.current).toEqual({ x: 'max-content' });
  });

  it('treats the first render, before the breakpoints are known, as a desktop', () => {
    vi.spyOn(Grid, 'useBreakpoint').mockReturnValue({});
    expect(renderHook(() => useTableScroll(700)).result.current).toEqual({ x: 700 });
  });
});
