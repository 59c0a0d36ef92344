import type { AdPlatformConnector } from './connector';
import { AdPlatformError } from './connector.errors';
import type { ConnectorSettings } from './connector.settings';
import { GoogleAdsConnector } from './google-ads.connector';
import { MetaAdsConnector } from './meta-ads.connector';

/** The connectors by platform: Google Ads and Meta (seed 003 names no list; the design's other platforms have budgets only). */
export class AdPlatformConnectors {
  private readonly byPlatform: ReadonlyMap<string, AdPlatformConnector>;

  constructor(connectors: readonly AdPlatformConnector[]) {
    this.byPlatform = new Map(connectors.map((connector) => [connector.platform, connector]));
  }

  static fromSettings(settings: ConnectorSettings): AdPlatformConnectors {
    return new AdPlatformConnectors([new GoogleAdsConnector(settings), new MetaAdsConnector(settings)]);
  }

  of(platform: string): AdPlatformConnector {
    const connector = this.byPlatform.get(platform);
    if (!connector) throw new AdPlatformError('AD_PLATFORM_NOT_CONFIGURED', `no connector for platform ${platform}`);
    return connector;
  }
}
