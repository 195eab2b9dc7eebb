import {
  Order,
  OrderCancel,
  OrderCreate,
  OrderDuplicateQuery,
  OrderDuplicates,
  OrderImport,
  OrderImportResult,
  OrderList,
  OrderListQuery,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import type { ResourceKind, RouteAccess } from '../auth';
import { cancelOrder } from './cancel';
import { createOrder } from './create';
import { importOrders } from './import';
import { findDuplicates, getOrder, listOrders } from './queries';

// `:id` is the clinic (registering, importing, checking for duplicates) or the order.
const Params = z.object({ id: z.uuid() });

const write = (audit: string, resource: ResourceKind): { access: RouteAccess } => ({
  access: { permission: 'orders:write', audit, auditInTransaction: true, resource },
});

/**
 * Orders (expected CXRs): the clinic registers applicants from the portal's form or a day's
 * CSV list, checks for applicants already registered, lists and cancels them. Orders are patient
 * data: every read is audited, every write in its own transaction by the service.
 */
export async function orderRoutes(app: FastifyZodApp): Promise<void> {
  app.post('/api/clinics/:id/orders', {
    config: write('order.create', 'clinic'),
    schema: {
      tags: ['orders'],
      summary: "Register an applicant's CXR (an order) at the clinic",
      params: Params,
      body: OrderCreate,
      response: { 200: Order },
    },
    handler: async (req) => createOrder(req.ctx, req.params.id, req.body),
  });

  app.post('/api/clinics/:id/orders/import', {
    config: write('order.import', 'clinic'),
    schema: {
      tags: ['orders'],
      summary: "Import a day's orders from CSV, row by row (dryRun checks without saving)",
      params: Params,
      body: OrderImport,
      response: { 200: OrderImportResult },
    },
    handler: async (req) => importOrders(req.ctx, req.params.id, req.body),
  });

  app.get('/api/clinics/:id/orders/duplicates', {
    config: {
      access: { permission: 'orders:read', audit: 'order.duplicates', resource: 'clinic' },
    },
    schema: {
      tags: ['orders'],
      summary: 'Applicants the clinic registered recently with the same ID, or name and birth date',
      params: Params,
      querystring: OrderDuplicateQuery,
      response: { 200: OrderDuplicates },
    },
    handler: async (req) => {
      req.auditInfo = { clinicId: req.params.id };
      return findDuplicates(req.ctx, req.params.id, req.query);
    },
  });

  app.get('/api/orders', {
    config: { access: { permission: 'orders:read', audit: 'order.list' } },
    schema: {
      tags: ['orders'],
      summary: "The caller's clinics' orders of a day (today by default), or a search",
      querystring: OrderListQuery,
      response: { 200: OrderList },
    },
    handler: async (req) => {
      const items = await listOrders(req.ctx, req.query);
      req.auditInfo = { clinicId: req.query.clinicId ?? null, details: { count: items.length } };
      return { items };
    },
  });

  app.get('/api/orders/:id', {
    config: { access: { permission: 'orders:read', audit: 'order.read', resource: 'order' } },
    schema: {
      tags: ['orders'],
      summary: 'One order',
      params: Params,
      response: { 200: Order },
    },
    handler: async (req) => {
      const order = await getOrder(req.ctx, req.params.id);
      req.auditInfo = { clinicId: order.clinicId };
      return order;
    },
  });

  app.post('/api/orders/:id/cancel', {
    config: write('order.cancel', 'order'),
    schema: {
      tags: ['orders'],
      summary: 'Cancel a scheduled order, with the reason',
      params: Params,
      body: OrderCancel,
      response: { 200: Order },
    },
    handler: async (req) => cancelOrder(req.ctx, req.params.id, req.body.reason),
  });
}
