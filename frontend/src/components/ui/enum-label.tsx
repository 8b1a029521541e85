import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';

import { enums, type EnumGroup } from '@/config/enums';

export function useEnumLabel() {
  const { t } = useTranslation();
  return (group: EnumGroup | 'certificateLevel', code: string | null | undefined) =>
    code ? t(`enums.${group}.${code}`, { defaultValue: code }) : '—';
}

export function useEnumOptions(group: EnumGroup) {
  const label = useEnumLabel();
  return enums[group].map((code) => ({ value: code, label: label(group, code) }));
}

type EnumSelectProps = Omit<SelectProps, 'options'> & { group: EnumGroup };

export function EnumSelect({ group, ...props }: EnumSelectProps) {
  const options = useEnumOptions(group);
  return <Select options={options} {...props} />;
}
