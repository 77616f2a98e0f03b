/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by the Hono handler that resolved the request; pages only render it. */
    page?: import("../functions/views/page-model").PortalPage;
  }
}
