/** The little of npm oidc-provider (which ships no types) that test/oidc-provider.ts uses. */
declare module "oidc-provider" {
  import type { Server } from "node:http";

  type Grant = { addOIDCScope(scope: string): void; save(): Promise<string> };
  export type KoaContextWithOIDC = {
    path: string;
    type: string;
    body: unknown;
    oidc: {
      provider: Provider;
      client?: { clientId: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
    };
  };

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    Grant: {
      new (init: { clientId: string; accountId?: string }): Grant;
      find(id: string): Promise<Grant | undefined>;
    };
    use(middleware: (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>): void;
    listen(port: number, host: string, callback: () => void): Server;
  }
}
