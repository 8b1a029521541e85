import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';

import i18n from '@/lib/i18n';

import { resetDb } from './mocks/db';
import { server } from './mocks/server';
import { keepOnlyTestedStyles } from './test-styles';

// antd's style sheets hold only what a test reads of a computed style (test-styles.ts).
keepOnlyTestedStyles(window);

// The test DOM (happy-dom) lacks what antd's responsive bits and ECharts look for. Tests see a wide desktop
// screen: every (min-width: …) query matches.
const desktopScreen = (query: string) => ({
  matches: query.includes('min-width'),
  media: query,
  onchange: null,
  addListener: vi.fn(),
  removeListener: vi.fn(),
  addEventListener: vi.fn(),
  removeEventListener: vi.fn(),
  dispatchEvent: vi.fn(),
});
Object.defineProperty(window, 'matchMedia', { writable: true, value: desktopScreen });
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;
const { getComputedStyle } = window;
window.getComputedStyle = (elt: Element) => getComputedStyle(elt);

// Charts draw on canvas, which the test DOM does not have: render a labelled stand-in.
vi.mock('@/components/charts/echart', () => import('./echart-stub'));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  resetDb();
  localStorage.clear();
  document.cookie = 'csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  await i18n.changeLanguage('zh-CN');
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  // A test that turned the screen into a phone (phoneScreen) leaves a desktop behind.
  window.matchMedia = desktopScreen as unknown as typeof window.matchMedia;
});
afterAll(() => server.close());

// Keep failures readable: no DOM dumps of the whole antd tree.
configure({
  asyncUtilTimeout: 10000,
  getElementError: (message) => new Error(message ?? 'element error'),
});
