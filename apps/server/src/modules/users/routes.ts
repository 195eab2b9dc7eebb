import { User, UserCreate, UserUpdate } from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { createUser, getUser, listUsers, updateUser } from './service';

const Params = z.object({ id: z.uuid() });

/** `/api/users`: accounts, roles and clinic memberships (administrators). */
export async function userRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/users', {
    config: { access: { permission: 'users:read' } },
    schema: { tags: ['users'], summary: 'List accounts', response: { 200: z.array(User) } },
    handler: async (req) => listUsers(req.ctx),
  });
  app.get('/api/users/:id', {
    config: { access: { permission: 'users:read', resource: 'user' } },
    schema: { tags: ['users'], summary: 'One account', params: Params, response: { 200: User } },
    handler: async (req) => getUser(req.ctx, req.params.id),
  });
  app.post('/api/users', {
    config: { access: { permission: 'users:write' } },
    schema: {
      tags: ['users'],
      summary: 'Create an account',
      body: UserCreate,
      response: { 200: User },
    },
    handler: async (req) => createUser(req.ctx, req.body),
  });
  app.patch('/api/users/:id', {
    config: { access: { permission: 'users:write', resource: 'user' } },
    schema: {
      tags: ['users'],
      summary: 'Change an account',
      params: Params,
      body: UserUpdate,
      response: { 200: User },
    },
    handler: async (req) => updateUser(req.ctx, req.params.id, req.body),
  });
}
