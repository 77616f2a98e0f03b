import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";

// The invoice PDF (/p/:token/pdf).
export const pdfRoutes = new Hono<AppEnv>();
