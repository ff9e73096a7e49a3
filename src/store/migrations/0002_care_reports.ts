// 0002: reports to the care manager (情報提供書, K24-2a) as records. Like every office-owned table, office_id
// comes first in the keys and in every foreign key (a report can only name its own office's patient, staff
// and visits; office_id stays the distribution column). The visits a report covers are rows of
// care_report_visits, whose foreign key to visits keeps a covered visit from being deleted.
// claim_versions gains the month's report warnings at the close (nullable: earlier versions have none;
// adding a column changes no row, so the append-only triggers are not involved).
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../db.js';

const statements = (): string[] => [
  `CREATE TABLE care_reports (
  office_id TEXT NOT NULL REFERENCES offices (id),
  id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  profession TEXT NOT NULL,
  month TEXT NOT NULL,
  staff_id TEXT,
  recipient_kind TEXT NOT NULL,
  method TEXT NOT NULL,
  sent_date TEXT,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (office_id, id),
  FOREIGN KEY (office_id, patient_id) REFERENCES patients (office_id, id),
  FOREIGN KEY (office_id, staff_id) REFERENCES staff (office_id, id)
)`,
  `CREATE INDEX care_reports_month ON care_reports (office_id, month, patient_id)`,
  `CREATE INDEX care_reports_sent ON care_reports (office_id, sent_date)`,
  `CREATE TABLE care_report_visits (
  office_id TEXT NOT NULL,
  report_id TEXT NOT NULL,
  visit_id TEXT NOT NULL,
  PRIMARY KEY (office_id, report_id, visit_id),
  FOREIGN KEY (office_id, report_id) REFERENCES care_reports (office_id, id) ON DELETE CASCADE,
  FOREIGN KEY (office_id, visit_id) REFERENCES visits (office_id, id)
)`,
  `CREATE INDEX care_report_visits_visit ON care_report_visits (office_id, visit_id)`,
  `ALTER TABLE claim_versions ADD COLUMN report_warnings_json TEXT`,
];

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  for (const stmt of statements()) await sql.raw(stmt).execute(db);
}
