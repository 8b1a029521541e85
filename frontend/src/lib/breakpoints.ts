import { Grid } from 'antd';

/** True below antd's `md` breakpoint (768 px): a phone. useBreakpoint is empty on the first
 * render, and "unknown" counts as a desktop (so a desktop never flashes the phone layout). */
export function useIsPhone(): boolean {
  return Grid.useBreakpoint().md === false;
}
