// The built-in development secrets: public knowledge, accepted only in demo mode and refused in
// production (the checks are in schema.ts).

/** Development-only secrets: public knowledge, refused in production. */
export const DEV_SECRETS = {
  livekitApiSecret: 'secret',
  jwtSecret: 'hubbub-development-only-jwt-secret',
  webhookSecret: 'hubbub-development-only-webhook-secret',
  chatwootWebhookSecret: 'hubbub-development-only-chatwoot-webhook-secret',
  auditSecret: 'hubbub-development-only-audit-secret',
} as const;
