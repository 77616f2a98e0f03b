import { Hono } from "hono";
import { AppError } from "../../http/errors";
import { type ApiEnv, apiKeyAuth } from "./auth";
import { limitBody, MAX_JSON_BYTES } from "./body-limit";
import { businessRoutes } from "./business-routes";
import { invoiceActionRoutes } from "./invoice-action-routes";
import { invoiceRoutes } from "./invoice-routes";
import { keyRoutes } from "./key-routes";
import { openApiDocument } from "./openapi";

// The owner API (/api/v1): bearer API keys, JSON in and out, one error shape. The OpenAPI
// document is public; everything else needs a key.
export const apiRoutes = new Hono<ApiEnv>();

apiRoutes.get("/openapi.json", (c) => c.json(openApiDocument()));
apiRoutes.use("*", apiKeyAuth);
apiRoutes.use("*", limitBody(MAX_JSON_BYTES));
apiRoutes.route("/business", businessRoutes);
apiRoutes.route("/keys", keyRoutes);
apiRoutes.route("/invoices", invoiceRoutes);
apiRoutes.route("/invoices", invoiceActionRoutes);
apiRoutes.all("*", () => {
  throw new AppError("not_found", "There is no such endpoint; see /api/v1/openapi.json");
});
