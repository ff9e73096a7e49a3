// C006 在宅患者訪問リハビリテーション指導管理料 (医療保険) — ../shared/spec/c006-2024.md.
import type { C006Visit } from '../input.js';
import type { ServiceRules } from './service.js';

export interface C006Table {
  todo?: never;
}

export const c006Rules: ServiceRules<C006Visit, C006Table> = () => ({ claims: [], rejections: [] });
