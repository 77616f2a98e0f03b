// The owner app's service worker: it shows the notices the portal pushes and opens the invoice
// when one is tapped. It caches nothing and handles no fetch: every page still comes from the
// Worker, signed in. Registered with scope /app (public/_headers allows that scope).

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

/** Only paths of the owner app are opened, whatever a message says. */
function appUrl(value) {
  const url = new URL(typeof value === "string" ? value : "/app", self.location.origin);
  return url.origin === self.location.origin && /^\/app(\/|$)/.test(url.pathname)
    ? url.href
    : new URL("/app", self.location.origin).href;
}

self.addEventListener("push", (event) => {
  let notice = {};
  try {
    notice = event.data ? event.data.json() : {};
  } catch {
    // Not JSON: shown as plain text below.
    notice = { title: event.data ? event.data.text() : "" };
  }
  const title = typeof notice.title === "string" && notice.title ? notice.title : "Invoices";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof notice.body === "string" ? notice.body : "",
      tag: typeof notice.tag === "string" ? notice.tag : undefined,
      icon: "/app/icon-192.png",
      data: { url: appUrl(notice.url) },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = appUrl(event.notification.data?.url);
  event.waitUntil(
    (async () => {
      // An app window already open goes to the invoice; otherwise a new one opens.
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const client of windows) {
        if (new URL(client.url).pathname.startsWith("/app") && "navigate" in client) {
          await client.focus();
          return client.navigate(target);
        }
      }
      return self.clients.openWindow(target);
    })(),
  );
});
