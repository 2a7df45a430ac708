import { listJsonSchema } from "@/lib/schemas/common-fields";
import { createGroupSchema, groupJsonSchema, groupPreviewJsonSchema, groupPreviewQuerySchema, updateGroupSchema } from "@/lib/schemas/group";
import { createRuleSchema, ruleDryRunJsonSchema, ruleJsonSchema, updateRuleSchema } from "@/lib/schemas/rule";
import {
  createWebhookSchema,
  deliveryJsonSchema,
  listDeliveriesQuerySchema,
  updateWebhookSchema,
  webhookJsonSchema,
  webhookWithSecretJsonSchema,
} from "@/lib/schemas/webhook";
import { ok, type RouteDoc } from "@/lib/openapi/route-doc";

const deleted = { 204: { description: "deleted" } };

export const ruleGroupWebhookRoutes: RouteDoc[] = [
  { method: "get", path: "/api/v1/rules", tag: "Rules", auth: "admin", summary: "Approval rules in evaluation order (lowest priority number first)", responses: ok("rules", listJsonSchema(ruleJsonSchema)) },
  { method: "post", path: "/api/v1/rules", tag: "Rules", auth: "admin", summary: "Create an approval rule", body: createRuleSchema, responses: ok("created", ruleJsonSchema, 201) },
  { method: "get", path: "/api/v1/rules/{id}", tag: "Rules", auth: "admin", summary: "One rule", responses: ok("the rule", ruleJsonSchema) },
  { method: "put", path: "/api/v1/rules/{id}", tag: "Rules", auth: "admin", summary: "Change fields (null clears); resetMatchCount restarts the count", body: updateRuleSchema, responses: ok("updated", ruleJsonSchema) },
  { method: "delete", path: "/api/v1/rules/{id}", tag: "Rules", auth: "admin", summary: "Delete a rule", responses: deleted },
  { method: "get", path: "/api/v1/rules/{id}/dry-run", tag: "Rules", auth: "admin", summary: "Pending devices the rule matches now; changes nothing", responses: ok("matches", ruleDryRunJsonSchema) },
  { method: "get", path: "/api/v1/groups", tag: "Groups", auth: "admin", summary: "Device groups", responses: ok("groups", listJsonSchema(groupJsonSchema)) },
  { method: "post", path: "/api/v1/groups", tag: "Groups", auth: "admin", summary: "Create a group (config patch checked against the Talos schema)", body: createGroupSchema, responses: { ...ok("created", groupJsonSchema, 201), 409: { description: "name taken" } } },
  { method: "get", path: "/api/v1/groups/{id}", tag: "Groups", auth: "admin", summary: "One group", responses: ok("the group", groupJsonSchema) },
  { method: "put", path: "/api/v1/groups/{id}", tag: "Groups", auth: "admin", summary: "Change fields (null clears)", body: updateGroupSchema, responses: ok("updated", groupJsonSchema) },
  { method: "delete", path: "/api/v1/groups/{id}", tag: "Groups", auth: "admin", summary: "Delete a group (409 while a rule assigns it)", responses: { ...deleted, 409: { description: "a rule assigns this group" } } },
  {
    method: "get",
    path: "/api/v1/groups/{id}/preview",
    tag: "Groups",
    auth: "admin",
    summary: "Merged config of a member (role base ← cluster patches ← group patch ← device), secrets redacted",
    query: groupPreviewQuerySchema,
    responses: { ...ok("preview", groupPreviewJsonSchema), 409: { description: "cluster config not generated yet" } },
  },
  { method: "get", path: "/api/v1/webhooks", tag: "Webhooks", auth: "admin", summary: "Webhooks (secrets never included)", responses: ok("webhooks", listJsonSchema(webhookJsonSchema)) },
  { method: "post", path: "/api/v1/webhooks", tag: "Webhooks", auth: "admin", summary: "Create a webhook; the answer carries its signing secret, once", body: createWebhookSchema, responses: ok("created", webhookWithSecretJsonSchema, 201) },
  { method: "get", path: "/api/v1/webhooks/{id}", tag: "Webhooks", auth: "admin", summary: "One webhook", responses: ok("the webhook", webhookJsonSchema) },
  { method: "put", path: "/api/v1/webhooks/{id}", tag: "Webhooks", auth: "admin", summary: "Change fields; a new or rotated secret is answered once", body: updateWebhookSchema, responses: ok("updated (with `secret` when it changed)", webhookJsonSchema) },
  { method: "delete", path: "/api/v1/webhooks/{id}", tag: "Webhooks", auth: "admin", summary: "Delete a webhook and its outbox", responses: deleted },
  { method: "post", path: "/api/v1/webhooks/{id}/test", tag: "Webhooks", auth: "admin", summary: "Send a webhook.test delivery now; answers the delivery", responses: ok("the delivery", deliveryJsonSchema, 201) },
  { method: "get", path: "/api/v1/webhooks/{id}/deliveries", tag: "Webhooks", auth: "admin", summary: "Delivery log, newest first", query: listDeliveriesQuerySchema, responses: ok("page of deliveries", listJsonSchema(deliveryJsonSchema)) },
];
