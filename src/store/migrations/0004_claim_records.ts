// 0004: the records the claim file needs (claim-file.md "Input the file needs"). The patient gains the
// 保険者番号 of the 被保険者証 as a column beside the 被保険者番号 (生年月日 and 性別 were kept already), and a
// dated history of who made the care plan: care_plans, like certifications, with office_id first in its key
// and in its foreign key. Existing offices get the new fields empty — the column NULL, no care-plan row —
// and nothing already entered is changed: the claim file names each patient who lacks something until it is
// entered. (A patient's care-manager office, kept as free text for the reports, is not read as a care-plan
// maker: the file needs the 事業所番号, which that text does not hold.)
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../db.js';

const statements = (): string[] => [
  `ALTER TABLE patients ADD COLUMN insurer_number TEXT`,
  `CREATE TABLE care_plans (
  office_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  maker TEXT NOT NULL,
  office_number TEXT,
  office_name TEXT,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  PRIMARY KEY (office_id, patient_id, seq),
  FOREIGN KEY (office_id, patient_id) REFERENCES patients (office_id, id) ON DELETE CASCADE
)`,
];

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  for (const stmt of statements()) await sql.raw(stmt).execute(db);
}
