import { buildUrl } from '@/lib/api-client';
import { apiLanguage } from '@/lib/i18n';

// Plain links: the browser downloads with the session cookie, but sends its own
// Accept-Language, not the app's; `lang` asks for the app's (the server honours it there).
export const templateUrl = (kind: string) => buildUrl(`/imports/templates/${kind}/`, { lang: apiLanguage() });
export const errorWorkbookUrl = (id: number) => buildUrl(`/imports/${id}/errors/`, { lang: apiLanguage() });
