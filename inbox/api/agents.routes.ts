// The support agents by name, for <hub-inbox>: who a conversation is assigned to, and whom an
// agent may assign it to, are Chatwoot agents known by their numeric id; this gives their names.
// Agents only (marketplace role `agent` or `admin`); Chatwoot's emails are not passed on.
import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import type { InboxProvider, ProviderAgent } from '../provider/inbox-provider.js';
import { isAgent } from './support-actions.js';

export const supportAgentSchema = z.object({
  /** The Chatwoot agent id, as in a conversation's `assigneeId`. */
  id: z.number(),
  name: z.string(),
  /** Chatwoot's availability: `online`, `busy` or `offline`. */
  availability: z.string(),
});

export function supportAgentRoutes(deps: { provider: InboxProvider }): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/support/agents',
      operationId: 'listSupportAgents',
      summary: "The support inbox's agents with their names, for assignment (agents)",
      tags: ['support'],
      response: z.object({ items: z.array(supportAgentSchema) }),
      examples: {
        response: {
          items: [
            { id: 7, name: 'Ana Flores', availability: 'online' },
            { id: 9, name: 'Jonas Weber', availability: 'busy' },
          ],
        },
      },
      handler: async ({ user }) => {
        if (!isAgent(user)) throw new HttpError('forbidden', 'Only support agents may do that.');
        let agents: ProviderAgent[];
        try {
          agents = await deps.provider.listAgents();
        } catch {
          throw new HttpError('not_ready', 'Chatwoot is not reachable.');
        }
        return {
          items: agents
            .map((a) => ({ id: a.id, name: a.name, availability: a.availability }))
            .sort((a, b) => a.name.localeCompare(b.name)),
        };
      },
    }),
  ];
}
