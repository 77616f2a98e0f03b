import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";

// Stripe webhooks (/webhooks/stripe).
export const webhookRoutes = new Hono<AppEnv>();
