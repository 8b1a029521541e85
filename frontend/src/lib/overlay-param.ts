import { useCallback } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';

/** Marks the history entry that `open` pushed (kept in history.state across a reload). */
const OPENED = 'overlayOpened';

/**
 * A drawer or modal that the browser's Back closes, as a bottom sheet on a phone is expected
 * to: it is open while the page's URL has `?<param>=<value>`. `open` pushes that entry, so Back
 * takes it away and the drawer with it (the page stays); Forward and a reload open it again.
 * `close` (its close button, a submit) goes back over the entry `open` pushed, or, on a page
 * reached with the param already in its URL (a notification's link), takes the param away in
 * place, staying on the page.
 *
 * Pair it with `useUnsavedOverlayPrompt` in the drawer: Back then asks first while it holds
 * typed input.
 */
export function useOverlayParam(param: string): {
  value: string | null;
  open: (value: string) => void;
  close: () => void;
} {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const pushed = (location.state as Record<string, unknown> | null)?.[OPENED] === param;
  const open = useCallback(
    (value: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set(param, value);
          return next;
        },
        { state: { [OPENED]: param } },
      ),
    [param, setParams],
  );
  const close = useCallback(() => {
    if (pushed) {
      void navigate(-1);
      return;
    }
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete(param);
        return next;
      },
      { replace: true },
    );
  }, [navigate, param, pushed, setParams]);
  return { value: params.get(param), open, close };
}
