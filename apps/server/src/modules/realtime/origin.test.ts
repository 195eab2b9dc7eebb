import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin';

describe('originAllowed', () => {
  const pub = 'https://telerad.example.org';

  it("allows a page of the request's own host, default ports included", () => {
    expect(originAllowed('http://127.0.0.1:8080', '127.0.0.1:8080', undefined)).toBe(true);
    expect(originAllowed('http://Telerad.LAN', 'telerad.lan:80', undefined)).toBe(true);
    expect(originAllowed('https://telerad.lan', 'telerad.lan:443', undefined)).toBe(true);
  });

  it('allows the configured public URL behind a proxy that rewrites Host', () => {
    expect(originAllowed('https://telerad.example.org', '10.0.0.5:8080', pub)).toBe(true);
    expect(originAllowed('http://telerad.example.org', '10.0.0.5:8080', pub)).toBe(false);
  });

  it('refuses another port, another host, null and non-web schemes', () => {
    expect(originAllowed('http://127.0.0.1:5173', '127.0.0.1:8080', pub)).toBe(false);
    expect(originAllowed('https://evil.example', 'telerad.lan', pub)).toBe(false);
    expect(originAllowed('null', 'telerad.lan', pub)).toBe(false);
    expect(originAllowed('file://telerad.lan', 'telerad.lan', pub)).toBe(false);
    expect(originAllowed('http://127.0.0.1:8080', undefined, undefined)).toBe(false);
  });

  it('lets a handshake without Origin (a program, not a browser page) through', () => {
    expect(originAllowed(undefined, 'telerad.lan', pub)).toBe(true);
  });
});
