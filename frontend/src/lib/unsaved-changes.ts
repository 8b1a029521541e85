import { App } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router-dom';

/**
 * While `dirty`, leaving the page asks first: a confirm dialog for in-app navigation, the
 * browser's own prompt for a reload or a closed tab.
 *
 * Returns `leaveSaved`, for a form that goes to another page once it has saved: called just
 * before that navigation, it lets it through unasked (the router reads the blocker that the
 * last finished render set up, in which the form was still dirty).
 */
export function useUnsavedChangesPrompt(dirty: boolean): () => void {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const saved = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !saved.current && currentLocation.pathname !== nextLocation.pathname,
  );
  // Changed again after a save that stayed on the page: asked again.
  useEffect(() => {
    if (dirty) saved.current = false;
  }, [dirty]);

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

  return useCallback(() => {
    saved.current = true;
  }, []);
}
