// 訪問介護 / 訪問看護 / 訪問リハビリテーション (2009) — ../shared/spec/revision-2009.md H21-5 … H21-7.
import type { HomeHelpVisit, HomeNursingVisit, HomeRehabVisit } from '../input.js';
import type { ServiceRules } from './service.js';

export interface HomeHelpTable {
  todo?: never;
}
export interface HomeNursingTable {
  todo?: never;
}
export interface HomeRehabTable {
  todo?: never;
}

export const homeHelpRules: ServiceRules<HomeHelpVisit, HomeHelpTable> = () => ({ claims: [], rejections: [] });
export const homeNursingRules: ServiceRules<HomeNursingVisit, HomeNursingTable> = () => ({
  claims: [],
  rejections: [],
});
export const homeRehabRules: ServiceRules<HomeRehabVisit, HomeRehabTable> = () => ({ claims: [], rejections: [] });
