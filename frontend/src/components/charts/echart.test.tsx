import { render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The real component, over a fake ECharts that records what it is asked to draw.
vi.unmock('@/components/charts/echart');
const instance = { on: vi.fn(), resize: vi.fn(), dispose: vi.fn(), setOption: vi.fn() };
vi.mock('echarts/core', () => ({ use: vi.fn(), init: vi.fn(() => instance) }));

import EChart from './echart';

const bars = (value: number) => ({ series: [{ type: 'bar', data: [value] }] });

/** The system's "reduce motion" setting, as the browser reports it to the app. */
function reduceMotion(reduce: boolean) {
  const screen = window.matchMedia;
  window.matchMedia = ((query: string) => ({
    ...screen(query),
    matches: query === '(prefers-reduced-motion: reduce)' ? reduce : screen(query).matches,
  })) as typeof window.matchMedia;
}

describe('EChart', () => {
  beforeEach(() => {
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        disconnect() {}
      },
    );
    Object.values(instance).forEach((f) => f.mockClear());
  });
  afterEach(() => vi.unstubAllGlobals());

  it('draws an option once, however often its parent builds it anew', () => {
    const { rerender } = render(<EChart ariaLabel="chart" option={bars(60)} />);
    rerender(<EChart ariaLabel="chart" option={bars(60)} />);
    rerender(<EChart ariaLabel="chart" option={bars(60)} />);
    expect(instance.setOption).toHaveBeenCalledTimes(1);
  });

  it('draws again when the option changes', () => {
    const { rerender } = render(<EChart ariaLabel="chart" option={bars(60)} />);
    rerender(<EChart ariaLabel="chart" option={bars(65)} />);
    expect(instance.setOption).toHaveBeenCalledTimes(2);
    expect(instance.setOption.mock.lastCall?.[0]).toMatchObject({ aria: { enabled: true }, ...bars(65) });
  });

  it('draws on a new chart after the old one is gone', () => {
    render(<EChart ariaLabel="chart" option={bars(60)} />).unmount();
    render(<EChart ariaLabel="chart" option={bars(60)} />);
    expect(instance.dispose).toHaveBeenCalledTimes(1);
    expect(instance.setOption).toHaveBeenCalledTimes(2);
  });

  it('draws the chart at once, without its entry animation, for someone who reduces motion (lib/motion)', () => {
    reduceMotion(true);
    render(<EChart ariaLabel="chart" option={bars(60)} />);
    expect(instance.setOption.mock.lastCall?.[0]).toMatchObject({ animation: false, ...bars(60) });
  });

  it('keeps the animation otherwise', () => {
    reduceMotion(false);
    render(<EChart ariaLabel="chart" option={bars(60)} />);
    expect(instance.setOption.mock.lastCall?.[0]).not.toHaveProperty('animation');
  });
});
