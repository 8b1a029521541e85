import type { KeyboardEvent } from 'react';

/**
 * Enter in a date field confirms the date; it must not also submit the form (implicit
 * submission). Put on a <Form onKeyDown={keepEnterInDates}>: the picker has already handled
 * the key when it bubbles up here.
 */
export function keepEnterInDates(event: KeyboardEvent<HTMLElement>) {
  if (event.key === 'Enter' && (event.target as HTMLElement).closest?.('.ant-picker')) {
    event.preventDefault();
  }
}
