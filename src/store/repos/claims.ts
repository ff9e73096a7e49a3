// A month's records as its engine input is made of them (read in one snapshot), and the claim versions:
// one per close of an office's month, numbered 1, 2, … per office and month, immutable (append-only:
// see migrations/). What a version holds is computed by the application (src/app/months.ts).
import { randomUUID } from 'node:crypto';
import type { ClaimMonthInput } from '../../core/input.js';
import type { ReportWarning } from '../../core/reports.js';
import type { ClaimMonthResult } from '../../core/result.js';
import type { ClaimVersion, ClaimVersionSummary } from '../../contract/types.js';
import { chainClaimVersion } from '../chain.js';
import { num } from '../db.js';
import { StoreError, type MonthRecords, type Store } from '../store.js';
import { saveCloseKey } from './idempotency.js';
import { loadPatients } from './patients.js';
import { reportsFromRows } from './reports.js';
import { buildingFromRow, staffFromRow, summaryFromRow, visitFromRow } from './rows.js';
import { audit, requireOffice, type StoreContext } from './shared.js';
import { isUniqueViolation, json, now } from './util.js';
import { kohiEntryFromRow, kohiMonthFromRow } from './kohi.js';

function summaryOf(v: ClaimVersion): ClaimVersionSummary {
  const { input: _i, result: _r, reportWarnings: _w, ...summary } = v;
  return summary;
}

type ClaimMethods =
  'monthRecords' | 'saveClaimVersion' | 'listClaimVersions' | 'getClaimVersion' | 'recordClaimFile';

export function claimsRepo(ctx: StoreContext): Pick<Store, ClaimMethods> {
  return {
    async monthRecords(officeId, months) {
      // One snapshot for the reads (PostgreSQL: repeatable read; SQLite: a transaction of its snapshot
      // reader), read only: it waits for no writer.
      let tx = ctx.db.transaction().setAccessMode('read only');
      if (ctx.engine === 'postgres') tx = tx.setIsolationLevel('repeatable read');
      return tx.execute(async (trx) => {
        const office = await requireOffice(trx, officeId);
        const visitRows = await trx
          .selectFrom('visits')
          .selectAll()
          .where('office_id', '=', officeId)
          .where('month', '>=', months.from)
          .where('month', '<=', months.to)
          .execute();
        const visits = visitRows.map(visitFromRow);
        const [patients, buildings, reportRows, staff, first, kohiRows, kohiMonthRows] = await Promise.all([
          loadPatients(trx, officeId, [...new Set(visits.map((v) => v.patientId))]),
          trx.selectFrom('buildings').selectAll().where('office_id', '=', officeId).execute(),
          trx
            .selectFrom('care_reports')
            .selectAll()
            .where('office_id', '=', officeId)
            .where('month', '>=', months.from)
            .where('month', '<=', months.to)
            .orderBy('month')
            .orderBy('patient_id')
            .orderBy('created_at')
            .orderBy('id')
            .execute(),
          trx.selectFrom('staff').selectAll().where('office_id', '=', officeId).execute(),
          trx
            .selectFrom('claim_versions')
            .select('closed_at')
            .where('office_id', '=', officeId)
            .where('month', '=', months.to)
            .orderBy('version')
            .limit(1)
            .executeTakeFirst(),
          // 公費 (0007): the entries in force in the months read, the last month's amounts paid elsewhere.
          trx
            .selectFrom('kohi_entries')
            .selectAll()
            .where('office_id', '=', officeId)
            .where('valid_from', '<=', `${months.to}-31`)
            .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', `${months.from}-01`)]))
            .orderBy('patient_id')
            .orderBy('law')
            .orderBy('valid_from')
            .orderBy('id')
            .execute(),
          trx
            .selectFrom('kohi_months')
            .selectAll()
            .where('office_id', '=', officeId)
            .where('month', '=', months.to)
            .orderBy('patient_id')
            .orderBy('law')
            .execute(),
        ]);
        const out: MonthRecords = {
          office,
          patients,
          buildings: buildings.map(buildingFromRow),
          visits,
          staff: staff.map(staffFromRow),
          reports: await reportsFromRows(trx, officeId, reportRows),
        };
        if (first) out.firstClosedAt = first.closed_at;
        if (kohiRows.length) out.kohi = kohiRows.map(kohiEntryFromRow);
        if (kohiMonthRows.length) out.kohiMonths = kohiMonthRows.map(kohiMonthFromRow);
        return out;
      });
    },

    async saveClaimVersion(officeId, claim, actor) {
      const { month, input, inputJson, result, reportWarnings } = claim;
      try {
        return await ctx.db.transaction().execute(async (trx) => {
          await requireOffice(trx, officeId);
          const prev = await trx
            .selectFrom('claim_versions')
            .select((eb) => eb.fn.max('version').as('v'))
            .where('office_id', '=', officeId)
            .where('month', '=', month)
            .executeTakeFirst();
          const version: ClaimVersion = {
            id: randomUUID(),
            officeId,
            month,
            version: num(prev?.v as number | null | undefined) + 1,
            scheduleId: claim.scheduleId,
            engineVersion: claim.engineVersion,
            inputDigest: claim.inputDigest,
            closedBy: actor,
            closedAt: now(),
            totals: result.totals,
            claimCount: result.claims.length,
            rejectionCount: result.rejections.length,
            input,
            result,
            reportWarnings,
          };
          const row = await chainClaimVersion(trx, {
            office_id: officeId,
            id: version.id,
            month,
            version: version.version,
            schedule_id: version.scheduleId,
            engine_version: version.engineVersion,
            input_digest: version.inputDigest,
            closed_by: actor,
            closed_at: version.closedAt,
            units: result.totals.units,
            yen: result.totals.yen,
            insurer: result.totals.insurer,
            copay: result.totals.copay,
            claim_count: version.claimCount,
            rejection_count: version.rejectionCount,
            input_json: inputJson,
            result_json: json(result),
            report_warnings_json: json(reportWarnings),
          });
          await trx.insertInto('claim_versions').values(row).execute();
          await audit(trx, {
            officeId,
            actor,
            entity: 'claim_version',
            entityId: version.id,
            action: 'close',
            before: null,
            after: summaryOf(version),
          });
          if (claim.idempotency) await saveCloseKey(trx, officeId, month, version.id, claim.idempotency);
          await ctx.hooks.beforeClaimCommit?.(version);
          return version;
        });
      } catch (e) {
        if (isUniqueViolation(e)) {
          throw new StoreError(
            'conflict',
            `${month}の締め処理が同時に実行されました。もう一度実行してください`,
          );
        }
        throw e;
      }
    },

    async listClaimVersions(officeId, month) {
      let q = ctx.db
        .selectFrom('claim_versions')
        .select([
          'office_id',
          'id',
          'month',
          'version',
          'schedule_id',
          'engine_version',
          'input_digest',
          'closed_by',
          'closed_at',
          'units',
          'yen',
          'insurer',
          'copay',
          'claim_count',
          'rejection_count',
        ])
        .where('office_id', '=', officeId);
      if (month !== undefined) q = q.where('month', '=', month);
      const rows = await q.orderBy('month', 'desc').orderBy('version', 'desc').execute();
      return rows.map(summaryFromRow);
    },

    async getClaimVersion(officeId, month, version) {
      if (!Number.isInteger(version) || version < 1) return null;
      const r = await ctx.db
        .selectFrom('claim_versions')
        .selectAll()
        .where('office_id', '=', officeId)
        .where('month', '=', month)
        .where('version', '=', version)
        .executeTakeFirst();
      if (!r) return null;
      return {
        ...summaryFromRow(r),
        input: JSON.parse(r.input_json) as ClaimMonthInput,
        result: JSON.parse(r.result_json) as ClaimMonthResult,
        reportWarnings: r.report_warnings_json ? (JSON.parse(r.report_warnings_json) as ReportWarning[]) : [],
      };
    },

    async recordClaimFile(officeId, file, actor) {
      await ctx.db.transaction().execute(async (trx) => {
        const v = await trx
          .selectFrom('claim_versions')
          .select(['month', 'version'])
          .where('office_id', '=', officeId)
          .where('id', '=', file.versionId)
          .executeTakeFirst();
        if (!v || v.month !== file.month || num(v.version) !== file.version)
          throw new StoreError('not_found', `${file.month}の第${file.version}版が見つかりません`);
        await audit(trx, {
          officeId,
          actor,
          entity: 'claim_file',
          entityId: file.versionId,
          action: 'create',
          before: null,
          after: file,
        });
      });
    },
  };
}
