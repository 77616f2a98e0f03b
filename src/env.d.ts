/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by the Hono handler that resolved the request; pages only render it. */
    page?: import("../functions/views/page-model").PortalPage;
    /** The owner app's page model, set by its handlers under /app. */
    ownerPage?: import("../functions/views/owner-page-model").OwnerPage;
  }
}
