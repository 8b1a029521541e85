import { formatDateTimeInChina } from '@/lib/dates';

import type { EvidenceFile } from '../types';
import { fileSize } from './evidence-list';

/** An evidence file as a picker lists it: two uploads of one name told apart by when they were
 * uploaded (China's wall clock) and their size: "证书.pdf · 2026-12-07 10:32 · 240 KB". */
export function evidenceOption(file: EvidenceFile) {
  return {
    value: file.id,
    // (A row without its time or size, as an older answer may be, shows what it has.)
    label: [file.filename, file.uploaded_at && formatDateTimeInChina(file.uploaded_at), file.size != null && fileSize(file.size)]
      .filter(Boolean)
      .join(' · '),
  };
}
