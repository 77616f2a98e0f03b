import { describe, expect, it } from "vitest";
import { logoAddressProblem } from "./logo-address";

describe("logoAddressProblem", () => {
  it("allows https on a public host name", () => {
    for (const url of [
      "https://cdn.example.com/logo.png",
      "https://example.com:443/a/b.png?v=2",
      "https://images.example.co.uk./logo.jpg",
      "https://xn--mller-kva.example/logo.png",
    ]) {
      expect(logoAddressProblem(url), url).toBeNull();
    }
  });

  it("refuses every spelling of an IP address, private and public alike", () => {
    for (const url of [
      "https://127.0.0.1/logo.png",
      "https://127.0.0.1:8443/logo.png",
      "https://127.1/logo.png",
      "https://0x7f.1/logo.png",
      "https://0x7f000001/logo.png",
      "https://2130706433/logo.png",
      "https://0177.0.0.1/logo.png",
      "https://169.254.169.254/latest/meta-data/",
      "https://169.254.1.1/logo.png",
      "https://10.0.0.1/logo.png",
      "https://10.255.255.255/logo.png",
      "https://192.168.1.1/logo.png",
      "https://172.16.0.1/logo.png",
      "https://172.31.255.254/logo.png",
      "https://0.0.0.0/logo.png",
      "https://93.184.215.14/logo.png",
      "https://[::1]/logo.png",
      "https://[::]/logo.png",
      "https://[::ffff:127.0.0.1]/logo.png",
      "https://[fc00::1]/logo.png",
      "https://[fd12:3456::1]/logo.png",
      "https://[fe80::1]/logo.png",
      "https://[febf::1]/logo.png",
      "https://[2606:4700::1]/logo.png",
    ]) {
      expect(logoAddressProblem(url), url).toMatch(/IP address/);
    }
  });

  it("refuses local names", () => {
    for (const url of [
      "https://localhost/logo.png",
      "https://localhost./logo.png",
      "https://LOCALHOST/logo.png",
      "https://api.localhost/logo.png",
      "https://a.b.localhost./logo.png",
      "https://printer.local/logo.png",
      "https://metadata.google.internal/logo.png",
      "https://nas.home.arpa/logo.png",
      "https://intranet/logo.png",
      "https://router.lan/logo.png",
    ]) {
      expect(logoAddressProblem(url), url).not.toBeNull();
    }
  });

  it("refuses other schemes, credentials and other ports", () => {
    expect(logoAddressProblem("http://cdn.example.com/logo.png")).toMatch(/https/);
    expect(logoAddressProblem("file:///etc/passwd")).toMatch(/https/);
    expect(logoAddressProblem("data:image/png;base64,AAAA")).toMatch(/https/);
    expect(logoAddressProblem("not a url")).toMatch(/https/);
    expect(logoAddressProblem("https://user:pw@cdn.example.com/l.png")).toMatch(/user name/);
    expect(logoAddressProblem("https://cdn.example.com:8443/l.png")).toMatch(/port/);
  });
});
