export const env = {
  API_URL: (import.meta.env.VITE_API_URL as string | undefined) ?? '/api/v1',
  LANGUAGE_STORAGE_KEY: 'shuangshi.lang',
} as const;
