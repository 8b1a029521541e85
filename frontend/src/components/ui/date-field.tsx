import { DatePicker, type DatePickerProps } from 'antd';
import type { RangePickerProps } from 'antd/es/date-picker';
import type { Dayjs } from 'dayjs';
import type { FocusEvent, KeyboardEvent } from 'react';

// antd's date pickers (@rc-component/picker) treat a text emptied by typing (select all,
// Backspace) as "nothing typed": the field shows its placeholder but keeps, and a form saves,
// the date it had; only the × icon cleared it. These two wrappers empty the value when the
// field is left (or Enter is pressed) with no text. Use them for every date field, in forms
// and filters, in place of antd's DatePicker and DatePicker.RangePicker.

const emptyText = (input: EventTarget | null) => input instanceof HTMLInputElement && input.value.trim() === '';

/** antd's DatePicker, whose text emptied by typing empties its value (null). */
export function DateField(props: DatePickerProps<Dayjs, false>) {
  const { value, onChange, onBlur, onKeyDown } = props;

  const clearIfEmptied = (input: EventTarget | null) => {
    if (value == null || !emptyText(input)) return;
    onChange?.(null, '');
  };

  return (
    <DatePicker
      {...props}
      onBlur={(event: FocusEvent<HTMLElement>, info) => {
        clearIfEmptied(event.target);
        onBlur?.(event, info);
      }}
      onKeyDown={(event: KeyboardEvent<HTMLElement>, preventDefault) => {
        if (event.key === 'Enter') clearIfEmptied(event.target);
        onKeyDown?.(event, preventDefault);
      }}
    />
  );
}

/**
 * antd's RangePicker, whose value empties (null: both days) when either text is left emptied
 * by typing. A range missing one end is no range (the pickers here allow no open end), and
 * the picker kept both days while one field showed nothing.
 */
export function DateRangeField(props: RangePickerProps) {
  const { value, onChange, onBlur } = props;
  return (
    <DatePicker.RangePicker
      {...props}
      onBlur={(event: FocusEvent<HTMLElement>, info) => {
        if (value != null && emptyText(event.target)) onChange?.(null, ['', '']);
        onBlur?.(event, info);
      }}
    />
  );
}
