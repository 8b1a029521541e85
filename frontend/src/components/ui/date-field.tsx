import dayjsGenerateConfig from '@rc-component/picker/generate/dayjs';
import { DatePicker as AntdDatePicker, type DatePickerProps } from 'antd';
import type { RangePickerProps } from 'antd/es/date-picker';
import type { Dayjs } from 'dayjs';
import { type FocusEvent, type KeyboardEvent, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { nowInChina } from '@/lib/dates';

// antd's pickers take "now" from the browser's clock and zone: in Los Angeles at 00:30 in China
// their 今天 button picked China's yesterday and today's mark sat on it (in Kiritimati the button
// was disabled, tomorrow being refused). The server's today is China's: the pickers' too.
const DatePicker = AntdDatePicker.generatePicker<Dayjs>({ ...dayjsGenerateConfig, getNow: nowInChina });

// antd's date pickers (@rc-component/picker) treat a text emptied by typing (select all,
// Backspace) as "nothing typed": the field shows its placeholder but keeps, and a form saves,
// the date it had; only the × icon cleared it. These two wrappers empty the value when the
// field is left (or Enter is pressed) with no text. Use them for every date field, in forms
// and filters, in place of antd's DatePicker and DatePicker.RangePicker.

const emptyText = (input: EventTarget | null) => input instanceof HTMLInputElement && input.value.trim() === '';

/** The text a picker shows for `value` (antd's default format unless one string is given). */
const shownText = (value: Dayjs | null | undefined, format: unknown) =>
  value ? value.format(typeof format === 'string' ? format : 'YYYY-MM-DD') : '';

/**
 * antd's DatePicker, whose text emptied by typing empties its value (null).
 *
 * Enter while the picker is open, or while its text is one typed (not yet the field's value),
 * confirms the date and goes no further: it does not submit the enclosing form (a start date
 * typed and confirmed with Enter saved an appointment before its end date was reached). Enter
 * in a closed field showing its value submits the form as in any input.
 */
export function DateField(props: DatePickerProps<Dayjs, false>) {
  const { value, onChange, onBlur, onKeyDown, onOpenChange, format } = props;
  // Whether the popup was open before this key: the render's state, not what the picker's
  // own Enter (which runs first and closes it) has just set.
  const [open, setOpen] = useState(false);

  const clearIfEmptied = (input: EventTarget | null) => {
    if (value == null || !emptyText(input)) return;
    onChange?.(null, '');
  };

  const typed = (input: EventTarget | null) =>
    input instanceof HTMLInputElement && input.value.trim() !== '' && input.value.trim() !== shownText(value, format);

  return (
    <DatePicker
      {...props}
      onBlur={(event: FocusEvent<HTMLElement>, info) => {
        clearIfEmptied(event.target);
        onBlur?.(event, info);
      }}
      onOpenChange={(next, ...rest) => {
        setOpen(next);
        onOpenChange?.(next, ...rest);
      }}
      onKeyDown={(event: KeyboardEvent<HTMLElement>, preventDefault) => {
        if (event.key === 'Enter') {
          if (open || typed(event.target)) event.preventDefault(); // confirm, do not submit
          clearIfEmptied(event.target);
        }
        onKeyDown?.(event, preventDefault);
      }}
    />
  );
}

/**
 * antd's RangePicker, whose value empties (null: both days) when either text is left emptied
 * by typing. A range missing one end is no range (the pickers here allow no open end), and
 * the picker kept both days while one field showed nothing.
 *
 * Each of its two inputs is named for a screen reader (and `getByLabelText`): antd links the
 * form item's label to the first input only, and the end date had no name at all. They read
 * "<label> (start)" and "<label> (end)", from the label of the form item the field sits in.
 */
export function DateRangeField(props: RangePickerProps) {
  const { value, onChange, onBlur, id } = props;
  const { t, i18n } = useTranslation();
  const root = useRef<HTMLDivElement | null>(null);

  useLayoutEffect(() => {
    const element = root.current;
    const inputs = element?.querySelectorAll('input');
    if (!element || !inputs || inputs.length < 2) return;
    const labelFor = typeof id === 'string' ? element.ownerDocument.querySelector(`label[for="${CSS.escape(id)}"]`) : null;
    const label = labelFor?.textContent?.trim();
    if (!label) return;
    inputs[0].setAttribute('aria-label', t('common.rangeStart', { label }));
    inputs[1].setAttribute('aria-label', t('common.rangeEnd', { label }));
  }, [id, t, i18n.language]);

  return (
    <DatePicker.RangePicker
      {...props}
      ref={(picker) => {
        root.current = picker?.nativeElement ?? null;
      }}
      onBlur={(event: FocusEvent<HTMLElement>, info) => {
        if (value != null && emptyText(event.target)) onChange?.(null, ['', '']);
        onBlur?.(event, info);
      }}
    />
  );
}
