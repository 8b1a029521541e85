import { App } from 'antd';
import { createElement, useCallback, useContext, useEffect, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { UNSAFE_DataRouterContext, useBlocker, type Location } from 'react-router-dom';

/**
 * While `dirty`, leaving the page asks first: a confirm dialog for in-app navigation, the
 * browser's own prompt for a reload or a closed tab.
 *
 * Returns `leaveSaved`, for a form that goes to another page once it has saved: called just
 * before that navigation, it lets it through unasked (the router reads the blocker that the
 * last finished render set up, in which the form was still dirty).
 */
export function useUnsavedChangesPrompt(dirty: boolean): () => void {
  const { leave, isSaved } = useSavedFlag(dirty);
  useLeavePrompt(dirty, isSaved, (current, next) => current.pathname !== next.pathname);
  return leave;
}

/**
 * The same for a drawer or a modal that Back closes (see `useOverlayParam`): while `dirty`,
 * Back, a link or a reload asks first, and the input stays when the user stays. Not dirty,
 * nothing asks: Back just closes it.
 *
 * Returns `leave`, called just before the drawer closes on purpose (its close button, a
 * successful submit), and `prompt`, to render inside the drawer. Outside a data router (a
 * drawer tested on its own) there is no blocker to ask with: `prompt` is null.
 */
export function useUnsavedOverlayPrompt(dirty: boolean): { leave: () => void; prompt: ReactElement | null } {
  const routed = useContext(UNSAFE_DataRouterContext) !== null;
  const { leave, isSaved } = useSavedFlag(dirty);
  return { leave, prompt: routed ? createElement(OverlayLeavePrompt, { dirty, isSaved }) : null };
}

/** Any change of page or of its query (Back taking the drawer's ?param away) leaves the drawer. */
function OverlayLeavePrompt({ dirty, isSaved }: { dirty: boolean; isSaved: () => boolean }) {
  useLeavePrompt(dirty, isSaved, (current, next) => current.pathname !== next.pathname || current.search !== next.search);
  return null;
}

/** The confirm dialog for a navigation `leaves` says would throw the input away. */
function useLeavePrompt(
  dirty: boolean,
  isSaved: () => boolean,
  leaves: (current: Location, next: Location) => boolean,
) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && !isSaved() && leaves(currentLocation, nextLocation),
  );

  const asking = useRef(false);
  useEffect(() => {
    // The blocker object changes on every render while blocked: ask once.
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('unsaved.title'),
      content: t('unsaved.content'),
      okText: t('unsaved.leave'),
      cancelText: t('unsaved.stay'),
      onOk: () => {
        asking.current = false;
        blocker.proceed();
      },
      onCancel: () => {
        asking.current = false;
        blocker.reset();
      },
    });
  }, [blocker, modal, t]);
}

/** The browser's own prompt for a reload or a closed tab while dirty, and `leave`, which lets
 * the next navigation through unasked once saved. */
function useSavedFlag(dirty: boolean): { leave: () => void; isSaved: () => boolean } {
  const saved = useRef(false);
  // Changed again after a save that stayed on the page: asked again.
  useEffect(() => {
    if (dirty) saved.current = false;
  }, [dirty]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (saved.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const leave = useCallback(() => {
    saved.current = true;
  }, []);
  const isSaved = useCallback(() => saved.current, []);
  return { leave, isSaved };
}
