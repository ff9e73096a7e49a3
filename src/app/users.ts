// Users and offices as an admin manages them: only within the admin's own offices. An admin cannot give a
// user (or themself) an office they do not belong to, and sees only the users of their offices (and those
// with none yet).
import type { InputProblem } from '../core/validate.js';
import type { Me, PublicUser } from '../contract/api.js';
import type { Office, OfficeInput, User, UserInput, UserPatch } from '../contract/types.js';
import { StoreError, type Store } from '../store/index.js';
import { notFound } from './errors.js';

/** A user as the API shows them (no stamps, no disabled flag unless asked). */
export function publicUser(u: User): PublicUser {
  return {
    id: u.id,
    username: u.username,
    ...(u.displayName !== undefined ? { displayName: u.displayName } : {}),
    role: u.role,
    officeIds: u.officeIds,
  };
}

/** Who is logged in, and the offices they may use. */
export async function me(store: Store, user: User): Promise<Me> {
  return { user: publicUser(user), offices: await store.listOffices(user.officeIds) };
}

/** Offices given to a user must be the admin's own. */
function checkOffices(admin: User, officeIds: readonly string[] | undefined): void {
  const problems: InputProblem[] = [];
  officeIds?.forEach((id, i) => {
    if (!admin.officeIds.includes(id)) {
      problems.push({ path: `officeIds[${i}]`, message: `"${id}" はあなたが管理する事業所ではありません` });
    }
  });
  if (problems.length) throw new StoreError('invalid', problems[0]!.message, problems);
}

/** Whether the admin may manage the user: one who shares an office with the admin, or has none yet. */
function manages(admin: User, u: User): boolean {
  return u.officeIds.length === 0 || u.officeIds.some((o) => admin.officeIds.includes(o));
}

export async function managedUsers(
  store: Store,
  admin: User,
): Promise<(PublicUser & { disabled?: boolean })[]> {
  return (await store.listUsers())
    .filter((u) => manages(admin, u))
    .map((u) => ({ ...publicUser(u), ...(u.disabled !== undefined ? { disabled: u.disabled } : {}) }));
}

export async function createUser(store: Store, admin: User, input: UserInput): Promise<PublicUser> {
  checkOffices(admin, input.officeIds);
  return publicUser(await store.createUser(input, admin.id));
}

export async function updateUser(
  store: Store,
  admin: User,
  userId: string,
  patch: UserPatch,
): Promise<PublicUser> {
  const target = await store.getUser(userId);
  if (!target || !manages(admin, target)) throw notFound('ユーザー');
  let change = patch;
  if (patch.officeIds) {
    // Offices the admin does not manage stay as they were; only the admin's own can be added or removed.
    checkOffices(admin, patch.officeIds);
    const kept = target.officeIds.filter((o) => !admin.officeIds.includes(o));
    change = { ...patch, officeIds: [...new Set([...kept, ...patch.officeIds])] };
  }
  return publicUser(await store.updateUser(target.id, change, admin.id));
}

/** A new office; the admin who made it may use it. */
export async function createOffice(store: Store, admin: User, input: OfficeInput): Promise<Office> {
  const office = await store.createOffice(input, admin.id);
  await store.updateUser(admin.id, { officeIds: [...admin.officeIds, office.id] }, admin.id);
  return office;
}
