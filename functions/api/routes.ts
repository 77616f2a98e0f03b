import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";

// The owner API (/api/v1).
export const apiRoutes = new Hono<AppEnv>();
