// 居宅介護支援 / 介護予防支援 (2009) — ../shared/spec/revision-2009.md H21-4.
import type { CareManagementMonth } from '../input.js';
import type { ServiceRules } from './service.js';

export interface CareManagementTable {
  todo?: never;
}

export const careManagementRules: ServiceRules<CareManagementMonth, CareManagementTable> = () => ({
  claims: [],
  rejections: [],
});
