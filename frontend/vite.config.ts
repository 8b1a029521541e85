/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Django serves dist/index.html for every non-API path and the assets under /static/.
export default defineConfig(({ command }) => ({
  base: command === 'build' ? '/static/' : '/',
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8000',
      '/admin': 'http://127.0.0.1:8000',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'happy-dom', // 4–5x faster than jsdom on the antd screens (CI: 4.5 min → 2 min)
    globals: false,
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    testTimeout: 90000,
    css: false,
    // Vitest's default leaves a core idle (CPUs - 1): on CI's 2 CPUs that ran the files one
    // at a time (7.2 min); every core halves it (4.5 min).
    maxWorkers: Math.max(2, availableParallelism()),
    // Each worker keeps its modules between files (antd, the app, happy-dom's set-up): on a
    // 2-CPU box the 80 files took 268 s isolated and 165 s not, every test passing both ways.
    // setup-tests still resets the mocked API, storage, language and screen before each test.
    isolate: false,
  },
}));
