import { buildUrl } from '@/lib/api-client';

// Plain links: the browser downloads with the session cookie.
export const templateUrl = (kind: string) => buildUrl(`/imports/templates/${kind}/`);
export const errorWorkbookUrl = (id: number) => buildUrl(`/imports/${id}/errors/`);
