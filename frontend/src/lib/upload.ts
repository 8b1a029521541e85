import {
  ApiError,
  buildUrl,
  currentUnauthenticatedHandler,
  isUnauthenticated,
  readCookie,
  type ApiErrorBody,
} from '@/lib/api-client';
import i18n, { apiLanguage } from '@/lib/i18n';

/**
 * Multipart POST with upload progress (fetch cannot report it, XMLHttpRequest can).
 * Same cookie/CSRF rules as the JSON client; a 401 signs out like the JSON client's.
 */
export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress?: (percent: number) => void,
): Promise<T> {
  const onUnauthenticated = currentUnauthenticatedHandler();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path));
    xhr.withCredentials = false; // same-origin: cookies go anyway
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', apiLanguage());
    const token = readCookie('csrftoken');
    if (token) xhr.setRequestHeader('X-CSRFToken', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // An HTML error page, e.g. the proxy's 413 for a workbook over its size limit.
        body = {
          detail:
            xhr.status === 413
              ? i18n.t('common.fileTooLarge')
              : i18n.t('common.serverError', { status: xhr.status }),
        };
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const error = new ApiError(xhr.status, (body ?? {}) as ApiErrorBody);
      if (isUnauthenticated(error)) onUnauthenticated();
      reject(error);
    };
    xhr.onerror = () => reject(new ApiError(0, { detail: i18n.t('common.networkError') }));
    xhr.send(form);
  });
}
