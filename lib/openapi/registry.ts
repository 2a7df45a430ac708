import { consoleCodeRoutes } from "@/lib/openapi/routes/console-code";
import { deviceRoutes } from "@/lib/openapi/routes/devices";
import { machineRoutes } from "@/lib/openapi/routes/machine";
import { ruleGroupWebhookRoutes } from "@/lib/openapi/routes/rules-groups-webhooks";
import { settingsRoutes } from "@/lib/openapi/routes/settings";
import { systemRoutes } from "@/lib/openapi/routes/system";
import type { RouteDoc } from "@/lib/openapi/route-doc";

// Every documented route. A new route.ts must be added here (and its path to paths.ts):
// tests/integration/openapi-coverage.test.ts fails until it is.
export const routeDocs: RouteDoc[] = [...machineRoutes, ...systemRoutes, ...deviceRoutes, ...consoleCodeRoutes, ...settingsRoutes, ...ruleGroupWebhookRoutes];
