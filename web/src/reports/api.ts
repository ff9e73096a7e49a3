// The reports to the care manager (情報提供書, K24-2a) as the web app calls them (docs/api.md "Reports").
import { request } from '../api.js';
import type { CareReportInput, ReportWarning } from '../../../src/contract/types.js';
import type { CareReportAnswer as CareReport, ReportTemplate } from '../../../src/contract/api.js';
import type { Profession } from '../../../src/core/input.js';
import type { ReportPart } from '../../../src/core/reports.js';

export type { CareReport, CareReportInput, ReportTemplate, ReportWarning, ReportPart };

const o = (officeId: string) => `/api/v1/offices/${encodeURIComponent(officeId)}`;
const e = encodeURIComponent;

export const reportsApi = {
  list: (
    officeId: string,
    query: { patientId?: string; month?: string; visitId?: string; profession?: string },
  ) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
    return request<CareReport[]>('GET', `${o(officeId)}/reports?${q.toString()}`);
  },
  get: (officeId: string, id: string) => request<CareReport>('GET', `${o(officeId)}/reports/${e(id)}`),
  template: (officeId: string, patientId: string, profession: Profession, month: string) =>
    request<ReportTemplate>(
      'GET',
      `${o(officeId)}/reports/template?patientId=${e(patientId)}&profession=${e(profession)}&month=${e(month)}`,
    ),
  create: (officeId: string, input: CareReportInput) =>
    request<CareReport>('POST', `${o(officeId)}/reports`, input),
  update: (officeId: string, id: string, input: CareReportInput) =>
    request<CareReport>('PUT', `${o(officeId)}/reports/${e(id)}`, input),
  remove: (officeId: string, id: string) => request<void>('DELETE', `${o(officeId)}/reports/${e(id)}`),
  warnings: (officeId: string, month: string) =>
    request<ReportWarning[]>('GET', `${o(officeId)}/months/${e(month)}/report-warnings`),
  /** The printable document (HTML page of the API). */
  documentUrl: (officeId: string, id: string) => `${o(officeId)}/reports/${e(id)}/document`,
  faxCoverUrl: (officeId: string, date: string) => `${o(officeId)}/reports/fax-cover?date=${e(date)}`,
};
