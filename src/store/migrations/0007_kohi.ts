// 0007: 公費 (docs/kohi.md) as records. kohi_entries are a patient's dated 公費 — the 受給者証 of a 指定難病,
// the 介護券 of 生活保護 — with their numbers and the amount of the 法別 (本人支払額, 自己負担上限月額);
// kohi_months what a 難病 patient already paid in a month at other 指定医療機関 (the 管理票), one row per
// patient, month and 法別. Like every office-owned table, office_id comes first in the keys and in the foreign
// keys; a patient's 公費 go with the patient. Existing offices get no rows: their months are billed as before.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../db.js';

const statements = (): string[] => [
  `CREATE TABLE kohi_entries (
  office_id TEXT NOT NULL REFERENCES offices (id),
  id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  law TEXT NOT NULL,
  payer_number TEXT NOT NULL,
  recipient_number TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  self_pay_yen INTEGER,
  monthly_cap_yen INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (office_id, id),
  FOREIGN KEY (office_id, patient_id) REFERENCES patients (office_id, id) ON DELETE CASCADE
)`,
  `CREATE INDEX kohi_entries_patient ON kohi_entries (office_id, patient_id, law, valid_from)`,
  `CREATE TABLE kohi_months (
  office_id TEXT NOT NULL REFERENCES offices (id),
  id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  month TEXT NOT NULL,
  law TEXT NOT NULL,
  paid_elsewhere_yen INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (office_id, id),
  UNIQUE (office_id, patient_id, month, law),
  FOREIGN KEY (office_id, patient_id) REFERENCES patients (office_id, id) ON DELETE CASCADE
)`,
];

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  for (const stmt of statements()) await sql.raw(stmt).execute(db);
}
