import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";

// Pay Now (/p/:token/pay).
export const payRoutes = new Hono<AppEnv>();
