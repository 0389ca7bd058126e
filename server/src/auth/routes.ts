/**
 * Session and account routes: sign-up, sign-in, refresh, sign-out, who is signed in (GET /me),
 * recovery by mail, password and email changes. Rows are read and written by accounts.ts and
 * sessions.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  changeEmailBodySchema,
  changePasswordBodySchema,
  confirmEmailBodySchema,
  forgotIdentifierBodySchema,
  forgotPasswordBodySchema,
  meResponseSchema,
  refreshBodySchema,
  resetPasswordBodySchema,
  sessionResponseSchema,
  signInBodySchema,
  signUpBodySchema,
} from '../../../src-shared/api/auth';
import { acceptedResponseSchema, okResponseSchema } from '../../../src-shared/api/common';
import type { AppContext } from '../context';
import { authOf } from '../context';
import { ApiError, validationError } from '../http/errors';
import { bearer, errorResponses } from '../http/responses';
import { endpoint } from '../http/routes';
import { authenticate, accountView, issueSession, refreshSession, revokeFamily } from './sessions';
import { accountByEmail, accountById, accountOfTenant, changePassword, createAccount, isEmailTaken, issueOneTimeToken, matchTenant, paperlessAndConsents } from './accounts';
import { lockoutPolicy, throttleKey } from './throttle';
import { mailTemplates } from '../mail/templates';
import { checkNewPassword, checkPolicy, confirmEmail, resetPassword } from './recovery';
import { newPasswordProblem } from './password-strength';

const RESET_TTL_MS = 30 * 60 * 1000;
const CONFIRM_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;

export const authRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const requireAuth = authenticate(ctx);
    const tags = ['auth'];
    const lockout = lockoutPolicy(ctx.limits);

    /**
     * The password check of a signed-in account (change of password or email), under the same
     * lockout as sign-in, keyed by the account: only its own sessions reach it.
     */
    const checkCurrentPassword = async (accountId: string, password: string, path: string) => {
      const now = ctx.clock();
      const key = throttleKey('password-check', accountId);
      await ctx.throttle.reserveAttempt(key, lockout, now);
      const account = await accountById(ctx.db, accountId);
      if (!account || !(await ctx.hasher.verify(account.passwordHash, password))) {
        throw validationError([{ path, message: path === 'currentPassword' ? 'Mot de passe actuel incorrect' : 'Mot de passe incorrect', key: 'fields.password.incorrect' }]);
      }
      await ctx.throttle.clear(key);
      return account;
    };

    /** Sends mail without making the caller wait. */
    const sendLater = (message: Parameters<AppContext['mailer']['send']>[0]) => {
      ctx.mailer.send(message).catch((err: unknown) => app.log.error({ err }, 'mail not sent'));
    };
    /**
     * Recovery work (look-up, token, mail) runs after the answer, so the answer takes the same
     * time whether an account exists or not.
     */
    const recoverLater = (work: () => Promise<void>) => {
      setImmediate(() => work().catch((err: unknown) => app.log.error({ err }, 'recovery work failed')));
    };

    app.route({
      ...endpoint('signUp'),
      schema: {
        tags,
        summary: 'Créer mon compte',
        body: signUpBodySchema.extend({ device: signInBodySchema.shape.device }),
        response: { 201: sessionResponseSchema, ...errorResponses(400, 409, 429) },
      },
      handler: async (request, reply) => {
        const body = request.body;
        const now = ctx.clock();
        await ctx.throttle.consume(throttleKey('recovery-ip', request.ip), ctx.limits.recoveryPerIp, now);
        checkPolicy('password', body.password);
        const tenant = await matchTenant(ctx.db, body);
        if (!tenant) {
          throw validationError([
            { path: 'tenantReference', message: 'Ces informations ne correspondent à aucun dossier locataire. Vérifiez le numéro TG, le nom, le prénom et la date de naissance.',
              key: 'fields.signupNoMatch',
            },
          ]);
        }
        const weak = await newPasswordProblem('password', body.password, { ...tenant, email: body.email });
        if (weak) throw validationError([weak]);
        const passwordHash = await ctx.hasher.hash(body.password);
        const legal = (await ctx.landlord()).legal;
        const session = await createAccount(ctx.db, { tenantId: tenant.id, email: body.email, passwordHash, paperless: body.paperless, legal, device: body.device, now });
        return reply.code(201).send(session);
      },
    });

    app.route({
      ...endpoint('signIn'),
      schema: { tags, summary: 'Se connecter', body: signInBodySchema, response: { 200: sessionResponseSchema, ...errorResponses(400, 401, 429) } },
      handler: async (request) => {
        const { email, password, device } = request.body;
        const now = ctx.clock();
        await ctx.throttle.consume(throttleKey('signin-ip', request.ip), ctx.limits.signInPerIp, now);
        // Per account AND source: someone elsewhere who knows the address cannot pause its owner.
        const lockKey = throttleKey('signin', email, request.ip);
        const attempt = await ctx.throttle.reserveAttempt(lockKey, lockout, now);
        const account = await accountByEmail(ctx.db, email);
        let ok = false;
        if (account) ok = await ctx.hasher.verify(account.passwordHash, password);
        else await ctx.hasher.verifyAgainstDummy(password);
        if (!account || !ok) throw new ApiError('INVALID_CREDENTIALS', { attemptsLeft: attempt.attemptsLeft, retryAfter: attempt.pauseSeconds });
        await ctx.throttle.clear(lockKey);
        return issueSession(ctx.db, now, account.id, device);
      },
    });

    app.route({
      ...endpoint('refresh'),
      schema: { tags, summary: 'Renouveler la session (rotation)', body: refreshBodySchema, response: { 200: sessionResponseSchema, ...errorResponses(400, 401) } },
      handler: async (request) => refreshSession(ctx, request.body.refreshToken, request.body.deviceId),
    });

    app.route({
      ...endpoint('signOut'),
      onRequest: requireAuth,
      schema: { tags, summary: 'Se déconnecter', security: bearer, response: { 200: okResponseSchema, ...errorResponses(401) } },
      handler: async (request) => {
        await revokeFamily(ctx.db, authOf(request).familyId, ctx.clock());
        return { status: 'ok' as const };
      },
    });

    app.route({
      ...endpoint('me'),
      onRequest: requireAuth,
      schema: { tags, summary: 'Mon compte', security: bearer, response: { 200: meResponseSchema, ...errorResponses(401) } },
      handler: async (request) => {
        const auth = authOf(request);
        return { account: await accountView(ctx.db, auth.accountId), ...(await paperlessAndConsents(ctx.db, auth.tenantId, auth.accountId)) };
      },
    });

    app.route({
      ...endpoint('forgotIdentifier'),
      schema: { tags, summary: 'Identifiants oubliés', body: forgotIdentifierBodySchema, response: { 202: acceptedResponseSchema, ...errorResponses(400, 429) } },
      handler: async (request, reply) => {
        const now = ctx.clock();
        await ctx.throttle.consume(throttleKey('recovery-ip', request.ip), ctx.limits.recoveryPerIp, now);
        await ctx.throttle.consume(throttleKey('recovery-ref', request.body.tenantReference), ctx.limits.recoveryPerIdentity, now);
        recoverLater(async () => {
          const tenant = await matchTenant(ctx.db, request.body);
          const account = tenant ? await accountOfTenant(ctx.db, tenant.id) : undefined;
          if (account) await ctx.mailer.send(mailTemplates.forgotIdentifier(await ctx.landlord(), account.email, account.email));
        });
        return reply.code(202).send({ status: 'accepted' as const });
      },
    });

    app.route({
      ...endpoint('forgotPassword'),
      schema: { tags, summary: 'Mot de passe oublié', body: forgotPasswordBodySchema, response: { 202: acceptedResponseSchema, ...errorResponses(400, 429) } },
      handler: async (request, reply) => {
        const now = ctx.clock();
        await ctx.throttle.consume(throttleKey('recovery-ip', request.ip), ctx.limits.recoveryPerIp, now);
        await ctx.throttle.consume(throttleKey('recovery-email', request.body.email), ctx.limits.recoveryPerIdentity, now);
        recoverLater(async () => {
          const account = await accountByEmail(ctx.db, request.body.email);
          if (!account) return;
          const token = await issueOneTimeToken(ctx.db, { accountId: account.id, purpose: 'reset_password', ttlMs: RESET_TTL_MS, now });
          const url = `${ctx.publicUrl}/reinitialiser-mot-de-passe?token=${token}`;
          await ctx.mailer.send(mailTemplates.resetPassword(await ctx.landlord(), account.email, url));
        });
        return reply.code(202).send({ status: 'accepted' as const });
      },
    });

    app.route({
      ...endpoint('resetPassword'),
      schema: { tags, summary: 'Choisir un nouveau mot de passe (lien reçu par mail)', body: resetPasswordBodySchema, response: { 200: okResponseSchema, ...errorResponses(400, 429) } },
      handler: async (request) => {
        await resetPassword(ctx, request.body.token, request.body.password, request.ip);
        return { status: 'ok' as const };
      },
    });

    app.route({
      ...endpoint('changePassword'),
      onRequest: requireAuth,
      schema: { tags, summary: 'Modifier mon mot de passe', security: bearer, body: changePasswordBodySchema, response: { 200: okResponseSchema, ...errorResponses(400, 401, 429) } },
      handler: async (request) => {
        const auth = authOf(request);
        const now = ctx.clock();
        checkPolicy('newPassword', request.body.newPassword);
        const account = await checkCurrentPassword(auth.accountId, request.body.currentPassword, 'currentPassword');
        await checkNewPassword(ctx, 'newPassword', request.body.newPassword, account);
        const passwordHash = await ctx.hasher.hash(request.body.newPassword);
        await changePassword(ctx.db, auth.accountId, passwordHash, now, auth.familyId);
        sendLater(mailTemplates.passwordChanged(await ctx.landlord(), account.email));
        return { status: 'ok' as const };
      },
    });

    app.route({
      ...endpoint('changeEmail'),
      onRequest: requireAuth,
      schema: { tags, summary: 'Modifier mon adresse email (lien de confirmation)', security: bearer, body: changeEmailBodySchema, response: { 202: acceptedResponseSchema, ...errorResponses(400, 401, 409, 429) } },
      handler: async (request, reply) => {
        const auth = authOf(request);
        const now = ctx.clock();
        const account = await checkCurrentPassword(auth.accountId, request.body.password, 'password');
        const newEmail = request.body.newEmail;
        if (newEmail === account.email) throw validationError([{ path: 'newEmail', message: 'C\'est déjà votre adresse mail', key: 'fields.emailUnchanged' }]);
        if (await isEmailTaken(ctx.db, newEmail)) throw new ApiError('CONFLICT', { key: 'errorDetails.conflict.emailTaken', message: 'Cette adresse mail est déjà utilisée.', fields: [{ path: 'newEmail', message: 'Adresse mail déjà utilisée', key: 'fields.emailTaken' }] });
        const token = await issueOneTimeToken(ctx.db, { accountId: account.id, purpose: 'confirm_email', payload: { newEmail }, ttlMs: CONFIRM_EMAIL_TTL_MS, now });
        const landlord = await ctx.landlord();
        sendLater(mailTemplates.confirmEmail(landlord, newEmail, `${ctx.publicUrl}/confirmer-email?token=${token}`));
        sendLater(mailTemplates.emailChangeNotice(landlord, account.email, newEmail));
        return reply.code(202).send({ status: 'accepted' as const });
      },
    });

    app.route({
      ...endpoint('confirmEmail'),
      schema: { tags, summary: 'Confirmer la nouvelle adresse mail (lien reçu par mail)', body: confirmEmailBodySchema, response: { 200: okResponseSchema, ...errorResponses(400, 409) } },
      handler: async (request) => {
        await confirmEmail(ctx, request.body.token);
        return { status: 'ok' as const };
      },
    });
  };
