// Users and offices as an admin manages them.
// - A user's password, role and disabled flag hold in every office of the user, so an admin changes a user
//   only when every office of that user is one the admin administers: an admin of every office (a global
//   admin) changes anyone; the admin of office A alone changes the users of A alone (and those with no
//   office yet). Sharing one office is not enough: the admin of A could otherwise set the password of a
//   user of A and B and act as them in B, or disable the admin of both.
// - Exception to the rule above: an admin may take its own offices away from any user it sees (access is
//   withdrawn, never given; the user's other offices stay).
// - An admin sees the users who share one of its offices and those with none yet; of a user's offices it is
//   shown only its own (another office's existence is not disclosed).
// - No change leaves an office without an enabled admin: nobody demotes, disables or takes the office from
//   its last admin, themself included. Checked inside the change's transaction (Store.updateUser's guard),
//   so two admins demoting each other at once cannot both succeed.
// - An admin cannot give a user (or themself) an office they do not administer.
import type { InputProblem } from '../core/validate.js';
import type { ManagedUser, Me, PublicUser } from '../contract/api.js';
import type { Office, OfficeInput, User, UserInput, UserPatch } from '../contract/types.js';
import { StoreError, type Store } from '../store/index.js';
import { AppError, notFound } from './errors.js';

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

/** Whether the user is an enabled admin of the office (an admin administers each of its own offices). */
export function administers(admin: User, officeId: string): boolean {
  return admin.role === 'admin' && !admin.disabled && admin.officeIds.includes(officeId);
}

/** Whether the admin may change the user: every office of the user is one the admin administers. */
export function manages(admin: User, u: User): boolean {
  return admin.role === 'admin' && !admin.disabled && u.officeIds.every((o) => administers(admin, o));
}

/** Whether the admin sees the user: one who shares an office with the admin, or has none yet. */
function sees(admin: User, u: User): boolean {
  return u.officeIds.length === 0 || u.officeIds.some((o) => administers(admin, o));
}

/** The exception to `manages`: a change that only takes some of the admin's own offices away. */
function withdrawsOwnOffices(admin: User, target: User, patch: UserPatch): boolean {
  const keys = Object.keys(patch).filter((k) => patch[k as keyof UserPatch] !== undefined);
  if (keys.length !== 1 || keys[0] !== 'officeIds' || !patch.officeIds) return false;
  return patch.officeIds.every((o) => administers(admin, o) && target.officeIds.includes(o));
}

/** Offices given to a user must be the admin's own. */
function checkOffices(admin: User, officeIds: readonly string[] | undefined): void {
  const problems: InputProblem[] = [];
  officeIds?.forEach((id, i) => {
    if (!administers(admin, id)) {
      problems.push({ path: `officeIds[${i}]`, message: `"${id}" はあなたが管理する事業所ではありません` });
    }
  });
  if (problems.length) throw new StoreError('invalid', problems[0]!.message, problems);
}

/**
 * The offices the change leaves without an enabled admin: each office where the user was an enabled admin
 * before, is not after, and no other enabled admin remains (`admins`: the enabled admins of the user's
 * offices, as the store read them in the change's transaction). One problem per office, on the field that
 * made the change.
 */
export function lastAdminProblems(
  before: User,
  after: User,
  admins: readonly User[],
  officeNames: ReadonlyMap<string, string> = new Map(),
): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const officeId of before.officeIds) {
    if (!administers(before, officeId) || administers(after, officeId)) continue;
    if (admins.some((a) => a.id !== before.id && administers(a, officeId))) continue;
    const office = `事業所「${officeNames.get(officeId) ?? officeId}」`;
    const [path, what] =
      after.disabled && !before.disabled
        ? ['disabled', '無効にできません']
        : after.role !== 'admin'
          ? ['role', '管理者から外せません']
          : ['officeIds', 'この事業所から外せません'];
    problems.push({
      path,
      message: `${before.username} は${office}のただ一人の管理者のため、${what}（先にほかのユーザーをこの事業所の管理者にしてください）`,
    });
  }
  return problems;
}

/** A user as an admin is shown them: of their offices only the admin's, and whether it may change them. */
function shownTo(admin: User, u: User): ManagedUser {
  return {
    ...publicUser(u),
    officeIds: u.officeIds.filter((o) => administers(admin, o)),
    ...(u.disabled !== undefined ? { disabled: u.disabled } : {}),
    manageable: manages(admin, u),
  };
}

/** The users the admin sees (those who share one of its offices, or have none yet). */
export async function managedUsers(store: Store, admin: User): Promise<ManagedUser[]> {
  return (await store.listUsers()).filter((u) => sees(admin, u)).map((u) => shownTo(admin, u));
}

export async function createUser(store: Store, admin: User, input: UserInput): Promise<ManagedUser> {
  checkOffices(admin, input.officeIds);
  return shownTo(admin, await store.createUser(input, admin.id));
}

export async function updateUser(
  store: Store,
  admin: User,
  userId: string,
  patch: UserPatch,
): Promise<ManagedUser> {
  const target = await store.getUser(userId);
  if (!target || !sees(admin, target)) throw notFound('ユーザー');
  if (!manages(admin, target) && !withdrawsOwnOffices(admin, target, patch)) {
    throw new AppError(
      [
        {
          path: '',
          message: `${target.username} はあなたが管理していない事業所にも所属しているため、変更できません（そのすべての事業所の管理者に依頼してください。あなたの事業所をこのユーザーから外すことはできます）`,
        },
      ],
      'forbidden',
    );
  }
  let change = patch;
  if (patch.officeIds) {
    // Offices the admin does not administer stay as they were; only the admin's own can be added or removed.
    checkOffices(admin, patch.officeIds);
    const kept = target.officeIds.filter((o) => !administers(admin, o));
    change = { ...patch, officeIds: [...new Set([...kept, ...patch.officeIds])] };
  }
  const names = new Map((await store.listOffices(target.officeIds)).map((o) => [o.id, o.name]));
  const updated = await store.updateUser(target.id, change, admin.id, ({ before, after, admins }) => {
    const problems = lastAdminProblems(before, after, admins, names);
    if (problems.length) throw new StoreError('conflict', problems[0]!.message, problems);
  });
  return shownTo(admin, updated);
}

/** A new office; the admin who made it may use it. */
export async function createOffice(store: Store, admin: User, input: OfficeInput): Promise<Office> {
  const office = await store.createOffice(input, admin.id);
  await store.updateUser(admin.id, { officeIds: [...admin.officeIds, office.id] }, admin.id);
  return office;
}
