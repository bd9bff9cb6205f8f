import type { Identity } from '../platform/identity.ts';
import type { EmulatorSettings } from '../platform/settings.ts';
import type { Db, Tx } from '../storage/db.ts';
import { permissionDenied, unauthenticated } from './errors.ts';

/** What a handler knows about the request it serves. */
export interface Ctx {
  db: Db;
  /** Strict mode and its tunables. */
  settings: EmulatorSettings;
  /** The caller, from the `Authorization` token; null when no token was sent. */
  identity: Identity | null;
  /** The emulator clock's time when the request arrived: every timestamp the request writes uses it. */
  now: Date;
  requestId: string;
  /** The origin the request reached (`http://127.0.0.1:4010`): for URLs the emulator serves (checkout pages). */
  origin: string;
  /** Runs `work` in a transaction, retried when PostgreSQL reports a serialization failure or deadlock. */
  tx<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface Req<B = unknown> {
  params: Record<string, string>;
  /** The JSON body, or for GET the `.r` parameter decoded (Wix's encoding of complex GET input) merged with the other query parameters. */
  body: B;
  ctx: Ctx;
}

export type Handler = (req: Req<any>) => Promise<unknown>;
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export interface Route {
  method: Method;
  path: string;
  handler: Handler;
}

/** The routes of one Wix service, at their production paths. */
export class Router {
  readonly routes: Route[] = [];
  get(path: string, handler: Handler) {
    this.routes.push({ method: 'GET', path, handler });
  }
  post(path: string, handler: Handler) {
    this.routes.push({ method: 'POST', path, handler });
  }
  patch(path: string, handler: Handler) {
    this.routes.push({ method: 'PATCH', path, handler });
  }
  put(path: string, handler: Handler) {
    this.routes.push({ method: 'PUT', path, handler });
  }
  delete(path: string, handler: Handler) {
    this.routes.push({ method: 'DELETE', path, handler });
  }
}

// ---- who may call: Wix's permission levels, as identities ----

export function requireCaller(ctx: Ctx): Identity {
  if (!ctx.identity) throw unauthenticated();
  return ctx.identity;
}

/** Methods Wix reserves for an app or a Wix user (the MANAGE permissions): members and visitors get 403. */
export function requireManager(ctx: Ctx, method: string): Identity {
  const identity = requireCaller(ctx);
  if (identity.type !== 'APP' && identity.type !== 'ADMIN') {
    throw permissionDenied(
      `${method} needs an app or Wix user identity; a ${identity.type.toLowerCase()} may not call it`,
    );
  }
  return identity;
}

/** Methods open to members (and managers) but not to anonymous visitors. */
export function requireMemberOrManager(ctx: Ctx, method: string): Identity {
  const identity = requireCaller(ctx);
  if (identity.type === 'VISITOR') throw permissionDenied(`${method} needs a logged-in member, an app or a Wix user`);
  return identity;
}

export const isManager = (identity: Identity) => identity.type === 'APP' || identity.type === 'ADMIN';
