// C006 在宅患者訪問リハビリテーション指導管理料, 令和6年度診療報酬改定 — ../shared/spec/c006-2024.md.
import type { C006Table } from '../../core/rules/c006.js';

export const c006_2024: C006Table = {};
