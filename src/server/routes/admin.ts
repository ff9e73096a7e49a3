// Users and offices. Only an admin manages them, and only within the admin's own offices: an admin
// cannot give a user (or themself) an office they do not belong to.
import { z } from 'zod';
import type { InputProblem } from '../../core/validate.js';
import {
  officeInputSchema,
  officePatchSchema,
  userInputSchema,
  userPatchSchema,
} from '../../contract/schemas.js';
import { notFound, type Store } from '../../app/index.js';
import type { User } from '../../contract/types.js';
import type { ServerContext } from '../context.js';
import { badRequest } from '../errors.js';
import { userOf } from '../auth.js';
import { idParam, withOffice } from '../params.js';
import { officeOutSchema, userOutSchema } from '../shapes.js';
import { publicUser } from './auth.js';

export function registerAdminRoutes({ define }: ServerContext, store: Store): void {
  const checkOffices = (admin: User, officeIds: readonly string[] | undefined): void => {
    const problems: InputProblem[] = [];
    officeIds?.forEach((id, i) => {
      if (!admin.officeIds.includes(id)) {
        problems.push({ path: `officeIds[${i}]`, message: `"${id}" はあなたが管理する事業所ではありません` });
      }
    });
    if (problems.length) throw badRequest(problems);
  };
  /** A user the admin may manage: one who shares an office with the admin, or has none yet. */
  const manageable = async (admin: User, userId: string): Promise<User> => {
    const u = await store.getUser(userId);
    if (!u || (u.officeIds.length > 0 && !u.officeIds.some((o) => admin.officeIds.includes(o))))
      throw notFound('ユーザー');
    return u;
  };

  define({
    method: 'GET',
    url: '/api/v1/users',
    summary: 'ユーザーの一覧（管理者の事業所のユーザー）',
    tags: ['admin'],
    access: 'admin',
    response: { 200: z.array(userOutSchema) },
    handler: async (req) => {
      const admin = userOf(req);
      const users = await store.listUsers();
      return users
        .filter((u) => u.officeIds.length === 0 || u.officeIds.some((o) => admin.officeIds.includes(o)))
        .map((u) => ({ ...publicUser(u), ...(u.disabled !== undefined ? { disabled: u.disabled } : {}) }));
    },
  });
  define({
    method: 'POST',
    url: '/api/v1/users',
    summary: 'ユーザーを登録',
    tags: ['admin'],
    access: 'admin',
    body: userInputSchema,
    response: { 201: userOutSchema },
    handler: async (req, reply) => {
      const admin = userOf(req);
      checkOffices(admin, req.body.officeIds);
      const u = await store.createUser(req.body, admin.id);
      return reply.status(201).send(publicUser(u));
    },
  });
  define({
    method: 'PATCH',
    url: '/api/v1/users/:userId',
    summary: 'ユーザーを変更（パスワード、役割、事業所、無効化）',
    tags: ['admin'],
    access: 'admin',
    params: z.strictObject({ userId: idParam }),
    body: userPatchSchema,
    response: { 200: userOutSchema },
    handler: async (req) => {
      const admin = userOf(req);
      const target = await manageable(admin, req.params.userId);
      if (req.body.officeIds) {
        // Offices the admin does not manage stay as they were; only the admin's own can be added or removed.
        checkOffices(admin, req.body.officeIds);
        const kept = target.officeIds.filter((o) => !admin.officeIds.includes(o));
        req.body.officeIds = [...new Set([...kept, ...req.body.officeIds])];
      }
      return publicUser(await store.updateUser(target.id, req.body, admin.id));
    },
  });

  define({
    method: 'GET',
    url: '/api/v1/offices',
    summary: '使える事業所の一覧',
    tags: ['offices'],
    access: 'user',
    response: { 200: z.array(officeOutSchema) },
    handler: async (req) => store.listOffices(userOf(req).officeIds),
  });
  define({
    method: 'POST',
    url: '/api/v1/offices',
    summary: '事業所を登録（登録した管理者はその事業所を使えるようになります）',
    tags: ['offices'],
    access: 'admin',
    body: officeInputSchema,
    response: { 201: officeOutSchema },
    handler: async (req, reply) => {
      const admin = userOf(req);
      const office = await store.createOffice(req.body, admin.id);
      await store.updateUser(admin.id, { officeIds: [...admin.officeIds, office.id] }, admin.id);
      return reply.status(201).send(office);
    },
  });
  define({
    method: 'GET',
    url: '/api/v1/offices/:officeId',
    summary: '事業所',
    tags: ['offices'],
    access: 'user',
    params: withOffice({}),
    response: { 200: officeOutSchema },
    handler: async (req) =>
      (await store.getOffice(req.params.officeId)) ?? Promise.reject(notFound('事業所')),
  });
  define({
    method: 'PATCH',
    url: '/api/v1/offices/:officeId',
    summary: '事業所を変更',
    tags: ['offices'],
    access: 'admin',
    params: withOffice({}),
    body: officePatchSchema,
    response: { 200: officeOutSchema },
    handler: async (req) => store.updateOffice(req.params.officeId, req.body, userOf(req).id),
  });
}
