// Users and offices. Only an admin manages them, and only within the admin's own offices (src/app/users.ts).
import { z } from 'zod';
import {
  officeInputSchema,
  officePatchSchema,
  userInputSchema,
  userPatchSchema,
} from '../../contract/schemas.js';
import { createOffice, createUser, managedUsers, notFound, updateUser, type Store } from '../../app/index.js';
import type { ServerContext } from '../context.js';
import { userOf } from '../auth.js';
import { idParam, withOffice } from '../params.js';
import { officeOutSchema, userOutSchema } from '../shapes.js';

export function registerAdminRoutes({ define }: ServerContext, store: Store): void {
  define({
    method: 'GET',
    url: '/api/v1/users',
    summary: 'ユーザーの一覧（管理者の事業所のユーザー）',
    tags: ['admin'],
    access: 'admin',
    response: { 200: z.array(userOutSchema) },
    handler: async (req) => managedUsers(store, userOf(req)),
  });
  define({
    method: 'POST',
    url: '/api/v1/users',
    summary: 'ユーザーを登録',
    tags: ['admin'],
    access: 'admin',
    body: userInputSchema,
    response: { 201: userOutSchema },
    handler: async (req, reply) => reply.status(201).send(await createUser(store, userOf(req), req.body)),
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
    handler: async (req) => updateUser(store, userOf(req), req.params.userId, req.body),
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
    handler: async (req, reply) => reply.status(201).send(await createOffice(store, userOf(req), req.body)),
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
